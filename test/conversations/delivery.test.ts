// Outbound delivery: reply token first (free), push with a stable retry key as the
// fallback, LINE's failures shown on the message, standby mode sends nothing.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { renderBubble } from "../../src/conversations/render";
import { sendText } from "../../src/conversations/service";
import { conversationOf, editMeta } from "../helpers/conversations";
import { type LineCall, postWebhook, routeLineToSimulator, textEvent, userId, webhookBody } from "../helpers/line";

const agent = { id: "usr_test", name: "Mika from Support" };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const replyOk = (call: LineCall) => (call.path === "/v2/bot/message/reply" ? json(200, { sentMessages: [{ id: "1", quoteToken: "q" }] }) : null);

let restore: (() => void) | null = null;
afterEach(() => restore?.());

async function customerWrites(seed: string, options: { replyToken?: string; mode?: "active" | "standby" } = {}) {
  const uid = userId(seed);
  const res = await postWebhook(webhookBody([textEvent("Do you ship to Chiang Mai?", { userId: uid, replyToken: options.replyToken ?? `reply-${seed}`, mode: options.mode })]));
  expect(res.status).toBe(200);
  return conversationOf({ type: "user", userId: uid });
}

function lineCalls(override?: (call: LineCall) => Response | null | undefined) {
  const routed = routeLineToSimulator(override);
  restore = routed.restore;
  return routed.calls;
}

const sends = (calls: LineCall[]) => calls.filter((c) => c.path === "/v2/bot/message/reply" || c.path === "/v2/bot/message/push");

