// The workspace's tags: one list used by conversations and contacts alike. Finding,
// creating, attaching to contacts, and the admin's changes from Settings → Tags
// (rename, recolour, merge, delete), each audited. Names are unique per workspace
// whatever their letter case (a unique index on lower(name) guarantees it).
import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import { auditInsert } from "../db/audit";
import { db, schema } from "../db/client";
import { newId } from "../lib/ids";
import type { TagColor } from "./palette";

export interface TagView {
  id: string;
  name: string;
  color: string;
}

const t = schema.tags;
const ct = schema.conversationTags;
const kt = schema.contactTags;
const COLUMNS = { id: t.id, name: t.name, color: t.color };
const byName = asc(sql`lower(${t.name})`);

/** Every tag of the workspace, A→Z whatever the case (for pickers; the settings page pages through listTags). */
export async function workspaceTags(d1: D1Database, workspaceId: string): Promise<TagView[]> {
  return db(d1).select(COLUMNS).from(t).where(eq(t.workspaceId, workspaceId)).orderBy(byName).all();
}

export async function findTag(d1: D1Database, workspaceId: string, tagId: string): Promise<TagView | null> {
  const row = await db(d1).select(COLUMNS).from(t).where(and(eq(t.id, tagId), eq(t.workspaceId, workspaceId))).get();
  return row ?? null;
}

/** The workspace's tag with this name in any letter case, or null. */
export async function findTagByName(d1: D1Database, workspaceId: string, name: string): Promise<TagView | null> {
  const row = await db(d1)
    .select(COLUMNS)
    .from(t)
    .where(and(eq(t.workspaceId, workspaceId), eq(sql`lower(${t.name})`, sql`lower(${name})`)))
    .get();
  return row ?? null;
}

/**
 * Creates a tag. Returns `{ taken }` with the existing tag when the name is in use
 * (in any letter case) — also when another person created it a moment earlier.
 */
export async function createTag(d1: D1Database, workspaceId: string, actorId: string, name: string, color: TagColor, now = Date.now()): Promise<{ tag: TagView } | { taken: TagView }> {
  const existing = await findTagByName(d1, workspaceId, name);
  if (existing) return { taken: existing };
  const d = db(d1);
  const id = newId("tag", now);
  const [inserted] = await d.batch([
    d.insert(t).values({ id, workspaceId, name, color, createdAt: now }).onConflictDoNothing().returning({ id: t.id }),
    auditInsert(d1, { workspaceId, actorId, action: "tag.created", targetType: "tag", targetId: id, data: { name, color } }, now),
  ]);
  if (inserted.length) return { tag: { id, name, color } };
  const raced = await findTagByName(d1, workspaceId, name);
  if (!raced) throw new Error("tag vanished after a conflicting insert");
  return { taken: raced };
}

/** The workspace's tag with this name (any letter case), created with `color` when there is none. */
export async function findOrCreateTag(d1: D1Database, workspaceId: string, actorId: string, name: string, color: TagColor): Promise<TagView> {
  const created = await createTag(d1, workspaceId, actorId, name, color);
  return "tag" in created ? created.tag : created.taken;
}

export async function contactTags(d1: D1Database, contactId: string): Promise<TagView[]> {
  return db(d1).select(COLUMNS).from(kt).innerJoin(t, eq(t.id, kt.tagId)).where(eq(kt.contactId, contactId)).orderBy(byName).all();
}

/** Adds a tag to a contact (audited); true when the contact did not have it yet. */
export async function tagContact(d1: D1Database, workspaceId: string, actorId: string, contactId: string, tag: TagView): Promise<boolean> {
  const d = db(d1);
  const [change] = await d.batch([
    d.insert(kt).values({ contactId, tagId: tag.id }).onConflictDoNothing(),
    auditInsert(d1, { workspaceId, actorId, action: "contact.tag_added", targetType: "contact", targetId: contactId, data: { tagId: tag.id, name: tag.name } }),
  ]);
  return change.meta.changes > 0;
}

/** Takes the tag off the contact; false when it did not have it. */
export async function untagContact(d1: D1Database, workspaceId: string, actorId: string, contactId: string, tag: TagView): Promise<boolean> {
  const d = db(d1);
  const [change] = await d.batch([
    d.delete(kt).where(and(eq(kt.contactId, contactId), eq(kt.tagId, tag.id))),
    auditInsert(d1, { workspaceId, actorId, action: "contact.tag_removed", targetType: "contact", targetId: contactId, data: { tagId: tag.id, name: tag.name } }),
  ]);
  return change.meta.changes > 0;
}

/** What carries a tag: conversations tagged directly, and contacts (whose conversations count as tagged too). */
export interface TagUsage {
  conversations: number;
  contacts: number;
}

export interface TagListItem extends TagView {
  /** Capped at USAGE_CAP: the list shows "999+" beyond it. */
  usage: TagUsage;
}

export const TAGS_PER_PAGE = 50;
/** The list counts at most this many uses per tag (an index range each), so a page stays cheap at any size. */
export const USAGE_CAP = 1000;

function usageStatements(d1: D1Database, workspaceId: string, tagId: string, cap?: number): [D1PreparedStatement, D1PreparedStatement] {
  const limit = cap ? ` LIMIT ${cap}` : "";
  return [
    d1.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM conversation_tags WHERE workspace_id = ?1 AND tag_id = ?2${limit})`).bind(workspaceId, tagId),
    d1.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM contact_tags WHERE tag_id = ?1${limit})`).bind(tagId),
  ];
}

