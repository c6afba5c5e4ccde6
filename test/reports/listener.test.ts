// The listener is at least once: the same event handled again — one after the
// other or racing — is counted once. And the real path: a customer's message
// through the webhook and the conversation's outbox lands in the rollups.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { loadChannelAutomation } from "../../src/automation/settings";
import { recordEvent, recordEvents, reportsListener } from "../../src/reports/recorder";
import { AFTER_ACK_INTERVAL_MS } from "../../src/conversations/runtime";
import type { ConversationPort } from "../../src/conversations/port";
import { postWebhook, textEvent, webhookBody } from "../helpers/line";
import { customer, fakeLine } from "../outbound-webhooks/helpers";
import { domainEvent, inboundTotal, message, type World, world } from "./helpers";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

let w: World;
beforeAll(async () => {
  w = await world("listener", "UTC", 2, 5);
});

describe("idempotency", () => {
  it("an event delivered twice, or twice at once, is counted once (rollups and the response clock)", async () => {
    const conv = w.conversations[0]!;
    const at = Date.now() - 60_000;
    const received = domainEvent(w, conv, "message.received", { message: message("inbound", null, at), redelivered: false, standby: false }, at);
    await recordEvent(env.DB, received);
    await recordEvent(env.DB, received);
    expect(await inboundTotal(w.workspaceId)).toBe(1);

    const again = domainEvent(w, conv, "message.received", { message: message("inbound", null, at + 1), redelivered: false, standby: false }, at + 1);
    await Promise.all([recordEvent(env.DB, again), recordEvent(env.DB, again), recordEvent(env.DB, again)]);
    expect(await inboundTotal(w.workspaceId)).toBe(2);

    const agent = w.agents[0]!;
    const reply = domainEvent(w, conv, "message.sent", { message: message("outbound", agent.id, at + 120_000), via: "reply" }, at + 120_000, { kind: "agent", userId: agent.id, name: agent.name });
    await Promise.all([recordEvent(env.DB, reply), recordEvent(env.DB, reply)]);
    const durations = await env.DB.prepare("SELECT metric, count, sum_ms FROM report_durations WHERE workspace_id = ? AND grain = 'd' AND tag_id = '*' AND channel_id = '*' AND team_id = '*' AND agent_id = '*'")
      .bind(w.workspaceId)
      .all<{ metric: string; count: number; sum_ms: number }>();
    expect(durations.results).toEqual([{ metric: "first_response", count: 1, sum_ms: 120_000 }]);
  });

  it("two runs that share an event, racing, count each of their events once", async () => {
    const conv = w.conversations[1]!;
    const before = await inboundTotal(w.workspaceId);
    const at = Date.now() - 30_000;
    const [a, b, c] = [0, 1, 2].map((i) => domainEvent(w, conv, "message.received", { message: message("inbound", null, at + i), redelivered: false, standby: false }, at + i));
    await Promise.all([recordEvents(env.DB, [a!, b!], null), recordEvents(env.DB, [b!, c!], null)]);
    expect(await inboundTotal(w.workspaceId)).toBe(before + 3);
  });

  it("is registered for every domain event type it counts", async () => {
    const { domainListeners } = await import("../../src/listeners");
    for (const type of ["message.received", "message.sent", "message.failed", "conversation.opened", "conversation.assigned", "conversation.resolved", "conversation.reopened", "contact.followed", "contact.unfollowed"] as const) {
      expect(domainListeners.listenersFor(type)).toContain(reportsListener);
    }
  });
});

