// Automation per channel: business hours and the automatic messages (away,
// greeting, no agent, open again, queue), holidays, keyword reply rules, the
// queue of conversations waiting for an agent, and reporting events.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { channels } from "./channels";
import { workspaces } from "./workspaces";

/** One opening range in minutes after local midnight; `end <= start` runs past midnight. */
export interface OpeningRange {
  start: number;
  end: number;
}
/** Seven days of ranges, index 0 = Sunday (like Date#getDay). */
export type WeeklyHours = OpeningRange[][];

export const automationSettings = sqliteTable("automation_settings", {
  channelId: text("channel_id")
    .primaryKey()
    .references(() => channels.id),
  workspaceId: text("workspace_id")
    .notNull()
    .references(() => workspaces.id),
  /** IANA time zone the weekly hours and holidays are in. */
  timeZone: text("time_zone").notNull().default("UTC"),
  weeklyHours: text("weekly_hours", { mode: "json" }).$type<WeeklyHours>().notNull(),
  /** The manual "we are away" switch: closed regardless of the schedule. */
  awayNow: integer("away_now").notNull().default(0),
  awayNowSince: integer("away_now_since"),
  awayEnabled: integer("away_enabled").notNull().default(0),
  awayText: text("away_text").notNull().default(""),
  /** After this long without messages, a customer writing again gets the away / no-agent message again. */
  quietMinutes: integer("quiet_minutes").notNull().default(240),
  noAgentEnabled: integer("no_agent_enabled").notNull().default(0),
  noAgentText: text("no_agent_text").notNull().default(""),
  openAgainEnabled: integer("open_again_enabled").notNull().default(0),
  openAgainText: text("open_again_text").notNull().default(""),
  greetingEnabled: integer("greeting_enabled").notNull().default(0),
  greetingText: text("greeting_text").notNull().default(""),
  /** Sent instead of the greeting when the follow is an unblock (empty: the greeting). */
  greetingUnblockedText: text("greeting_unblocked_text").notNull().default(""),
  /** 1: greet only the first follow of a contact (never on unblock or a later re-add). */
  greetingFirstOnly: integer("greeting_first_only").notNull().default(0),
  queueEnabled: integer("queue_enabled").notNull().default(0),
  queueText: text("queue_text").notNull().default(""),
  queueMaxUpdates: integer("queue_max_updates").notNull().default(3),
  keywordListEnabled: integer("keyword_list_enabled").notNull().default(0),
  keywordListCommand: text("keyword_list_command").notNull().default("help"),
  keywordListText: text("keyword_list_text").notNull().default(""),
  autoResolveEnabled: integer("auto_resolve_enabled").notNull().default(0),
  autoResolveHours: integer("auto_resolve_hours").notNull().default(24),
  /** Last state the cron saw ("open" | "closed"), for opening/closing transitions. */
  hoursState: text("hours_state", { enum: ["open", "closed"] }),
  hoursStateSince: integer("hours_state_since"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** Closed all day, in the channel's time zone, from `startDate` to `endDate` inclusive (YYYY-MM-DD). */
export const holidays = sqliteTable(
  "holidays",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    channelId: text("channel_id")
      .notNull()
      .references(() => channels.id),
    name: text("name").notNull(),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("holidays_channel_idx").on(t.channelId, t.startDate)],
);

export const keywordRules = sqliteTable(
  "keyword_rules",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    channelId: text("channel_id")
      .notNull()
      .references(() => channels.id),
    name: text("name").notNull(),
    keywords: text("keywords", { mode: "json" }).$type<string[]>().notNull(),
    matchMode: text("match_mode", { enum: ["exact", "contains", "starts_with", "regex"] }).notNull(),
    /** 1 is checked first. */
    priority: integer("priority").notNull().default(10),
    activeWindow: text("active_window", { enum: ["always", "in_hours", "out_of_hours"] }).notNull().default("always"),
    /** { messages: 1–5 message definitions, quickReplies } (see automation/replies.ts). */
    reply: text("reply", { mode: "json" }).$type<unknown>().notNull(),
    enabled: integer("enabled").notNull().default(1),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("keyword_rules_channel_idx").on(t.channelId, t.priority, t.createdAt)],
);

/** Conversations waiting for an agent (1:1, queue messages on): position = order of waiting_since. */
export const automationQueue = sqliteTable(
  "automation_queue",
  {
    conversationId: text("conversation_id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    channelId: text("channel_id").notNull(),
    waitingSince: integer("waiting_since").notNull(),
    updatesSent: integer("updates_sent").notNull().default(0),
    lastPosition: integer("last_position"),
    lastWaitMs: integer("last_wait_ms"),
    /** When the last queue message went out (null: none yet). */
    lastSentAt: integer("last_sent_at"),
    /** createdAt of the newest automated message in the thread: newer index activity means something else happened. */
    lastAutomationAt: integer("last_automation_at"),
  },
  (t) => [index("automation_queue_channel_idx").on(t.channelId, t.waitingSince)],
);

export const reportingEvents = sqliteTable(
  "reporting_events",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    channelId: text("channel_id").notNull(),
    conversationId: text("conversation_id").notNull(),
    /** first_response: value_ms from the customer's first unanswered message to the agent's answer. automated_message: detail = via + rule names. */
    kind: text("kind", { enum: ["first_response", "automated_message"] }).notNull(),
    valueMs: integer("value_ms"),
    detail: text("detail"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("reporting_events_channel_idx").on(t.channelId, t.kind, t.createdAt), index("reporting_events_workspace_idx").on(t.workspaceId, t.kind, t.createdAt)],
);
