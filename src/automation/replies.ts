// What an automation sends: 1–5 message definitions of any type an agent can
// send (text, sticker, image, video, audio, location, flex, coupon) plus
// quick-reply buttons on the last one, validated with LINE's limits; turned
// into LINE message objects (with {{variables}} filled in) and into the one
// body the thread shows for them.
import type { messagingApi } from "@line/bot-sdk";
import { z } from "zod";
import { isSendableSticker } from "../composer/stickers";
import type { MessageBody, QuickReplyButton } from "../conversations/model";
import { previewText } from "../conversations/model";
import type { LineMessage } from "../line/client";
import * as line from "../line/messages";
import { type MessageKey, type Params, t } from "../ui/i18n";

/** A zod message in the reader's language (evaluated when a value fails, never at module load). */
const msg = (key: MessageKey, params?: Params) => ({ error: () => t(key, params) });

export const TEXT_MAX = 5000;
export const MAX_MESSAGES = 5;
export const MAX_QUICK_REPLIES = 13;
export const FLEX_JSON_MAX = 30_000;

const count = (s: string) => [...s].length;

function isMediaUrl(value: string): boolean {
  try {
    const url = new URL(value);
    // LINE fetches media over HTTPS only; plain http is for local development.
    return url.protocol === "https:" || (url.protocol === "http:" && ["127.0.0.1", "localhost"].includes(url.hostname));
  } catch {
    return false;
  }
}

const mediaUrl = () =>
  z.string().trim().min(1, msg("automation.invalid.url")).max(2000, msg("automation.invalid.urlLong", { max: 2000 })).refine(isMediaUrl, msg("automation.invalid.urlHttps"));

export const quickReplySchema = z.object({
  label: z.string().trim().min(1, msg("automation.invalid.buttonLabel")).refine((s) => count(s) <= 20, msg("automation.invalid.buttonLabelLong", { max: 20 })),
  text: z.string().trim().min(1, msg("automation.invalid.buttonText")).refine((s) => count(s) <= 300, msg("automation.invalid.buttonTextLong", { max: 300 })),
});

export const replyMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string().trim().min(1, msg("automation.invalid.text")).refine((s) => count(s) <= TEXT_MAX, msg("automation.invalid.textMax", { max: TEXT_MAX })) }),
  z.object({ type: z.literal("sticker"), packageId: z.string(), stickerId: z.string() }).refine((s) => isSendableSticker(s.packageId, s.stickerId), msg("automation.invalid.sticker")),
  z.object({ type: z.literal("image"), url: mediaUrl(), previewUrl: mediaUrl() }),
  z.object({ type: z.literal("video"), url: mediaUrl(), previewUrl: mediaUrl() }),
  z.object({ type: z.literal("audio"), url: mediaUrl(), durationMs: z.number().int().positive(msg("automation.invalid.duration")).max(24 * 3_600_000) }),
  z.object({
    type: z.literal("location"),
    title: z.string().trim().min(1, msg("automation.invalid.place")).refine((s) => count(s) <= 100, msg("automation.invalid.placeLong", { max: 100 })),
    address: z.string().trim().min(1, msg("automation.invalid.address")).refine((s) => count(s) <= 100, msg("automation.invalid.addressLong", { max: 100 })),
    latitude: z.number(msg("automation.invalid.latitude")).min(-90, msg("automation.invalid.latitude")).max(90, msg("automation.invalid.latitude")),
    longitude: z.number(msg("automation.invalid.longitude")).min(-180, msg("automation.invalid.longitude")).max(180, msg("automation.invalid.longitude")),
  }),
  z.object({
    type: z.literal("flex"),
    altText: z.string().trim().min(1, msg("automation.invalid.alt")).refine((s) => count(s) <= 1500, msg("automation.invalid.altLong", { max: 1500 })),
    contents: z.looseObject({ type: z.enum(["bubble", "carousel"], msg("automation.invalid.flexType")) }),
  }),
  z.object({
    type: z.literal("coupon"),
    couponId: z.string().trim().min(1, msg("automation.invalid.coupon")).max(100, msg("automation.invalid.couponLong", { max: 100 })).regex(/^[A-Za-z0-9_-]+$/, msg("automation.invalid.couponChars")),
  }),
]);
export type ReplyMessage = z.infer<typeof replyMessageSchema>;

export const replyDefinitionSchema = z.object({
  messages: z.array(replyMessageSchema).min(1, msg("automation.invalid.noMessage")).max(MAX_MESSAGES, msg("automation.invalid.tooManyMessages", { max: MAX_MESSAGES })),
  quickReplies: z.array(quickReplySchema).max(MAX_QUICK_REPLIES, {
      error: (issue) => t("automation.invalid.tooManyButtons", { max: MAX_QUICK_REPLIES, count: Array.isArray(issue.input) ? issue.input.length : MAX_QUICK_REPLIES + 1 }),
    }).default([]),
});
export type ReplyDefinition = z.infer<typeof replyDefinitionSchema>;

