// A ConversationDO keeps its identity and its alarm time in memory (issue 12:
// fewer storage round trips per message). What it keeps must never outlive a
// rolled-back transaction or a fired alarm.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ConversationDO, ConversationMeta } from "../../src/conversations/conversation-do";
import { type ParsedEvent, parseEvent } from "../../src/line/webhook-schema";
import { ThreadStore } from "../../src/conversations/store";
import { runtimeOf } from "../helpers/conversations";
import { textEvent } from "../helpers/line";

function conversation(name: string) {
  const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(name));
  const meta: ConversationMeta = { id: stub.id.toString(), channelId: "ch_memory", workspaceId: "ws_memory", source: { type: "user", userId: `U${"a".repeat(32)}` } };
  return { stub, meta };
}

/** A store over `sql` that counts its meta writes, and a read of a meta value straight from storage. */
function countingStore(sql: SqlStorage) {
  const statements: string[] = [];
  const counting = { exec: (query: string, ...bindings: unknown[]) => (statements.push(query), sql.exec(query, ...bindings)) } as unknown as SqlStorage;
  return {
    store: new ThreadStore(counting),
    metaWrites: () => statements.filter((q) => q.includes("INTO meta")).length,
    stored: (key: string) => sql.exec("SELECT value FROM meta WHERE key = ?", key).toArray().map((r) => JSON.parse(String(r.value)))[0] ?? null,
  };
}

