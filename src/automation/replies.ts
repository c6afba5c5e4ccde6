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

const mediaUrl = (what: string) =>
  z.string().trim().min(1, `Enter the ${what}`).max(2000, `The ${what} can have at most 2000 characters`).refine(isMediaUrl, `The ${what} must be an https:// address`);

export const quickReplySchema = z.object({
  label: z.string().trim().min(1, "Each quick-reply button needs a label").refine((s) => count(s) <= 20, "Quick-reply labels can have at most 20 characters"),
  text: z.string().trim().min(1).refine((s) => count(s) <= 300, "The text a quick-reply button sends can have at most 300 characters"),
});

export const replyMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string().trim().min(1, "Write the text").refine((s) => count(s) <= TEXT_MAX, `Texts can have at most ${TEXT_MAX} characters`) }),
  z.object({ type: z.literal("sticker"), packageId: z.string(), stickerId: z.string() }).refine((s) => isSendableSticker(s.packageId, s.stickerId), {
    message: "LINE only lets accounts send stickers from its free sticker list (e.g. 446/1988)",
  }),
  z.object({ type: z.literal("image"), url: mediaUrl("image address"), previewUrl: mediaUrl("preview image address") }),
  z.object({ type: z.literal("video"), url: mediaUrl("video address"), previewUrl: mediaUrl("preview image address") }),
  z.object({ type: z.literal("audio"), url: mediaUrl("audio address"), durationMs: z.number().int().positive("Enter the audio length in seconds").max(24 * 3_600_000) }),
  z.object({
    type: z.literal("location"),
    title: z.string().trim().min(1, "Enter the place name").refine((s) => count(s) <= 100, "The place name can have at most 100 characters"),
    address: z.string().trim().min(1, "Enter the address").refine((s) => count(s) <= 100, "The address can have at most 100 characters"),
    latitude: z.number({ error: "Latitude must be a number between -90 and 90" }).min(-90, "Latitude must be between -90 and 90").max(90, "Latitude must be between -90 and 90"),
    longitude: z.number({ error: "Longitude must be a number between -180 and 180" }).min(-180, "Longitude must be between -180 and 180").max(180, "Longitude must be between -180 and 180"),
  }),
  z.object({
    type: z.literal("flex"),
    altText: z.string().trim().min(1, "Flex messages need an alt text (shown in notifications)").refine((s) => count(s) <= 1500, "The alt text can have at most 1500 characters"),
    contents: z.looseObject({ type: z.enum(["bubble", "carousel"], { error: "The flex JSON must be a bubble or a carousel (\"type\": \"bubble\")" }) }),
  }),
  z.object({ type: z.literal("coupon"), couponId: z.string().trim().min(1, "Enter the coupon id").max(100, "Coupon ids can have at most 100 characters").regex(/^[A-Za-z0-9_-]+$/, "Coupon ids contain only letters, digits, - and _") }),
]);
export type ReplyMessage = z.infer<typeof replyMessageSchema>;

export const replyDefinitionSchema = z.object({
  messages: z.array(replyMessageSchema).min(1, "Add at least one message").max(MAX_MESSAGES, `A reply can have at most ${MAX_MESSAGES} messages`),
  quickReplies: z.array(quickReplySchema).max(MAX_QUICK_REPLIES, `At most ${MAX_QUICK_REPLIES} quick-reply buttons`).default([]),
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

function quickReply(buttons: QuickReplyButton[]): messagingApi.QuickReply {
  return { items: buttons.map((b) => ({ type: "action", action: { type: "message", label: b.label, text: b.text } })) };
}

/** The definition with {{variables}} filled into its texts (a text left empty keeps its template). */
export function fillDefinition(def: ReplyDefinition, values: TemplateValues): ReplyDefinition {
  return { ...def, messages: def.messages.map((m) => (m.type === "text" ? { ...m, text: fillTemplate(m.text, values).slice(0, TEXT_MAX) || m.text } : m)) };
}

/** LINE message objects of a filled definition; no `sender`, so the customer sees the account's own name and icon. */
export function toLineMessages(def: ReplyDefinition): LineMessage[] {
  const out: LineMessage[] = def.messages.map((m): LineMessage => {
    switch (m.type) {
      case "text":
        return { type: "text", text: m.text };
      case "sticker":
        return { type: "sticker", packageId: m.packageId, stickerId: m.stickerId };
      case "image":
        return { type: "image", originalContentUrl: m.url, previewImageUrl: m.previewUrl };
      case "video":
        return { type: "video", originalContentUrl: m.url, previewImageUrl: m.previewUrl };
      case "audio":
        return { type: "audio", originalContentUrl: m.url, duration: m.durationMs };
      case "location":
        return { type: "location", title: m.title, address: m.address, latitude: m.latitude, longitude: m.longitude };
      case "flex":
        return { type: "flex", altText: m.altText, contents: m.contents as unknown as messagingApi.FlexContainer };
      case "coupon":
        return { type: "coupon", couponId: m.couponId };
    }
  });
  const last = out[out.length - 1];
  if (last && def.quickReplies.length) last.quickReply = quickReply(def.quickReplies);
  return out;
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
