// Tags: one list per workspace, used by conversations and contacts alike. A
// conversation counts as tagged when it carries the tag itself or its contact
// does (src/tags/). Names are unique per workspace whatever their letter case.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { contacts } from "./channels";
import { conversations } from "./conversations";
import { workspaces } from "./workspaces";

export const tags = sqliteTable(
  "tags",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    name: text("name").notNull(),
    /** One of the palette names in src/tags/palette.ts (green, blue, amber, red, violet, grey). */
    color: text("color").notNull().default("grey"),
    createdAt: integer("created_at").notNull(),
  },
  // lower(name): "VIP" and "vip" are one tag; the Settings → Tags list pages along this index.
  (t) => [uniqueIndex("tags_workspace_name_unique").on(t.workspaceId, sql`lower(${t.name})`)],
);

export const conversationTags = sqliteTable(
  "conversation_tags",
  {
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id),
    tagId: text("tag_id")
      .notNull()
      .references(() => tags.id),
    workspaceId: text("workspace_id").notNull(),
    /** Copied from the conversation so a per-tag view is one index range in list order. */
    bucket: text("bucket", { enum: ["active", "snoozed", "resolved"] }).notNull().default("active"),
    pinned: integer("pinned").notNull().default(0),
    lastActivityAt: integer("last_activity_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.tagId] }),
    index("conversation_tags_view_idx").on(t.workspaceId, t.tagId, t.bucket, t.pinned, t.lastActivityAt, t.conversationId),
  ],
);

export const contactTags = sqliteTable(
  "contact_tags",
  {
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id),
    tagId: text("tag_id")
      .notNull()
      .references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.tagId] }), index("contact_tags_tag_idx").on(t.tagId)],
);
