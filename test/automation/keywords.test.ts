// Keyword replies end to end: a customer's message arrives by webhook, the
// conversation's outbox runs the engine on its alarm, and the answer goes to
// LINE with the fresh reply token (free), shown in the thread as automation.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { editMeta } from "../helpers/conversations";
import { messageEvent, postWebhook, textEvent, webhookBody } from "../helpers/line";
import { addRule, ALWAYS_CLOSED, ALWAYS_OPEN, configure, customer, drain, fakeLine, newChannel, sends, sentTexts } from "./helpers";

let restore: (() => void) | null = null;
afterEach(() => restore?.());

function line() {
  const routed = fakeLine();
  restore = routed.restore;
  return routed.calls;
}

describe("keyword replies", () => {
  it("answers an exact keyword with the reply token and shows the rule in the thread", async () => {
    const calls = line();
    const channel = await newChannel();
    await addRule(channel, { name: "Opening hours", keywords: ["hours"], reply: { messages: [{ type: "text", text: "We're open 9–18, {{contact.name}}." }], quickReplies: [] } });
    const c = customer(channel, "exact");
    await c.says("hours");
    expect(sends(calls)).toEqual([{ via: "reply", messages: [{ type: "text", text: "We're open 9–18, Yuki." }] }]);
    const out = (await c.thread()).filter((m) => m.direction === "outbound");
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ agentId: null, agentName: "Automation · Keyword: Opening hours", status: "sent", via: "reply", body: { type: "text", text: "We're open 9–18, Yuki." } });
  });

  it("matches as LINE does: full-width, half-width kana and case do not matter", async () => {
    const calls = line();
    const channel = await newChannel();
    await addRule(channel, { name: "Help", keywords: ["help"] });
    await addRule(channel, { name: "Catalogue", keywords: ["カタログ"] });
    const c = customer(channel, "width");
    await c.says("ＨＥＬＰ");
    await c.says("ｶﾀﾛｸﾞ");
    await c.says("Help me"); // exact: not a match
    expect(sentTexts(calls)).toEqual(["Answer to help", "Answer to カタログ"]);
  });

  it("supports contains, starts-with and regular expressions, by priority", async () => {
    const calls = line();
    const channel = await newChannel();
    await addRule(channel, { name: "Refund", keywords: ["返金"], matchMode: "contains", priority: 2 });
    await addRule(channel, { name: "Order", keywords: ["order"], matchMode: "starts_with", priority: 3 });
    await addRule(channel, { name: "Tracking", keywords: ["^[a-z]{2}\\d{9}jp$"], matchMode: "regex", priority: 1 });
    await addRule(channel, { name: "Fallback refund", keywords: ["返金"], matchMode: "contains", priority: 5 });
    const c = customer(channel, "modes");
    await c.says("商品の返金をお願いします");
    await c.says("ORDER 1234 please");
    await c.says("my order");
    await c.says("ＥＪ１２３４５６７８９ＪＰ");
    expect(sentTexts(calls)).toEqual(["Answer to 返金", "Answer to order", "Answer to ^[a-z]{2}\\d{9}jp$"]);
  });

  it("sends every message type of a rule in one reply, quick replies on the last", async () => {
    const calls = line();
    const channel = await newChannel();
    await addRule(channel, {
      name: "Shop",
      keywords: ["shop"],
      reply: {
        messages: [
          { type: "text", text: "Here is our shop" },
          { type: "sticker", packageId: "446", stickerId: "1988" },
          { type: "location", title: "Shibuya store", address: "1-2-3 Shibuya, Tokyo", latitude: 35.66, longitude: 139.7 },
          { type: "flex", altText: "Opening hours", contents: { type: "bubble", body: { type: "box", layout: "vertical", contents: [{ type: "text", text: "9–18" }] } } },
          { type: "coupon", couponId: "SPRING_2026" },
        ],
        quickReplies: [{ label: "Prices", text: "prices" }],
      },
    });
    const c = customer(channel, "types");
    await c.says("shop");
    const [send] = sends(calls);
    expect(send?.via).toBe("reply");
    expect(send?.messages.map((m) => m.type)).toEqual(["text", "sticker", "location", "flex", "coupon"]);
    expect(send?.messages[4]).toMatchObject({ couponId: "SPRING_2026", quickReply: { items: [{ type: "action", action: { type: "message", label: "Prices", text: "prices" } }] } });
    expect(send?.messages[0]).not.toHaveProperty("sender");
    const [out] = (await c.thread()).filter((m) => m.direction === "outbound");
    expect(out?.body).toMatchObject({ type: "text", text: "Here is our shop\n[Sticker]\n[Location] Shibuya store\n[Flex] Opening hours\n[Coupon] SPRING_2026", quickReplies: [{ label: "Prices", text: "prices" }] });
  });

  it("respects each rule's time window", async () => {
    const calls = line();
    const channel = await newChannel();
    await configure(channel, { weeklyHours: ALWAYS_CLOSED, timeZone: "Asia/Tokyo" });
    await addRule(channel, { name: "Day", keywords: ["hi"], activeWindow: "in_hours", priority: 1, reply: { messages: [{ type: "text", text: "day" }], quickReplies: [] } });
    await addRule(channel, { name: "Night", keywords: ["hi"], activeWindow: "out_of_hours", priority: 2, reply: { messages: [{ type: "text", text: "night" }], quickReplies: [] } });
    const c = customer(channel, "window");
    await c.says("hi");
    await configure(channel, { weeklyHours: ALWAYS_OPEN });
    await c.says("hi");
    expect(sentTexts(calls)).toEqual(["night", "day"]);
  });

  it("answers the keyword list command with the active keywords as quick-reply buttons", async () => {
    const calls = line();
    const channel = await newChannel();
    await configure(channel, { keywordListEnabled: 1, keywordListCommand: "キーワード", keywordListText: "Tap one:" });
    await addRule(channel, { name: "Prices", keywords: ["prices", "料金"], priority: 1 });
    await addRule(channel, { name: "Hours", keywords: ["hours"], priority: 2 });
    await addRule(channel, { name: "Pattern", keywords: ["^\\d+$"], matchMode: "regex" });
    await addRule(channel, { name: "Off", keywords: ["secret"], enabled: false });
    const c = customer(channel, "list");
    await c.says("ｷｰﾜｰﾄﾞ");
    const [send] = sends(calls);
    expect(send?.messages[0]).toMatchObject({
      type: "text",
      text: "Tap one:",
      quickReply: { items: [{ action: { label: "prices", text: "prices" } }, { action: { label: "hours", text: "hours" } }] },
    });
  });

  it("never fires on standby messages, and not on non-text messages", async () => {
    const calls = line();
    const channel = await newChannel();
    await addRule(channel, { keywords: ["help"] });
    const c = customer(channel, "standby");
    await c.send([textEvent("help", { userId: c.uid, mode: "standby" })]);
    await c.send([messageEvent({ type: "sticker", id: "77", packageId: "446", stickerId: "1988", stickerResourceType: "STATIC", keywords: ["help"] }, { userId: c.uid })]);
    expect(sends(calls)).toEqual([]);
  });

  it("does not answer events LINE redelivers long after they happened", async () => {
    const calls = line();
    const channel = await newChannel();
    await addRule(channel, { keywords: ["help"] });
    const c = customer(channel, "stale");
    await c.send([textEvent("help", { userId: c.uid, timestamp: Date.now() - 3_600_000, isRedelivery: true })]);
    expect(sends(calls)).toEqual([]);
  });
});

