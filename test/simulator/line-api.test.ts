// The fake Messaging API behaves like LINE: bearer auth, single-use reply tokens that
// expire, 1–5 validated messages, retry keys, the monthly quota, profiles, content,
// loading animation, mark-as-read and injected failures.
import { runInDurableObject } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LineSimulatorDO } from "../../src/simulator/simulator-do";
import { api, captureWebhooks, customerSays, entries, newCustomer, phone, simulator } from "./helpers";

const sim = simulator("sim-line-api");
let hooks: ReturnType<typeof captureWebhooks>;
beforeEach(() => {
  hooks = captureWebhooks();
});
afterEach(() => hooks.restore());

const text = (t: string) => ({ type: "text", text: t });

async function freshReplyToken(chatId: string): Promise<string> {
  const event = await customerSays(sim, hooks, chatId, "hello?");
  if (!event.replyToken) throw new Error("no reply token");
  return event.replyToken;
}

describe("authentication", () => {
  it("answers 401 in LINE's words without a valid bearer token, with a request id", async () => {
    const attempts: Array<Record<string, string>> = [{}, { authorization: "Bearer wrong" }, { authorization: "Basic abc" }];
    for (const headers of attempts) {
      const res = await sim.request("/line/v2/bot/message/quota", { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("x-line-request-id")).toBeTruthy();
      const body: { message: string } = await res.json();
      expect(body.message).toMatch(/^Authentication failed/);
    }
  });

  it("puts x-line-request-id on every answer", async () => {
    const res = await api(sim, "GET", "/line/v2/bot/message/quota");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-line-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect((await api(sim, "GET", "/line/v2/bot/nope")).headers.get("x-line-request-id")).toBeTruthy();
  });
});

describe("reply", () => {
  it("delivers with a fresh token once; the second use is an invalid reply token", async () => {
    const chatId = await newCustomer(sim, "Reply Once");
    const replyToken = await freshReplyToken(chatId);
    const ok = await api(sim, "POST", "/line/v2/bot/message/reply", { replyToken, messages: [text("Hi!"), { type: "sticker", packageId: "446", stickerId: "1988" }] });
    expect(ok.status).toBe(200);
    const body: { sentMessages: Array<{ id: string; quoteToken?: string }> } = await ok.json();
    expect(body.sentMessages).toHaveLength(2);
    expect(body.sentMessages[0]).toEqual({ id: expect.stringMatching(/^\d{18}$/), quoteToken: expect.any(String) });

    const again = await api(sim, "POST", "/line/v2/bot/message/reply", { replyToken, messages: [text("Hi again")] });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ message: "Invalid reply token" });
    const out = (await entries(sim, chatId)).filter((e) => e.direction === "out");
    expect(out.map((e) => [e.via, e.message?.type])).toEqual([["reply", "text"], ["reply", "sticker"]]);
  });

  it("rejects unknown tokens and tokens older than 60 s", async () => {
    const chatId = await newCustomer(sim, "Slow Agent");
    const unknown = await api(sim, "POST", "/line/v2/bot/message/reply", { replyToken: "never-issued", messages: [text("x")] });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ message: "Invalid reply token" });

    const young = await freshReplyToken(chatId);
    const old = await freshReplyToken(chatId);
    await runInDurableObject(sim.stub, (_i: LineSimulatorDO, state) => {
      state.storage.sql.exec("UPDATE reply_tokens SET issued_at = ? WHERE token = ?", Date.now() - 59_000, young);
      state.storage.sql.exec("UPDATE reply_tokens SET issued_at = ? WHERE token = ?", Date.now() - 61_000, old);
    });
    const expired = await api(sim, "POST", "/line/v2/bot/message/reply", { replyToken: old, messages: [text("late")] });
    expect(expired.status).toBe(400);
    expect(await expired.json()).toEqual({ message: "Invalid reply token" });
    expect((await api(sim, "POST", "/line/v2/bot/message/reply", { replyToken: young, messages: [text("just in time")] })).status).toBe(200);
  });

  it("validates 1–5 message objects and names the failing property", async () => {
    const chatId = await newCustomer(sim, "Validator");
    const replyToken = await freshReplyToken(chatId);
    const cases: Array<[unknown, string]> = [
      [[], "messages"],
      [Array.from({ length: 6 }, () => text("x")), "messages"],
      [[text("")], "messages[0].text"],
      [[text("a".repeat(5001))], "messages[0].text"],
      [[text("ok"), { type: "text" }], "messages[1].text"],
      [[{ type: "bogus" }], "messages[0].type"],
      [[{ type: "sticker", packageId: "446" }], "messages[0].stickerId"],
      [[{ type: "image", originalContentUrl: "ftp://x/y.png", previewImageUrl: "https://x/y.png" }], "messages[0].originalContentUrl"],
      [[{ type: "image", originalContentUrl: "http://example.com/y.png", previewImageUrl: "https://x/y.png" }], "messages[0].originalContentUrl"],
      [[{ type: "audio", originalContentUrl: "https://x/a.m4a" }], "messages[0].duration"],
      [[{ type: "location", title: "T", address: "A", latitude: 91, longitude: 0 }], "messages[0].latitude"],
      [[{ ...text("hi"), sender: { name: "A very long agent name here" } }], "messages[0].sender.name"],
      [[{ ...text("hi"), sender: { name: "Mika", iconUrl: "javascript:alert(1)" } }], "messages[0].sender.iconUrl"],
      [[{ ...text("hi"), quickReply: { items: Array.from({ length: 14 }, () => ({ type: "action", action: { type: "message", label: "x", text: "x" } })) } }], "messages[0].quickReply.items"],
      [[{ type: "flex", altText: "x", contents: { type: "nope" } }], "messages[0].contents.type"],
    ];
    for (const [messages, property] of cases) {
      const res = await api(sim, "POST", "/line/v2/bot/message/reply", { replyToken, messages });
      expect(res.status, property).toBe(400);
      const body: { message: string; details: Array<{ message: string; property: string }> } = await res.json();
      expect(body.message).toMatch(/^The request body has \d+ error\(s\)$/);
      expect(body.details.map((d) => d.property), JSON.stringify(messages).slice(0, 80)).toContain(property);
    }
    const broken = await api(sim, "POST", "/line/v2/bot/message/reply", "{not json");
    expect(broken.status).toBe(400);
    // Rejected requests do not use up the token; local http media and loose flex are accepted.
    const ok = await api(sim, "POST", "/line/v2/bot/message/reply", {
      replyToken,
      messages: [
        { type: "image", originalContentUrl: "http://127.0.0.1:8787/media/a.png", previewImageUrl: "http://localhost:8787/media/a.png" },
        { type: "flex", altText: "Order", contents: { type: "bubble", body: { type: "box", layout: "vertical", contents: [] } } },
        { ...text("Pick one"), sender: { name: "Mika", iconUrl: "https://example.com/mika.png" }, quickReply: { items: [{ type: "action", action: { type: "postback", label: "Yes", data: "yes", displayText: "Yes" } }] } },
      ],
    });
    expect(ok.status).toBe(200);
  });
});

