// Serializers: D1 rows and thread messages as the REST API's JSON (shapes in
// responses.ts; the types below make the compiler hold them to it).
import type { z } from "zod";
import type { ThreadMessage } from "../conversations/model";
import type { ContactIdentity, ContactProfile } from "../contacts/queries/contact";
import type { FieldWithValue } from "../contacts/queries/fields";
import type { TagView } from "../contacts/queries/tags";
import type { ConversationRow } from "../inbox/queries";
import type { Directory } from "../inbox/views/list-toolbar";
import type { ContactSchema, ContactSummarySchema, ConversationSchema, MessageSchema, NoteSchema, TagSchema } from "./responses";

type Out<S extends z.ZodType> = z.input<S>;

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function tagJson(tag: TagView): Out<typeof TagSchema> {
  return { id: tag.id, name: tag.name, color: tag.color };
}

/** An index row, with names from the workspace directory and the conversation's tags. */
export function conversationJson(row: ConversationRow, directory: Pick<Directory, "agents" | "teams" | "tags">, tagIds: readonly string[]): Out<typeof ConversationSchema> {
  const team = row.teamId ? directory.teams.find((t) => t.id === row.teamId) : undefined;
  return {
    id: row.id,
    channelId: row.channelId,
    source: { type: row.sourceType, id: row.sourceId },
    contactId: row.contactId,
    title: row.title,
    pictureUrl: row.pictureUrl,
    status: row.status,
    assignee: row.assigneeId ? { id: row.assigneeId, name: directory.agents.find((a) => a.id === row.assigneeId)?.name ?? null } : null,
    team: row.teamId ? { id: row.teamId, name: team?.name ?? null } : null,
    priority: row.priority,
    pinned: row.pinned === 1,
    snoozedUntil: row.status === "snoozed" ? isoOrNull(row.snoozedUntil) : null,
    tags: directory.tags.filter((t) => tagIds.includes(t.id)).map(tagJson),
    unreadCount: row.unreadCount,
    lastMessagePreview: row.lastMessagePreview,
    lastActivityAt: iso(row.lastActivityAt),
  };
}

export function messageJson(m: ThreadMessage): Out<typeof MessageSchema> {
  return {
    id: m.id,
    seq: m.seq,
    direction: m.direction,
    body: m.unsent ? { type: "unsent" } : m.body,
    status: m.status,
    via: m.via,
    error: m.error,
    sender: m.direction === "inbound" ? { type: "contact", lineUserId: m.senderLineUserId, name: m.senderName } : { type: "agent", id: m.agentId, name: m.agentName },
    createdAt: iso(m.createdAt),
  };
}

export function noteJson(m: ThreadMessage): Out<typeof NoteSchema> {
  return { id: m.id, seq: m.seq, text: m.body.type === "note" ? m.body.text : "", author: { id: m.agentId, name: m.agentName }, createdAt: iso(m.createdAt) };
}

export function contactSummaryJson(c: ContactProfile): Out<typeof ContactSummarySchema> {
  return { id: c.id, displayName: c.displayName, pictureUrl: c.pictureUrl, language: c.language, createdAt: iso(c.createdAt) };
}

export function contactJson(c: ContactProfile, identities: ContactIdentity[], fields: FieldWithValue[], tags: TagView[]): Out<typeof ContactSchema> {
  return {
    ...contactSummaryJson(c),
    statusMessage: c.statusMessage,
    identities: identities.map((i) => ({
      channelId: i.channelId,
      channelName: i.channelName,
      lineUserId: i.lineUserId,
      friendStatus: i.friendStatus,
      followedAt: isoOrNull(i.followedAt),
      unfollowedAt: isoOrNull(i.unfollowedAt),
      firstSeenAt: isoOrNull(i.firstSeenAt),
      lastSeenAt: isoOrNull(i.lastSeenAt),
    })),
    fields: Object.fromEntries(fields.map((f) => [f.key, f.value])),
    tags: tags.map(tagJson),
  };
}
