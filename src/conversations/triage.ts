// Triage: status (open, follow-up, snoozed, resolved), assignment to an agent
// and/or team, priority and pin. Each change is a system line in the thread, an
// audit log entry, and an immediate D1 index update so lists reflect it at once.
// A system line stores its English sentence (`text`, for the REST API and older
// readers) and the same as data (`params`), which the thread renders in each
// reader's language (ui/system-lines.ts).
import { auditInsert } from "../db/audit";
import { newId } from "../lib/ids";
import { agentOrigin, emit } from "./emit";
import type { EventOrigin } from "./events";
import { type ActivityAction, type ActivityParams, type AssignedBy, PRIORITY_LABELS, type Priority, type ThreadMessage, type TriageState, waitingForAgent } from "./model";
import { writeIndex } from "./index-writer";
import type { ConversationRuntime } from "./runtime";

export interface Actor {
  id: string | null;
  name: string;
  /** Who made the change, for its domain events; an agent (id, name) when absent. */
  origin?: EventOrigin;
}

export type TriageChange =
  | { kind: "status"; status: "open" | "follow_up" | "resolved" }
  | { kind: "snooze"; until: number }
  /** onlyIfWaiting: only while nobody has it and it is open (an automatic assignment must not overwrite one made meanwhile). */
  | { kind: "assign"; assignee: { id: string; name: string } | null; by?: AssignedBy; onlyIfWaiting?: boolean }
  | { kind: "team"; team: { id: string; name: string } | null }
  | { kind: "priority"; priority: Priority }
  | { kind: "pin"; pinned: boolean };

const STATUS_TEXT = { open: "opened", follow_up: "marked for follow-up", resolved: "resolved" } as const;

/** Applies one change; a change that changes nothing writes nothing. */
export async function applyTriage(rt: ConversationRuntime, change: TriageChange, actor: Actor, now = Date.now()): Promise<{ triage: TriageState; message: ThreadMessage | null }> {
  const before = rt.triage();
  const plan = planChange(before, change, actor, now);
  if (!plan) return { triage: before, message: null };
  const id = newId("msg", now);
  rt.transaction(() => {
    rt.setTriage(plan.state);
    if (change.kind === "snooze") rt.store.enqueue("wake", "wake", { until: change.until }, change.until);
    else if (change.kind === "status") rt.store.finishJob("wake");
    rt.store.insert({ id, direction: "system", body: { type: "activity", action: plan.action, text: plan.text, actorName: actor.name, params: plan.params }, status: "received", createdAt: now });
    emitTriage(rt, before, change, actor.origin ?? agentOrigin(actor), now);
  });
  const message = rt.store.get(id);
  if (message) rt.publish([message], []);
  const meta = rt.requireMeta();
  const audit = auditInsert(rt.env.DB, { workspaceId: meta.workspaceId, actorId: actor.id, action: `conversation.${plan.action}`, targetType: "conversation", targetId: meta.id, data: plan.audit }, now);
  try {
    await writeIndex(rt, [audit]);
  } catch (error) {
    // The change is stored here; the index catches up from the outbox.
    console.error("triage: index write failed, queued", meta.id, error instanceof Error ? error.message : error);
    rt.queueIndex();
  }
  await rt.scheduleAlarm();
  return { triage: rt.triage(), message };
}

/** Wakes a snoozed conversation when its time has come (outbox job at snoozedUntil). */
export function wakeIfDue(rt: ConversationRuntime, now: number): ThreadMessage | null {
  const t = rt.triage();
  if (t.status !== "snoozed" || (t.snoozedUntil ?? 0) > now) return null;
  rt.setTriage({ status: "open", snoozedUntil: null });
  emitTriage(rt, t, { kind: "status", status: "open" }, { kind: "automation", rule: "snooze" }, now);
  const id = newId("msg", now);
  rt.store.insert({ id, direction: "system", body: { type: "activity", action: "woke", text: "Snooze ended: back in the inbox", actorName: null }, status: "received", createdAt: now });
  rt.queueIndex(now);
  return rt.store.get(id);
}

