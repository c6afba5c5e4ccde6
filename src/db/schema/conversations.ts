// The conversation index: what inbox lists and filters read. The messages
// themselves live in each conversation's Durable Object.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { channels, contacts } from "./channels";
import { teams } from "./teams";
import { users, workspaces } from "./workspaces";

export const conversations = sqliteTable(
  "conversations",
  {
    /** The ConversationDO id (hex), derived from channel + source. */
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    channelId: text("channel_id")
      .notNull()
      .references(() => channels.id),
    sourceType: text("source_type", { enum: ["user", "group", "room", "channel"] }).notNull(),
    /** LINE user, group or room id. */
    sourceId: text("source_id").notNull(),
    contactId: text("contact_id").references(() => contacts.id),
    /** Contact or group name shown in the list (denormalised for one-read lists). */
    title: text("title").notNull(),
    pictureUrl: text("picture_url"),
    status: text("status", { enum: ["open", "follow_up", "snoozed", "resolved"] }).notNull(),
    /** active (open or follow-up), snoozed or resolved: lets the main views read one index range in list order. */
    bucket: text("bucket", { enum: ["active", "snoozed", "resolved"] }).notNull().default("active"),
    assigneeId: text("assignee_id").references(() => users.id),
    teamId: text("team_id").references(() => teams.id),
    /** 0 none, 1 low, 2 medium, 3 high, 4 urgent. */
    priority: integer("priority").notNull().default(0),
    /** 1 when pinned: pinned conversations list first. */
    pinned: integer("pinned").notNull().default(0),
    snoozedUntil: integer("snoozed_until"),
    lastMessagePreview: text("last_message_preview").notNull(),
    lastMessageDirection: text("last_message_direction", { enum: ["inbound", "outbound", "system"] }).notNull(),
    lastActivityAt: integer("last_activity_at").notNull(),
    unreadCount: integer("unread_count").notNull(),
    /** Highest thread seq reflected in this row; stale index writes are ignored. */
    lastSeq: integer("last_seq").notNull(),
    createdAt: integer("created_at").notNull(),
    /** The earliest pending SLA target (epoch ms; null: none running), for "due in" and the sort by due time. */
    slaDueAt: integer("sla_due_at"),
    /** When a pending SLA target was missed (null: none breached). */
    slaBreachedAt: integer("sla_breached_at"),
  },
  // One index per inbox view, each ending in the list order (pinned, last activity, id)
  // so a page is an index range scan at any size.
  (t) => [
    index("conversations_bucket_idx").on(t.workspaceId, t.bucket, t.pinned, t.lastActivityAt, t.id),
    index("conversations_status_idx").on(t.workspaceId, t.status, t.pinned, t.lastActivityAt, t.id),
    index("conversations_assignee_idx").on(t.workspaceId, t.assigneeId, t.bucket, t.pinned, t.lastActivityAt, t.id),
    index("conversations_team_idx").on(t.workspaceId, t.teamId, t.bucket, t.pinned, t.lastActivityAt, t.id),
    index("conversations_channel_idx").on(t.workspaceId, t.channelId, t.bucket, t.pinned, t.lastActivityAt, t.id),
    index("conversations_contact_idx").on(t.contactId, t.lastActivityAt),
    // One- and two-character name searches (too short for trigrams) are a prefix range here.
    index("conversations_title_idx").on(t.workspaceId, t.title),
    index("conversations_sla_due_idx").on(t.workspaceId, t.bucket, t.slaDueAt, t.id),
  ],
);

/**
 * Progress of one-off backfills of the search indexes (the FTS5 tables
 * conversation_search and conversation_search_short are created in custom SQL
 * migrations: drizzle has no model for virtual tables). `short`: copying existing
 * documents into the short-query index, rowid by rowid (src/scheduler/search-backfill.ts).
 */
export const searchBackfills = sqliteTable("search_backfills", {
  name: text("name").primaryKey(),
  /** Every conversation_search rowid up to this one is done. */
  doneThroughRowid: integer("done_through_rowid").notNull().default(0),
  /** Set once the backfill reached the end (new documents are indexed as they are written). */
  finishedAt: integer("finished_at"),
  updatedAt: integer("updated_at").notNull(),
});
