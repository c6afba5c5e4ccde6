// Automatic assignment, the public face: what the listener, the settings
// routes, the cron and (later) the workflows engine call. Every decision runs
// in the workspace's WorkspaceDO, one at a time (serializer.ts), and is
// applied through the conversation's own triage path, so it is a system line
// ("Assigned to Aiko by round robin (Support)"), an audit entry and a
// conversation.assigned event with the origin {kind:"automation", rule:"assignment:<team>"}.
import type { Bindings } from "../env";
import type { AssignmentOutcome, AssignmentRequest } from "./serializer";
import type { AutoMode } from "./policy";

export type { AssignmentOutcome, AssignResult } from "./serializer";

function assigner(env: Pick<Bindings, "WORKSPACES">, workspaceId: string) {
  return env.WORKSPACES.get(env.WORKSPACES.idFromName(workspaceId));
}

export function requestAssignment(env: Pick<Bindings, "WORKSPACES">, request: AssignmentRequest): Promise<AssignmentOutcome> {
  return assigner(env, request.workspaceId).assignment(request);
}

/**
 * For the workflows engine ("Assign to the team's policy"): puts the
 * conversation in `teamId` when it is elsewhere, then lets the team's policy —
 * or `rule` when the workflow names one — pick an online agent of the team
 * under the team's capacity, inside the channel's business hours.
 *
 * Resolves with what happened: `assigned` (with the agent), `queued` (nobody
 * free: it waits in the team queue and is assigned as soon as someone frees up
 * or comes online), `closed` (outside business hours: queued until opening),
 * `manual` (the team assigns by hand and no `rule` was given), or
 * `not_waiting` (resolved, snoozed, already assigned, or the team does not
 * exist). Safe to call twice: an assigned conversation is left alone.
 * `workflow` names the workflow in the system line instead of the policy.
 */
export function assignByTeamPolicy(
  env: Pick<Bindings, "WORKSPACES">,
  input: { workspaceId: string; conversationId: string; teamId: string; rule?: AutoMode; workflow?: string },
): Promise<AssignmentOutcome> {
  return requestAssignment(env, { kind: "assign", ...input, moveToTeam: true });
}

/** Someone may have become free (or online, or a policy changed): give waiting conversations to them. */
export function drainQueues(env: Pick<Bindings, "WORKSPACES">, workspaceId: string, scope: { teamIds?: string[]; forUser?: string } = {}): Promise<AssignmentOutcome> {
  return requestAssignment(env, { kind: "drain", workspaceId, ...scope });
}

/** Never fails its caller (a settings form, the availability switch): the minute cron drains anyway. */
export async function drainQuietly(env: Pick<Bindings, "WORKSPACES">, workspaceId: string, scope: { teamIds?: string[]; forUser?: string } = {}): Promise<void> {
  try {
    await drainQueues(env, workspaceId, scope);
  } catch (error) {
    console.warn("assignment: drain failed", workspaceId, error instanceof Error ? error.message : error);
  }
}