const countOf = (result: D1Result | undefined) => Number((result?.results[0] as { n?: number } | undefined)?.n ?? 0);

/** The tags A→Z (case-insensitive), one keyset page at a time, with capped usage counts. */
export async function listTags(d1: D1Database, workspaceId: string, cursor: { key: string; id: string } | null, limit = TAGS_PER_PAGE): Promise<{ items: TagListItem[]; nextCursor: { key: string; id: string } | null }> {
  const after = cursor ? or(gt(sql`lower(${t.name})`, cursor.key), and(eq(sql`lower(${t.name})`, cursor.key), gt(t.id, cursor.id))) : undefined;
  // The sort key comes from SQLite: its lower() folds ASCII only, unlike JavaScript's.
  const rows = await db(d1)
    .select({ ...COLUMNS, sortKey: sql<string>`lower(${t.name})` })
    .from(t)
    .where(and(eq(t.workspaceId, workspaceId), after))
    .orderBy(byName, asc(t.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const counts = page.length ? await d1.batch(page.flatMap((tag) => usageStatements(d1, workspaceId, tag.id, USAGE_CAP))) : [];
  const items = page.map(({ sortKey: _key, ...tag }, i) => ({ ...tag, usage: { conversations: countOf(counts[i * 2]), contacts: countOf(counts[i * 2 + 1]) } }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > limit && last ? { key: last.sortKey, id: last.id } : null };
}

/** Exact counts for one tag (the delete and merge confirmations). */
export async function tagUsage(d1: D1Database, workspaceId: string, tagId: string): Promise<TagUsage> {
  const [conversations, contacts] = await d1.batch(usageStatements(d1, workspaceId, tagId));
  return { conversations: countOf(conversations), contacts: countOf(contacts) };
}

type Change = { workspaceId: string; actorId: string };

/**
 * Renames and/or recolours a tag. Returns `{ taken }` when another tag already has
 * the name (any letter case): the admin should merge instead.
 */
export async function updateTag(d1: D1Database, ctx: Change, tag: TagView, change: { name: string; color: TagColor }, now = Date.now()): Promise<{ tag: TagView } | { taken: TagView }> {
  const other = await findTagByName(d1, ctx.workspaceId, change.name);
  if (other && other.id !== tag.id) return { taken: other };
  if (change.name === tag.name && change.color === tag.color) return { tag };
  const d = db(d1);
  try {
    await d.batch([
      d.update(t).set({ name: change.name, color: change.color }).where(and(eq(t.id, tag.id), eq(t.workspaceId, ctx.workspaceId))),
      auditInsert(d1, { ...ctx, action: "tag.updated", targetType: "tag", targetId: tag.id, data: { from: { name: tag.name, color: tag.color }, to: change } }, now),
    ]);
  } catch (error) {
    // Someone took the name between the check and the write (the unique index refused it).
    const raced = await findTagByName(d1, ctx.workspaceId, change.name);
    if (raced && raced.id !== tag.id) return { taken: raced };
    throw error;
  }
  return { tag: { id: tag.id, ...change } };
}

/**
 * Merges `from` into `into`: every conversation and contact that carried `from`
 * carries `into` (once), and `from` is deleted. One batch, so a failure changes nothing.
 */
export async function mergeTags(d1: D1Database, ctx: Change, from: TagView, into: TagView, now = Date.now()): Promise<TagUsage> {
  const usage = await tagUsage(d1, ctx.workspaceId, from.id);
  const d = db(d1);
  await d.batch([
    d
      .insert(ct)
      .select(sql`SELECT conversation_id, ${into.id}, workspace_id, bucket, pinned, last_activity_at FROM conversation_tags WHERE workspace_id = ${ctx.workspaceId} AND tag_id = ${from.id}`)
      .onConflictDoNothing(),
    d.delete(ct).where(and(eq(ct.workspaceId, ctx.workspaceId), eq(ct.tagId, from.id))),
    d.insert(kt).select(sql`SELECT contact_id, ${into.id} FROM contact_tags WHERE tag_id = ${from.id}`).onConflictDoNothing(),
    d.delete(kt).where(eq(kt.tagId, from.id)),
    d.delete(t).where(and(eq(t.id, from.id), eq(t.workspaceId, ctx.workspaceId))),
    auditInsert(d1, { ...ctx, action: "tag.merged", targetType: "tag", targetId: into.id, data: { from: { id: from.id, name: from.name }, into: { id: into.id, name: into.name }, ...usage } }, now),
  ]);
  return usage;
}

/** Deletes a tag: it comes off every conversation and contact first. Returns what carried it. */
export async function deleteTag(d1: D1Database, ctx: Change, tag: TagView, now = Date.now()): Promise<TagUsage> {
  const usage = await tagUsage(d1, ctx.workspaceId, tag.id);
  const d = db(d1);
  await d.batch([
    d.delete(ct).where(and(eq(ct.workspaceId, ctx.workspaceId), eq(ct.tagId, tag.id))),
    d.delete(kt).where(eq(kt.tagId, tag.id)),
    d.delete(t).where(and(eq(t.id, tag.id), eq(t.workspaceId, ctx.workspaceId))),
    auditInsert(d1, { ...ctx, action: "tag.deleted", targetType: "tag", targetId: tag.id, data: { name: tag.name, ...usage } }, now),
  ]);
  return usage;
}
