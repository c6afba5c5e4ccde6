// A team's assignment policy: how its new conversations find an agent (manual,
// round robin, least open) and how many open conversations an agent may be
// given automatically (capacity). Stored per team in D1; a team without a row
// is manual. The form schema lives here too, so the page and tests share it.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { auditInsert } from "../db/audit";
import { db, schema } from "../db/client";
import { ASSIGNMENT_MODES } from "../db/schema/assignment";
import { t } from "../ui/i18n";

export { ASSIGNMENT_MODES };
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];
/** The modes that assign by themselves (everything but manual). */
export type AutoMode = Exclude<AssignmentMode, "manual">;

export const CAPACITY_MAX = 200;

export interface TeamPolicy {
  teamId: string;
  mode: AssignmentMode;
  /** Most open conversations per agent; null: no limit. */
  capacity: number | null;
}

const p = schema.teamAssignmentPolicies;

export async function loadPolicy(d1: D1Database, workspaceId: string, teamId: string): Promise<TeamPolicy> {
  const row = await db(d1)
    .select({ mode: p.mode, capacity: p.capacity })
    .from(p)
    .where(and(eq(p.teamId, teamId), eq(p.workspaceId, workspaceId)))
    .get();
  return { teamId, mode: row?.mode ?? "manual", capacity: row?.capacity ?? null };
}

/** Saves the policy and its audit entry; true when something changed. */
export async function savePolicy(d1: D1Database, who: { workspaceId: string; actorId: string }, next: TeamPolicy, now = Date.now()): Promise<boolean> {
  const before = await loadPolicy(d1, who.workspaceId, next.teamId);
  if (before.mode === next.mode && before.capacity === next.capacity) return false;
  const d = db(d1);
  await d.batch([
    d
      .insert(p)
      .values({ teamId: next.teamId, workspaceId: who.workspaceId, mode: next.mode, capacity: next.capacity, updatedAt: now })
      .onConflictDoUpdate({ target: p.teamId, set: { mode: next.mode, capacity: next.capacity, updatedAt: now } }),
    auditInsert(d1, { ...who, action: "team.assignment_changed", targetType: "team", targetId: next.teamId, data: { from: { mode: before.mode, capacity: before.capacity }, to: { mode: next.mode, capacity: next.capacity } } }, now),
  ]);
  return true;
}

/** The settings form: a mode, and a capacity that may be left empty (no limit). */
export const policyForm = z.object({
  mode: z.enum(ASSIGNMENT_MODES, { error: () => t("settings.assignment.error.mode") }),
  capacity: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? Number(v.trim()) : v),
    z
      .number({ error: () => t("settings.assignment.error.capacity", { max: CAPACITY_MAX }) })
      .int({ error: () => t("settings.assignment.error.capacity", { max: CAPACITY_MAX }) })
      .min(1, { error: () => t("settings.assignment.error.capacity", { max: CAPACITY_MAX }) })
      .max(CAPACITY_MAX, { error: () => t("settings.assignment.error.capacity", { max: CAPACITY_MAX }) })
      .nullable(),
  ),
});
