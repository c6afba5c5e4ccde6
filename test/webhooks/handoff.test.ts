// Handing a webhook body to its conversations: a bounded number at once, and a
// body for many conversations spooled in one durable write, then fanned out —
// acknowledged only once stored, nothing lost, nothing doubled.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { IngestSpoolDO } from "../../src/conversations/ingest-spool";
import { forEachBounded } from "../../src/lib/bounded";
import { DIRECT_MAX_CONVERSATIONS } from "../../src/webhooks/handoff";
import { channelRowId, conversationOf } from "../helpers/conversations";
import { postWebhook, textEvent, userId, webhookBody } from "../helpers/line";

describe("forEachBounded", () => {
  it("never runs more than the limit at once and still runs everything", async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await forEachBounded(Array.from({ length: 50 }, (_, i) => i), 4, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await Promise.resolve();
      await new Promise<void>((r) => queueMicrotask(r));
      inFlight--;
      done.push(i);
    });
    expect(most).toBe(4);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("lets every started call settle before rejecting with the first error", async () => {
    const settled: number[] = [];
    await expect(
      forEachBounded([1, 2, 3, 4], 2, async (i) => {
        if (i === 2) throw new Error("boom");
        settled.push(i);
      }),
    ).rejects.toThrow("boom");
    expect(settled.sort()).toEqual([1, 3, 4]);
  });
});

async function spool() {
  const ns = env.INGEST_SPOOL;
  return ns.get(ns.idFromName(await channelRowId()));
}

async function drainSpool(): Promise<void> {
  const stub = await spool();
  for (let i = 0; i < 10 && (await stub.pending()) > 0; i++) {
    await runInDurableObject(stub, (_o: IngestSpoolDO, state) => {
      state.storage.sql.exec("UPDATE spool SET next_at = 0");
    });
    await runDurableObjectAlarm(stub);
  }
}

describe("a body for many conversations", () => {
  const many = DIRECT_MAX_CONVERSATIONS * 2 + 3;

  it("is acknowledged once spooled and reaches every conversation exactly once, redelivery included", async () => {
    const users = Array.from({ length: many }, (_, i) => userId(`spool-${i}`));
    const events = users.map((u, i) => textEvent(`order question ${i}`, { userId: u }));
    const res = await postWebhook(webhookBody(events));
    expect(res.status).toBe(200);
    // LINE redelivers the same body: stored again in the spool, deduped by the conversations.
    expect((await postWebhook(webhookBody(events.map((e) => ({ ...e, deliveryContext: { isRedelivery: true } }))))).status).toBe(200);
    await drainSpool();
    expect(await (await spool()).pending()).toBe(0);
    for (const [i, u] of users.entries()) {
      const { stub } = await conversationOf({ type: "user", userId: u });
      const { messages } = await stub.thread();
      const texts = messages.filter((m) => m.direction === "inbound").map((m) => (m.body.type === "text" ? m.body.text : m.body.type));
      expect(texts, u).toEqual([`order question ${i}`]);
    }
  });

  it("keeps an entry it could not hand over and retries it later, without holding up the others", async () => {
    const stub = await spool();
    await drainSpool();
    await runInDurableObject(stub, (_o: IngestSpoolDO, state) => {
      state.storage.sql.exec("INSERT INTO spool (name, input, next_at) VALUES ('broken', '{not json', 0)");
    });
    const users = Array.from({ length: DIRECT_MAX_CONVERSATIONS + 1 }, (_, i) => userId(`spool-retry-${i}`));
    expect((await postWebhook(webhookBody(users.map((u) => textEvent("hi", { userId: u }))))).status).toBe(200);
    await runInDurableObject(stub, (_o: IngestSpoolDO, state) => {
      state.storage.sql.exec("UPDATE spool SET next_at = 0");
    });
    await runDurableObjectAlarm(stub);
    const left = await runInDurableObject(stub, (_o: IngestSpoolDO, state) => state.storage.sql.exec("SELECT name, attempts, next_at FROM spool").toArray());
    // The alarm may also have fired on its own meanwhile: at least one failed attempt, none lost.
    expect(left).toEqual([{ name: "broken", attempts: expect.any(Number), next_at: expect.any(Number) }]);
    expect(Number(left[0]?.attempts)).toBeGreaterThanOrEqual(1);
    expect(Number(left[0]?.next_at)).toBeGreaterThan(Date.now());
    const { stub: last } = await conversationOf({ type: "user", userId: users[users.length - 1] ?? "" });
    expect((await last.thread()).messages.some((m) => m.direction === "inbound")).toBe(true);
    await runInDurableObject(stub, (_o: IngestSpoolDO, state) => {
      state.storage.sql.exec("DELETE FROM spool WHERE name = 'broken'");
    });
  });
});

describe("a body for a few conversations", () => {
  it("goes straight to the conversations before the ack, without the spool", async () => {
    const users = Array.from({ length: 5 }, (_, i) => userId(`direct-${i}`));
    const before = await (await spool()).pending();
    expect((await postWebhook(webhookBody(users.map((u) => textEvent("direct hello", { userId: u }))))).status).toBe(200);
    expect(await (await spool()).pending()).toBe(before);
    for (const u of users) {
      const { stub } = await conversationOf({ type: "user", userId: u });
      expect((await stub.thread()).messages.map((m) => m.direction)).toContain("inbound");
    }
  });
});
