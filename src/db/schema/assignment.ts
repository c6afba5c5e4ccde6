// Automatic assignment per team (src/assignment/): each team's policy (manual,
// round robin or least open, with an optional capacity per agent) and the
// team queue of conversations waiting for a free agent.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const ASSIGNMENT_MODES = ["manual", "round_robin", "least_open"] as const;

export const teamAssignmentPolicies = sqliteTable("team_assignment_policies", {
  /** No foreign key: deleting a team (settings/queries/teams.ts) leaves this row behind, unread. */
  teamId: text("team_id").primaryKey(),
  workspaceId: text("workspace_id")
    .notNull()
    .references(() => workspaces.id),
  mode: text("mode", { enum: ASSIGNMENT_MODES }).notNull().default("manual"),
  /** Most open conversations an agent of this team is given automatically; null: no limit. */
  capacity: integer("capacity"),
  updatedAt: integer("updated_at").notNull(),
});

/** Conversations of a team waiting for a free agent, oldest first. */
export const assignmentQueue = sqliteTable(
  "assignment_queue",
  {
    conversationId: text("conversation_id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    teamId: text("team_id").notNull(),
    channelId: text("channel_id").notNull(),
    waitingSince: integer("waiting_since").notNull(),
    /** The agent who just gave it back (unassigned themselves): not handed straight back to them. */
    excludedUserId: text("excluded_user_id"),
  },
  (t) => [index("assignment_queue_team_idx").on(t.workspaceId, t.teamId, t.waitingSince)],
);
