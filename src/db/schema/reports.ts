// Reports: rollups the /reports pages read instead of raw messages (src/reports/).
// Each fact family has its own table. A row is one cell of a small cube: a time
// bucket (grain "h" = one UTC hour, keyed by its start; grain "d" = one day in the
// workspace's time zone, keyed by its local midnight; report_csat also has grain
// "w" = one local week, keyed by the day number of its Monday) × channel × team × agent ×
// tag, where "*" in a dimension means "all" (the listener writes every subset),
// so any filter combination reads exactly one row per bucket. "-" means "none"
// (no team, nobody assigned). Counts are only ever added to, idempotently by
// event id (report_events_seen), so at-least-once delivery never counts twice.
import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

const cube = {
  workspaceId: text("workspace_id").notNull(),
  grain: text("grain", { enum: ["h", "d", "w"] }).notNull(),
  bucket: integer("bucket").notNull(),
  tagId: text("tag_id").notNull(),
  channelId: text("channel_id").notNull(),
  teamId: text("team_id").notNull(),
  agentId: text("agent_id").notNull(),
};

type CubeColumns = Record<"workspaceId" | "grain" | "bucket" | "tagId" | "channelId" | "teamId" | "agentId", AnySQLiteColumn>;
// Filters fix every dimension ("*" or a value), so the key leads with them and ends in the time range.
const cubeKey = (t: CubeColumns): [AnySQLiteColumn, ...AnySQLiteColumn[]] => [t.workspaceId, t.grain, t.tagId, t.channelId, t.teamId, t.agentId];

/** Conversations: opened (new), reopened, resolved, assigned (to the agent of the row). */
export const reportConversations = sqliteTable(
  "report_conversations",
  {
    ...cube,
    opened: integer("opened").notNull().default(0),
    reopened: integer("reopened").notNull().default(0),
    resolved: integer("resolved").notNull().default(0),
    assigned: integer("assigned").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [...cubeKey(t), t.bucket] })],
);

/** Messages: inbound; outbound by who sent it; how it went out (reply is free, push costs quota); failed. */
export const reportMessages = sqliteTable(
  "report_messages",
  {
    ...cube,
    inbound: integer("inbound").notNull().default(0),
    outboundAgent: integer("outbound_agent").notNull().default(0),
    outboundAutomation: integer("outbound_automation").notNull().default(0),
    outboundApi: integer("outbound_api").notNull().default(0),
    viaReply: integer("via_reply").notNull().default(0),
    viaPush: integer("via_push").notNull().default(0),
    failed: integer("failed").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [...cubeKey(t), t.bucket] })],
);

/**
 * Durations (first response, next response, resolution) as count + sum + a
 * histogram (b0..b15 over DURATION_BOUNDS_MS in src/reports/histogram.ts) so
 * p50/p90 come from the rollup. `businessHours` 1: the clock started inside the
 * channel's business hours.
 */
export const reportDurations = sqliteTable(
  "report_durations",
  {
    ...cube,
    metric: text("metric", { enum: ["first_response", "next_response", "resolution"] }).notNull(),
    businessHours: integer("business_hours").notNull(),
    count: integer("count").notNull().default(0),
    sumMs: integer("sum_ms").notNull().default(0),
    b0: integer("b0").notNull().default(0),
    b1: integer("b1").notNull().default(0),
    b2: integer("b2").notNull().default(0),
    b3: integer("b3").notNull().default(0),
    b4: integer("b4").notNull().default(0),
    b5: integer("b5").notNull().default(0),
    b6: integer("b6").notNull().default(0),
    b7: integer("b7").notNull().default(0),
    b8: integer("b8").notNull().default(0),
    b9: integer("b9").notNull().default(0),
    b10: integer("b10").notNull().default(0),
    b11: integer("b11").notNull().default(0),
    b12: integer("b12").notNull().default(0),
    b13: integer("b13").notNull().default(0),
    b14: integer("b14").notNull().default(0),
    b15: integer("b15").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [...cubeKey(t), t.metric, t.businessHours, t.bucket] })],
);

/** Open conversations at the hour's snapshot (cron); the day row holds the day's last snapshot. */
export const reportBacklog = sqliteTable(
  "report_backlog",
  {
    ...cube,
    open: integer("open").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [...cubeKey(t), t.bucket] })],
);