describe("push", () => {
  it("answers a repeated retry key with 409 and the first request id, without delivering twice", async () => {
    const chatId = await newCustomer(sim, "Retry Key");
    const key = crypto.randomUUID();
    const first = await api(sim, "POST", "/line/v2/bot/message/push", { to: chatId, messages: [text("Your order shipped")] }, { "X-Line-Retry-Key": key });
    expect(first.status).toBe(200);
    const requestId = first.headers.get("x-line-request-id");
    const firstBody: { sentMessages: unknown[] } = await first.json();
    const usage = async () => ((await (await api(sim, "GET", "/line/v2/bot/message/quota/consumption")).json()) as { totalUsage: number }).totalUsage;
    const usedAfterFirst = await usage();

    const repeat = await api(sim, "POST", "/line/v2/bot/message/push", { to: chatId, messages: [text("Your order shipped")] }, { "X-Line-Retry-Key": key });
    expect(repeat.status).toBe(409);
    expect(repeat.headers.get("x-line-accepted-request-id")).toBe(requestId);
    expect(await repeat.json()).toEqual({ message: "The retry key is already accepted", sentMessages: firstBody.sentMessages });
    expect((await entries(sim, chatId)).filter((e) => e.direction === "out")).toHaveLength(1);
    expect(await usage()).toBe(usedAfterFirst);
  });

  it("requires the retry key to be a UUID", async () => {
    const chatId = await newCustomer(sim, "Bad Key");
    const res = await api(sim, "POST", "/line/v2/bot/message/push", { to: chatId, messages: [text("x")] }, { "X-Line-Retry-Key": "not-a-uuid" });
    expect(res.status).toBe(400);
    expect((await entries(sim, chatId)).filter((e) => e.direction === "out")).toHaveLength(0);
  });

  it("counts pushes against the monthly quota and answers 429 at the limit; replies stay free", async () => {
    const chatId = await newCustomer(sim, "Quota");
    expect(await (await sim.request("/control/quota", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ limit: 2, used: 1 }) })).json()).toEqual({ limit: 2, used: 1 });
    expect(await (await api(sim, "GET", "/line/v2/bot/message/quota")).json()).toEqual({ type: "limited", value: 2 });
    expect((await api(sim, "POST", "/line/v2/bot/message/push", { to: chatId, messages: [text("one"), text("two")] })).status).toBe(200);
    expect(await (await api(sim, "GET", "/line/v2/bot/message/quota/consumption")).json()).toEqual({ totalUsage: 2 });
    const over = await api(sim, "POST", "/line/v2/bot/message/push", { to: chatId, messages: [text("three")] });
    expect(over.status).toBe(429);
    expect(await over.json()).toEqual({ message: "You have reached your monthly limit." });
    const replyToken = await freshReplyToken(chatId);
    expect((await api(sim, "POST", "/line/v2/bot/message/reply", { replyToken, messages: [text("free")] })).status).toBe(200);
    await sim.request("/control/quota", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ limit: 1000, used: 0 }) });
  });

  it("rejects a malformed recipient", async () => {
    const res = await api(sim, "POST", "/line/v2/bot/message/push", { to: "someone", messages: [text("x")] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain("'to'");
  });
});

