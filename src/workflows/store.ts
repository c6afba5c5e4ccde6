// D1 reads and writes for workflows: drafts, published versions (immutable; a
// run pins the one it started with), runs and their log. Every function takes
// the workspace id and checks it, so one workspace never reads another's.
import { and, desc, eq, lt, or } from "drizzle-orm";
import { auditInsert } from "../db/audit";
import { db, schema } from "../db/client";
import { forgetWorkspaceFeatures } from "../db/workspace-features";
import { newId } from "../lib/ids";
import { definitionSchema, graphProblems, stepSchema, triggerSchema, type Step, type Trigger, type WorkflowDefinition } from "./definition";

const w = schema.workflows;
const v = schema.workflowVersions;
const r = schema.workflowRuns;
const l = schema.workflowRunLog;

/** A draft as stored: trigger and steps that each parse, maybe with graph problems. */
export interface Draft {
  trigger: Trigger;
  steps: Step[];
}

export interface WorkflowRow {
  id: string;
  workspaceId: string;
  name: string;
  draft: Draft;
  publishedVersionId: string | null;
  publishedTrigger: string | null;
  latestVersion: number;
  draftChanged: boolean;
  lastRunAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface PublishedWorkflow {
  workflowId: string;
  name: string;
  versionId: string;
  version: number;
  definition: WorkflowDefinition;
}

function parseDraft(text: string): Draft {
  const raw = JSON.parse(text) as { trigger: unknown; steps: unknown[] };
  return { trigger: triggerSchema.parse(raw.trigger), steps: raw.steps.map((s) => stepSchema.parse(s)) };
}

function toRow(row: typeof w.$inferSelect): WorkflowRow {
  return { ...row, draft: parseDraft(row.draft), draftChanged: row.draftChanged === 1 };
}

export async function listWorkflows(d1: D1Database, workspaceId: string, cursor: { at: number; id: string } | null, limit = 50): Promise<{ items: WorkflowRow[]; next: { at: number; id: string } | null }> {
  const where = cursor ? and(eq(w.workspaceId, workspaceId), or(lt(w.createdAt, cursor.at), and(eq(w.createdAt, cursor.at), lt(w.id, cursor.id)))) : eq(w.workspaceId, workspaceId);
  const rows = await db(d1).select().from(w).where(where).orderBy(desc(w.createdAt), desc(w.id)).limit(limit + 1).all();
  const items = rows.slice(0, limit).map(toRow);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null };
}

export async function findWorkflow(d1: D1Database, workspaceId: string, id: string): Promise<WorkflowRow | null> {
  const row = await db(d1).select().from(w).where(and(eq(w.id, id), eq(w.workspaceId, workspaceId))).get();
  return row ? toRow(row) : null;
}

export async function createWorkflow(d1: D1Database, ctx: { workspaceId: string; actorId: string | null }, name: string, draft: Draft, now = Date.now()): Promise<string> {
  const id = newId("wf", now);
  await db(d1).batch([
    db(d1).insert(w).values({ id, workspaceId: ctx.workspaceId, name, draft: JSON.stringify(draft), createdAt: now, updatedAt: now }),
    auditInsert(d1, { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "workflow.created", targetType: "workflow", targetId: id, data: { name } }, now),
  ]);
  return id;
}

export async function saveDraft(d1: D1Database, workspaceId: string, id: string, change: { name?: string; draft?: Draft }, now = Date.now()): Promise<void> {
  await db(d1)
    .update(w)
    .set({ ...(change.name ? { name: change.name } : {}), ...(change.draft ? { draft: JSON.stringify(change.draft), draftChanged: 1 } : {}), updatedAt: now })
    .where(and(eq(w.id, id), eq(w.workspaceId, workspaceId)));
}

/** Publishes the draft as the next version, or returns why it cannot be (graph problems). */
export async function publish(d1: D1Database, ctx: { workspaceId: string; actorId: string | null }, wf: WorkflowRow, now = Date.now()): Promise<{ version: number } | { problems: string[] }> {
  const parsed = definitionSchema.safeParse(wf.draft);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => i.message) };
  const version = wf.latestVersion + 1;
  const versionId = newId("wfv", now);
  await db(d1).batch([
    db(d1).insert(v).values({ id: versionId, workflowId: wf.id, workspaceId: ctx.workspaceId, version, definition: JSON.stringify(parsed.data), publishedBy: ctx.actorId, createdAt: now }),
    db(d1)
      .update(w)
      .set({ publishedVersionId: versionId, publishedTrigger: parsed.data.trigger.type, latestVersion: version, draftChanged: 0, updatedAt: now })
      .where(and(eq(w.id, wf.id), eq(w.workspaceId, ctx.workspaceId))),
    auditInsert(d1, { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "workflow.published", targetType: "workflow", targetId: wf.id, data: { version } }, now),
  ]);
  forgetWorkspaceFeatures(ctx.workspaceId);
  return { version };
}

