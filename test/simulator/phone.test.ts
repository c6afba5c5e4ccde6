// The phone side: actions become signed webhooks POSTed to the app (stubbed here), the
// page renders and escapes, delivery failures show, redelivery keeps the event id,
// artwork is served, and the business's messages arrive live over the WebSocket.
import { evictDurableObject } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifySignature } from "../../src/lib/crypto";
import { simulatorStickerUrl } from "../../src/simulator/stickers";
import { ORIGIN, SECRET, api, captureWebhooks, customerSays, firstEvent, newCustomer, phone, simulator } from "./helpers";

const sim = simulator("sim-phone");
let appStatus = 200;
let hooks: ReturnType<typeof captureWebhooks>;
beforeEach(() => {
  appStatus = 200;
  hooks = captureWebhooks(() => appStatus);
});
afterEach(() => hooks.restore());

describe("webhooks from the phone", () => {
  it("POSTs a signed body to the app's webhook URL on the page's origin", async () => {
    const chatId = await newCustomer(sim, "Signer");
    const event = await customerSays(sim, hooks, chatId, "Hello (love) there");
    const hook = hooks.last();
    expect(hook.url).toBe(`${ORIGIN}/webhooks/line/sim-phone`);
    expect(hook.headers.get("content-type")).toContain("application/json");
    expect(await verifySignature(SECRET, new TextEncoder().encode(hook.rawBody), hook.headers.get("x-line-signature"))).toBe(true);
    expect(hook.body.destination).toMatch(/^U[0-9a-f]{32}$/);
    expect(event).toMatchObject({
      type: "message",
      mode: "active",
      source: { type: "user", userId: chatId },
      deliveryContext: { isRedelivery: false },
      webhookEventId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      replyToken: expect.any(String),
      message: {
        type: "text", id: expect.stringMatching(/^\d+$/), text: "Hello (love) there", quoteToken: expect.any(String), markAsReadToken: expect.any(String),
        emojis: [{ index: 6, length: 6, productId: "5ac1bfd5040ab15980c9b435", emojiId: "002" }],
      },
    });
    // The reply token in the webhook is one the fake API accepts.
    const reply = await api(sim, "POST", "/line/v2/bot/message/reply", { replyToken: event.replyToken, messages: [{ type: "text", text: "Hi!" }] });
    expect(reply.status).toBe(200);
  });

  it("records how the app answered and shows failures on the phone", async () => {
    const chatId = await newCustomer(sim, "Unlucky");
    appStatus = 500;
    const out = await phone(sim, `/chats/${chatId}/send`, { kind: "text", text: "is anyone there" });
    expect(out).toMatchObject({ ok: true, result: { status: 500, delivery: "failed: 500" } });
    const page = await (await sim.request(`/?chat=${chatId}`)).text();
    expect(page).toContain("webhook failed: 500");
    const state: { events: Array<{ delivery: string }> } = await (await sim.request("/control/state")).json();
    expect(state.events[0]?.delivery).toBe("failed: 500");
  });

  it("redelivers the last event with the same webhookEventId and isRedelivery", async () => {
    const chatId = await newCustomer(sim, "Dedupe");
    const original = await customerSays(sim, hooks, chatId, "once only");
    const out = await phone(sim, `/chats/${chatId}/redeliver`);
    expect(out.ok).toBe(true);
    const again = firstEvent(hooks.last());
    expect(again.webhookEventId).toBe(original.webhookEventId);
    expect(again.deliveryContext.isRedelivery).toBe(true);
    expect(again).toMatchObject({ type: "message", message: { id: original.message.id } });
    expect(hooks.captured).toHaveLength(3); // follow, message, redelivery
  });

  it("sends follow, unfollow and follow with isUnblocked", async () => {
    const chatId = await newCustomer(sim, "Fickle");
    expect(firstEvent(hooks.last())).toMatchObject({ type: "follow", follow: { isUnblocked: false }, replyToken: expect.any(String) });
    await phone(sim, `/chats/${chatId}/unfollow`);
    const unfollow = firstEvent(hooks.last());
    expect(unfollow).toMatchObject({ type: "unfollow", source: { type: "user", userId: chatId } });
    expect("replyToken" in unfollow).toBe(false);
    // A blocked customer cannot write.
    expect(await phone(sim, `/chats/${chatId}/send`, { kind: "text", text: "hi" })).toMatchObject({ ok: false });
    await phone(sim, `/chats/${chatId}/follow`);
    expect(firstEvent(hooks.last())).toMatchObject({ type: "follow", follow: { isUnblocked: true } });
  });

  it("sends stickers, locations and postbacks in LINE's shape", async () => {
    const chatId = await newCustomer(sim, "Rich Sender");
    await phone(sim, `/chats/${chatId}/send`, { kind: "sticker", packageId: "446", stickerId: "1988" });
    expect(firstEvent(hooks.last())).toMatchObject({
      type: "message", message: { type: "sticker", packageId: "446", stickerId: "1988", stickerResourceType: "STATIC", keywords: expect.arrayContaining(["hello"]), quoteToken: expect.any(String) },
    });
    await phone(sim, `/chats/${chatId}/send`, { kind: "location", title: "Taipei 101", address: "Xinyi Rd", latitude: "25.033964", longitude: "121.564468" });
    expect(firstEvent(hooks.last())).toMatchObject({ type: "message", message: { type: "location", title: "Taipei 101", address: "Xinyi Rd", latitude: 25.033964, longitude: 121.564468 } });
    await phone(sim, `/chats/${chatId}/send`, { kind: "postback", data: "slot=1", displayText: "10:00", mode: "time", value: "10:00" });
    expect(firstEvent(hooks.last())).toMatchObject({ type: "postback", replyToken: expect.any(String), postback: { data: "slot=1", params: { time: "10:00" } } });
    expect(await phone(sim, `/chats/${chatId}/send`, { kind: "text", text: "   " })).toMatchObject({ ok: false });
  });

  it("unsends the customer's last message", async () => {
    const chatId = await newCustomer(sim, "Regretful");
    const sent = await customerSays(sim, hooks, chatId, "my card number is 4242…");
    expect(await phone(sim, `/chats/${chatId}/unsend`)).toMatchObject({ ok: true, result: { delivery: "ok 200" } });
    expect(firstEvent(hooks.last())).toMatchObject({ type: "unsend", source: { type: "user", userId: chatId }, unsend: { messageId: sent.message.id } });
    const page = await (await sim.request(`/?chat=${chatId}`)).text();
    expect(page).toContain("You unsent a message");
    expect(page).not.toContain("my card number");
    expect(await phone(sim, `/chats/${chatId}/unsend`)).toMatchObject({ ok: false });
  });

  it("speaks in group chats as the chosen member", async () => {
    const a = await newCustomer(sim, "Grace");
    const b = await newCustomer(sim, "Hiro");
    const group = await phone(sim, "/groups", { name: "Book club", memberIds: [a, b] });
    const join = firstEvent(hooks.last());
    expect(join).toMatchObject({ type: "join", source: { type: "group", groupId: group.chatId }, replyToken: expect.any(String) });
    await phone(sim, `/chats/${group.chatId}/send`, { kind: "text", text: "hi all", as: b });
    expect(firstEvent(hooks.last())).toMatchObject({ source: { type: "group", groupId: group.chatId, userId: b } });
  });
});