describe("injected failures", () => {
  it("fails the next push with the given status, then works; a failed retry key can be reused", async () => {
    const chatId = await newCustomer(sim, "Outage");
    const rule = await sim.request("/control/fail-next", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: 500, count: 1, endpoint: "push" }) });
    expect(await rule.json()).toMatchObject({ status: 500, count: 1, endpoint: "push" });
    const key = crypto.randomUUID();
    const failed = await api(sim, "POST", "/line/v2/bot/message/push", { to: chatId, messages: [text("x")] }, { "X-Line-Retry-Key": key });
    expect(failed.status).toBe(500);
    expect(failed.headers.get("x-line-request-id")).toBeTruthy();
    expect(await failed.json()).toEqual({ message: "Internal server error" });
    expect((await api(sim, "POST", "/line/v2/bot/message/push", { to: chatId, messages: [text("x")] }, { "X-Line-Retry-Key": key })).status).toBe(200);
    expect((await entries(sim, chatId)).filter((e) => e.direction === "out")).toHaveLength(1);
  });

  it("`after` mode delivers but loses the answer, so the retry gets 409", async () => {
    const chatId = await newCustomer(sim, "Lost Answer");
    await sim.request("/control/fail-next", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: 503, endpoint: "any", mode: "after" }) });
    const key = crypto.randomUUID();
    expect((await api(sim, "POST", "/line/v2/bot/message/push", { to: chatId, messages: [text("once")] }, { "X-Line-Retry-Key": key })).status).toBe(503);
    expect((await api(sim, "POST", "/line/v2/bot/message/push", { to: chatId, messages: [text("once")] }, { "X-Line-Retry-Key": key })).status).toBe(409);
    expect((await entries(sim, chatId)).filter((e) => e.direction === "out")).toHaveLength(1);
  });

  it("can fail reply only", async () => {
    const chatId = await newCustomer(sim, "Reply Outage");
    const replyToken = await freshReplyToken(chatId);
    await sim.request("/control/fail-next", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: 502, endpoint: "reply" }) });
    expect((await api(sim, "POST", "/line/v2/bot/message/push", { to: chatId, messages: [text("push still works")] })).status).toBe(200);
    expect((await api(sim, "POST", "/line/v2/bot/message/reply", { replyToken, messages: [text("x")] })).status).toBe(502);
    expect((await api(sim, "POST", "/line/v2/bot/message/reply", { replyToken, messages: [text("x")] })).status).toBe(200);
  });
});

