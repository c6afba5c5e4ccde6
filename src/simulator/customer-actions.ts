// What a customer can do on the simulator's phone (send text, a sticker, a location,
// media, tap a postback button; create users and groups), validated with zod whether it
// arrives as a plain HTML form or as JSON.
// Messages are functions so they speak the language of the request being validated.
import { z } from "zod";
import { t } from "../ui/i18n";
import { LANGUAGES } from "./types";

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const tooLong = (max: number) => ({ error: () => t("simulator.error.tooLong", { max }) });
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, tooLong(max)).optional());
const actor = z.preprocess(blankToUndefined, z.string().regex(/^U[0-9a-f]{32}$/, { error: () => t("simulator.error.unknownUser") }).optional());
const numericId = z.string().regex(/^\d+$/, { error: () => t("simulator.error.numeric") });
const coordinate = (limit: number, key: "simulator.error.latitude" | "simulator.error.longitude") =>
  z.coerce.number({ error: () => t(key) }).min(-limit, { error: () => t(key) }).max(limit, { error: () => t(key) });

export const customerActionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), as: actor, text: z.string().trim().min(1, { error: () => t("simulator.error.typeMessage") }).max(5000, tooLong(5000)) }),
  z.object({ kind: z.literal("sticker"), as: actor, packageId: numericId, stickerId: numericId }),
  z.object({
    kind: z.literal("location"),
    as: actor,
    title: optionalText(100),
    address: optionalText(100),
    latitude: coordinate(90, "simulator.error.latitude"),
    longitude: coordinate(180, "simulator.error.longitude"),
  }),
  z.object({
    kind: z.literal("postback"),
    as: actor,
    data: z.string().max(300),
    displayText: optionalText(300),
    /** Set by datetime-picker buttons: the picked value goes to `postback.params`. */
    mode: z.preprocess(blankToUndefined, z.enum(["date", "time", "datetime"]).optional()),
    value: optionalText(40),
  }),
]);
export type CustomerAction = z.infer<typeof customerActionSchema>;

/** A file the customer attached: image, video and audio become those message types, anything else a file message. */
export interface MediaUpload {
  kind: "media";
  as?: string;
  bytes: ArrayBuffer;
  contentType: string;
  fileName: string;
  /** Milliseconds, measured by the page for video and audio. */
  duration?: number;
}

export type PhoneAction = CustomerAction | MediaUpload;

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const mediaFieldsSchema = z.object({
  as: actor,
  file: z
    .instanceof(File, { error: () => t("simulator.error.chooseFile") })
    .refine((f) => f.size > 0, { error: () => t("simulator.error.emptyFile") })
    .refine((f) => f.size <= MAX_UPLOAD_BYTES, { error: () => t("simulator.error.fileTooBig") }),
  duration: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(86_400_000).optional()),
});

export const newUserSchema = z.object({
  displayName: z.string().trim().min(1, { error: () => t("simulator.error.nameCustomer") }).max(20, tooLong(20)),
  language: z.enum(LANGUAGES).default("en"),
  statusMessage: optionalText(100),
});
export type NewUser = z.infer<typeof newUserSchema>;

export const newGroupSchema = z.object({
  name: z.string().trim().min(1, { error: () => t("simulator.error.nameGroup") }).max(50, tooLong(50)),
  type: z.enum(["group", "room"]).default("group"),
  memberIds: z.preprocess(
    (v) => (Array.isArray(v) ? v : v === undefined || v === "" ? [] : [v]),
    z.array(z.string().regex(/^U[0-9a-f]{32}$/)).min(1, { error: () => t("simulator.error.pickMembers") }).max(20),
  ),
});
export type NewGroup = z.infer<typeof newGroupSchema>;

/** Turns a form body (`c.req.parseBody({ all: true })`) into a plain object for zod. */
export function formToObject(form: Record<string, string | File | Array<string | File>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) out[key.replace(/\[\]$/, "")] = value;
  return out;
}

/** The `params` LINE sends for a datetime-picker postback. */
export function postbackParams(action: Extract<CustomerAction, { kind: "postback" }>): Record<string, string> | undefined {
  if (!action.mode) return undefined;
  const now = new Date();
  const date = now.toISOString().slice(0, 10);
  const time = now.toISOString().slice(11, 16);
  const fallback = action.mode === "date" ? date : action.mode === "time" ? time : `${date}T${time}`;
  return { [action.mode]: action.value ?? fallback };
}