/** env.DB, counting the batches sent through it (a run's read and write are one batch each). */
function countingBatches(db: D1Database): { d1: D1Database; batches: () => number } {
  let batches = 0;
  const d1 = new Proxy(db, {
    get(target, prop) {
      if (prop === "batch") return (statements: D1PreparedStatement[]) => (batches++, target.batch(statements));
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { d1, batches: () => batches };
}

describe("a busy conversation's runs", () => {
  it("reuse the snapshot the last write left: one D1 round trip a run, the response clock exact, a counted event still refused", async () => {
    const k = await world("listener-kept", "UTC", 1, 9);
    const conv = k.conversations[0]!;
    const agent = k.agents[0]!;
    const memory = new Map<string, unknown>();
    // The channel's business hours (a response counts inside or outside them) are kept per isolate: read them before counting.
    await loadChannelAutomation(env.DB, conv.channelId);
    const { d1, batches } = countingBatches(env.DB);
    const at = Date.now() - 60_000;
    const received = (t: number) => domainEvent(k, conv, "message.received", { message: message("inbound", null, t), redelivered: false, standby: false }, t);
    const inbound = async () => (await env.DB.prepare("SELECT COALESCE(SUM(inbound), 0) AS n FROM report_messages WHERE workspace_id = ? AND grain = 'h' AND tag_id = '*' AND channel_id = '*' AND team_id = '*' AND agent_id = '*'").bind(k.workspaceId).first<{ n: number }>())?.n;

    await recordEvents(d1, [received(at)], null, memory);
    expect(batches()).toBe(2); // read, write
    const reply = domainEvent(k, conv, "message.sent", { message: message("outbound", agent.id, at + 90_000), via: "reply" }, at + 90_000, { kind: "agent", userId: agent.id, name: agent.name });
    await recordEvents(d1, [reply], null, memory);
    expect(batches()).toBe(3); // the write only
    const durations = await env.DB.prepare("SELECT metric, count, sum_ms FROM report_durations WHERE workspace_id = ? AND grain = 'd' AND tag_id = '*' AND channel_id = '*' AND team_id = '*' AND agent_id = '*'").bind(k.workspaceId).all();
    expect(durations.results).toEqual([{ metric: "first_response", count: 1, sum_ms: 90_000 }]);

    const second = received(at + 100_000);
    await recordEvents(d1, [second], null, memory);
    expect(batches()).toBe(4);
    // Delivered again: the write's claim refuses it, and the retry reads D1, which knows it was counted.
    await recordEvents(d1, [second], null, memory);
    expect(batches()).toBe(6);
    expect(await inbound()).toBe(2);

    // An assignment changes who messages count for: the next run reads the conversation again.
    const assigned = domainEvent(k, conv, "conversation.assigned", { change: "assignee", assignee: { id: agent.id, name: agent.name }, team: null, previousAssigneeId: null, previousTeamId: null }, at + 110_000, { kind: "agent", userId: agent.id, name: agent.name });
    await recordEvents(d1, [assigned], null, memory);
    await recordEvents(d1, [received(at + 120_000)], null, memory);
    expect(batches()).toBe(10);
    expect(await inbound()).toBe(3);
  });
});

describe("a tag put on a busy conversation", () => {
  it("counts its next messages under the tag at once, not after the kept snapshot ages", async () => {
    const k = await world("listener-tag", "UTC", 1, 2);
    const conv = k.conversations[0]!;
    const memory = new Map<string, unknown>();
    const conversation = new Proxy({}, { get: () => { throw new Error("the reports listener should not use the conversation port"); } }) as ConversationPort;
    const ctx = { env, contactId: async () => null, conversation, memory };
    const at = Date.now() - 60_000;
    const received = (t: number) => domainEvent(k, conv, "message.received", { message: message("inbound", null, t), redelivered: false, standby: false }, t);
    const underTag = async (tagId: string) => (await env.DB.prepare("SELECT COALESCE(SUM(inbound), 0) AS n FROM report_messages WHERE workspace_id = ? AND grain = 'h' AND tag_id = ? AND channel_id = '*' AND team_id = '*' AND agent_id = '*'").bind(k.workspaceId, tagId).first<{ n: number }>())?.n;

    await reportsListener.handle(received(at), ctx);
    const tagId = `tag_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
    await env.DB.prepare("INSERT INTO tags (id, workspace_id, name, color, created_at) VALUES (?, ?, 'VIP', 'violet', 0)").bind(tagId, k.workspaceId).run();
    await env.DB.prepare("INSERT INTO conversation_tags (conversation_id, tag_id, workspace_id, last_activity_at) VALUES (?, ?, ?, ?)").bind(conv.id, tagId, k.workspaceId, at).run();
    const tagged = domainEvent(k, conv, "tag.added", { target: "conversation", tag: { id: tagId, name: "VIP" } }, at + 1_000, { kind: "agent", userId: null, name: "Ana" });
    // In one run with the next message, as the outbox hands them over.
    await reportsListener.handleBatch?.([tagged, received(at + 2_000)].map((event) => ({ event, ctx })));
    expect(await underTag(tagId)).toBe(1);
  });
});

describe("through the webhook", () => {
  it("a customer's follow and messages reach the rollups from the conversation's outbox", async () => {
    fakeLine();
    const yuki = customer(w, "listener-real");
    await yuki.follows();
    await yuki.says("hello");
    await yuki.says("are you there?");
    expect(await inboundTotal(w.workspaceId)).toBeGreaterThanOrEqual(4);
    const contacts = await env.DB.prepare("SELECT new_friends FROM report_contacts WHERE workspace_id = ? AND grain = 'd' AND channel_id = ? AND language = '*'")
      .bind(w.workspaceId, w.channelId)
      .first<{ new_friends: number }>();
    expect(contacts?.new_friends).toBe(1);
    const opened = await env.DB.prepare("SELECT SUM(opened) AS n FROM report_conversations WHERE workspace_id = ? AND grain = 'd' AND channel_id = ? AND tag_id = '*' AND team_id = '*' AND agent_id = '*'")
      .bind(w.workspaceId, w.channelId)
      .first<{ n: number }>();
    expect(opened?.n).toBe(1);
  });

  it("a quiet conversation's message goes to the listeners at once; messages right after a run wait for the next, which counts them all", async () => {
    fakeLine();
    const ken = customer(w, "listener-batched");
    const post = async (text: string) => expect((await postWebhook(webhookBody([textEvent(text, { userId: ken.uid })]), { channelId: w.lineChannelId })).status).toBe(200);
    const outbox = () =>
      runInDurableObject(ken.stub(), async (_i: unknown, state: DurableObjectState) => ({
        ranAt: Number(JSON.parse(String(state.storage.sql.exec("SELECT value FROM meta WHERE key = 'eventsRanAt'").toArray()[0]?.value ?? "0"))),
        events: state.storage.sql.exec("SELECT next_at FROM events").toArray().map((r) => Number(r.next_at)),
        alarm: await state.storage.getAlarm(),
      }));
    const before = await inboundTotal(w.workspaceId);

    const sentAt = Date.now();
    await post("first");
    const quiet = await outbox();
    expect(quiet.ranAt).toBe(0);
    expect(quiet.events.length).toBeGreaterThan(0);
    for (const at of quiet.events) expect(at).toBeLessThanOrEqual(Date.now());
    expect(await runDurableObjectAlarm(ken.stub())).toBe(true);
    const afterFirst = await outbox();
    expect(afterFirst.ranAt).toBeGreaterThanOrEqual(sentAt);
    expect(afterFirst.events).toEqual([]);
    expect(await inboundTotal(w.workspaceId)).toBe(before + 1);

    await post("second");
    await post("third");
    const busy = await outbox();
    expect(busy.events).toHaveLength(2);
    for (const at of busy.events) expect(at).toBeGreaterThanOrEqual(afterFirst.ranAt + AFTER_ACK_INTERVAL_MS);
    expect(busy.alarm).not.toBeNull();
    expect(busy.alarm).toBeLessThanOrEqual(Math.min(...busy.events));
    expect(await inboundTotal(w.workspaceId)).toBe(before + 1);

    // Time passes (made due rather than slept through): one run hands both to the listeners.
    await runInDurableObject(ken.stub(), (_i: unknown, state: DurableObjectState) => state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE kind = 'index'; UPDATE events SET next_at = 0"));
    expect(await runDurableObjectAlarm(ken.stub())).toBe(true);
    const afterBusy = await outbox();
    expect(afterBusy.events).toEqual([]);
    expect(afterBusy.ranAt).toBeGreaterThan(afterFirst.ranAt);
    expect(await inboundTotal(w.workspaceId)).toBe(before + 3);
  });
});
