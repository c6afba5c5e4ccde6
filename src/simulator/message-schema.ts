// zod schemas for the fake Messaging API's request bodies, following messaging-api.yml
// and the limits LINE documents (text ≤ 5000, 1–5 messages, ≤ 13 quick replies...).
// Failures become LINE-style `details` (`{ message, property: "messages[0].text" }`).
import { z } from "zod";

const MESSAGE_TYPES = ["text", "textV2", "sticker", "image", "video", "audio", "location", "imagemap", "template", "flex", "coupon"];

function isMediaUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === "https:") return true;
    // Local media is served over plain http by `wrangler dev`; LINE itself only takes https.
    return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

const url = z.string().max(2000, "Length must be between 0 and 2000").refine(isMediaUrl, "must be a valid HTTPS URL");
const label = z.string().min(1, "May not be empty").max(20, "Length must be between 1 and 20");
const postbackData = z.string().max(300, "Length must be between 0 and 300");

/** A LINE action (quick replies, template and flex buttons). */
export const actionSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("message"), label, text: z.string().min(1, "May not be empty").max(300) }),
  z.looseObject({
    type: z.literal("postback"),
    label,
    data: postbackData,
    displayText: z.string().min(1).max(300).optional(),
    text: z.string().max(300).optional(),
    inputOption: z.enum(["closeRichMenu", "openRichMenu", "openKeyboard", "openVoice"]).optional(),
    fillInText: z.string().max(300).optional(),
  }),
  z.looseObject({ type: z.literal("uri"), label, uri: z.string().min(1).max(1000) }),
  z.looseObject({
    type: z.literal("datetimepicker"),
    label,
    data: postbackData,
    mode: z.enum(["date", "time", "datetime"]),
    initial: z.string().optional(),
    max: z.string().optional(),
    min: z.string().optional(),
  }),
  z.looseObject({ type: z.literal("camera"), label }),
  z.looseObject({ type: z.literal("cameraRoll"), label }),
  z.looseObject({ type: z.literal("location"), label }),
  z.looseObject({ type: z.literal("clipboard"), label, clipboardText: z.string().min(1).max(1000) }),
  z.looseObject({ type: z.literal("richmenuswitch"), label: label.optional(), data: postbackData, richMenuAliasId: z.string().max(32) }),
]);
export type QuickReplyAction = z.infer<typeof actionSchema>;

const quickReplySchema = z.object({
  items: z
    .array(z.object({ type: z.literal("action"), imageUrl: url.optional(), action: actionSchema }))
    .min(1, "Size must be between 1 and 13")
    .max(13, "Size must be between 1 and 13"),
});

const senderSchema = z.object({
  name: z
    .string()
    .min(1, "May not be empty")
    .max(20, "Length must be between 1 and 20")
    .refine((name) => !/\bLINE\b/i.test(name), "must not contain the word LINE")
    .optional(),
  iconUrl: url.optional(),
});

const common = { quickReply: quickReplySchema.optional(), sender: senderSchema.optional() };
const altText = z.string().min(1, "May not be empty").max(1500, "Length must be between 1 and 1500");
const id = z.string().regex(/^\d+$/, "must be a numeric string");

const outboundEmoji = z.object({ index: z.number().int().min(0), productId: z.string().min(1), emojiId: z.string().min(1) });

const textMessage = z
  .looseObject({
    type: z.literal("text"),
    ...common,
    text: z.string().min(1, "May not be empty").max(5000, "Length must be between 1 and 5000"),
    emojis: z.array(outboundEmoji).max(20, "Size must be between 0 and 20").optional(),
    quoteToken: z.string().optional(),
  })
  .superRefine((m, ctx) => {
    // LINE emoji are placed on `$` characters of the text.
    m.emojis?.forEach((e, i) => {
      if (m.text[e.index] !== "$") ctx.addIssue({ code: "custom", message: "must point to a $ character", path: ["emojis", i, "index"] });
    });
  });

