// Tags on contacts. Tags live in the workspace's shared `tags` table (conversations
// use the same ones); `contact_tags` links them to contacts.
import { and, asc, eq, sql } from "drizzle-orm";
import { auditInsert } from "../../db/audit";
import { db, schema } from "../../db/client";
import { newId } from "../../lib/ids";
import type { TagColor } from "../schemas";

export interface TagView {
  id: string;
  name: string;
  color: string;
}

export async function workspaceTags(d1: D1Database, workspaceId: string): Promise<TagView[]> {
  return db(d1)
    .select({ id: schema.tags.id, name: schema.tags.name, color: schema.tags.color })
    .from(schema.tags)
    .where(eq(schema.tags.workspaceId, workspaceId))
    .orderBy(asc(sql`lower(${schema.tags.name})`))
    .all();
}

export async function contactTags(d1: D1Database, contactId: string): Promise<TagView[]> {
  return db(d1)
    .select({ id: schema.tags.id, name: schema.tags.name, color: schema.tags.color })
    .from(schema.contactTags)
    .innerJoin(schema.tags, eq(schema.tags.id, schema.contactTags.tagId))
    .where(eq(schema.contactTags.contactId, contactId))
    .orderBy(asc(sql`lower(${schema.tags.name})`))
    .all();
}

export async function findTag(d1: D1Database, workspaceId: string, tagId: string): Promise<TagView | null> {
  const row = await db(d1)
    .select({ id: schema.tags.id, name: schema.tags.name, color: schema.tags.color })
    .from(schema.tags)
    .where(and(eq(schema.tags.id, tagId), eq(schema.tags.workspaceId, workspaceId)))
    .get();
  return row ?? null;
}

/** The workspace's tag with this name (any letter case), created with `color` when there is none. */
export async function findOrCreateTag(d1: D1Database, workspaceId: string, actorId: string, name: string, color: TagColor): Promise<TagView> {
  const d = db(d1);
  const byName = () =>
    d
      .select({ id: schema.tags.id, name: schema.tags.name, color: schema.tags.color })
      .from(schema.tags)
      .where(and(eq(schema.tags.workspaceId, workspaceId), eq(sql`lower(${schema.tags.name})`, name.toLowerCase())))
      .get();
  const existing = await byName();
  if (existing) return existing;
  const now = Date.now();
  const id = newId("tag", now);
  // Two agents may create the same tag at once: the unique index keeps one, both use it.
  const [inserted] = await d.batch([
    d.insert(schema.tags).values({ id, workspaceId, name, color, createdAt: now }).onConflictDoNothing().returning({ id: schema.tags.id }),
    auditInsert(d1, { workspaceId, actorId, action: "tag.created", targetType: "tag", targetId: id, data: { name, color } }, now),
  ]);
  if (inserted.length) return { id, name, color };
  const raced = await byName();
  if (!raced) throw new Error("tag vanished after a conflicting insert");
  return raced;
}

export async function tagContact(d1: D1Database, workspaceId: string, actorId: string, contactId: string, tag: TagView): Promise<void> {
  const d = db(d1);
  await d.batch([
    d.insert(schema.contactTags).values({ contactId, tagId: tag.id }).onConflictDoNothing(),
    auditInsert(d1, { workspaceId, actorId, action: "contact.tag_added", targetType: "contact", targetId: contactId, data: { tagId: tag.id, name: tag.name } }),
  ]);
}

export async function untagContact(d1: D1Database, workspaceId: string, actorId: string, contactId: string, tag: TagView): Promise<void> {
  const d = db(d1);
  await d.batch([
    d.delete(schema.contactTags).where(and(eq(schema.contactTags.contactId, contactId), eq(schema.contactTags.tagId, tag.id))),
    auditInsert(d1, { workspaceId, actorId, action: "contact.tag_removed", targetType: "contact", targetId: contactId, data: { tagId: tag.id, name: tag.name } }),
  ]);
}
