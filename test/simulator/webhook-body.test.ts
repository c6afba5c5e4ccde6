// buildWebhookBody produces bodies that match webhook.yml (checked with a zod transcription
// of its required fields) and signatures that verify with the channel secret.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { verifySignature } from "../../src/lib/crypto";
import { asRedelivery, buildWebhookBody, buildWebhookEvent, signWebhookBody } from "../../src/simulator/webhook-body";

// Transcribed from shared/line-openapi/webhook.yml: CallbackRequest, Event, Source and
// the message/follow/postback/join event types with their `required` lists.
const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);
const source = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user"), userId: z.string().regex(/^U[0-9a-f]{32}$/) }),
  z.object({ type: z.literal("group"), groupId: z.string(), userId: z.string().optional() }),
  z.object({ type: z.literal("room"), roomId: z.string(), userId: z.string().optional() }),
]);
const base = {
  timestamp: z.number().int(),
  mode: z.enum(["active", "standby"]),
  webhookEventId: ulid,
  deliveryContext: z.object({ isRedelivery: z.boolean() }).strict(),
  source,
};
const id = z.string().regex(/^\d+$/);
const message = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), id, text: z.string(), quoteToken: z.string().min(1), markAsReadToken: z.string().optional(),
    emojis: z.array(z.object({ index: z.number().int(), length: z.number().int(), productId: z.string(), emojiId: z.string() })).optional() }).strict(),
  z.object({ type: z.literal("sticker"), id, packageId: z.string(), stickerId: z.string(), quoteToken: z.string().min(1), markAsReadToken: z.string().optional(),
    stickerResourceType: z.enum(["STATIC", "ANIMATION", "SOUND", "ANIMATION_SOUND", "POPUP", "POPUP_SOUND", "CUSTOM", "MESSAGE", "NAME_TEXT", "PER_STICKER_TEXT"]),
    keywords: z.array(z.string()).max(15).optional() }).strict(),
  z.object({ type: z.literal("image"), id, contentProvider: z.object({ type: z.enum(["line", "external"]) }), quoteToken: z.string().min(1), markAsReadToken: z.string().optional() }).strict(),
  z.object({ type: z.literal("audio"), id, contentProvider: z.object({ type: z.enum(["line", "external"]) }), duration: z.number().int().optional(), markAsReadToken: z.string().optional() }).strict(),
  z.object({ type: z.literal("location"), id, latitude: z.number(), longitude: z.number(), title: z.string().optional(), address: z.string().optional(), markAsReadToken: z.string().optional() }).strict(),
]);
const event = z.discriminatedUnion("type", [
  z.object({ type: z.literal("message"), ...base, replyToken: z.string().min(1), message }).strict(),
  z.object({ type: z.literal("follow"), ...base, replyToken: z.string().min(1), follow: z.object({ isUnblocked: z.boolean() }).strict() }).strict(),
  z.object({ type: z.literal("unfollow"), ...base }).strict(),
  z.object({ type: z.literal("join"), ...base, replyToken: z.string().min(1) }).strict(),
  z.object({ type: z.literal("postback"), ...base, replyToken: z.string().min(1), postback: z.object({ data: z.string(), params: z.record(z.string(), z.string()).optional() }).strict() }).strict(),
]);
const callbackRequest = z.object({ destination: z.string().regex(/^U[0-9a-f]{32}$/).length(33), events: z.array(event) }).strict();

const user = { type: "user" as const, userId: `U${"ab".repeat(16)}` };
const destination = `U${"0f".repeat(16)}`;

describe("buildWebhookBody", () => {
  it("builds every event type the phone sends in LINE's shape", () => {
    const body = buildWebhookBody(destination, [
      { type: "message", source: user, message: { type: "text", text: "Hi (love)", emojis: [{ index: 3, length: 6, productId: "5ac1bfd5040ab15980c9b435", emojiId: "002" }] } },
      { type: "message", source: user, message: { type: "sticker", packageId: "446", stickerId: "1988", keywords: ["hello"] } },
      { type: "message", source: user, message: { type: "image" } },
      { type: "message", source: user, message: { type: "audio", duration: 1200 } },
      { type: "message", source: user, message: { type: "location", title: "Tokyo Station", latitude: 35.68, longitude: 139.76 } },
      { type: "follow", source: user, isUnblocked: true },
      { type: "unfollow", source: user },
      { type: "join", source: { type: "group", groupId: `C${"1".repeat(32)}` } },
      { type: "postback", source: user, data: "action=buy&item=1", params: { date: "2026-01-02" } },
    ]);
    const parsed = callbackRequest.safeParse(body);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(body.events).toHaveLength(9);
    const ids = new Set(body.events.map((e) => e.webhookEventId));
    expect(ids.size).toBe(9);
    expect(body.events.every((e) => e.mode === "active" && e.deliveryContext.isRedelivery === false)).toBe(true);
  });

  it("keeps given ids and tokens, and omits reply tokens in standby mode", () => {
    const e = buildWebhookEvent({
      type: "message", source: user, message: { type: "text", text: "x" }, messageId: "123", replyToken: "rt", quoteToken: "qt",
      markAsReadToken: "mr", webhookEventId: "01J0000000000000000000000A", timestamp: 1_700_000_000_000,
    });
    expect(e).toEqual({
      type: "message", source: user, timestamp: 1_700_000_000_000, mode: "active", webhookEventId: "01J0000000000000000000000A",
      deliveryContext: { isRedelivery: false }, replyToken: "rt",
      message: { type: "text", id: "123", text: "x", quoteToken: "qt", markAsReadToken: "mr" },
    });
    const standby = buildWebhookEvent({ type: "message", source: user, message: { type: "text", text: "x" }, mode: "standby" });
    expect("replyToken" in standby).toBe(false);
  });

  it("redelivers with the same webhookEventId and isRedelivery true", () => {
    const first = buildWebhookEvent({ type: "follow", source: user });
    const again = asRedelivery(first);
    expect(again.webhookEventId).toBe(first.webhookEventId);
    expect(again.deliveryContext).toEqual({ isRedelivery: true });
    expect(buildWebhookBody(destination, [again]).events[0]).toBe(again);
  });

  it("signs the exact body bytes with the channel secret", async () => {
    const body = buildWebhookBody(destination, [{ type: "message", source: user, message: { type: "text", text: "こんにちは 👋" } }]);
    const { rawBody, signature } = await signWebhookBody("channel-secret", body);
    expect(JSON.parse(rawBody)).toEqual(body);
    const bytes = new TextEncoder().encode(rawBody);
    expect(await verifySignature("channel-secret", bytes, signature)).toBe(true);
    expect(await verifySignature("other-secret", bytes, signature)).toBe(false);
    // Independently of lib/crypto: base64(HMAC-SHA256(secret, body)).
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("channel-secret"), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, bytes));
    expect(btoa(String.fromCharCode(...mac))).toBe(signature);
  });
});