describe("conversation memory caches", () => {
  it("a batch that fails half-way stores nothing, and the next one stores the conversation for good", async () => {
    const { stub, meta } = conversation("memory-rollback");
    const good = parseEvent(textEvent("first"));
    // An event this code cannot plan (no deliveryContext): the whole batch rolls back.
    const broken = { kind: "known", event: { type: "message", timestamp: Date.now(), mode: "active" } } as unknown as ParsedEvent;
    const failed = await runInDurableObject(stub, (instance: ConversationDO) => instance.ingest({ conversation: meta, events: [good, broken] }).then(() => null, (error: unknown) => error));
    expect(failed).toBeInstanceOf(TypeError);
    expect(await stub.thread()).toMatchObject({ messages: [] });

    const retried = await stub.ingest({ conversation: meta, events: [parseEvent(textEvent("second"))] });
    expect(retried).toEqual({ stored: 1, duplicates: 0 });
    const stored = await runInDurableObject(stub, (_i, state) => state.storage.sql.exec("SELECT value FROM meta WHERE key = 'conversation'").toArray().map((r) => JSON.parse(String(r.value))));
    expect(stored).toEqual([meta]);
  });

  it("the unread count kept in memory is the stored one after a batch rolled back", async () => {
    const { stub, meta } = conversation("memory-unread");
    const broken = { kind: "known", event: { type: "message", timestamp: Date.now(), mode: "active" } } as unknown as ParsedEvent;
    await stub.ingest({ conversation: meta, events: [parseEvent(textEvent("one"))] });
    const failed = await runInDurableObject(stub, (instance: ConversationDO) => instance.ingest({ conversation: meta, events: [parseEvent(textEvent("two")), broken] }).then(() => null, (error: unknown) => error));
    expect(failed).toBeInstanceOf(TypeError);
    await stub.ingest({ conversation: meta, events: [parseEvent(textEvent("three"))] });
    const unread = await runInDurableObject(stub, (_i, state) => Number(JSON.parse(String(state.storage.sql.exec("SELECT value FROM meta WHERE key = 'unread'").one().value))));
    expect(unread).toBe(2);
    expect((await stub.thread()).messages.map((m) => (m.body.type === "text" ? m.body.text : ""))).toEqual(["one", "three"]);
  });

  it("every meta value, the newest seq and the members kept in memory are the stored ones after a batch rolled back", async () => {
    const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName("memory-kept-all"));
    const meta: ConversationMeta = { id: stub.id.toString(), channelId: "ch_memory", workspaceId: "ws_memory", source: { type: "group", groupId: `C${"b".repeat(32)}` } };
    const ann = `U${"1".repeat(32)}`;
    const ben = `U${"2".repeat(32)}`;
    const broken = { kind: "known", event: { type: "message", timestamp: Date.now(), mode: "active" } } as unknown as ParsedEvent;
    const inGroup = (userId: string) => ({ userId, source: { type: "group", groupId: meta.source.type === "group" ? meta.source.groupId : "", userId } });
    await stub.ingest({ conversation: meta, events: [parseEvent(textEvent("from ann", { ...inGroup(ann), replyToken: "token-ann" }))] });
    // Ben's first message (a new member, a new reply token, a new seq) rolls back with the broken event.
    const failed = await runInDurableObject(stub, (instance: ConversationDO) =>
      instance.ingest({ conversation: meta, events: [parseEvent(textEvent("from ben", { ...inGroup(ben), replyToken: "token-ben" })), broken] }).then(() => null, (error: unknown) => error),
    );
    expect(failed).toBeInstanceOf(TypeError);
    const view = await runInDurableObject(stub, (instance: ConversationDO, state) => {
      const { store } = runtimeOf(instance);
      const stored = (key: string) => state.storage.sql.exec("SELECT value FROM meta WHERE key = ?", key).toArray().map((r) => JSON.parse(String(r.value)))[0] ?? null;
      return {
        kept: { replyToken: store.getMeta("replyToken"), unread: store.getMeta("unread"), latestSeq: store.latestSeq(), benIsMember: store.hasMember(ben) },
        stored: { replyToken: stored("replyToken"), unread: stored("unread"), latestSeq: Number(state.storage.sql.exec("SELECT MAX(seq) AS s FROM messages").one().s), benIsMember: false },
      };
    });
    expect(view.kept).toEqual(view.stored);
    expect(view.kept.replyToken).toMatchObject({ token: "token-ann" });

    // Ben writes again: he is a new member now, so his profile is fetched.
    await stub.ingest({ conversation: meta, events: [parseEvent(textEvent("ben again", { ...inGroup(ben), replyToken: "token-ben-2" }))] });
    const jobs = await runInDurableObject(stub, (_i, state) => state.storage.sql.exec("SELECT id FROM outbox WHERE kind = 'profile'").toArray().map((r) => String(r.id)));
    expect(jobs).toContain(`profile:${ben}`);
    expect(await runInDurableObject(stub, (instance: ConversationDO) => runtimeOf(instance).store.latestSeq())).toBe(2);
  });

  it("after the alarm ran, whatever is left in the outbox still has an alarm (the remembered one is gone)", async () => {
    const { stub, meta } = conversation("memory-alarm");
    await stub.ingest({ conversation: meta, events: [parseEvent(textEvent("hello"))] });
    const alarm = () => runInDurableObject(stub, (_i, state) => state.storage.getAlarm());
    const jobs = () => runInDurableObject(stub, (_i, state) => Number(state.storage.sql.exec("SELECT (SELECT COUNT(*) FROM outbox) + (SELECT COUNT(*) FROM events) AS n").one().n));
    expect(await alarm()).not.toBeNull();
    // The channel does not exist: the profile and index jobs fail and wait for a retry.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await jobs()).toBeGreaterThan(0);
    expect(await alarm()).not.toBeNull();
    await stub.ingest({ conversation: meta, events: [parseEvent(textEvent("again"))] });
    // An alarm for the earliest job the new message left (the index write, its domain event).
    const earliest = await runInDurableObject(stub, (_i, state) => Number(state.storage.sql.exec("SELECT MIN(at) AS at FROM (SELECT MIN(next_at) AS at FROM outbox UNION ALL SELECT MIN(next_at) FROM events)").one().at));
    const at = await alarm();
    expect(at).not.toBeNull();
    expect(at).toBeLessThanOrEqual(Math.max(earliest, Date.now()));
  });

  it("queuing a waiting job again no earlier writes nothing, but a job a run has read is queued again for real", async () => {
    const { stub, meta } = conversation("memory-queued-jobs");
    await stub.ingest({ conversation: meta, events: [parseEvent(textEvent("hello"))] });
    const seen = await runInDurableObject(stub, (instance: ConversationDO, state) => {
      const { store } = runtimeOf(instance);
      const row = () => state.storage.sql.exec("SELECT generation, next_at FROM outbox WHERE id = 'probe'").one();
      const at = Date.now() + 60_000;
      store.enqueue("probe", "index", {}, at);
      const queued = row();
      // Again, later: the stored job already covers it (same time, same generation).
      store.enqueue("probe", "index", {}, at + 1_000);
      const again = row();
      // Earlier: written, and it moves.
      store.enqueue("probe", "index", {}, at - 1_000);
      const earlier = row();
      // A run reads it (it may be running now): queued again, the generation moves so it runs once more.
      store.job("probe");
      store.enqueue("probe", "index", {}, at + 5_000);
      const whileRunning = row();
      store.finishJob("probe");
      return { queued, again, earlier, whileRunning, at };
    });
    expect(seen.again).toEqual(seen.queued);
    expect(seen.earlier).toEqual({ generation: Number(seen.queued.generation) + 1, next_at: seen.at - 1_000 });
    expect(seen.whileRunning).toEqual({ generation: Number(seen.queued.generation) + 2, next_at: seen.at - 1_000 });
  });
  it("a transaction's meta writes reach storage together at its end: one statement, the last value of each key", async () => {
    const { stub, meta } = conversation("memory-gathered-meta");
    await stub.ingest({ conversation: meta, events: [parseEvent(textEvent("hello"))] });
    const seen = await runInDurableObject(stub, (_i: ConversationDO, state) => {
      const { store, metaWrites, stored } = countingStore(state.storage.sql);
      let during: unknown = null;
      state.storage.transactionSync(() =>
        store.gatherMeta(() => {
          store.setMeta("unread", 7);
          store.setMeta("unread", 8);
          store.gatherMeta(() => store.setMeta("lastCustomerMessageAt", 1234));
          store.setMeta("mode", "standby");
          during = { stored: stored("unread"), kept: store.getMeta("unread") };
        }),
      );
      return { during, metaWrites: metaWrites(), after: { unread: stored("unread"), last: stored("lastCustomerMessageAt"), mode: stored("mode") } };
    });
    // Read back inside the transaction, the kept value is the new one; storage has it only at the end.
    expect(seen.during).toEqual({ stored: 1, kept: 8 });
    expect(seen.metaWrites).toBe(1);
    expect(seen.after).toEqual({ unread: 8, last: 1234, mode: "standby" });
  });

  it("a hint (when events or the index last ran) writes nothing by itself, then goes with the next meta write", async () => {
    const { stub, meta } = conversation("memory-meta-hints");
    await stub.ingest({ conversation: meta, events: [parseEvent(textEvent("hello"))] });
    const seen = await runInDurableObject(stub, (_i: ConversationDO, state) => {
      const { store, metaWrites, stored } = countingStore(state.storage.sql);
      store.setMetaLater("eventsRanAt", 5_000);
      store.setMetaLater("indexedAt", 6_000);
      const held = { writes: metaWrites(), kept: store.getMeta("eventsRanAt"), stored: stored("eventsRanAt") };
      store.setMeta("unread", 3);
      return { held, writes: metaWrites(), after: { ran: stored("eventsRanAt"), indexed: stored("indexedAt"), unread: stored("unread") } };
    });
    // Held in memory (read back at once), not in storage: no write of its own.
    expect(seen.held).toEqual({ writes: 0, kept: 5_000, stored: null });
    expect(seen.writes).toBe(1);
    expect(seen.after).toEqual({ ran: 5_000, indexed: 6_000, unread: 3 });
  });
});