describe("profiles", () => {
  it("returns a known customer's profile and 404 for unknown or blocking users", async () => {
    const chatId = await newCustomer(sim, "ソムチャイ", "th");
    const res = await api(sim, "GET", `/line/v2/bot/profile/${chatId}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ displayName: "ソムチャイ", userId: chatId, language: "th", pictureUrl: `http://127.0.0.1:8787/simulator/avatars/${chatId}.svg` });
    const unknown = await api(sim, "GET", `/line/v2/bot/profile/U${"9".repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: "Not found" });
    await phone(sim, `/chats/${chatId}/unfollow`);
    expect((await api(sim, "GET", `/line/v2/bot/profile/${chatId}`)).status).toBe(404);
  });

  it("returns group and room member profiles only for members", async () => {
    const a = await newCustomer(sim, "Member A");
    const b = await newCustomer(sim, "Member B");
    const outsider = await newCustomer(sim, "Outsider");
    const group = await phone(sim, "/groups", { name: "Lunch", memberIds: [a, b] });
    const room = await phone(sim, "/groups", { name: "Room", type: "room", memberIds: [a] });
    expect(group.chatId).toMatch(/^C[0-9a-f]{32}$/);
    expect(room.chatId).toMatch(/^R[0-9a-f]{32}$/);
    const member = await api(sim, "GET", `/line/v2/bot/group/${group.chatId}/member/${b}`);
    expect(await member.json()).toMatchObject({ displayName: "Member B", userId: b });
    expect((await api(sim, "GET", `/line/v2/bot/group/${group.chatId}/member/${outsider}`)).status).toBe(404);
    expect((await api(sim, "GET", `/line/v2/bot/room/${room.chatId}/member/${a}`)).status).toBe(200);
    expect((await api(sim, "GET", `/line/v2/bot/room/${group.chatId}/member/${a}`)).status).toBe(404);
    expect(await (await api(sim, "GET", `/line/v2/bot/group/${group.chatId}/summary`)).json()).toMatchObject({ groupId: group.chatId, groupName: "Lunch" });
  });
});

describe("content", () => {
  it("serves the bytes a customer sent with their content type; 404 for unknown ids", async () => {
    const chatId = await newCustomer(sim, "Photographer");
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 250, 251]);
    const form = new FormData();
    form.set("file", new File([bytes], "receipt.png", { type: "image/png" }));
    const sent = await sim.request(`/chats/${chatId}/send`, { method: "POST", body: form, headers: { accept: "application/json" } });
    expect(sent.status).toBe(200);
    const event = hooks.last().body.events[0];
    if (event?.type !== "message" || event.message.type !== "image") throw new Error("expected an image message event");
    expect(event.message.contentProvider).toEqual({ type: "line" });

    const content = await api(sim, "GET", `/line-data/v2/bot/message/${event.message.id}/content`);
    expect(content.status).toBe(200);
    expect(content.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await content.arrayBuffer())).toEqual(bytes);
    expect((await sim.request(`/line-data/v2/bot/message/${event.message.id}/content`)).status).toBe(401);
    const missing = await api(sim, "GET", "/line-data/v2/bot/message/123456789012345678/content");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: "Not found" });
  });
});

describe("loading animation and mark as read", () => {
  it("accepts loading for a 1:1 chat in 5 s steps up to 60 s", async () => {
    const chatId = await newCustomer(sim, "Waiting");
    const ok = await api(sim, "POST", "/line/v2/bot/chat/loading/start", { chatId, loadingSeconds: 10 });
    expect(ok.status).toBe(202);
    expect(await ok.json()).toEqual({});
    for (const loadingSeconds of [7, 0, 65]) {
      const bad = await api(sim, "POST", "/line/v2/bot/chat/loading/start", { chatId, loadingSeconds });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { details: Array<{ property: string }> }).details[0]?.property).toBe("loadingSeconds");
    }
    expect((await api(sim, "POST", "/line/v2/bot/chat/loading/start", { chatId: `U${"7".repeat(32)}` })).status).toBe(400);
  });

  it("marks the customer's messages as read with the event's token", async () => {
    const chatId = await newCustomer(sim, "Reader");
    const event = await customerSays(sim, hooks, chatId, "anyone there?");
    await customerSays(sim, hooks, chatId, "later message");
    const res = await api(sim, "POST", "/line/v2/bot/chat/markAsRead", { markAsReadToken: event.message.markAsReadToken });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    const read = (await entries(sim, chatId)).filter((e) => e.direction === "in").map((e) => e.readAt !== null);
    // follow note, first message (read), later message (not yet read).
    expect(read).toEqual([true, true, false]);
    expect((await api(sim, "POST", "/line/v2/bot/chat/markAsRead", { markAsReadToken: "bogus" })).status).toBe(400);
  });
});