describe("loop protection", () => {
  it("ignores our own reply coming back (another bot echoing it)", async () => {
    const calls = line();
    const channel = await newChannel();
    await addRule(channel, { name: "Echo", keywords: ["ping"], matchMode: "contains", reply: { messages: [{ type: "text", text: "ping received" }], quickReplies: [] } });
    const c = customer(channel, "echo");
    await c.says("ping");
    await c.says("ping received");
    expect(sentTexts(calls)).toEqual(["ping received"]);
  });

  it("pauses after too many automatic replies in a row and notes it once", async () => {
    const calls = line();
    const channel = await newChannel();
    await addRule(channel, { name: "Any", keywords: ["."], matchMode: "regex", reply: { messages: [{ type: "text", text: "ok" }], quickReplies: [] } });
    const c = customer(channel, "budget");
    for (let i = 0; i < 5; i++) await c.says(`message ${i}`);
    expect(sentTexts(calls)).toEqual(["ok", "ok", "ok"]);
    const notes = (await c.thread()).filter((m) => m.direction === "note");
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body).toMatchObject({ type: "note", text: expect.stringContaining("loop protection") });
  });
});

describe("one run of a busy conversation", () => {
  it("after several agent answers, still answers the customer's next line, and counts one first response", async () => {
    const calls = line();
    const channel = await newChannel();
    await addRule(channel, { name: "Prices", keywords: ["price"] });
    const c = customer(channel, "busy-run");
    await c.says("hello");
    // Three agent answers and the customer's next line before the conversation's next run:
    // its listeners get message.sent ×3 and message.received in one batch.
    const agent = { agent: { id: null, name: "Mali" } };
    for (const text of ["Hi!", "One moment", "Checking now"]) await c.stub().send({ ...agent, messages: [{ type: "text", text }], preview: { type: "text", text } });
    const res = await postWebhook(webhookBody([textEvent("price", { userId: c.uid })]), { channelId: channel.lineChannelId });
    expect(res.status).toBe(200);
    await drain(c.stub());
    expect(sentTexts(calls)).toEqual(["Hi!", "One moment", "Checking now", "Answer to price"]);
    const firstResponses = await env.DB.prepare("SELECT COUNT(*) AS n FROM reporting_events WHERE conversation_id = ? AND kind = 'first_response'").bind(c.id()).first<{ n: number }>();
    expect(firstResponses?.n).toBe(1);
  });

  it("a backlog of many questions and answers read in one run records every first response", async () => {
    line();
    const channel = await newChannel();
    const c = customer(channel, "backlog-run");
    await c.says("hello");
    // Hold the conversation's event runs: fifteen questions, each answered, pile up unread.
    await editMeta(c.stub(), "eventsRanAt", () => Date.now() + 3_600_000);
    const agent = { agent: { id: null, name: "Mali" } };
    for (let i = 0; i < 15; i++) {
      await c.stub().send({ ...agent, messages: [{ type: "text", text: `Answer ${i}` }], preview: { type: "text", text: `Answer ${i}` } });
      expect((await postWebhook(webhookBody([textEvent(`Question ${i}`, { userId: c.uid })]), { channelId: channel.lineChannelId })).status).toBe(200);
    }
    await editMeta(c.stub(), "eventsRanAt", () => null);
    await drain(c.stub());
    const firstResponses = await env.DB.prepare("SELECT COUNT(*) AS n FROM reporting_events WHERE conversation_id = ? AND kind = 'first_response'").bind(c.id()).first<{ n: number }>();
    expect(firstResponses?.n).toBe(15);
  });
});
