// The conversation outbox never loses work queued while a job of the same kind runs.
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ThreadStore } from "../../src/conversations/store";
import { parseJob } from "../../src/conversations/meta";
import { DUE_JOBS_SQL } from "../../src/conversations/store-state";

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

  it("runs a backlog of events in order after the other due jobs, read through its index rather than sorted whole", async () => {
    const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName("outbox-backlog"));
    await runInDurableObject(stub, (_instance, state) => {
      const store = new ThreadStore(state.storage.sql);
      for (let i = 0; i < 300; i++) store.enqueue(`event:${i}`, "event", { eventId: `evt_${i}` } as never, 1000 + i);
      store.enqueue("index", "index", {}, 1200);
      store.enqueue("later", "index", {}, 99_999);
      const first = store.dueJobs(5000);
      expect(first).toHaveLength(100);
      expect(first[0]?.id).toBe("index");
      expect(first.slice(1).map((j) => j.id)).toEqual(Array.from({ length: 99 }, (_, i) => `event:${i}`));
      expect(store.nextJobAt()).toBe(1000);
      const plan = state.storage.sql
        .exec(`EXPLAIN QUERY PLAN ${DUE_JOBS_SQL}`, 5000, 100)
        .toArray()
        .map((r) => String(r.detail));
      expect(plan.join(" | ")).toContain("USING INDEX outbox_due");
      expect(plan.join(" | ")).not.toContain("TEMP B-TREE");
    });
  });

  it("reads an event job as stored and refuses one whose envelope it cannot read (the alarm drops it with a warning)", () => {
    const job = { event: { id: "evt_1", type: "message.received", data: { message: { text: "hi" } } }, done: ["automation"] };
    expect(parseJob("event", JSON.stringify(job))).toEqual({ kind: "event", payload: job });
    for (const bad of [{ event: { id: "evt_1" }, done: [] }, { event: { id: 1, type: "x" }, done: [] }, { event: { id: "evt_1", type: "x" }, done: [3] }, { event: null, done: [] }, [], "event"]) {
      expect(parseJob("event", JSON.stringify(bad))).toBeNull();
    }
    expect(parseJob("event", "{not json")).toBeNull();
  });
});
