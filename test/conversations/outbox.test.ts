// The conversation outbox never loses work queued while a job of the same kind runs.
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ThreadStore } from "../../src/conversations/store";

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
});
