// The contact directory's reads: one keyset page of live (not merged) contacts,
// newest first, with the filters of directory/filters.ts, and the channels, tags
// and latest conversation of each row.
//
// Search matches `contacts.search_text` (name + custom field values, kept by SQL
// triggers) with instr(), so any script and any length works — 2-character 注文 or
// Thai without spaces included. That is a scan of the workspace's live contacts
// along contacts_directory_idx; comfortable to a few hundred thousand contacts per
// workspace. Past that, give contacts trigram + short-term FTS tables as
// conversation search has (src/conversations/search-docs.ts).
import { type SQL, sql } from "drizzle-orm";
import { chunked } from "../../db/bind-limit";
import { db } from "../../db/client";
import { type DirectoryFilters, SEEN_MS } from "./filters";

export const DIRECTORY_PAGE = 50;

export interface DirectoryRow {
  id: string;
  displayName: string | null;
  pictureUrl: string | null;
  language: string | null;
  createdAt: number;
  lastSeenAt: number | null;
  latestConversationId: string | null;
  verifiedCustomerId: string | null;
  membershipTitle: string | null;
  channels: Array<{ id: string; name: string; friendStatus: string }>;
  tags: Array<{ id: string; name: string; color: string }>;
}

/** The WHERE conditions of the filters (contacts aliased `c`). */
export function directoryWhere(workspaceId: string, f: DirectoryFilters, now = Date.now()): SQL {
  const parts: SQL[] = [sql`c.workspace_id = ${workspaceId}`, sql`c.merged_into_id IS NULL`];
  if (f.q) parts.push(sql`instr(c.search_text, lower(${f.q.normalize("NFKC")})) > 0`);
  if (f.tag) parts.push(sql`EXISTS (SELECT 1 FROM contact_tags kt WHERE kt.contact_id = c.id AND kt.tag_id = ${f.tag})`);
  if (f.channel) parts.push(sql`EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = c.id AND i.channel_id = ${f.channel})`);
  if (f.friend) parts.push(sql`EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = c.id AND i.friend_status = ${f.friend})`);
  if (f.language) parts.push(sql`lower(c.language) = lower(${f.language})`);
  if (f.field && f.value !== undefined) parts.push(sql`EXISTS (SELECT 1 FROM contact_field_values v WHERE v.contact_id = c.id AND v.field_id = ${f.field} AND lower(v.value) = lower(${f.value}))`);
  else if (f.field) parts.push(sql`EXISTS (SELECT 1 FROM contact_field_values v WHERE v.contact_id = c.id AND v.field_id = ${f.field})`);
  if (f.verified === "yes") parts.push(sql`EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = c.id AND i.verified_customer_id IS NOT NULL)`);
  if (f.verified === "no") parts.push(sql`NOT EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = c.id AND i.verified_customer_id IS NOT NULL)`);
  if (f.member === "yes") parts.push(sql`EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = c.id AND i.membership_status IN ('joined', 'renewed'))`);
  if (f.seen === "older") {
    parts.push(sql`NOT EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = c.id AND i.last_seen_at >= ${now - SEEN_MS["90d"]})`);
  } else if (f.seen) {
    parts.push(sql`EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = c.id AND i.last_seen_at >= ${now - SEEN_MS[f.seen]})`);
  }
  return sql.join(parts, sql` AND `);
}

interface BaseRow {
  id: string;
  display_name: string | null;
  picture_url: string | null;
  language: string | null;
  created_at: number;
  last_seen_at: number | null;
  latest_conversation_id: string | null;
  verified_customer_id: string | null;
  membership_title: string | null;
}

