// Tagging one conversation: the link row (with the copies of bucket, pinned and
// activity that keep per-tag lists in index order) and its audit entry, in one
// batch. The inbox's triage bar, the REST API and the conversation port (for
// automations and workflows) all call this.
import { and, eq, inArray } from "drizzle-orm";
import { auditInsert } from "../db/audit";
import { chunked, IDS_PER_STATEMENT } from "../db/bind-limit";
import { db, schema } from "../db/client";

type ConversationRow = typeof schema.conversations.$inferSelect;

/**
 * Adds or removes a tag (already checked to belong to the workspace). Adding a
 * tag the conversation has, or removing one it has not, changes nothing but
 * is still audited as asked. `actorId` is a user id, or an API token id.
 * Returns whether the conversation's tags changed.
 */
export async function setConversationTag(
  d1: D1Database,
  ctx: { workspaceId: string; actorId: string },
  row: Pick<ConversationRow, "id" | "workspaceId" | "bucket" | "pinned" | "lastActivityAt">,
  tagId: string,
  add: boolean,
): Promise<boolean> {
  const d = db(d1);
  const ct = schema.conversationTags;
  const audit = auditInsert(d1, { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: add ? "conversation.tagged" : "conversation.untagged", targetType: "conversation", targetId: row.id, data: { tagId } });
  const [change] = await d.batch([
    add
      ? d.insert(ct).values({ conversationId: row.id, tagId, workspaceId: row.workspaceId, bucket: row.bucket, pinned: row.pinned, lastActivityAt: row.lastActivityAt }).onConflictDoNothing()
      : d.delete(ct).where(and(eq(ct.conversationId, row.id), eq(ct.tagId, tagId))),
    audit,
  ]);
  return change.meta.changes > 0;
}

/**
 * Adds or removes one tag on many conversations of one workspace (the inbox's bulk
 * bar) in one batch, each audited with `bulk: true`. Returns the ids whose tags
 * changed: only those get a tag event.
 */
export async function setConversationsTag(
  d1: D1Database,
  ctx: { workspaceId: string; actorId: string },
  rows: ReadonlyArray<Pick<ConversationRow, "id" | "bucket" | "pinned" | "lastActivityAt">>,
  tagId: string,
  add: boolean,
): Promise<string[]> {
  if (!rows.length) return [];
  const d = db(d1);
  const ct = schema.conversationTags;
  // D1 binds at most 100 parameters per statement: an insert row binds 6, a delete 2 plus its ids.
  const changes = chunked(rows, add ? 16 : IDS_PER_STATEMENT).map((part) =>
    add
      ? d
          .insert(ct)
          .values(part.map((r) => ({ conversationId: r.id, tagId, workspaceId: ctx.workspaceId, bucket: r.bucket, pinned: r.pinned, lastActivityAt: r.lastActivityAt })))
          .onConflictDoNothing()
          .returning({ conversationId: ct.conversationId })
      : d
          .delete(ct)
          .where(and(eq(ct.workspaceId, ctx.workspaceId), eq(ct.tagId, tagId), inArray(ct.conversationId, part.map((r) => r.id))))
          .returning({ conversationId: ct.conversationId }),
  );
  const audits = rows.map((r) =>
    auditInsert(d1, { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: add ? "conversation.tagged" : "conversation.untagged", targetType: "conversation", targetId: r.id, data: { tagId, bulk: true } }),
  );
  const [first, ...rest] = changes;
  if (!first) return [];
  const results = await d.batch([first, ...rest, ...audits]);
  return results.slice(0, changes.length).flatMap((changed) => (changed as Array<{ conversationId: string }>).map((r) => r.conversationId));
}

/**
 * Adds a tag to a conversation known only by id (automation, workflows): reads
 * its index row first; false when the row is not there yet or had the tag.
 */
export async function tagConversation(d1: D1Database, ctx: { workspaceId: string; conversationId: string; actorId: string; tagId: string }): Promise<boolean> {
  const c = schema.conversations;
  const row = await db(d1)
    .select({ id: c.id, workspaceId: c.workspaceId, bucket: c.bucket, pinned: c.pinned, lastActivityAt: c.lastActivityAt })
    .from(c)
    .where(and(eq(c.id, ctx.conversationId), eq(c.workspaceId, ctx.workspaceId)))
    .get();
  if (!row) return false;
  return setConversationTag(d1, { workspaceId: ctx.workspaceId, actorId: ctx.actorId }, row, ctx.tagId, true);
}

/** Tag ids of each of the given conversations (one read for a whole page). */
export async function tagIdsByConversation(d1: D1Database, conversationIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(conversationIds.map((id) => [id, []]));
  if (!conversationIds.length) return out;
  const ct = schema.conversationTags;
  const rows = await db(d1).select({ conversationId: ct.conversationId, tagId: ct.tagId }).from(ct).where(inArray(ct.conversationId, [...conversationIds]));
  for (const r of rows) out.get(r.conversationId)?.push(r.tagId);
  return out;
}
