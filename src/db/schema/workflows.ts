// Workflows (Settings → Workflows): a workflow has an editable draft and
// immutable published versions; a run pins the version it started with. The
// run log keeps each run's steps, answers and errors for admins. Workspace
// secrets (used as {{secret.NAME}} in HTTP steps) are stored encrypted with
// APP_SECRET and never read back into a page.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const workflows = sqliteTable(
  "workflows",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    name: text("name").notNull(),
    /** The editable definition (JSON, see src/workflows/definition.ts); may have graph problems until published. */
    draft: text("draft").notNull(),
    /** The published version runs start with; null = not published (draft only, or unpublished). */
    publishedVersionId: text("published_version_id"),
    /** The published version's trigger type, so listeners find candidates with one index read. */
    publishedTrigger: text("published_trigger"),
    /** Highest version number published so far. */
    latestVersion: integer("latest_version").notNull().default(0),
    /** The draft differs from the published version. */
    draftChanged: integer("draft_changed").notNull().default(1),
    lastRunAt: integer("last_run_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("workflows_workspace_idx").on(t.workspaceId, t.createdAt, t.id), index("workflows_trigger_idx").on(t.workspaceId, t.publishedTrigger)],
);

export const workflowVersions = sqliteTable(
  "workflow_versions",
  {
    id: text("id").primaryKey(),
    workflowId: text("workflow_id")
      .notNull()
      .references(() => workflows.id),
    workspaceId: text("workspace_id").notNull(),
    version: integer("version").notNull(),
    definition: text("definition").notNull(),
    publishedBy: text("published_by"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("workflow_versions_unique").on(t.workflowId, t.version)],
);

export const workflowRuns = sqliteTable(
  "workflow_runs",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    workflowId: text("workflow_id").notNull(),
    versionId: text("version_id").notNull(),
    version: integer("version").notNull(),
    conversationId: text("conversation_id").notNull(),
    /** running, waiting (question or wait step), completed, failed, cancelled. */
    status: text("status", { enum: ["running", "waiting", "completed", "failed", "cancelled"] }).notNull(),
    stepId: text("step_id"),
    /** What started it: the trigger type, or "shortcut:<user name>". */
    startedBy: text("started_by").notNull(),
    answers: text("answers").notNull().default("{}"),
    startedAt: integer("started_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("workflow_runs_workflow_idx").on(t.workflowId, t.startedAt, t.id), index("workflow_runs_conversation_idx").on(t.conversationId, t.startedAt)],
);

export const workflowRunLog = sqliteTable(
  "workflow_run_log",
  {
    id: text("id").primaryKey(),
    runId: text("run_id").notNull(),
    workflowId: text("workflow_id").notNull(),
    at: integer("at").notNull(),
    stepId: text("step_id"),
    /** started, step, answer, invalid, waiting, timeout, http, error, finished, cancelled. */
    kind: text("kind").notNull(),
    detail: text("detail").notNull().default(""),
  },
  (t) => [index("workflow_run_log_run_idx").on(t.runId, t.at, t.id)],
);

export const workflowSecrets = sqliteTable(
  "workflow_secrets",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    /** Used as {{secret.NAME}}: A–Z, 0–9 and _. */
    name: text("name").notNull(),
    valueEnc: text("value_enc").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("workflow_secrets_name_unique").on(t.workspaceId, t.name)],
);