export async function unpublish(d1: D1Database, ctx: { workspaceId: string; actorId: string | null }, id: string, now = Date.now()): Promise<void> {
  await db(d1).batch([
    db(d1).update(w).set({ publishedVersionId: null, publishedTrigger: null, draftChanged: 1, updatedAt: now }).where(and(eq(w.id, id), eq(w.workspaceId, ctx.workspaceId))),
    auditInsert(d1, { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "workflow.unpublished", targetType: "workflow", targetId: id }, now),
  ]);
  forgetWorkspaceFeatures(ctx.workspaceId);
}

export { graphProblems };

/** Published workflows of a workspace with this trigger type, oldest first (the first match runs). */
export async function publishedWithTrigger(d1: D1Database, workspaceId: string, triggerType: Trigger["type"]): Promise<PublishedWorkflow[]> {
  const rows = await db(d1)
    .select({ workflowId: w.id, name: w.name, versionId: v.id, version: v.version, definition: v.definition })
    .from(w)
    .innerJoin(v, eq(v.id, w.publishedVersionId))
    .where(and(eq(w.workspaceId, workspaceId), eq(w.publishedTrigger, triggerType)))
    .orderBy(w.createdAt, w.id)
    .all();
  return rows.map((row) => ({ ...row, definition: JSON.parse(row.definition) as WorkflowDefinition }));
}

export async function publishedWorkflow(d1: D1Database, workspaceId: string, workflowId: string): Promise<PublishedWorkflow | null> {
  const row = await db(d1)
    .select({ workflowId: w.id, name: w.name, versionId: v.id, version: v.version, definition: v.definition })
    .from(w)
    .innerJoin(v, eq(v.id, w.publishedVersionId))
    .where(and(eq(w.workspaceId, workspaceId), eq(w.id, workflowId)))
    .get();
  return row ? { ...row, definition: JSON.parse(row.definition) as WorkflowDefinition } : null;
}

// --- runs and their log ------------------------------------------------------

export type RunStatus = (typeof r.$inferSelect)["status"];
export type LogKind = "started" | "step" | "answer" | "invalid" | "waiting" | "timeout" | "http" | "error" | "finished" | "cancelled";

export interface RunRecord {
  id: string;
  workspaceId: string;
  workflowId: string;
  versionId: string;
  version: number;
  conversationId: string;
  status: RunStatus;
  stepId: string | null;
  startedBy: string;
  answers: Record<string, string>;
  startedAt: number;
}

/** Writes the run's row (insert or update) and log lines in one batch. */
export async function recordRun(d1: D1Database, run: RunRecord, log: Array<{ stepId: string | null; kind: LogKind; detail: string; at: number }>, now = Date.now()): Promise<void> {
  const row = { ...run, answers: JSON.stringify(run.answers), updatedAt: now };
  const statements = [
    db(d1).insert(r).values(row).onConflictDoUpdate({ target: r.id, set: { status: row.status, stepId: row.stepId, answers: row.answers, updatedAt: now } }),
    ...log.map((line) => db(d1).insert(l).values({ id: newId("wfl", line.at), runId: run.id, workflowId: run.workflowId, at: line.at, stepId: line.stepId, kind: line.kind, detail: line.detail.slice(0, 2000) })),
    db(d1).update(w).set({ lastRunAt: run.startedAt }).where(eq(w.id, run.workflowId)),
  ] as const;
  await db(d1).batch(statements as unknown as Parameters<ReturnType<typeof db>["batch"]>[0]);
}

export interface RunView extends RunRecord {
  updatedAt: number;
}

export async function listRuns(d1: D1Database, workspaceId: string, workflowId: string, cursor: { at: number; id: string } | null, limit = 20): Promise<{ items: RunView[]; next: { at: number; id: string } | null }> {
  const base = and(eq(r.workspaceId, workspaceId), eq(r.workflowId, workflowId));
  const where = cursor ? and(base, or(lt(r.startedAt, cursor.at), and(eq(r.startedAt, cursor.at), lt(r.id, cursor.id)))) : base;
  const rows = await db(d1).select().from(r).where(where).orderBy(desc(r.startedAt), desc(r.id)).limit(limit + 1).all();
  const items = rows.slice(0, limit).map((row) => ({ ...row, answers: JSON.parse(row.answers) as Record<string, string> }));
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? { at: last.startedAt, id: last.id } : null };
}

export async function runLog(d1: D1Database, runIds: string[]): Promise<Array<typeof l.$inferSelect>> {
  if (!runIds.length) return [];
  const rows = await Promise.all(runIds.map((id) => db(d1).select().from(l).where(eq(l.runId, id)).orderBy(l.at, l.id).limit(100).all()));
  return rows.flat();
}