/** The domain events of a triage change that was just stored (call inside its transaction). */
function emitTriage(rt: ConversationRuntime, before: TriageState, change: TriageChange, origin: EventOrigin, at: number): void {
  if (change.kind === "snooze") emit(rt, "conversation.snoozed", { until: change.until, previousStatus: before.status }, origin, { at });
  else if (change.kind === "status") {
    if (change.status === "resolved") emit(rt, "conversation.resolved", { previousStatus: before.status }, origin, { at });
    else if (change.status === "open" && (before.status === "resolved" || before.status === "snoozed")) {
      emit(rt, "conversation.reopened", { previousStatus: before.status }, origin, { at });
      emit(rt, "conversation.opened", { reason: "reopened" }, origin, { at });
    }
  } else if (change.kind === "priority") {
    emit(rt, "conversation.priority_changed", { priority: change.priority, previousPriority: before.priority }, origin, { at });
  } else if (change.kind === "assign" || change.kind === "team") {
    const after = rt.triage();
    emit(
      rt,
      "conversation.assigned",
      {
        change: change.kind === "assign" ? "assignee" : "team",
        assignee: after.assigneeId ? { id: after.assigneeId, name: after.assigneeName ?? "" } : null,
        team: after.teamId ? { id: after.teamId, name: after.teamName ?? "" } : null,
        previousAssigneeId: before.assigneeId,
        previousTeamId: before.teamId,
      },
      origin,
      { at },
    );
  }
}

interface Plan {
  state: Partial<TriageState>;
  action: ActivityAction;
  text: string;
  params: ActivityParams;
  audit: Record<string, unknown>;
}

function planChange(t: TriageState, change: TriageChange, actor: Actor, now: number): Plan | null {
  switch (change.kind) {
    case "status":
      if (t.status === change.status) return null;
      return {
        state: { status: change.status, snoozedUntil: null },
        action: "status",
        text: `${actor.name} ${STATUS_TEXT[change.status]} the conversation`,
        params: { status: change.status },
        audit: { from: t.status, to: change.status },
      };
    case "snooze": {
      if (change.until <= now) return null;
      const when = new Date(change.until).toISOString().replace("T", " ").slice(0, 16);
      return {
        state: { status: "snoozed", snoozedUntil: change.until },
        action: "snoozed",
        text: `${actor.name} snoozed the conversation until ${when} UTC`,
        params: { until: change.until },
        audit: { until: change.until },
      };
    }
    case "assign":
      if (t.assigneeId === (change.assignee?.id ?? null)) return null;
      if (change.onlyIfWaiting && !waitingForAgent(t)) return null;
      if (!change.assignee) {
        return {
          state: { assigneeId: null, assigneeName: null },
          action: "unassigned",
          text: `${actor.name} unassigned ${t.assigneeName ?? "the agent"}`,
          params: { previous: t.assigneeName },
          audit: { from: t.assigneeId },
        };
      }
      if (change.by) {
        const by = change.by.kind === "policy" ? `${change.by.mode === "round_robin" ? "round robin" : "least open"} (${change.by.team})` : change.by.name;
        return {
          state: { assigneeId: change.assignee.id, assigneeName: change.assignee.name },
          action: "assigned",
          text: `Assigned to ${change.assignee.name} by ${by}`,
          params: { assignee: change.assignee.name, by: change.by },
          audit: { from: t.assigneeId, to: change.assignee.id, by: change.by },
        };
      }
      return {
        state: { assigneeId: change.assignee.id, assigneeName: change.assignee.name },
        action: "assigned",
        text: change.assignee.id === actor.id ? `${actor.name} took the conversation` : `${actor.name} assigned the conversation to ${change.assignee.name}`,
        params: { assignee: change.assignee.name, self: change.assignee.id === actor.id },
        audit: { from: t.assigneeId, to: change.assignee.id },
      };
    case "team":
      if (t.teamId === (change.team?.id ?? null)) return null;
      return {
        state: { teamId: change.team?.id ?? null, teamName: change.team?.name ?? null },
        action: "team",
        text: change.team ? `${actor.name} moved the conversation to team ${change.team.name}` : `${actor.name} removed the team ${t.teamName ?? ""}`.trim(),
        params: { team: change.team?.name ?? null, previous: t.teamName },
        audit: { from: t.teamId, to: change.team?.id ?? null },
      };
    case "priority":
      if (t.priority === change.priority) return null;
      return {
        state: { priority: change.priority },
        action: "priority",
        text: `${actor.name} set priority to ${PRIORITY_LABELS[change.priority]}`,
        params: { priority: change.priority },
        audit: { from: t.priority, to: change.priority },
      };
    case "pin":
      if (t.pinned === change.pinned) return null;
      return { state: { pinned: change.pinned }, action: change.pinned ? "pinned" : "unpinned", text: `${actor.name} ${change.pinned ? "pinned" : "unpinned"} the conversation`, params: {}, audit: {} };
  }
}