export interface TemplateValues {
  contactName?: string | null;
  channelName?: string | null;
  nextOpen?: string | null;
  position?: number | null;
  wait?: string | null;
}

export const TEMPLATE_VARIABLES = ["{{contact.name}}", "{{channel.name}}", "{{next_open}}", "{{position}}", "{{wait}}"] as const;

/** Fills {{contact.name}}, {{channel.name}}, {{next_open}}, {{position}} and {{wait}}; unknown ones stay as written. */
export function fillTemplate(text: string, v: TemplateValues): string {
  const values: Record<string, string | null | undefined> = {
    "contact.name": v.contactName,
    "channel.name": v.channelName,
    next_open: v.nextOpen,
    position: v.position == null ? null : String(v.position),
    wait: v.wait,
  };
  // An unknown value (no name yet) takes the space before it along: "Hi {{contact.name}}!" → "Hi!".
  return text
    .replace(/([ \t]*)\{\{\s*([a-z_.]+)\s*\}\}/g, (whole, space: string, key: string) => {
      if (!(key in values)) return whole;
      const value = values[key];
      return value ? `${space}${value}` : "";
    })
    .trim();
}

/** The definition with {{variables}} filled into its texts (a text left empty keeps its template). */
export function fillDefinition(def: ReplyDefinition, values: TemplateValues): ReplyDefinition {
  return { ...def, messages: def.messages.map((m) => (m.type === "text" ? { ...m, text: fillTemplate(m.text, values).slice(0, TEXT_MAX) || m.text } : m)) };
}

/** LINE message objects of a filled definition; no `sender`, so the customer sees the account's own name and icon. */
export function toLineMessages(def: ReplyDefinition): LineMessage[] {
  const out = def.messages.map((m): LineMessage => {
    switch (m.type) {
      case "text":
        return line.textMessage(m.text);
      case "sticker":
        return line.stickerMessage(m.packageId, m.stickerId);
      case "image":
        return line.imageMessage(m.url, m.previewUrl);
      case "video":
        return line.videoMessage(m.url, m.previewUrl);
      case "audio":
        return line.audioMessage(m.url, m.durationMs);
      case "location":
        return line.locationMessage({ title: m.title, address: m.address, latitude: m.latitude, longitude: m.longitude });
      case "flex":
        return line.flexMessage(m.altText, m.contents as unknown as messagingApi.FlexContainer);
      case "coupon":
        return line.couponMessage(m.couponId);
    }
  });
  return line.withQuickReplies(out, line.messageChoices(def.quickReplies));
}

/** The thread body of one message (flex and coupon as a labelled text). */
function bodyOf(m: ReplyMessage): MessageBody {
  switch (m.type) {
    case "text":
      return { type: "text", text: m.text };
    case "sticker":
      return { type: "sticker", packageId: m.packageId, stickerId: m.stickerId };
    case "image":
      return { type: "image", externalUrl: m.url, previewUrl: m.previewUrl };
    case "video":
      return { type: "video", externalUrl: m.url, previewUrl: m.previewUrl };
    case "audio":
      return { type: "audio", externalUrl: m.url, durationMs: m.durationMs };
    case "location":
      return { type: "location", title: m.title, address: m.address, latitude: m.latitude, longitude: m.longitude };
    case "flex":
      return { type: "text", text: `[Flex] ${m.altText}` };
    case "coupon":
      return { type: "text", text: `[Coupon] ${m.couponId}` };
  }
}

/**
 * What the thread shows for a send: the message itself when there is one,
 * else a text with one line per message (the thread keeps one bubble per LINE call).
 */
export function previewOf(messages: ReplyMessage[], quickReplies: QuickReplyButton[]): MessageBody {
  const bodies = messages.map(bodyOf);
  const buttons = quickReplies.length ? { quickReplies } : {};
  if (bodies.length === 1 && bodies[0]) {
    const only = bodies[0];
    return only.type === "text" ? { ...only, ...buttons } : quickReplies.length ? { type: "text", text: previewText(only), ...buttons } : only;
  }
  return { type: "text", text: bodies.map((b) => (b.type === "text" ? b.text : previewText(b))).join("\n"), ...buttons };
}

/** A single text message (away, greeting, queue...) as a definition. */
export function textReply(text: string, quickReplies: QuickReplyButton[] = []): ReplyDefinition {
  return { messages: [{ type: "text", text }], quickReplies };
}
