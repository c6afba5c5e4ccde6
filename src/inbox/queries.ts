// D1 reads for the inbox: the conversation index, always scoped to a workspace.
import { and, desc, eq, lt, or } from "drizzle-orm";
import { db, schema } from "../db/client";

export const PAGE_SIZE = 30;

export interface ListCursor {
  lastActivityAt: number;
  id: string;
}

/** Cursor text: `<lastActivityAt>.<id>` — opaque to clients, validated on the way in. */
export function encodeCursor(c: ListCursor): string {
  return `${c.lastActivityAt}.${c.id}`;
}

export function decodeCursor(text: string | undefined): ListCursor | null {
  const m = text ? /^(\d{1,16})\.([0-9a-f]{64})$/.exec(text) : null;
  return m?.[1] && m[2] ? { lastActivityAt: Number(m[1]), id: m[2] } : null;
}

/** Latest activity first; keyset pagination on (last_activity_at, id), matching conversations_workspace_activity_idx. */
export async function listConversations(d1: D1Database, workspaceId: string, cursor: ListCursor | null, limit = PAGE_SIZE) {
  const c = schema.conversations;
  const rows = await db(d1)
    .select()
    .from(c)
    .where(
      and(
        eq(c.workspaceId, workspaceId),
        cursor ? or(lt(c.lastActivityAt, cursor.lastActivityAt), and(eq(c.lastActivityAt, cursor.lastActivityAt), lt(c.id, cursor.id))) : undefined,
      ),
    )
    .orderBy(desc(c.lastActivityAt), desc(c.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

export type ConversationRow = typeof schema.conversations.$inferSelect;

/** One conversation, only if it belongs to the workspace (otherwise null → 404). */
export async function findConversation(d1: D1Database, workspaceId: string, id: string): Promise<ConversationRow | null> {
  const row = await db(d1)
    .select()
    .from(schema.conversations)
    .where(and(eq(schema.conversations.id, id), eq(schema.conversations.workspaceId, workspaceId)))
    .get();
  return row ?? null;
}
