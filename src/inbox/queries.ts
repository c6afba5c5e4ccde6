// D1 reads for the inbox: the conversation index, always scoped to a workspace.
// Every view is a keyset page in list order (pinned first, then latest activity)
// over an index that ends in that order, so pages stay fast at any size.
import { and, desc, eq, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "../db/client";

export const PAGE_SIZE = 30;

export const VIEWS = ["mine", "unassigned", "all", "follow_up", "pinned", "snoozed", "resolved"] as const;
export type InboxView = (typeof VIEWS)[number];
export const VIEW_LABELS: Record<InboxView, string> = {
  mine: "Mine",
  unassigned: "Unassigned",
  all: "All",
  follow_up: "Follow-up",
  pinned: "Pinned",
  snoozed: "Snoozed",
  resolved: "Resolved",
};

const idText = z.string().regex(/^[a-z]{2,4}_[0-9a-z]{20}$/);
/** The list's filters as they come in the query string (all optional, combined with AND). */
export const listFilterSchema = z.object({
  view: z.enum(VIEWS).catch("all"),
  team: idText.optional().catch(undefined),
  tag: idText.optional().catch(undefined),
  channel: idText.optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  cursor: z.string().max(120).optional(),
});
export type ListFilter = z.infer<typeof listFilterSchema>;

export interface ListCursor {
  pinned: number;
  lastActivityAt: number;
  id: string;
}

/** Cursor text `<pinned>.<lastActivityAt>.<id>`: opaque to clients, validated on the way in. */
export function encodeCursor(c: ListCursor): string {
  return `${c.pinned}.${c.lastActivityAt}.${c.id}`;
}

export function decodeCursor(text: string | undefined): ListCursor | null {
  const m = text ? /^([01])\.(\d{1,16})\.([0-9a-f]{64})$/.exec(text) : null;
  return m?.[1] && m[2] && m[3] ? { pinned: Number(m[1]), lastActivityAt: Number(m[2]), id: m[3] } : null;
}

/** Filters as query-string pairs (for links that keep the current list). */
export function filterQuery(f: Partial<ListFilter>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ["view", "team", "tag", "channel", "q"] as const) {
    const value = f[key];
    if (value && !(key === "view" && value === "all")) params.set(key, value);
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : "";
}

const c = schema.conversations;

/** "any" (API only): every conversation whatever its status. */
function viewCondition(view: InboxView | "any", userId: string): SQL | undefined {
  switch (view) {
    case "any":
      return undefined;
    case "mine":
      return and(eq(c.assigneeId, userId), eq(c.bucket, "active"));
    case "unassigned":
      return and(isNull(c.assigneeId), eq(c.bucket, "active"));
    case "all":
      return eq(c.bucket, "active");
    case "follow_up":
      return eq(c.status, "follow_up");
    case "pinned":
      return and(eq(c.bucket, "active"), eq(c.pinned, 1));
    case "snoozed":
      return eq(c.bucket, "snoozed");
    case "resolved":
      return eq(c.bucket, "resolved");
  }
}

/**
 * Conversation ids matching a search: FTS5 (trigram) over contact names and
 * message text for 3+ characters; shorter queries (e.g. a two-character Japanese
 * name) match contact names by substring.
 */
async function searchIds(d1: D1Database, workspaceId: string, q: string): Promise<string[]> {
  if ([...q].length >= 3) {
    const phrase = `"${q.replace(/"/g, '""')}"`;
    const rows = await d1
      .prepare("SELECT DISTINCT conversation_id AS id FROM conversation_search WHERE conversation_search MATCH ?1 AND workspace_id = ?2 LIMIT 500")
      .bind(phrase, workspaceId)
      .all<{ id: string }>();
    return rows.results.map((r) => r.id);
  }
  const rows = await d1
    .prepare("SELECT id FROM conversations WHERE workspace_id = ?1 AND title LIKE ?2 ESCAPE '\\' LIMIT 500")
    .bind(workspaceId, `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)
    .all<{ id: string }>();
  return rows.results.map((r) => r.id);
}

export type ConversationRow = typeof schema.conversations.$inferSelect;

export async function listConversations(d1: D1Database, workspaceId: string, userId: string, filter: Omit<Partial<ListFilter>, "view"> & { view?: InboxView | "any" }, limit = PAGE_SIZE) {
  const cursor = decodeCursor(filter.cursor);
  const conditions: Array<SQL | undefined> = [eq(c.workspaceId, workspaceId), viewCondition(filter.view ?? "all", userId)];
  if (filter.team) conditions.push(eq(c.teamId, filter.team));
  if (filter.channel) conditions.push(eq(c.channelId, filter.channel));
  if (filter.tag) {
    conditions.push(sql`${c.id} IN (SELECT conversation_id FROM conversation_tags WHERE workspace_id = ${workspaceId} AND tag_id = ${filter.tag})`);
  }
  if (filter.q) {
    const ids = await searchIds(d1, workspaceId, filter.q);
    if (!ids.length) return { items: [] as ConversationRow[], nextCursor: null };
    conditions.push(inArray(c.id, ids));
  }
  if (cursor) {
    conditions.push(
      or(
        lt(c.pinned, cursor.pinned),
        and(eq(c.pinned, cursor.pinned), lt(c.lastActivityAt, cursor.lastActivityAt)),
        and(eq(c.pinned, cursor.pinned), eq(c.lastActivityAt, cursor.lastActivityAt), lt(c.id, cursor.id)),
      ),
    );
  }
  const rows = await db(d1)
    .select()
    .from(c)
    .where(and(...conditions))
    .orderBy(desc(c.pinned), desc(c.lastActivityAt), desc(c.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** Counts for every view in one pass over the workspace's bucket index. */
export async function viewCounts(d1: D1Database, workspaceId: string, userId: string): Promise<Record<InboxView, number>> {
  const row = await d1
    .prepare(
      `SELECT
         SUM(bucket = 'active' AND assignee_id = ?2) AS mine,
         SUM(bucket = 'active' AND assignee_id IS NULL) AS unassigned,
         SUM(bucket = 'active') AS "all",
         SUM(status = 'follow_up') AS follow_up,
         SUM(bucket = 'active' AND pinned = 1) AS pinned,
         SUM(bucket = 'snoozed') AS snoozed,
         SUM(bucket = 'resolved') AS resolved
       FROM conversations WHERE workspace_id = ?1`,
    )
    .bind(workspaceId, userId)
    .first<Record<InboxView, number | null>>();
  return Object.fromEntries(VIEWS.map((v) => [v, Number(row?.[v] ?? 0)])) as Record<InboxView, number>;
}

/** One conversation, only if it belongs to the workspace (otherwise null → 404). */
export async function findConversation(d1: D1Database, workspaceId: string, id: string): Promise<ConversationRow | null> {
  const row = await db(d1)
    .select()
    .from(schema.conversations)
    .where(and(eq(schema.conversations.id, id), eq(schema.conversations.workspaceId, workspaceId)))
    .get();
  return row ?? null;
}
