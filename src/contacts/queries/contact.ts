// Reads for the contact panel and the REST API: the contact itself
// (workspace-scoped), its LINE identities per channel, its conversation history
// from the D1 index, and the keyset list of a workspace's contacts.
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { db, schema } from "../../db/client";

export interface ContactProfile {
  id: string;
  displayName: string | null;
  pictureUrl: string | null;
  language: string | null;
  statusMessage: string | null;
  createdAt: number;
}

export interface ContactIdentity {
  id: string;
  channelId: string;
  channelName: string;
  lineUserId: string;
  friendStatus: "following" | "unfollowed" | "unknown";
  followedAt: number | null;
  unfollowedAt: number | null;
  firstSeenAt: number | null;
  lastSeenAt: number | null;
  /** The business's customer id from LINE account linking, when verified. */
  verifiedCustomerId: string | null;
  verifiedAt: number | null;
  membershipId: number | null;
  membershipTitle: string | null;
  membershipStatus: "joined" | "left" | "renewed" | null;
}

export interface HistoryItem {
  id: string;
  title: string;
  status: "open" | "follow_up" | "snoozed" | "resolved";
  lastActivityAt: number;
  lastMessagePreview: string;
  channelName: string;
}

/** The contact when it belongs to the workspace, else null (callers answer 404). */
export async function findContact(d1: D1Database, workspaceId: string, contactId: string): Promise<ContactProfile | null> {
  const row = await db(d1)
    .select({
      id: schema.contacts.id,
      displayName: schema.contacts.displayName,
      pictureUrl: schema.contacts.pictureUrl,
      language: schema.contacts.language,
      statusMessage: schema.contacts.statusMessage,
      createdAt: schema.contacts.createdAt,
    })
    .from(schema.contacts)
    .where(and(eq(schema.contacts.id, contactId), eq(schema.contacts.workspaceId, workspaceId)))
    .get();
  return row ?? null;
}

export async function contactIdentities(d1: D1Database, contactId: string): Promise<ContactIdentity[]> {
  const i = schema.contactIdentities;
  return db(d1)
    .select({
      id: i.id,
      channelId: i.channelId,
      channelName: schema.channels.name,
      lineUserId: i.lineUserId,
      friendStatus: i.friendStatus,
      followedAt: i.followedAt,
      unfollowedAt: i.unfollowedAt,
      firstSeenAt: i.firstSeenAt,
      lastSeenAt: i.lastSeenAt,
      verifiedCustomerId: i.verifiedCustomerId,
      verifiedAt: i.verifiedAt,
      membershipId: i.membershipId,
      membershipTitle: i.membershipTitle,
      membershipStatus: i.membershipStatus,
    })
    .from(i)
    .innerJoin(schema.channels, eq(schema.channels.id, i.channelId))
    .where(eq(i.contactId, contactId))
    .orderBy(i.createdAt)
    .all();
}

/** The contact's conversations, newest activity first. */
export async function contactHistory(d1: D1Database, workspaceId: string, contactId: string, limit = 20): Promise<HistoryItem[]> {
  const c = schema.conversations;
  return db(d1)
    .select({
      id: c.id,
      title: c.title,
      status: c.status,
      lastActivityAt: c.lastActivityAt,
      lastMessagePreview: c.lastMessagePreview,
      channelName: schema.channels.name,
    })
    .from(c)
    .innerJoin(schema.channels, eq(schema.channels.id, c.channelId))
    .where(and(eq(c.contactId, contactId), eq(c.workspaceId, workspaceId)))
    .orderBy(desc(c.lastActivityAt), desc(c.id))
    .limit(limit)
    .all();
}

/** True when the conversation is in the workspace's index. */
export async function conversationInWorkspace(d1: D1Database, workspaceId: string, conversationId: string): Promise<boolean> {
  const row = await db(d1)
    .select({ id: schema.conversations.id })
    .from(schema.conversations)
    .where(and(eq(schema.conversations.id, conversationId), eq(schema.conversations.workspaceId, workspaceId)))
    .get();
  return !!row;
}

/** The contact's most recently active conversation (where a mention notification links when none is open). */
export async function latestConversationOf(d1: D1Database, workspaceId: string, contactId: string): Promise<string | null> {
  const row = await db(d1)
    .select({ id: schema.conversations.id })
    .from(schema.conversations)
    .where(and(eq(schema.conversations.contactId, contactId), eq(schema.conversations.workspaceId, workspaceId)))
    .orderBy(desc(schema.conversations.lastActivityAt))
    .limit(1)
    .get();
  return row?.id ?? null;
}

export const CONTACTS_PAGE_MAX = 100;

/**
 * The workspace's contacts, newest first (ids are time-sortable), one keyset
 * page at a time. `q` matches anywhere in the display name, ignoring ASCII case.
 */
export async function listContacts(d1: D1Database, workspaceId: string, options: { q?: string; afterId?: string; limit: number }): Promise<{ items: ContactProfile[]; nextAfterId: string | null }> {
  const k = schema.contacts;
  const limit = Math.min(Math.max(options.limit, 1), CONTACTS_PAGE_MAX);
  const pattern = options.q ? `%${options.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
  const rows = await db(d1)
    .select({ id: k.id, displayName: k.displayName, pictureUrl: k.pictureUrl, language: k.language, statusMessage: k.statusMessage, createdAt: k.createdAt })
    .from(k)
    .where(and(eq(k.workspaceId, workspaceId), options.afterId ? lt(k.id, options.afterId) : undefined, pattern ? sql`${k.displayName} LIKE ${pattern} ESCAPE '\\'` : undefined))
    .orderBy(desc(k.id))
    .limit(limit + 1)
    .all();
  const items = rows.slice(0, limit);
  return { items, nextAfterId: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
