// The conversation outbox never loses work queued while a job of the same kind runs; domain
// events wait in a table of their own, in the order they were emitted.
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ThreadStore } from "../../src/conversations/store";
import { parseEventJob } from "../../src/conversations/meta";
import { DUE_EVENTS_SQL } from "../../src/conversations/store-state";

describe("outbox", () => {
  it("keeps a job that was enqueued again while it ran, and removes it otherwise", async () => {
    const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName("outbox-test"));
    await runInDurableObject(stub, (_instance, state) => {
      const store = new ThreadStore(state.storage.sql);
      store.enqueue("index", "index", {}, 1);
      const [running] = store.dueJobs(10);
      expect(running).toMatchObject({ id: "index", generation: 0 });
      // A new message arrives during the run and asks for the index again.
      store.enqueue("index", "index", {}, 5);
      store.completeJob(running!);
      expect(store.dueJobs(10).map((j) => j.id)).toEqual(["index"]);
      const [again] = store.dueJobs(10);
      store.completeJob(again!);
      expect(store.dueJobs(10)).toEqual([]);
    });
  });

  it("keeps events apart, in the order emitted, and reads a backlog's next 100 without sorting it", async () => {
    const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName("outbox-backlog"));
    await runInDurableObject(stub, (_instance, state) => {
      const store = new ThreadStore(state.storage.sql);
      const job = (i: number) => ({ event: { id: `evt_${i}`, type: "message.received" }, done: [] }) as never;
      // Emitted in this order, though a later one may be due earlier (a run's interval).
      for (let i = 0; i < 300; i++) store.enqueueEvent(job(i), 1300 - i);
      store.enqueue("index", "index", {}, 1200);
      store.enqueue("later", "index", {}, 99_999);
      expect(store.dueJobs(5000).map((j) => j.id)).toEqual(["index"]);
      const first = store.dueEvents(5000);
      expect(first.map((e) => (JSON.parse(e.payload) as { event: { id: string } }).event.id)).toEqual(Array.from({ length: 100 }, (_, i) => `evt_${i}`));
      expect(store.nextJobAt()).toBe(1001);
      expect(store.pendingJobs()).toBe(302);
      store.postponeEvent(first[0]!.seq, 1, 9000, "down");
      store.finishEvents(first.slice(1).map((e) => e.seq));
      expect(store.dueEvents(5000)[0]?.payload).toContain("evt_100");
      expect(store.pendingJobs()).toBe(203);
      const plan = state.storage.sql
        .exec(`EXPLAIN QUERY PLAN ${DUE_EVENTS_SQL}`, 5000, 100)
        .toArray()
        .map((r) => String(r.detail));
      expect(plan.join(" | ")).not.toContain("TEMP B-TREE");
    });
  });

  it("reads an event job as stored and refuses one whose envelope it cannot read (the alarm drops it with a warning)", () => {
    const job = { event: { id: "evt_1", type: "message.received", data: { message: { text: "hi" } } }, done: ["automation"] };
    expect(parseEventJob(JSON.stringify(job))).toEqual(job);
    for (const bad of [{ event: { id: "evt_1" }, done: [] }, { event: { id: 1, type: "x" }, done: [] }, { event: { id: "evt_1", type: "x" }, done: [3] }, { event: null, done: [] }, [], "event"]) {
      expect(parseEventJob(JSON.stringify(bad))).toBeNull();
    }
    expect(parseEventJob("{not json")).toBeNull();
  });
});