describe("reply or push", () => {
  it("answers with the reply API while the reply token is fresh, with the agent as sender", async () => {
    const calls = lineCalls(replyOk);
    const { id } = await customerWrites("fresh");
    const message = await sendText(env, id, agent, "Yes, 2–3 days.");
    expect(message).toMatchObject({ status: "sent", via: "reply", agentName: "Mika from Support" });
    expect(sends(calls)).toHaveLength(1);
    expect(sends(calls)[0]).toMatchObject({ path: "/v2/bot/message/reply", body: { replyToken: "reply-fresh", messages: [{ type: "text", text: "Yes, 2–3 days.", sender: { name: "Mika from Support" } }] } });
  });

  it("pushes once the reply token has been used, with a UUID retry key", async () => {
    const calls = lineCalls(replyOk);
    const { id } = await customerWrites("used");
    await sendText(env, id, agent, "first answer");
    const second = await sendText(env, id, agent, "second answer");
    expect(second).toMatchObject({ status: "sent", via: "push" });
    const push = sends(calls)[1];
    expect(push?.path).toBe("/v2/bot/message/push");
    expect(push?.body).toMatchObject({ to: userId("used"), messages: [{ type: "text", text: "second answer" }] });
    expect(push?.headers.get("x-line-retry-key")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("pushes without trying an expired reply token (older than 50 s)", async () => {
    const calls = lineCalls(replyOk);
    const { id, stub } = await customerWrites("expired");
    await editMeta(stub, "replyToken", (token) => token && { ...token, receivedAt: Date.now() - 55_000 });
    const message = await sendText(env, id, agent, "sorry for the wait");
    expect(message).toMatchObject({ status: "sent", via: "push" });
    expect(sends(calls).map((c) => c.path)).toEqual(["/v2/bot/message/push"]);
  });

  it("falls back to push when LINE rejects the reply token", async () => {
    // The simulator never issued this token, so LINE answers "Invalid reply token".
    const calls = lineCalls();
    const { id } = await customerWrites("rejected-token");
    const message = await sendText(env, id, agent, "hello");
    expect(message).toMatchObject({ status: "sent", via: "push" });
    expect(sends(calls).map((c) => c.path)).toEqual(["/v2/bot/message/reply", "/v2/bot/message/push"]);
  });
});

describe("push retries", () => {
  /** LINE answers the pushes in order with these [status, body] pairs, then 200. */
  async function pushOnly(seed: string, answers: Array<[number, unknown]>) {
    let pushes = 0;
    const calls = lineCalls((call) => {
      if (call.path === "/v2/bot/message/reply") return json(400, { message: "Invalid reply token" });
      if (call.path !== "/v2/bot/message/push") return null;
      const [status, body] = answers[pushes++] ?? [200, { sentMessages: [{ id: "1", quoteToken: "q" }] }];
      return json(status, body);
    });
    const conversation = await customerWrites(seed);
    return { calls, ...conversation };
  }

  async function runDueRetries(stub: DurableObjectStub<ConversationDO>) {
    await runInDurableObject(stub, (_i: ConversationDO, state) => {
      state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE kind = 'deliver'");
    });
    await runDurableObjectAlarm(stub);
  }

  it("retries a 500 with the same retry key and then shows the message as sent", async () => {
    const { calls, id, stub } = await pushOnly("retry500", [[500, { message: "Internal error" }]]);
    const pending = await sendText(env, id, agent, "your order shipped");
    expect(pending.status).toBe("pending");
    expect(pending.error).toContain("500");
    await runDueRetries(stub);
    const message = await stub.message(pending.id);
    expect(message).toMatchObject({ status: "sent", via: "push", error: null });
    const pushes = sends(calls).filter((c) => c.path.endsWith("/push"));
    expect(pushes).toHaveLength(2);
    expect(pushes[0]?.headers.get("x-line-retry-key")).toBe(pushes[1]?.headers.get("x-line-retry-key"));
  });

  it("counts 409 (retry key already accepted) as sent", async () => {
    const { id } = await pushOnly("conflict", [[409, { message: "The retry key is already accepted" }]]);
    expect(await sendText(env, id, agent, "hi")).toMatchObject({ status: "sent", via: "push" });
  });

  it("fails a 400 at once with LINE's reason and never retries it", async () => {
    const { calls, id, stub } = await pushOnly("bad-request", [[400, { message: "The request body has 1 error(s)", details: [{ message: "May not be empty", property: "messages[0].text" }] }]]);
    const message = await sendText(env, id, agent, "x");
    expect(message.status).toBe("failed");
    expect(message.error).toBe("LINE 400: The request body has 1 error(s) (messages[0].text: May not be empty)");
    await runDueRetries(stub);
    expect(sends(calls).filter((c) => c.path.endsWith("/push"))).toHaveLength(1);
  });

  it("fails when the monthly quota is used up, and the retry button sends it later", async () => {
    const { id, stub } = await pushOnly("quota", [[429, { message: "You have reached your monthly limit." }]]);
    const failed = await sendText(env, id, agent, "new stock arrived");
    expect(failed).toMatchObject({ status: "failed", error: "LINE 429: You have reached your monthly limit." });
    // The inbox's quota banner learns it at once.
    const channel = await env.DB.prepare("SELECT quota_exhausted_at FROM channels WHERE line_channel_id = ?").bind(env.LINE_CHANNEL_ID).first<{ quota_exhausted_at: number | null }>();
    expect(channel?.quota_exhausted_at).toBeGreaterThan(0);
    const retried = await stub.retry(failed.id);
    expect(retried).toMatchObject({ status: "sent", via: "push", error: null });
  });

  it("gives up after the last attempt and shows why", async () => {
    const fiveHundreds = Array.from({ length: 10 }, (): [number, unknown] => [503, { message: "Service unavailable" }]);
    const { id, stub } = await pushOnly("give-up", fiveHundreds);
    const first = await sendText(env, id, agent, "hello");
    for (let i = 0; i < 6; i++) await runDueRetries(stub);
    expect(await stub.message(first.id)).toMatchObject({ status: "failed", error: "LINE 503: Service unavailable" });
  });
});

describe("a reply LINE did not confirm", () => {
  async function runDueDelivery(stub: DurableObjectStub<ConversationDO>, tokenAgeMs?: number) {
    await runInDurableObject(stub, (_i: ConversationDO, state) => {
      state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE kind = 'deliver'");
      if (tokenAgeMs !== undefined) state.storage.sql.exec("UPDATE messages SET reply_token_at = ? WHERE reply_token IS NOT NULL", Date.now() - tokenAgeMs);
    });
    await runDurableObjectAlarm(stub);
  }

  it("is never followed by a push: the reply is retried and succeeds", async () => {
    let replies = 0;
    const calls = lineCalls((call) => {
      if (call.path !== "/v2/bot/message/reply") return null;
      return replies++ === 0 ? json(503, { message: "Service unavailable" }) : json(200, { sentMessages: [{ id: "1", quoteToken: "q" }] });
    });
    const { id, stub } = await customerWrites("reply-503-then-ok");
    const pending = await sendText(env, id, agent, "Your parcel left Osaka today.");
    expect(pending).toMatchObject({ status: "pending" });
    expect(pending.error).toContain("did not confirm the reply");
    await runDueDelivery(stub);
    expect(await stub.message(pending.id)).toMatchObject({ status: "sent", via: "reply", error: null });
    expect(sends(calls).map((c) => c.path)).toEqual(["/v2/bot/message/reply", "/v2/bot/message/reply"]);
    expect(sends(calls).every((c) => (c.body as { replyToken: string }).replyToken === "reply-reply-503-then-ok")).toBe(true);
  });

  it("becomes 'delivery unknown' when LINE then refuses the token, and only 'send again' pushes it", async () => {
    let replies = 0;
    const calls = lineCalls((call) => {
      if (call.path !== "/v2/bot/message/reply") return null;
      // The first call timed out on our side but reached LINE, which used the token.
      return replies++ === 0 ? json(504, { message: "Gateway timeout" }) : json(400, { message: "Invalid reply token" });
    });
    const { id, stub } = await customerWrites("reply-timeout-then-refused");
    const pending = await sendText(env, id, agent, "Refund approved.");
    await runDueDelivery(stub);
    const unknown = await stub.message(pending.id);
    expect(unknown).toMatchObject({ status: "unknown" });
    expect(unknown?.error).toContain("may or may not have reached the customer");
    expect(sends(calls).filter((c) => c.path.endsWith("/push"))).toHaveLength(0);
    // No later alarm pushes it behind the agent's back.
    await runDueDelivery(stub);
    expect(sends(calls).filter((c) => c.path.endsWith("/push"))).toHaveLength(0);
    // The agent decides to send it again: one push.
    const again = await stub.retry(pending.id);
    expect(again).toMatchObject({ status: "sent", via: "push" });
    expect(sends(calls).filter((c) => c.path.endsWith("/push"))).toHaveLength(1);
  });

  it("becomes 'delivery unknown' when LINE stays silent until the token expires", async () => {
    const calls = lineCalls((call) => (call.path === "/v2/bot/message/reply" ? json(500, { message: "Internal error" }) : null));
    const { id, stub } = await customerWrites("reply-silent");
    const pending = await sendText(env, id, agent, "We are checking.");
    await runDueDelivery(stub);
    expect((await stub.message(pending.id))?.status).toBe("pending");
    await runDueDelivery(stub, 61_000);
    expect(await stub.message(pending.id)).toMatchObject({ status: "unknown" });
    expect(sends(calls).filter((c) => c.path.endsWith("/push"))).toHaveLength(0);
  });

  it("shows 'Delivery unknown' with a 'Send again' button in the thread", async () => {
    lineCalls((call) => (call.path === "/v2/bot/message/reply" ? json(400, { message: "Invalid reply token" }) : null));
    const { id, stub } = await customerWrites("reply-unknown-render");
    const sent = await sendText(env, id, agent, "ok");
    await runInDurableObject(stub, (_i: ConversationDO, state) => {
      state.storage.sql.exec("UPDATE messages SET status = 'unknown', error = 'LINE did not confirm the reply' WHERE id = ?", sent.id);
    });
    const message = await stub.message(sent.id);
    if (!message) throw new Error("message missing");
    const html = renderBubble(message, id, () => "", { type: "user", userId: userId("reply-unknown-render") });
    expect(html).toContain("Delivery unknown: LINE did not confirm the reply");
    expect(html).toContain("Send again");
    expect(html).toContain(`/messages/${sent.id}/retry`);
  });
});

describe("standby mode", () => {
  it("stores standby events but never sends anything to LINE", async () => {
    const calls = lineCalls(replyOk);
    const { id, stub } = await customerWrites("standby", { mode: "standby" });
    const { messages, mode } = await stub.thread();
    expect(mode).toBe("standby");
    expect(messages[0]).toMatchObject({ standby: true });
    const message = await sendText(env, id, agent, "hi");
    expect(message.status).toBe("failed");
    expect(message.error).toContain("standby");
    expect(sends(calls)).toHaveLength(0);
  });
});
