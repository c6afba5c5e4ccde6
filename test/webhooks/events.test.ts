// Every webhook event type in webhook.yml is stored and becomes something an agent can read.
import { describe, expect, it } from "vitest";
import { event, messageEvent, postWebhook, textEvent, userId, webhookBody } from "../helpers/line";
import { conversationOf } from "../helpers/conversations";

async function ingest(events: unknown[]) {
  const res = await postWebhook(webhookBody(events));
  expect(res.status).toBe(200);
}

async function threadOf(uid: string) {
  const { stub } = await conversationOf({ type: "user", userId: uid });
  return (await stub.thread({ limit: 200 })).messages;
}

describe("webhook events", () => {
  it("stores every message type with what the inbox needs to render it", async () => {
    const uid = userId("types");
    const o = { userId: uid };
    await ingest([
      messageEvent({ type: "text", id: "1001", quoteToken: "q1", text: "Hi $ there", emojis: [{ index: 3, length: 1, productId: "5ac1bfd5040ab15980c9b435", emojiId: "001" }], mention: { mentionees: [{ type: "user", index: 0, length: 2, userId: uid }] } }, o),
      messageEvent({ type: "image", id: "1002", quoteToken: "q2", contentProvider: { type: "line" }, imageSet: { id: "set1", index: 1, total: 2 } }, o),
      messageEvent({ type: "video", id: "1003", quoteToken: "q3", duration: 6000, contentProvider: { type: "external", originalContentUrl: "https://example.com/v.mp4", previewImageUrl: "https://example.com/v.jpg" } }, o),
      messageEvent({ type: "audio", id: "1004", duration: 3000, contentProvider: { type: "line" } }, o),
      messageEvent({ type: "file", id: "1005", fileName: "invoice.pdf", fileSize: 20480 }, o),
      messageEvent({ type: "location", id: "1006", title: "Shibuya", address: "Tokyo", latitude: 35.66, longitude: 139.7 }, o),
      messageEvent({ type: "sticker", id: "1007", quoteToken: "q7", packageId: "446", stickerId: "1988", stickerResourceType: "STATIC", keywords: ["happy"] }, o),
    ]);
    const bodies = (await threadOf(uid)).map((m) => m.body);
    expect(bodies).toEqual([
      { type: "text", text: "Hi $ there", emojis: [{ index: 3, length: 1, productId: "5ac1bfd5040ab15980c9b435", emojiId: "001" }] },
      { type: "image", imageSet: { id: "set1", index: 1, total: 2 } },
      { type: "video", durationMs: 6000, externalUrl: "https://example.com/v.mp4", previewUrl: "https://example.com/v.jpg" },
      { type: "audio", durationMs: 3000 },
      { type: "file", fileName: "invoice.pdf", fileSize: 20480 },
      { type: "location", latitude: 35.66, longitude: 139.7, title: "Shibuya", address: "Tokyo" },
      { type: "sticker", packageId: "446", stickerId: "1988", stickerResourceType: "STATIC" },
    ]);
  });

  it("stores every non-message event as a readable line", async () => {
    const uid = userId("system");
    const o = { userId: uid };
    await ingest([
      event("follow", { replyToken: "r1", follow: { isUnblocked: false } }, o),
      event("postback", { replyToken: "r2", postback: { data: "action=buy&item=1", params: { date: "2026-11-23" } } }, o),
      event("videoPlayComplete", { replyToken: "r3", videoPlayComplete: { trackingId: "promo-1" } }, o),
      event("beacon", { replyToken: "r4", beacon: { hwid: "d41d8cd98f", type: "enter" } }, o),
      event("accountLink", { replyToken: "r5", link: { result: "ok", nonce: "n1" } }, o),
      event("membership", { replyToken: "r6", membership: { type: "joined", membershipId: 3 } }, o),
      event("unfollow", {}, o),
      event("follow", { replyToken: "r7", follow: { isUnblocked: true } }, o),
    ]);
    const bodies = (await threadOf(uid)).map((m) => m.body);
    expect(bodies).toEqual([
      { type: "event", event: "follow", text: "Added the account as a friend", unblocked: false },
      { type: "postback", data: "action=buy&item=1", params: { date: "2026-11-23" } },
      { type: "event", event: "videoPlayComplete", text: 'Watched video "promo-1" to the end' },
      { type: "event", event: "beacon", text: "Beacon enter (d41d8cd98f)" },
      { type: "event", event: "accountLink", text: "Linked their account" },
      { type: "event", event: "membership", text: "Membership joined (#3)" },
      { type: "event", event: "unfollow", text: "Blocked the account" },
      { type: "event", event: "follow", text: "Unblocked the account", unblocked: true },
    ]);
  });

  it("handles group events: join, members joining and leaving, leave", async () => {
    const source = { type: "group", groupId: `C${"a".repeat(32)}` };
    await ingest([
      event("join", { replyToken: "g1" }, { source }),
      event("memberJoined", { replyToken: "g2", joined: { members: [{ type: "user", userId: userId("m1") }, { type: "user", userId: userId("m2") }] } }, { source }),
      textEvent("hello group", { source: { ...source, userId: userId("m1") } }),
      event("memberLeft", { left: { members: [{ type: "user", userId: userId("m2") }] } }, { source }),
      event("leave", {}, { source }),
    ]);
    const { stub } = await conversationOf({ type: "group", groupId: source.groupId });
    const messages = (await stub.thread()).messages;
    expect(messages.map((m) => m.body.type === "event" ? m.body.text : m.body.type === "text" ? m.body.text : m.body.type)).toEqual([
      "The account joined this chat",
      "2 members joined",
      "hello group",
      "1 member left",
      "The account left this chat",
    ]);
    expect(messages[2]?.senderLineUserId).toBe(userId("m1"));
  });

  it("marks an unsent message and hides it", async () => {
    const uid = userId("unsend");
    await ingest([messageEvent({ type: "text", id: "2001", quoteToken: "q", text: "oops wrong chat" }, { userId: uid })]);
    await ingest([event("unsend", { unsend: { messageId: "2001" } }, { userId: uid })]);
    const messages = await threadOf(uid);
    expect(messages[0]).toMatchObject({ lineMessageId: "2001", unsent: true });
    expect(messages[1]?.body).toEqual({ type: "event", event: "unsend", text: "The customer unsent a message" });
  });

  it("keeps unknown event and message types raw as unsupported, never an error", async () => {
    const uid = userId("unknown");
    const future = event("someFutureEvent", { replyToken: "x", payload: { a: 1 } }, { userId: uid });
    const newMessageType = messageEvent({ type: "hologram", id: "3001" }, { userId: uid });
    await ingest([future, newMessageType]);
    const messages = await threadOf(uid);
    expect(messages.map((m) => m.body)).toEqual([
      { type: "unsupported", eventType: "someFutureEvent", raw: future },
      { type: "unsupported", eventType: "message", raw: newMessageType },
    ]);
  });

  it("stores each webhookEventId once: a redelivery is not a second message", async () => {
    const uid = userId("redeliver");
    const first = textEvent("are you open today?", { userId: uid, webhookEventId: "01HREDELIVERY0000000000001" });
    await ingest([first]);
    await ingest([{ ...first, deliveryContext: { isRedelivery: true } }]);
    await ingest([first, textEvent("hello?", { userId: uid })]);
    const messages = await threadOf(uid);
    expect(messages.map((m) => (m.body.type === "text" ? m.body.text : ""))).toEqual(["are you open today?", "hello?"]);
  });

  it("records that an event was a redelivery", async () => {
    const uid = userId("redelivered-flag");
    await ingest([textEvent("late", { userId: uid, isRedelivery: true })]);
    expect((await threadOf(uid))[0]?.redelivered).toBe(true);
  });

  it("groups a batch by conversation: each customer gets their own thread", async () => {
    const a = userId("batch-a");
    const b = userId("batch-b");
    await ingest([textEvent("a1", { userId: a }), textEvent("b1", { userId: b }), textEvent("a2", { userId: a })]);
    expect((await threadOf(a)).map((m) => (m.body.type === "text" ? m.body.text : ""))).toEqual(["a1", "a2"]);
    expect((await threadOf(b)).map((m) => (m.body.type === "text" ? m.body.text : ""))).toEqual(["b1"]);
  });
});
