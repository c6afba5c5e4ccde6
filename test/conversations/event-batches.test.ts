// Event jobs due together go to the listeners as one run: a listener with
// handleBatch gets them in one call (one D1 round trip for a burst), the others
// one by one in the usual order, and a failure retries only what failed.
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { dispatchEventJobs, emit } from "../../src/conversations/emit";
import { defineListeners, type DomainEvent, type Listener } from "../../src/conversations/events";
import type { EventJob } from "../../src/conversations/meta";
import { ConversationRuntime } from "../../src/conversations/runtime";

function recorder(calls: string[], name: string, options: { batch?: boolean; failOn?: string } = {}): Listener {
  const handle = async (event: DomainEvent) => {
    if (event.type === "conversation.resolved" && options.failOn === "resolved") throw new Error(`${name} cannot`);
    calls.push(`${name}:${event.type}`);
  };
  return {
    name,
    events: ["message.received", "conversation.resolved"],
    handle,
    ...(options.batch
      ? {
          async handleBatch(items) {
            if (options.failOn === "batch") throw new Error(`${name} batch down`);
            calls.push(`${name}:batch(${items.map((i) => i.event.type).join(",")})`);
          },
        }
      : {}),
  };
}

let sql: SqlStorage;

async function withThreeEvents<T>(name: string, run: (rt: ConversationRuntime, jobs: Array<{ seq: number; job: EventJob }>) => Promise<T>): Promise<T> {
  const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(name));
  return runInDurableObject(stub, async (_i: ConversationDO, state) => {
    const rt = new ConversationRuntime(state, env);
    sql = state.storage.sql;
    rt.store.setMeta("conversation", { id: stub.id.toString(), channelId: "ch_batch", workspaceId: "ws_batch", source: { type: "user", userId: `U${"b".repeat(32)}` } });
    const message = { id: "m", direction: "inbound" as const, type: "text" as const, text: "hi", body: { type: "text" as const, text: "hi" }, lineMessageId: null, senderLineUserId: null, agentId: null, agentName: null, createdAt: 1 };
    const customer = { kind: "customer" as const };
    const events = [
      emit(rt, "message.received", { message, redelivered: false, standby: false }, customer),
      emit(rt, "message.received", { message, redelivered: false, standby: false }, customer),
      emit(rt, "conversation.resolved", { previousStatus: "open" }, customer),
    ];
    const stored = rt.store.dueEvents(Number.MAX_SAFE_INTEGER);
    expect(stored).toHaveLength(events.length);
    return run(rt, stored.map((row, k) => ({ seq: row.seq, job: { event: events[k]!, done: [] } })));
  });
}

describe("event jobs due together", () => {
  it("a batching listener gets the whole run in one call; the others each event, listeners in registration order", async () => {
    const calls: string[] = [];
    const registry = defineListeners([recorder(calls, "first"), recorder(calls, "rollups", { batch: true }), recorder(calls, "last")]);
    const results = await withThreeEvents("batch-order", (rt, jobs) => dispatchEventJobs(rt, jobs, registry));
    expect(results).toEqual([null, null, null]);
    expect(calls).toEqual([
      "first:message.received",
      "first:message.received",
      "first:conversation.resolved",
      "rollups:batch(message.received,message.received,conversation.resolved)",
      "last:message.received",
      "last:message.received",
      "last:conversation.resolved",
    ]);
  });

  it("a failure is retried for the events it touched only, remembering which listeners are done", async () => {
    const calls: string[] = [];
    const registry = defineListeners([recorder(calls, "steady"), recorder(calls, "flaky", { failOn: "resolved" })]);
    const { results, payloads } = await withThreeEvents("batch-failure", async (rt, jobs) => {
      const results = await dispatchEventJobs(rt, jobs, registry);
      const payloads = jobs.map((j) => sql.exec("SELECT payload FROM events WHERE seq = ?", j.seq).one().payload);
      return { results: results.map((r) => r?.message ?? null), payloads: payloads.map((p) => (JSON.parse(String(p)) as EventJob).done) };
    });
    expect(results[0]).toBeNull();
    expect(results[1]).toBeNull();
    expect(results[2]).toContain("flaky: flaky cannot");
    expect(payloads[2]).toEqual(["steady"]);
  });

  it("a batch that throws fails every event in it, and the others' listeners still ran", async () => {
    const calls: string[] = [];
    const registry = defineListeners([recorder(calls, "rollups", { batch: true, failOn: "batch" }), recorder(calls, "after")]);
    const results = await withThreeEvents("batch-down", (rt, jobs) => dispatchEventJobs(rt, jobs, registry));
    expect(results.map((r) => r?.message.includes("rollups batch down"))).toEqual([true, true, true]);
    expect(calls).toEqual(["after:message.received", "after:message.received", "after:conversation.resolved"]);
  });
});
