// Who and what a workspace has, for the inbox's selects and row labels: active
// agents, teams, tags, channels. One batch of small reads per page.
import { and, asc, eq } from "drizzle-orm";
import { db, schema } from "../db/client";
import type { ConversationRow } from "./queries";
import type { Directory } from "./views/list-toolbar";
import type { ConversationListItemData } from "../ui/conversation-row";

export async function workspaceDirectory(d1: D1Database, workspaceId: string): Promise<Directory> {
  const d = db(d1);
  const [agents, teams, tags, channels] = await d.batch([
    d
      .select({ id: schema.users.id, name: schema.users.name, availability: schema.users.availability })
      .from(schema.users)
      .where(and(eq(schema.users.workspaceId, workspaceId), eq(schema.users.active, 1)))
      .orderBy(asc(schema.users.name))
      .limit(1000),
    d.select({ id: schema.teams.id, name: schema.teams.name }).from(schema.teams).where(eq(schema.teams.workspaceId, workspaceId)).orderBy(asc(schema.teams.name)),
    d.select({ id: schema.tags.id, name: schema.tags.name, color: schema.tags.color }).from(schema.tags).where(eq(schema.tags.workspaceId, workspaceId)).orderBy(asc(schema.tags.name)),
    d.select({ id: schema.channels.id, name: schema.channels.name }).from(schema.channels).where(eq(schema.channels.workspaceId, workspaceId)).orderBy(asc(schema.channels.name)),
  ]);
  return { agents, teams, tags, channels };
}

export async function conversationTagIds(d1: D1Database, conversationId: string): Promise<string[]> {
  const rows = await db(d1).select({ tagId: schema.conversationTags.tagId }).from(schema.conversationTags).where(eq(schema.conversationTags.conversationId, conversationId));
  return rows.map((r) => r.tagId);
}

type ListedFields = "id" | "title" | "pictureUrl" | "lastMessagePreview" | "lastActivityAt" | "unreadCount" | "status" | "sourceType" | "priority" | "pinned" | "slaDueAt" | "slaBreachedAt";

/** The assignee's name from the directory (null when unassigned or no longer active). */
export function assigneeName(directory: Directory, assigneeId: string | null): string | null {
  return assigneeId ? directory.agents.find((a) => a.id === assigneeId)?.name ?? null : null;
}

/** An index row as a list item — for pages and for the live list frames alike. */
export function listItem(row: Pick<ConversationRow, ListedFields>, assignee: string | null): ConversationListItemData {
  return {
    id: row.id,
    title: row.title,
    pictureUrl: row.pictureUrl,
    lastMessagePreview: row.lastMessagePreview,
    lastActivityAt: row.lastActivityAt,
    unreadCount: row.unreadCount,
    status: row.status,
    sourceType: row.sourceType,
    assigneeName: assignee,
    priority: row.priority,
    pinned: row.pinned,
    slaDueAt: row.slaDueAt,
    slaBreachedAt: row.slaBreachedAt,
  };
}
