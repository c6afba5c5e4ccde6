// The conversation index: what inbox lists and filters read. The messages
// themselves live in each conversation's Durable Object.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { channels, contacts } from "./channels";
import { workspaces } from "./workspaces";

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
    status: text("status", { enum: ["open", "resolved"] }).notNull(),
    lastMessagePreview: text("last_message_preview").notNull(),
    lastMessageDirection: text("last_message_direction", { enum: ["inbound", "outbound", "system"] }).notNull(),
    lastActivityAt: integer("last_activity_at").notNull(),
    unreadCount: integer("unread_count").notNull(),
    /** Highest thread seq reflected in this row; stale index writes are ignored. */
    lastSeq: integer("last_seq").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("conversations_workspace_activity_idx").on(t.workspaceId, t.lastActivityAt, t.id),
    index("conversations_contact_idx").on(t.contactId),
  ],
);
