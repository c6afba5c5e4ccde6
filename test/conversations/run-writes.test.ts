// A busy conversation's run writes the D1 index and counts its messages into the
// reports in one D1 batch (the reports' write rides in the index write's batch), and
// when that shared batch fails the index is still written and nothing is counted twice.
import { env, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { parseEventJob } from "../../src/conversations/meta";
import { runDueJobs } from "../../src/conversations/outbox-run";
import { recordEvents } from "../../src/reports/recorder";
import { allDueNow, conversationOf, drainOutbox, editMeta, indexRow, runtimeOf } from "../helpers/conversations";
import { postWebhook, routeLineToSimulator, textEvent, userId, webhookBody } from "../helpers/line";
import { inboundTotal } from "../reports/helpers";

let restore: (() => void) | null = null;
afterEach(() => restore?.());

/**
 * A conversation whose reports have counted two messages the usual way (so its object
 * keeps the snapshot a run's count starts from), then two more messages waiting for a
 * run a minute away, so no timer runs them before the test does.
 */
async function busyConversation(key: string) {
  restore = routeLineToSimulator((call) => (call.path.startsWith("/v2/bot/profile/") ? Response.json({ userId: call.path.split("/").pop(), displayName: "Busy Dao" }) : null)).restore;
  const uid = userId(key);
  await postWebhook(webhookBody([textEvent("first", { userId: uid })]));
  const { id, stub } = await conversationOf({ type: "user", userId: uid });
  await drainOutbox(stub);
  await postWebhook(webhookBody([textEvent("second", { userId: uid })]));
  await drainOutbox(stub);
  const workspaceId = String((await indexRow(id))?.workspace_id);
  const before = await inboundTotal(workspaceId);
  await editMeta(stub, "indexedAt", () => Date.now() + 60_000);
  await editMeta(stub, "eventsRanAt", () => Date.now() + 60_000);
  await postWebhook(webhookBody([textEvent("third", { userId: uid }), textEvent("fourth", { userId: uid })]));
  await allDueNow(stub);
  return { id, stub, workspaceId, before };
}

const writesIndex = (sqls: string[]) => sqls.some((sql) => sql.startsWith('INSERT INTO "conversations"'));
const countsReports = (sqls: string[]) => sqls.some((sql) => sql.includes("INSERT INTO report_events_seen"));

/**
 * Runs the conversation's due work, noting the SQL of every D1 batch it sends that writes
 * the index or reads or writes the reports (others, e.g. a listener reading settings whose
 * kept copy ran out while the test waited, are not what is counted here).
 */
async function runCountingBatches(stub: DurableObjectStub): Promise<string[][]> {
  return runInDurableObject(stub, async (instance: ConversationDO) => {
    const rt = runtimeOf(instance);
    const d1 = rt.env.DB;
    const batches: string[][] = [];
    const batch = d1.batch.bind(d1);
    // workerd's prepared statement keeps its SQL as `statement` (a bound copy too).
    const sqlOf = (s: D1PreparedStatement) => String((s as unknown as { statement?: unknown }).statement);
    Object.assign(d1, {
      batch<T>(statements: D1PreparedStatement[]) {
        const sqls = statements.map(sqlOf);
        if (writesIndex(sqls) || sqls.some((sql) => sql.includes("report_"))) batches.push(sqls);
        return batch<T>(statements);
      },
    });
    try {
      await runDueJobs(rt, Date.now());
    } finally {
      Object.assign(d1, { batch });
    }
    return batches;
  });
}

describe("a busy conversation's run", () => {
  it("writes the index row and counts its messages into the reports in one D1 round trip", async () => {
    const { id, stub, workspaceId, before } = await busyConversation("run-writes-one-trip");
    const batches = await runCountingBatches(stub);
    expect(batches).toHaveLength(1);
    expect(writesIndex(batches[0] ?? []) && countsReports(batches[0] ?? [])).toBe(true);
    expect(await inboundTotal(workspaceId)).toBe(before + 2);
    expect(await indexRow(id)).toMatchObject({ last_message_preview: "fourth", unread_count: 4 });
    // Nothing is left for the listeners to count again.
    await drainOutbox(stub);
    expect(await inboundTotal(workspaceId)).toBe(before + 2);
  });

  it("writes the index on its own when the shared batch fails, and counts nothing twice (messages counted before)", async () => {
    const { id, stub, workspaceId, before } = await busyConversation("run-writes-conflict");
    // Another write counted these messages already (say a run that stopped before it could note it).
    const pending = await runInDurableObject(stub, (instance: ConversationDO) =>
      runtimeOf(instance)
        .store.dueEvents(Infinity)
        .map((stored) => parseEventJob(stored.payload)?.event)
        .filter((event) => event?.type === "message.received"),
    );
    const events = pending.flatMap((event) => (event ? [event] : []));
    expect(events).toHaveLength(2);
    await recordEvents(env.DB, events, events[0]?.contactId ?? null);
    expect(await inboundTotal(workspaceId)).toBe(before + 2);

    const batches = await runCountingBatches(stub);
    // The shared batch (refused: the messages were counted), the index alone, then the
    // reports' own read, which finds them counted and writes nothing.
    expect(batches.map((sqls) => [writesIndex(sqls), countsReports(sqls)])).toEqual([
      [true, true],
      [true, false],
      [false, false],
    ]);
    expect(await indexRow(id)).toMatchObject({ last_message_preview: "fourth", unread_count: 4 });
    expect(await inboundTotal(workspaceId)).toBe(before + 2);
    const left = await runInDurableObject(stub, (instance: ConversationDO) => runtimeOf(instance).store.dueEvents(Infinity).length);
    expect(left).toBe(0);
  });
});
