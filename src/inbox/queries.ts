// D1 reads for the inbox: the conversation index, always scoped to a workspace.
// Every view is a keyset page in list order (pinned first, then latest activity)
// over an index that ends in that order, so pages stay fast at any size.
import { and, desc, eq, gte, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "../db/client";
import { activeTaggedCount, contactCarriesTag, inListOrder } from "../tags/tagged-conversations";
import { searchIds } from "./search";
import { slaCursor, slaOrderedRows, taggedCondition } from "./sla-order";

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
  /** "sla": SLA due first (src/inbox/sla-order.ts); absent: latest activity. */
  sort: z.enum(["sla"]).optional().catch(undefined),
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
  for (const key of ["view", "team", "tag", "channel", "q", "sort"] as const) {
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

/** Which bucket a view lives in (the per-tag index is keyed by bucket). */
function viewBucket(view: InboxView | "any"): "active" | "snoozed" | "resolved" | null {
  if (view === "any") return null;
  return view === "snoozed" || view === "resolved" ? view : "active";
}

export type ConversationRow = typeof schema.conversations.$inferSelect;

/** Filters only the REST API uses (the inbox expresses these through its views). */
export interface ApiListFilter {
  status?: ConversationRow["status"];
  /** A user id, or null for unassigned conversations. */
  assignee?: string | null;
  /** Only conversations whose last message is at or after this time (ms). */
  updatedSince?: number;
}

export async function listConversations(d1: D1Database, workspaceId: string, userId: string, filter: Omit<Partial<ListFilter>, "view"> & { view?: InboxView | "any" } & ApiListFilter, limit = PAGE_SIZE) {
  const view = filter.view ?? "all";
  const cursor = decodeCursor(filter.cursor);
  const conditions: Array<SQL | undefined> = [eq(c.workspaceId, workspaceId), viewCondition(view, userId)];
  let matches: string | null = null;
  if (filter.team) conditions.push(eq(c.teamId, filter.team));
  if (filter.channel) conditions.push(eq(c.channelId, filter.channel));
  if (filter.status) conditions.push(eq(c.status, filter.status));
  if (filter.assignee !== undefined) conditions.push(filter.assignee === null ? isNull(c.assigneeId) : eq(c.assigneeId, filter.assignee));
  if (filter.updatedSince !== undefined) conditions.push(gte(c.lastActivityAt, filter.updatedSince));
  if (filter.q) {
    const ids = await searchIds(d1, workspaceId, filter.q);
    if (!ids.length) return { items: [] as ConversationRow[], nextCursor: null };
    matches = JSON.stringify(ids);
  }
  let rows: ConversationRow[];
  if (filter.sort === "sla" && !matches) {
    if (filter.tag) conditions.push(taggedCondition(workspaceId, filter.tag));
    rows = await slaOrderedRows(d1, conditions, filter.cursor, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? slaCursor(last) : null };
  }
  if (filter.tag) {
    if (matches) conditions.push(sql`${c.id} IN (SELECT value FROM json_each(${matches}))`);
    // Driven by the per-tag index (its copies of bucket, pinned and activity are
    // in list order), so a big tag costs a page, not the whole tag.
    const t = schema.conversationTags;
    const bucket = viewBucket(view);
    const after = cursor ? sql`(${t.pinned}, ${t.lastActivityAt}, ${t.conversationId}) < (${cursor.pinned}, ${cursor.lastActivityAt}, ${cursor.id})` : undefined;
    const d = db(d1);
    const direct = d
      .select({ conversation: c })
      .from(t)
      .innerJoin(c, eq(c.id, t.conversationId))
      .where(and(eq(t.workspaceId, workspaceId), eq(t.tagId, filter.tag), bucket ? eq(t.bucket, bucket) : undefined, after, ...conditions))
      .orderBy(desc(t.pinned), desc(t.lastActivityAt), desc(t.conversationId))
      .limit(limit + 1);
    // Conversations whose contact carries the tag are tagged too (src/tags/tagged-conversations.ts).
    const viaContact = d
      .select()
      .from(c)
      .where(and(...contactCarriesTag(workspaceId, filter.tag), cursor ? sql`(${c.pinned}, ${c.lastActivityAt}, ${c.id}) < (${cursor.pinned}, ${cursor.lastActivityAt}, ${cursor.id})` : undefined, ...conditions.slice(1)))
      .orderBy(desc(c.pinned), desc(c.lastActivityAt), desc(c.id))
      .limit(limit + 1);
    const [joined, byContact] = await d.batch([direct, viaContact]);
    rows = inListOrder(joined.map((r) => r.conversation), byContact, limit + 1);
  } else {
    // A row-value comparison lets SQLite seek straight to the cursor in the index.
    if (cursor) conditions.push(sql`(${c.pinned}, ${c.lastActivityAt}, ${c.id}) < (${cursor.pinned}, ${cursor.lastActivityAt}, ${cursor.id})`);
    const order = [desc(c.pinned), desc(c.lastActivityAt), desc(c.id)];
    if (matches) {
      // Search: look the (at most 500) matches up by primary key and sort them.
      // The unary + keeps SQLite from walking a workspace index instead, which
      // would read thousands of rows to find a handful of matches.
      conditions[0] = sql`+${c.workspaceId} = ${workspaceId}`;
      conditions.push(sql`${c.id} IN (SELECT value FROM json_each(${matches}))`);
    }
    rows = await db(d1)
      .select()
      .from(c)
      .where(and(...conditions))
      .orderBy(...order)
      .limit(limit + 1);
  }
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** Counts stop at this number; the inbox shows "999+" beyond it. */
export const COUNT_CAP = 1000;

/**
 * Counts for every view, each on the index that serves the view and capped at
 * COUNT_CAP, in one D1 round trip: a few thousand index entries at most, not a
 * pass over every conversation of the workspace.
 */
export async function viewCounts(d1: D1Database, workspaceId: string, userId: string): Promise<Record<InboxView, number>> {
  const capped = (where: string) => `SELECT COUNT(*) AS n FROM (SELECT 1 FROM conversations WHERE workspace_id = ?1 AND ${where} LIMIT ${COUNT_CAP})`;
  const where: Record<InboxView, string> = {
    mine: "assignee_id = ?2 AND bucket = 'active'",
    unassigned: "assignee_id IS NULL AND bucket = 'active'",
    all: "bucket = 'active'",
    follow_up: "status = 'follow_up'",
    pinned: "bucket = 'active' AND pinned = 1",
    snoozed: "bucket = 'snoozed'",
    resolved: "bucket = 'resolved'",
  };
  const results = await d1.batch(VIEWS.map((v) => d1.prepare(capped(where[v])).bind(workspaceId, ...(v === "mine" ? [userId] : []))));
  return Object.fromEntries(VIEWS.map((v, i) => [v, Number((results[i]?.results[0] as { n?: number } | undefined)?.n ?? 0)])) as Record<InboxView, number>;
}

export interface FilterCounts {
  teams: Record<string, number>;
  tags: Record<string, number>;
  channels: Record<string, number>;
}

/**
 * Active conversations per team, tag and channel (each capped at COUNT_CAP, on
 * the index that serves that filter), for the Filters menu. One D1 round trip.
 */
export async function filterCounts(d1: D1Database, workspaceId: string, ids: { teams: string[]; tags: string[]; channels: string[] }): Promise<FilterCounts> {
  const capped = (from: string, where: string) => `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${from} WHERE workspace_id = ?1 AND ${where} AND bucket = 'active' LIMIT ${COUNT_CAP})`;
  const plan: Array<[keyof FilterCounts, string, D1PreparedStatement]> = [
    ...ids.teams.map((id): [keyof FilterCounts, string, D1PreparedStatement] => ["teams", id, d1.prepare(capped("conversations", "team_id = ?2")).bind(workspaceId, id)]),
    ...ids.tags.map((id): [keyof FilterCounts, string, D1PreparedStatement] => ["tags", id, activeTaggedCount(d1, workspaceId, id, COUNT_CAP)]),
    ...ids.channels.map((id): [keyof FilterCounts, string, D1PreparedStatement] => ["channels", id, d1.prepare(capped("conversations", "channel_id = ?2")).bind(workspaceId, id)]),
  ];
  const out: FilterCounts = { teams: {}, tags: {}, channels: {} };
  if (!plan.length) return out;
  const results = await d1.batch(plan.map(([, , statement]) => statement));
  plan.forEach(([kind, id], i) => {
    out[kind][id] = Number((results[i]?.results[0] as { n?: number } | undefined)?.n ?? 0);
  });
  return out;
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