/** Contacts: follows of new friends, unblocks, blocks; by channel ("*" all) and the contact's language ("*" all, "-" unknown). */
export const reportContacts = sqliteTable(
  "report_contacts",
  {
    workspaceId: text("workspace_id").notNull(),
    grain: text("grain", { enum: ["h", "d"] }).notNull(),
    bucket: integer("bucket").notNull(),
    channelId: text("channel_id").notNull(),
    language: text("language").notNull(),
    newFriends: integer("new_friends").notNull().default(0),
    unblocks: integer("unblocks").notNull().default(0),
    blocks: integer("blocks").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.grain, t.channelId, t.language, t.bucket] })],
);

/** Domain events already counted (purged after 14 days by the cron: redeliveries come within minutes). */
export const reportEventsSeen = sqliteTable(
  "report_events_seen",
  {
    eventId: text("event_id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    at: integer("at").notNull(),
  },
  // By time: the hourly purge deletes the oldest.
  (t) => [index("report_events_seen_at_idx").on(t.at)],
);

/** Per conversation: when the customer started waiting (response clocks) and when the current open spell began. */
export const reportConversationClocks = sqliteTable("report_conversation_clocks", {
  conversationId: text("conversation_id").primaryKey(),
  workspaceId: text("workspace_id").notNull(),
  /** The first unanswered customer message's time; null: nobody is waiting. */
  awaitingSince: integer("awaiting_since"),
  /** 1 until an agent has answered once: the next answer is the first response. */
  awaitingFirst: integer("awaiting_first").notNull().default(1),
  openedAt: integer("opened_at"),
  /** 1 once its creation was counted live: the history backfill leaves it out. */
  openedCounted: integer("opened_counted").notNull().default(0),
  updatedAt: integer("updated_at").notNull(),
});

/** The history backfill of one workspace: which source it is reading, how far, and the live cut-over. */
export const reportBackfills = sqliteTable("report_backfills", {
  workspaceId: text("workspace_id").primaryKey(),
  status: text("status", { enum: ["running", "done"] }).notNull(),
  /** conversations → audit → responses → csat → sla → done. */
  phase: text("phase", { enum: ["conversations", "audit", "responses", "csat", "sla", "done"] }).notNull(),
  /** The last source row id handled in this phase (keyset). */
  cursor: text("cursor").notNull().default(""),
  processed: integer("processed").notNull().default(0),
  total: integer("total").notNull().default(0),
  /** Only history before this instant is read: later facts were counted live. */
  cutoffAt: integer("cutoff_at").notNull(),
  startedAt: integer("started_at").notNull(),
  finishedAt: integer("finished_at"),
  updatedAt: integer("updated_at").notNull(),
});

/** Since when a workspace's events are counted live (the first one): the backfill reads history only before it. */
export const reportWorkspaces = sqliteTable("report_workspaces", {
  workspaceId: text("workspace_id").primaryKey(),
  liveSince: integer("live_since").notNull(),
});

/** CSAT answers (csat.rated): how many of each score 1–5, and how many came with a comment; bucketed by when the customer rated. */
export const reportCsat = sqliteTable(
  "report_csat",
  {
    ...cube,
    score1: integer("score_1").notNull().default(0),
    score2: integer("score_2").notNull().default(0),
    score3: integer("score_3").notNull().default(0),
    score4: integer("score_4").notNull().default(0),
    score5: integer("score_5").notNull().default(0),
    commented: integer("commented").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [...cubeKey(t), t.bucket] })],
);

/** SLA targets met or breached (sla.recorded), per target kind; bucketed by when the target was met or seen breached. */
export const reportSla = sqliteTable(
  "report_sla",
  {
    ...cube,
    firstMet: integer("first_met").notNull().default(0),
    firstBreached: integer("first_breached").notNull().default(0),
    nextMet: integer("next_met").notNull().default(0),
    nextBreached: integer("next_breached").notNull().default(0),
    resolutionMet: integer("resolution_met").notNull().default(0),
    resolutionBreached: integer("resolution_breached").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [...cubeKey(t), t.bucket] })],
);
