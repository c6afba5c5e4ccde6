// SLA policies (targets for first response, next response and resolution,
// applied by channel, team, priority or tag: the first matching policy by
// position wins) and what happened to each target (src/sla/).
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const slaPolicies = sqliteTable(
  "sla_policies",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    name: text("name").notNull(),
    /** Lower first: the first policy whose conditions all match applies. */
    position: integer("position").notNull(),
    /** Conditions (null: any). */
    channelId: text("channel_id"),
    teamId: text("team_id"),
    /** At least this priority (1 low … 4 urgent). */
    minPriority: integer("min_priority"),
    tagId: text("tag_id"),
    /** Targets in minutes (null: no target of that kind). */
    firstResponseMinutes: integer("first_response_minutes"),
    nextResponseMinutes: integer("next_response_minutes"),
    resolutionMinutes: integer("resolution_minutes"),
    /** 1: only minutes within the channel's business hours count. */
    businessHours: integer("business_hours").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("sla_policies_workspace_idx").on(t.workspaceId, t.position)],
);

export const slaEvents = sqliteTable(
  "sla_events",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    channelId: text("channel_id").notNull(),
    conversationId: text("conversation_id").notNull(),
    policyId: text("policy_id").notNull(),
    kind: text("kind", { enum: ["first_response", "next_response", "resolution"] }).notNull(),
    outcome: text("outcome", { enum: ["met", "breached"] }).notNull(),
    assigneeId: text("assignee_id"),
    teamId: text("team_id"),
    startedAt: integer("started_at").notNull(),
    dueAt: integer("due_at").notNull(),
    /** When it was met or seen breached. */
    at: integer("at").notNull(),
  },
  (t) => [index("sla_events_workspace_at_idx").on(t.workspaceId, t.at), index("sla_events_conversation_idx").on(t.conversationId, t.at)],
);