export const outboundMessageSchema = z.discriminatedUnion(
  "type",
  [
    textMessage,
    z.looseObject({
      type: z.literal("textV2"),
      ...common,
      text: z.string().min(1, "May not be empty").max(5000, "Length must be between 1 and 5000"),
      substitution: z.record(z.string(), z.looseObject({ type: z.enum(["mention", "emoji"]) })).optional(),
      quoteToken: z.string().optional(),
    }),
    z.looseObject({ type: z.literal("sticker"), ...common, packageId: id, stickerId: id, quoteToken: z.string().optional() }),
    z.looseObject({ type: z.literal("image"), ...common, originalContentUrl: url, previewImageUrl: url }),
    z.looseObject({ type: z.literal("video"), ...common, originalContentUrl: url, previewImageUrl: url, trackingId: z.string().max(100).optional() }),
    z.looseObject({ type: z.literal("audio"), ...common, originalContentUrl: url, duration: z.number().int().positive("must be a positive number") }),
    z.looseObject({
      type: z.literal("location"),
      ...common,
      title: z.string().min(1, "May not be empty").max(100, "Length must be between 1 and 100"),
      address: z.string().min(1, "May not be empty").max(100, "Length must be between 1 and 100"),
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
    }),
    z.looseObject({ type: z.literal("imagemap"), ...common, baseUrl: url, altText, baseSize: z.looseObject({}), actions: z.array(z.looseObject({})) }),
    z.looseObject({
      type: z.literal("template"),
      ...common,
      altText,
      template: z.looseObject({ type: z.enum(["buttons", "confirm", "carousel", "image_carousel"]) }),
    }),
    z.looseObject({ type: z.literal("flex"), ...common, altText, contents: z.looseObject({ type: z.enum(["bubble", "carousel"]) }) }),
    z.looseObject({ type: z.literal("coupon"), ...common, couponId: z.string().min(1) }),
  ],
  { error: () => `must be one of the following values: [${MESSAGE_TYPES.join(", ")}]` },
);
/** A message object the business sent, as validated (unknown extra fields kept). */
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

const messages = z
  .array(outboundMessageSchema)
  .min(1, "Size must be between 1 and 5")
  .max(5, "Size must be between 1 and 5");

export const replyRequestSchema = z.object({
  replyToken: z.string().min(1, "May not be empty"),
  messages,
  notificationDisabled: z.boolean().optional(),
});

export const pushRequestSchema = z.object({
  to: z.string().min(1, "May not be empty"),
  messages,
  notificationDisabled: z.boolean().optional(),
  customAggregationUnits: z.array(z.string()).max(1).optional(),
});

export const loadingRequestSchema = z.object({
  chatId: z.string().min(1, "May not be empty"),
  loadingSeconds: z
    .number()
    .int()
    .min(5, "must be between 5 and 60")
    .max(60, "must be between 5 and 60")
    .refine((s) => s % 5 === 0, "must be a multiple of 5")
    .optional(),
});

export const markAsReadRequestSchema = z.object({ markAsReadToken: z.string().min(1, "May not be empty") });

export interface ErrorDetail {
  message: string;
  property: string;
}

/** `["messages", 0, "text"]` → `messages[0].text`, LINE's property notation. */
export function propertyPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export type ParseOutcome<T> = { ok: true; data: T } | { ok: false; message: string; details: ErrorDetail[] };

/** Validates a request body and answers with LINE's wording when it does not fit. */
export function parseLineRequest<T>(schema: z.ZodType<T>, body: unknown): ParseOutcome<T> {
  const result = schema.safeParse(body, {
    error: (issue) => {
      if (issue.code === "invalid_type") return issue.input === undefined ? "must be specified" : `must be of type ${issue.expected}`;
      if (issue.code === "too_small" || issue.code === "too_big") return "Value is out of range";
      return undefined;
    },
  });
  if (result.success) return { ok: true, data: result.data };
  const details = result.error.issues.map((issue) => ({ message: issue.message, property: propertyPath(issue.path) }));
  return { ok: false, message: `The request body has ${details.length} error(s)`, details };
}
