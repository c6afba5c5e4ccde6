// CSAT: per-channel survey settings, the responses (one row per survey sent,
// filled in as the customer rates and comments) that reports read, and each
// workspace's Google Sheets export target (src/csat/).
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { channels } from "./channels";
import { workspaces } from "./workspaces";

/** Texts a channel overrides, per customer language (missing: the built-in translation). */
export interface CsatTextOverrides {
  question?: string;
  commentPrompt?: string;
  skip?: string;
  thanks?: string;
}

export const csatSettings = sqliteTable("csat_settings", {
  channelId: text("channel_id")
    .primaryKey()
    .references(() => channels.id),
  workspaceId: text("workspace_id")
    .notNull()
    .references(() => workspaces.id),
  /** 1: send the survey when a conversation is resolved. */
  onResolve: integer("on_resolve").notNull().default(0),
  /** 1: only when an agent wrote in the conversation since it was last resolved. */
  onlyIfAgentAnswered: integer("only_if_agent_answered").notNull().default(1),
  /** Not more than one survey per contact within this many days (0: no limit). */
  minDaysBetween: integer("min_days_between").notNull().default(7),
  /** Keyed by language code (en, ja, th, zh-TW, id, tr, zh-CN). */
  texts: text("texts", { mode: "json" }).$type<Record<string, CsatTextOverrides>>().notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const csatResponses = sqliteTable(
  "csat_responses",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    channelId: text("channel_id").notNull(),
    conversationId: text("conversation_id").notNull(),
    contactId: text("contact_id"),
    /** The assignee and team when the survey was sent (who the rating is about). */
    agentId: text("agent_id"),
    teamId: text("team_id"),
    /** resolve | workflow | agent */
    trigger: text("trigger", { enum: ["resolve", "workflow", "agent"] }).notNull(),
    /** The customer's language the texts were in. */
    language: text("language").notNull(),
    sentVia: text("sent_via", { enum: ["reply", "push"] }),
    /** sent → rated → done (comment given, skipped, or the comment window passed). */
    status: text("status", { enum: ["sent", "rated", "done"] }).notNull(),
    score: integer("score"),
    comment: text("comment"),
    sentAt: integer("sent_at").notNull(),
    ratedAt: integer("rated_at"),
    /** While status is rated: the customer's next text until then is the comment. */
    commentUntil: integer("comment_until"),
    commentedAt: integer("commented_at"),
    /** When the row reached the workspace's Google Sheet (null: not configured or not yet). */
    sheetAppendedAt: integer("sheet_appended_at"),
  },
  (t) => [
    index("csat_responses_workspace_rated_idx").on(t.workspaceId, t.ratedAt, t.id),
    // The reports' comments list: only answers with a comment, so a page never scans the silent ones.
    index("csat_responses_comments_idx")
      .on(t.workspaceId, t.ratedAt, t.id)
      .where(sql`${t.comment} IS NOT NULL`),
    index("csat_responses_contact_idx").on(t.contactId, t.sentAt),
    index("csat_responses_conversation_idx").on(t.conversationId, t.sentAt),
  ],
);

/** Where a workspace's responses are appended (Sheets API values.append with a service account). */
export const csatSheets = sqliteTable("csat_sheets", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id),
  /** The service account (client_email of its JSON key). */
  clientEmail: text("client_email").notNull(),
  /** The PKCS#8 private key PEM, sealed with APP_SECRET like channel secrets (write-only). */
  privateKeyEnc: text("private_key_enc").notNull(),
  spreadsheetId: text("spreadsheet_id").notNull(),
  sheetName: text("sheet_name").notNull(),
  lastAppendedAt: integer("last_appended_at"),
  lastError: text("last_error"),
  updatedAt: integer("updated_at").notNull(),
});
