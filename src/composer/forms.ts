// zod schemas for every composer form, with the messages the agent sees when a
// field is wrong (the routes answer 422 with the first one). Limits are LINE's:
// text ≤ 5000, ≤ 13 quick-reply buttons with labels ≤ 20 characters and texts
// ≤ 300, location title/address ≤ 100. Messages are functions (t() runs per
// request, in the agent's language).
import { z } from "zod";
import { MAX_TEXT_LENGTH } from "../conversations/service";
import { t } from "../ui/i18n";
import { isSendableSticker } from "./stickers";

export const MAX_QUICK_REPLIES = 13;
export const QUICK_REPLY_LABEL_MAX = 20;
export const QUICK_REPLY_TEXT_MAX = 300;
export const LOCATION_FIELD_MAX = 100;

/** Characters as LINE counts them (code points, so an emoji is one). */
export function charCount(s: string): number {
  return [...s].length;
}

/** A form value as strings: parseBody({ all: true }) gives a string, a File or an array of both. */
function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => (typeof v === "string" ? v : ""));
}

/** The last string of a (possibly repeated) field, or undefined. */
function single(value: unknown): string | undefined {
  const list = strings(value);
  return list.length ? list[list.length - 1] : undefined;
}

const blankToUndefined = (v: unknown) => {
  const s = single(v)?.trim();
  return s ? s : undefined;
};

/**
 * True for a text that is only the canned-reply prefix ("/", or the full-width
 * "／" a Japanese or Chinese keyboard types): the agent meant to open the list,
 * and sending it would push a lone slash to the customer (a paid message).
 */
export function isLoneCommandPrefix(text: string): boolean {
  return /^[/／]$/.test(text.trim());
}

const expiredQuote = { error: () => t("composer.form.quoteExpired") };

/** LINE's quote tokens are opaque base64-like strings. */
const quoteToken = z.preprocess(blankToUndefined, z.string().max(500, expiredQuote).regex(/^[A-Za-z0-9._~+/=-]+$/, expiredQuote).optional());

export const textForm = z
  .object({
    // Browsers send CRLF line breaks; LINE counts characters, so normalise before measuring.
    text: z.preprocess(
      (t) => (single(t) ?? "").replace(/\r\n/g, "\n"),
      z
        .string()
        .trim()
        .min(1, { error: () => t("composer.form.textEmpty") })
        .max(MAX_TEXT_LENGTH, { error: () => t("composer.form.textTooLong", { max: MAX_TEXT_LENGTH }) })
        .refine((s) => !isLoneCommandPrefix(s), { error: () => t("composer.form.lonePrefix") }),
    ),
    quoteToken,
    quotedMessageId: z.preprocess(blankToUndefined, z.string().regex(/^\d{1,30}$/, expiredQuote).optional()),
    /** Shown above the textarea again after an error; never sent to LINE. */
    quoteText: z.preprocess(blankToUndefined, z.string().max(300).optional()),
    qrLabel: z.preprocess(strings, z.array(z.string())),
    qrText: z.preprocess(strings, z.array(z.string())),
  })
  .transform((form, ctx) => {
    const rows: Array<{ label: string; text: string }> = [];
    const count = Math.max(form.qrLabel.length, form.qrText.length);
    for (let i = 0; i < count; i++) {
      const label = (form.qrLabel[i] ?? "").trim();
      const text = (form.qrText[i] ?? "").replace(/\r\n/g, "\n").trim();
      if (!label && !text) continue; // an unused row
      const n = rows.length + 1;
      if (!label) ctx.addIssue({ code: "custom", message: t("composer.form.qrLabelMissing", { n }) });
      else if (charCount(label) > QUICK_REPLY_LABEL_MAX) ctx.addIssue({ code: "custom", message: t("composer.form.qrLabelTooLong", { n, max: QUICK_REPLY_LABEL_MAX }) });
      else if (charCount(text) > QUICK_REPLY_TEXT_MAX) ctx.addIssue({ code: "custom", message: t("composer.form.qrTextTooLong", { n, max: QUICK_REPLY_TEXT_MAX }) });
      // A button without its own text sends its label, as LINE's own editor does.
      rows.push({ label, text: text || label });
    }
    if (rows.length > MAX_QUICK_REPLIES) ctx.addIssue({ code: "custom", message: t("composer.form.qrTooMany", { max: MAX_QUICK_REPLIES, count: rows.length }) });
    return { text: form.text, quoteToken: form.quoteToken, quotedMessageId: form.quotedMessageId, quoteText: form.quoteText, quickReplies: rows };
  });
export type TextForm = z.infer<typeof textForm>;

export const stickerForm = z.object({
  sticker: z.preprocess(
    (v) => single(v) ?? "",
    z
      .string()
      .regex(/^\d{1,12}\/\d{1,12}$/, { error: () => t("composer.form.stickerMissing") })
      .refine(
        (s) => {
          const [pkg = "", id = ""] = s.split("/");
          return isSendableSticker(pkg, id);
        },
        { error: () => t("composer.form.stickerNotFree") },
      ),
  ),
  quoteToken,
});

function coordinate(field: "latitude" | "longitude", max: number) {
  const range = { error: () => t(`composer.form.${field}.range`, { max }) };
  return z.preprocess(
    (v) => {
      const s = single(v)?.trim().replace(",", ".");
      return s ? Number(s) : undefined;
    },
    z.number({ error: (issue) => (issue.input === undefined ? t(`composer.form.${field}.missing`) : t(`composer.form.${field}.range`, { max })) }).min(-max, range).max(max, range),
  );
}

function limitedText(field: "title" | "address") {
  return z.preprocess(
    (v) => single(v)?.trim() ?? "",
    z
      .string()
      .min(1, { error: () => t(`composer.form.${field}.missing`) })
      .refine((s) => charCount(s) <= LOCATION_FIELD_MAX, { error: () => t(`composer.form.${field}.tooLong`, { max: LOCATION_FIELD_MAX }) }),
  );
}

export const locationForm = z.object({
  title: limitedText("title"),
  address: limitedText("address"),
  latitude: coordinate("latitude", 90),
  longitude: coordinate("longitude", 180),
});
export type LocationForm = z.infer<typeof locationForm>;

/** The small fields that come with an upload (the file itself is streamed, see media-routes). */
export const mediaFields = z.object({
  asFile: z.preprocess(blankToUndefined, z.enum(["1", "on"]).optional()),
  /** Filled by composer.js from the audio element; no-JS forms send durationSec instead. */
  durationMs: z.preprocess(blankToUndefined, z.coerce.number().int().positive().max(24 * 3_600_000).optional()),
  durationSec: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: () => t("composer.form.audioLength") })
      .positive({ error: () => t("composer.form.audioLength") })
      .max(24 * 3600)
      .optional(),
  ),
});

export const cannedQuery = z.object({ q: z.string().max(50).default("") });

/** The first problem as one sentence for the 422 fragment. */
export function firstIssue(error: z.ZodError, fallback?: string): string {
  return error.issues[0]?.message ?? fallback ?? t("composer.form.check");
}
