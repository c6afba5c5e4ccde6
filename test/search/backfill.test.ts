// Databases from before the short-query index: the every-minute cron copies their
// search documents into it, chunk by chunk, then stops for good.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { searchIds } from "../../src/inbox/search";
import { EVERY_MINUTE, runScheduled } from "../../src/scheduler";
import { backfillShortSearch } from "../../src/scheduler/search-backfill";
import { demoWorkspaceId } from "../helpers/users";

let workspaceId: string;
beforeAll(async () => {
  workspaceId = await demoWorkspaceId();
});

/** A search document written the old way: only the trigram index knows it. */
async function oldDocument(conversationId: string, docId: string, content: string) {
  await env.DB.prepare("INSERT INTO conversation_search (conversation_id, workspace_id, doc_id, content) VALUES (?1, ?2, ?3, ?4)").bind(conversationId, workspaceId, docId, content).run();
}

describe("short-query backfill", () => {
  it("makes documents written before the index findable by two characters", async () => {
    // As just after the migration: nothing backfilled yet.
    await env.DB.prepare("DELETE FROM search_backfills").run();
    const ordered = "b".repeat(64);
    const named = "c".repeat(64);
    await oldDocument(ordered, "msg_old1", "先週注文した靴のサイズを変えたいです");
    await oldDocument(named, "title", "松本 花子");
    await oldDocument(named, "msg_old2", "ขอใบเสร็จด้วยครับ");
    expect(await searchIds(env.DB, workspaceId, "注文")).not.toContain(ordered);
    expect(await searchIds(env.DB, workspaceId, "花子")).not.toContain(named);

    await runScheduled({ scheduledTime: Date.now(), cron: EVERY_MINUTE }, env);

    expect(await searchIds(env.DB, workspaceId, "注文")).toContain(ordered);
    expect(await searchIds(env.DB, workspaceId, "花子")).toContain(named);
    expect(await searchIds(env.DB, workspaceId, "ขอ")).toContain(named);
    const state = await env.DB.prepare("SELECT done_through_rowid, finished_at FROM search_backfills WHERE name = 'short'").first<{ done_through_rowid: number; finished_at: number | null }>();
    expect(state?.finished_at).toEqual(expect.any(Number));
    const last = await env.DB.prepare("SELECT max(rowid) AS id FROM conversation_search").first<{ id: number }>();
    expect(state?.done_through_rowid).toBe(last?.id);
  });

  it("copies nothing once finished, and runs again idempotently if reset", async () => {
    expect(await backfillShortSearch(env, Date.now())).toBe(0);
    await env.DB.prepare("DELETE FROM search_backfills").run();
    const total = await env.DB.prepare("SELECT count(*) AS n FROM conversation_search").first<{ n: number }>();
    // A second pass rewrites the same rows (INSERT OR REPLACE): still one match, no duplicates.
    expect(await backfillShortSearch(env, Date.now())).toBe(total?.n);
    const ordered = await searchIds(env.DB, workspaceId, "注文");
    expect(ordered.filter((id) => id === "b".repeat(64))).toHaveLength(1);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM conversation_search_short WHERE conversation_search_short MATCH '\"注文\"'").first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });
});
