// PATCH /conversations/:id as a list of triage changes, checked with the same
// rules as the inbox's triage bar (src/inbox/triage-form.ts): assignees must be
// active members, teams must be the workspace's, snoozes in the future and at
// most a year ahead. Pure: every change is planned before any is applied.
import type { z } from "zod";
import type { Priority } from "../conversations/model";
import type { TriageChange } from "../conversations/port";
import { assignableAgent, snoozeProblem, TRIAGE_ERRORS, workspaceTeam } from "../inbox/triage-form";
import type { Directory } from "../inbox/views/list-toolbar";
import type { triageBody } from "./requests";

export type TriagePlan = { changes: TriageChange[] } | { error: string };

/** In the order an agent would make them: who has it, its team, priority, pin, then the status. */
export function planTriage(body: z.output<typeof triageBody>, directory: Pick<Directory, "agents" | "teams" | "tags">, now = Date.now()): TriagePlan {
  const changes: TriageChange[] = [];
  if (body.assigneeId !== undefined) {
    const assignee = body.assigneeId === null ? null : assignableAgent(directory, body.assigneeId);
    if (body.assigneeId !== null && !assignee) return { error: `assigneeId: ${TRIAGE_ERRORS.agent}` };
    changes.push({ kind: "assign", assignee });
  }
  if (body.teamId !== undefined) {
    const team = body.teamId === null ? null : workspaceTeam(directory, body.teamId);
    if (body.teamId !== null && !team) return { error: `teamId: ${TRIAGE_ERRORS.team}` };
    changes.push({ kind: "team", team });
  }
  if (body.priority !== undefined) changes.push({ kind: "priority", priority: body.priority as Priority });
  if (body.pinned !== undefined) changes.push({ kind: "pin", pinned: body.pinned });
  if (body.status === "snoozed") {
    const until = Date.parse(body.snoozedUntil ?? "");
    const problem = snoozeProblem(until, now);
    if (problem) return { error: `snoozedUntil: ${problem}` };
    changes.push({ kind: "snooze", until });
  } else if (body.status) {
    changes.push({ kind: "status", status: body.status });
  }
  return { changes };
}
