// The inbox sorted by SLA due time ("SLA due first"): conversations with a
// running or breached SLA target come first, the earliest due on top (a
// breached target is past due, so it leads), keyset-paged on (sla_due_at, id)
// over conversations_sla_due_idx; after them the conversations without a
// target, in the usual list order. The cursor says which part a page ends in.
import { and, asc, desc, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { db, schema } from "../db/client";
import { decodeCursor, encodeCursor } from "./queries";

const c = schema.conversations;
type Row = typeof schema.conversations.$inferSelect;

/** `s.<slaDueAt>.<id>`: the page ended among conversations with a due time. */
const DUE_CURSOR = /^s\.(\d{1,16})\.([0-9a-f]{64})$/;

export function slaCursor(last: Row): string {
  return last.slaDueAt !== null ? `s.${last.slaDueAt}.${last.id}` : encodeCursor(last);
}

/** "The conversation or its contact carries the tag" as one condition (the SLA order cannot walk the per-tag index). */
export function taggedCondition(workspaceId: string, tagId: string): SQL {
  return sql`(${c.id} IN (SELECT conversation_id FROM conversation_tags WHERE workspace_id = ${workspaceId} AND tag_id = ${tagId}) OR ${c.contactId} IN (SELECT contact_id FROM contact_tags WHERE tag_id = ${tagId}))`;
}

/** Up to `limit` rows after `cursor` in SLA order; `conditions` are the view's and filters' (workspace included). */
export async function slaOrderedRows(d1: D1Database, conditions: Array<SQL | undefined>, cursor: string | undefined, limit: number): Promise<Row[]> {
  const due = DUE_CURSOR.exec(cursor ?? "");
  const plain = decodeCursor(cursor);
  let rows: Row[] = [];
  if (!plain) {
    const after = due ? sql`(${c.slaDueAt}, ${c.id}) > (${Number(due[1])}, ${due[2]})` : undefined;
    rows = await db(d1)
      .select()
      .from(c)
      .where(and(...conditions, isNotNull(c.slaDueAt), after))
      .orderBy(asc(c.slaDueAt), asc(c.id))
      .limit(limit);
  }
  if (rows.length < limit) {
    const after = plain ? sql`(${c.pinned}, ${c.lastActivityAt}, ${c.id}) < (${plain.pinned}, ${plain.lastActivityAt}, ${plain.id})` : undefined;
    const rest = await db(d1)
      .select()
      .from(c)
      .where(and(...conditions, isNull(c.slaDueAt), after))
      .orderBy(desc(c.pinned), desc(c.lastActivityAt), desc(c.id))
      .limit(limit - rows.length);
    rows = [...rows, ...rest];
  }
  return rows;
}
