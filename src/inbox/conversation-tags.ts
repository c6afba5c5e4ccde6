// Tagging one conversation: the link row (with the copies of bucket, pinned and
// activity that keep per-tag lists in index order) and its audit entry, in one
// batch. The inbox's triage bar and the REST API both call this.
import { and, eq, inArray } from "drizzle-orm";
import { auditInsert } from "../db/audit";
import { db, schema } from "../db/client";
import type { ConversationRow } from "./queries";

/**
 * Adds or removes a tag (already checked to belong to the workspace). Adding a
 * tag the conversation has, or removing one it has not, changes nothing but
 * is still audited as asked. `actorId` is a user id, or an API token id.
 */
export async function setConversationTag(
  d1: D1Database,
  ctx: { workspaceId: string; actorId: string },
  row: Pick<ConversationRow, "id" | "workspaceId" | "bucket" | "pinned" | "lastActivityAt">,
  tagId: string,
  add: boolean,
): Promise<void> {
  const d = db(d1);
  const ct = schema.conversationTags;
  const audit = auditInsert(d1, { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: add ? "conversation.tagged" : "conversation.untagged", targetType: "conversation", targetId: row.id, data: { tagId } });
  await d.batch([
    add
      ? d.insert(ct).values({ conversationId: row.id, tagId, workspaceId: row.workspaceId, bucket: row.bucket, pinned: row.pinned, lastActivityAt: row.lastActivityAt }).onConflictDoNothing()
      : d.delete(ct).where(and(eq(ct.conversationId, row.id), eq(ct.tagId, tagId))),
    audit,
  ]);
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
