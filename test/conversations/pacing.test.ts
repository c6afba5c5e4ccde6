// LINE's rate limit (429) on reply and push: the message waits and goes again —
// never lost, never sent twice (the same retry key, the same unconsumed reply
// token), and the channel's pacer holds every other send meanwhile. The monthly
// limit (also a 429) still fails at once (delivery.test.ts).
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { MAX_DELIVERY_ATTEMPTS } from "../../src/conversations/delivery";
import { sendPriority } from "../../src/conversations/outbound";
import { sendText } from "../../src/conversations/service";
import { HOLD_FIRST_MS, HOLD_MAX_MS } from "../../src/line/pacing";
import { channelRowId, conversationOf } from "../helpers/conversations";
import { type LineCall, postWebhook, routeLineToSimulator, textEvent, userId, webhookBody } from "../helpers/line";

const agent = { id: "usr_pacing", name: "Aom" };
const ok = (path: string) => new Response(JSON.stringify(path.endsWith("/reply") ? { sentMessages: [{ id: "1", quoteToken: "q" }] } : { sentMessages: [{ id: "2", quoteToken: "q" }] }), { status: 200, headers: { "content-type": "application/json" } });
const rateLimited = (retryAfter: string | null) =>
  new Response(JSON.stringify({ message: "The API rate limit has been exceeded. Try again later." }), {
    status: 429,
    headers: { "content-type": "application/json", ...(retryAfter === null ? {} : { "retry-after": retryAfter }) },
  });

let restore: (() => void) | null = null;
afterEach(() => restore?.());

/** LINE answers the first `limited` sends with 429, then accepts; counts what it accepted per retry key / token. */
function lineWithRateLimit(limited: number, options: { rejectReply?: boolean; retryAfter?: string | null } = {}) {
  let seen = 0;
  const accepted: LineCall[] = [];
  const routed = routeLineToSimulator((call) => {
    if (call.path !== "/v2/bot/message/reply" && call.path !== "/v2/bot/message/push") return null;
    if (seen++ < limited) return rateLimited(options.retryAfter === undefined ? "0" : options.retryAfter);
    if (options.rejectReply && call.path.endsWith("/reply")) return new Response(JSON.stringify({ message: "Invalid reply token" }), { status: 400 });
    accepted.push(call);
    return ok(call.path);
  });
  restore = routed.restore;
  const sends = () => routed.calls.filter((c) => c.path === "/v2/bot/message/reply" || c.path === "/v2/bot/message/push");
  return { sends, accepted };
}

async function customerWrites(seed: string) {
  const uid = userId(seed);
  const res = await postWebhook(webhookBody([textEvent("Is the blue one back in stock?", { userId: uid, replyToken: `reply-${seed}` })]));
  expect(res.status).toBe(200);
  return conversationOf({ type: "user", userId: uid });
}

async function runDueDeliveries(stub: DurableObjectStub<ConversationDO>) {
  await runInDurableObject(stub, (_i: ConversationDO, state) => {
    state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE kind = 'deliver'");
  });
  await runDurableObjectAlarm(stub);
}

describe("LINE's rate limit (429)", () => {
  it("keeps a rate-limited reply pending and sends it again with the same reply token, once", async () => {
    const line = lineWithRateLimit(1);
    const { id, stub } = await customerWrites("pace-reply");
    const pending = await sendText(env, id, agent, "Yes, from Friday.");
    expect(pending.status).toBe("pending");
    expect(pending.error).toContain("rate limit");
    await runDueDeliveries(stub);
    expect(await stub.message(pending.id)).toMatchObject({ status: "sent", via: "reply", error: null });
    expect(line.sends().map((c) => c.path)).toEqual(["/v2/bot/message/reply", "/v2/bot/message/reply"]);
    expect(line.accepted).toHaveLength(1);
    expect((line.accepted[0]?.body as { replyToken: string }).replyToken).toBe("reply-pace-reply");
  });

  it("pushes a rate-limited push again with the same retry key and never counts it as an attempt", async () => {
    // More 429s than MAX_DELIVERY_ATTEMPTS: waiting for the rate limit is not a failed attempt.
    const line = lineWithRateLimit(MAX_DELIVERY_ATTEMPTS + 2, { rejectReply: true });
    const { id, stub } = await customerWrites("pace-push");
    // The reply token is spent on the first message; the second one pushes.
    const pending = await sendText(env, id, agent, "first");
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS + 3 && (await stub.message(pending.id))?.status === "pending"; i++) await runDueDeliveries(stub);
    const pushed = await stub.message(pending.id);
    expect(pushed).toMatchObject({ status: "sent", via: "push" });
    const pushes = line.sends().filter((c) => c.path.endsWith("/push"));
    expect(new Set(pushes.map((c) => c.headers.get("x-line-retry-key"))).size).toBe(1);
    expect(line.accepted.filter((c) => c.path.endsWith("/push"))).toHaveLength(1);
  });

  it("holds the whole channel for the Retry-After LINE asked for", async () => {
    lineWithRateLimit(1, { retryAfter: "1" });
    const { id } = await customerWrites("pace-hold");
    const before = Date.now();
    await sendText(env, id, agent, "one moment");
    const pacer = env.LINE_PACERS.get(env.LINE_PACERS.idFromName(await channelRowId()));
    const status = await pacer.status();
    expect(status.pausedUntil).toBeGreaterThanOrEqual(before + 1000);
  });

  it("without a Retry-After (as LINE answers) holds the channel briefly, not a whole second, and the message waits just as long", async () => {
    lineWithRateLimit(1, { retryAfter: null });
    const { id, stub } = await customerWrites("pace-brief");
    const before = Date.now();
    const pending = await sendText(env, id, agent, "checking the stock");
    const after = Date.now();
    expect(pending.status).toBe("pending");
    const pacer = env.LINE_PACERS.get(env.LINE_PACERS.idFromName(await channelRowId()));
    const { pausedUntil } = await pacer.status();
    expect(pausedUntil).toBeGreaterThanOrEqual(before + HOLD_FIRST_MS);
    expect(pausedUntil).toBeLessThan(after + HOLD_MAX_MS);
    const nextAt = await runInDurableObject(stub, (_i: ConversationDO, state) =>
      state.storage.sql.exec<{ next_at: number }>("SELECT next_at FROM outbox WHERE kind = 'deliver'").one().next_at,
    );
    expect(nextAt).toBeLessThan(after + HOLD_MAX_MS);
    await runDueDeliveries(stub);
    expect(await stub.message(pending.id)).toMatchObject({ status: "sent", via: "reply" });
  });
});

describe("priority", () => {
  it("puts agents' answers before automation and API sends", () => {
    expect(sendPriority({ kind: "agent", userId: "usr_1", name: "Aom" })).toBe("agent");
    expect(sendPriority(null)).toBe("agent");
    expect(sendPriority({ kind: "automation", rule: "Opening hours" })).toBe("bulk");
    expect(sendPriority({ kind: "api", tokenId: "tok_1" })).toBe("bulk");
  });
});
