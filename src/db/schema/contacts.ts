// Contact context: admin-defined custom fields and their values, and agents' notes.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { contacts } from "./channels";
import { workspaces } from "./workspaces";

export const customFields = sqliteTable(
  "custom_fields",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: text("type", { enum: ["text", "number", "date", "select"] }).notNull(),
    /** Choices for "select". */
    options: text("options", { mode: "json" }).$type<string[]>(),
    position: integer("position").notNull().default(0),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("custom_fields_workspace_key_unique").on(t.workspaceId, t.key)],
);

export const contactFieldValues = sqliteTable(
  "contact_field_values",
  {
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id),
    fieldId: text("field_id")
      .notNull()
      .references(() => customFields.id),
    value: text("value").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.fieldId] })],
);

export const contactNotes = sqliteTable(
  "contact_notes",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id),
    authorId: text("author_id").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("contact_notes_contact_idx").on(t.contactId, t.createdAt)],
);
