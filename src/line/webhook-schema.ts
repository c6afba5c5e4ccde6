// zod schemas for LINE webhook bodies, following ../shared/line-openapi/webhook.yml.
// Every known event type is parsed strictly enough to render it; anything else
// (new LINE event or message types, odd shapes) falls through to `unknown` and is
// stored raw and shown as unsupported — never rejected.
import { z } from "zod";

const userSource = z.object({ type: z.literal("user"), userId: z.string().optional() });
const groupSource = z.object({ type: z.literal("group"), groupId: z.string(), userId: z.string().optional() });
const roomSource = z.object({ type: z.literal("room"), roomId: z.string(), userId: z.string().optional() });
export const sourceSchema = z.discriminatedUnion("type", [userSource, groupSource, roomSource]);
export type LineSource = z.infer<typeof sourceSchema>;

const baseEvent = {
  timestamp: z.number().int(),
  mode: z.enum(["active", "standby"]),
  webhookEventId: z.string().min(1).max(64),
  deliveryContext: z.object({ isRedelivery: z.boolean() }),
  source: sourceSchema.optional(),
};

const contentProvider = z.object({
  type: z.enum(["line", "external"]),
  originalContentUrl: z.string().optional(),
  previewImageUrl: z.string().optional(),
});

export const emojiSchema = z.object({
  index: z.number().int(),
  length: z.number().int(),
  productId: z.string(),
  emojiId: z.string(),
});
export type LineEmoji = z.infer<typeof emojiSchema>;

const mentioneeSchema = z.object({
  type: z.string(),
  index: z.number().int(),
  length: z.number().int(),
  userId: z.string().optional(),
  isSelf: z.boolean().optional(),
});

const common = { id: z.string(), markAsReadToken: z.string().optional(), quoteToken: z.string().optional() };

const textContent = z.object({
  type: z.literal("text"),
  ...common,
  text: z.string(),
  emojis: z.array(emojiSchema).optional(),
  mention: z.object({ mentionees: z.array(mentioneeSchema) }).optional(),
  quotedMessageId: z.string().optional(),
});
const imageContent = z.object({
  type: z.literal("image"),
  ...common,
  contentProvider,
  imageSet: z.object({ id: z.string(), index: z.number().int().optional(), total: z.number().int().optional() }).optional(),
});
const videoContent = z.object({ type: z.literal("video"), ...common, duration: z.number().optional(), contentProvider });
const audioContent = z.object({ type: z.literal("audio"), ...common, duration: z.number().optional(), contentProvider });
const fileContent = z.object({ type: z.literal("file"), ...common, fileName: z.string(), fileSize: z.number() });
const locationContent = z.object({
  type: z.literal("location"),
  ...common,
  title: z.string().optional(),
  address: z.string().optional(),
  latitude: z.number(),
  longitude: z.number(),
});
const stickerContent = z.object({
  type: z.literal("sticker"),
  ...common,
  packageId: z.string(),
  stickerId: z.string(),
  stickerResourceType: z.string(),
  keywords: z.array(z.string()).optional(),
  text: z.string().optional(),
  quotedMessageId: z.string().optional(),
});

export const messageContentSchema = z.discriminatedUnion("type", [
  textContent,
  imageContent,
  videoContent,
  audioContent,
  fileContent,
  locationContent,
  stickerContent,
]);
export type LineMessageContent = z.infer<typeof messageContentSchema>;

const membersSchema = z.object({ members: z.array(userSource) });

export const knownEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("message"), ...baseEvent, replyToken: z.string().optional(), message: messageContentSchema }),
  z.object({ type: z.literal("unsend"), ...baseEvent, unsend: z.object({ messageId: z.string() }) }),
  z.object({ type: z.literal("follow"), ...baseEvent, replyToken: z.string(), follow: z.object({ isUnblocked: z.boolean() }) }),
  z.object({ type: z.literal("unfollow"), ...baseEvent }),
  z.object({ type: z.literal("join"), ...baseEvent, replyToken: z.string() }),
  z.object({ type: z.literal("leave"), ...baseEvent }),
  z.object({ type: z.literal("memberJoined"), ...baseEvent, replyToken: z.string(), joined: membersSchema }),
  z.object({ type: z.literal("memberLeft"), ...baseEvent, left: membersSchema }),
  z.object({
    type: z.literal("postback"),
    ...baseEvent,
    replyToken: z.string().optional(),
    postback: z.object({ data: z.string(), params: z.record(z.string(), z.unknown()).optional() }),
  }),
  z.object({
    type: z.literal("videoPlayComplete"),
    ...baseEvent,
    replyToken: z.string(),
    videoPlayComplete: z.object({ trackingId: z.string() }),
  }),
  z.object({
    type: z.literal("beacon"),
    ...baseEvent,
    replyToken: z.string(),
    beacon: z.object({ hwid: z.string(), type: z.string(), dm: z.string().optional() }),
  }),
  z.object({
    type: z.literal("accountLink"),
    ...baseEvent,
    replyToken: z.string().optional(),
    link: z.object({ result: z.enum(["ok", "failed"]), nonce: z.string() }),
  }),
  z.object({
    type: z.literal("membership"),
    ...baseEvent,
    replyToken: z.string(),
    membership: z.object({ type: z.string(), membershipId: z.number().int() }),
  }),
]);
export type KnownEvent = z.infer<typeof knownEventSchema>;

/** The envelope every event shares; enough to route and dedupe an event we cannot fully parse. */
const envelopeSchema = z.object({
  type: z.string().min(1),
  ...baseEvent,
  replyToken: z.string().optional(),
});

export type ParsedEvent =
  // A known event carries only its parsed form: it crosses to its conversation by RPC, and
  // nothing reads the raw one (a copy of it doubled what every hand-off cloned).
  | { kind: "known"; event: KnownEvent }
  | { kind: "unknown"; type: string; envelope: z.infer<typeof envelopeSchema> | null; raw: unknown };

export const callbackBodySchema = z.object({
  destination: z.string().max(64),
  events: z.array(z.unknown()).max(1000),
});

/** Parses one raw event: known when it fits its schema, otherwise kept as unknown (raw). */
export function parseEvent(raw: unknown): ParsedEvent {
  const known = knownEventSchema.safeParse(raw);
  if (known.success) return { kind: "known", event: known.data };
  const envelope = envelopeSchema.safeParse(raw);
  const type = envelope.success
    ? envelope.data.type
    : typeof raw === "object" && raw !== null && "type" in raw && typeof raw.type === "string"
      ? raw.type
      : "unknown";
  return { kind: "unknown", type, envelope: envelope.success ? envelope.data : null, raw };
}