describe("the phone page", () => {
  it("renders the chat with escaped names and messages, for plain forms too", async () => {
    const chatId = await newCustomer(sim, "<b>Bold</b>");
    await customerSays(sim, hooks, chatId, "<script>alert(1)</script>");
    const res = await sim.request(`/?chat=${chatId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("&lt;b&gt;Bold&lt;/b&gt;");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain('href="/simulator.css"');
    expect(html).toContain("田中 ゆき"); // seeded demo customers

    const form = await sim.request(`/chats/${chatId}/send`, { method: "POST", body: new URLSearchParams({ kind: "text", text: "from a form" }) });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe(`/simulator?chat=${chatId}`);
  });

  it("serves generated avatars, stickers and emoji as SVG", async () => {
    const chatId = await newCustomer(sim, "Wei Lun");
    const avatar = await sim.request(`/avatars/${chatId}.svg`);
    expect(avatar.headers.get("content-type")).toContain("image/svg+xml");
    expect(await avatar.text()).toContain(">WL<");
    expect(simulatorStickerUrl("446", "1988")).toBe("/simulator/stickers/446/1988");
    const sticker = await sim.request("/stickers/446/1988");
    expect(sticker.headers.get("content-type")).toContain("image/svg+xml");
    expect(await sticker.text()).toContain("Hello!");
    expect((await sim.request("/stickers/9999/123")).status).toBe(200);
    expect((await sim.request("/stickers/abc/1")).status).toBe(404);
    expect((await sim.request("/emoji/5ac1bfd5040ab15980c9b435/002")).headers.get("content-type")).toContain("image/svg+xml");
  });
});

describe("live updates", () => {
  async function openSocket(chatId: string): Promise<{ ws: WebSocket; frames: Array<{ t: string; html?: string; seconds?: number; ids?: string[] }> }> {
    const res = await sim.request(`/ws?chat=${chatId}`, { headers: { upgrade: "websocket" } });
    expect(res.status).toBe(101);
    const ws = res.webSocket;
    if (!ws) throw new Error("no websocket");
    const frames: Array<{ t: string; html?: string }> = [];
    ws.accept();
    ws.addEventListener("message", (e) => {
      frames.push(JSON.parse(String(e.data)));
    });
    return { ws, frames };
  }

  async function until(check: () => boolean): Promise<void> {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(check()).toBe(true);
  }

  it("shows the business's messages, quick replies, typing and read receipts", async () => {
    const chatId = await newCustomer(sim, "Live");
    const event = await customerSays(sim, hooks, chatId, "ping");
    const { ws, frames } = await openSocket(chatId);

    await api(sim, "POST", "/line/v2/bot/chat/loading/start", { chatId, loadingSeconds: 20 });
    await until(() => frames.some((f) => f.t === "typing" && f.seconds === 20));

    await api(sim, "POST", "/line/v2/bot/message/push", {
      to: chatId,
      messages: [{ type: "text", text: "Hello <friend>", sender: { name: "Mika", iconUrl: "https://example.com/m.png" }, quickReply: { items: [{ type: "action", action: { type: "message", label: "Track order", text: "Track my order" } }] } }],
    });
    await until(() => frames.some((f) => f.t === "append" && f.html?.includes("Hello &lt;friend&gt;")));
    const bubble = frames.find((f) => f.t === "append" && f.html?.includes("Hello"))?.html ?? "";
    expect(bubble).toContain("Mika");
    expect(bubble).toContain("https://example.com/m.png");
    await until(() => frames.some((f) => f.t === "quickReply" && f.html?.includes("Track order")));

    await api(sim, "POST", "/line/v2/bot/chat/markAsRead", { markAsReadToken: event.message.markAsReadToken });
    await until(() => frames.some((f) => f.t === "read" && (f.ids?.length ?? 0) > 0));
    ws.close(1000, "done");
  });

  // Slow (~10 s): locally, eviction waits for the open socket's request to drain before it hibernates.
  it("keeps delivering to open phones after the simulator hibernates", { timeout: 30_000 }, async () => {
    const chatId = await newCustomer(sim, "Sleeper");
    const { ws, frames } = await openSocket(chatId);
    await evictDurableObject(sim.stub);
    await api(sim, "POST", "/line/v2/bot/message/push", { to: chatId, messages: [{ type: "text", text: "after hibernation" }] });
    await until(() => frames.some((f) => f.t === "append" && f.html?.includes("after hibernation")));
    ws.close(1000, "done");
  });
});