const ROW_COLUMNS = sql`c.id, c.display_name, c.picture_url, c.language, c.created_at,
  (SELECT max(i.last_seen_at) FROM contact_identities i WHERE i.contact_id = c.id) AS last_seen_at,
  (SELECT cv.id FROM conversations cv WHERE cv.contact_id = c.id ORDER BY cv.last_activity_at DESC LIMIT 1) AS latest_conversation_id,
  (SELECT i.verified_customer_id FROM contact_identities i WHERE i.contact_id = c.id AND i.verified_customer_id IS NOT NULL LIMIT 1) AS verified_customer_id,
  (SELECT i.membership_title FROM contact_identities i WHERE i.contact_id = c.id AND i.membership_status IN ('joined', 'renewed') LIMIT 1) AS membership_title`;

/** One page of the directory, newest contact first (ids are time-sortable). */
export async function listDirectory(d1: D1Database, workspaceId: string, filters: DirectoryFilters, options: { afterId?: string; limit?: number } = {}): Promise<{ rows: DirectoryRow[]; nextAfterId: string | null }> {
  const limit = Math.min(Math.max(options.limit ?? DIRECTORY_PAGE, 1), 500);
  const after = options.afterId ? sql` AND c.id < ${options.afterId}` : sql``;
  const base = await db(d1).all<BaseRow>(sql`SELECT ${ROW_COLUMNS} FROM contacts c WHERE ${directoryWhere(workspaceId, filters)}${after} ORDER BY c.id DESC LIMIT ${limit + 1}`);
  const page = base.slice(0, limit);
  const rows = await decorate(d1, page);
  return { rows, nextAfterId: base.length > limit ? (page.at(-1)?.id ?? null) : null };
}

async function decorate(d1: D1Database, page: BaseRow[]): Promise<DirectoryRow[]> {
  if (!page.length) return [];
  type ChannelRow = { contact_id: string; id: string; name: string; friend_status: string };
  type TagRow = { contact_id: string; id: string; name: string; color: string };
  // A page is up to 500 contacts (the CSV export); D1 binds 100 parameters a statement.
  const parts = await Promise.all(
    chunked(page.map((r) => r.id)).map((part) => {
      const ids = sql.join(
        part.map((id) => sql`${id}`),
        sql`, `,
      );
      return Promise.all([
        db(d1).all<ChannelRow>(sql`SELECT i.contact_id, ch.id, ch.name, i.friend_status FROM contact_identities i JOIN channels ch ON ch.id = i.channel_id WHERE i.contact_id IN (${ids}) ORDER BY i.created_at`),
        db(d1).all<TagRow>(sql`SELECT kt.contact_id, t.id, t.name, t.color FROM contact_tags kt JOIN tags t ON t.id = kt.tag_id WHERE kt.contact_id IN (${ids}) ORDER BY lower(t.name)`),
      ]);
    }),
  );
  const channels = byContact(parts.flatMap(([c]) => c));
  const tags = byContact(parts.flatMap(([, t]) => t));
  return page.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    pictureUrl: r.picture_url,
    language: r.language,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    latestConversationId: r.latest_conversation_id,
    verifiedCustomerId: r.verified_customer_id,
    membershipTitle: r.membership_title,
    channels: (channels.get(r.id) ?? []).map((c) => ({ id: c.id, name: c.name, friendStatus: c.friend_status })),
    tags: (tags.get(r.id) ?? []).map((t) => ({ id: t.id, name: t.name, color: t.color })),
  }));
}

/** Rows grouped by contact, in the order read. */
function byContact<T extends { contact_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(row.contact_id, [...(out.get(row.contact_id) ?? []), row]);
  return out;
}

/** The live contact a (possibly merged) contact id stands for now: itself, its survivor, or null. */
export async function resolveContactId(d1: D1Database, workspaceId: string, contactId: string): Promise<string | null> {
  const row = await d1.prepare("SELECT id, merged_into_id FROM contacts WHERE id = ?1 AND workspace_id = ?2").bind(contactId, workspaceId).first<{ id: string; merged_into_id: string | null }>();
  if (!row) return null;
  return row.merged_into_id ?? row.id;
}
