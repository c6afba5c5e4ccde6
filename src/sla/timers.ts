// SLA timers inside a ConversationDO (ConversationDO#sla and the outbox job
// "sla" at the next due time). The state is derived from the thread with a
// cursor, so running it again changes nothing: a customer message starts the
// first-response target (or, once an agent answered, the next-response one)
// and the resolution target; an agent's message meets the response target;
// resolving meets the resolution target and ends the cycle. Due times follow
// the first matching policy (re-read each run, so a new priority or team
// applies at once), counting business hours when the policy says so. A target
// past due is breached once: an sla_events row, a thread line, and a push to
// the assignee (or team) and the supervisors. Met targets are sla_events too.
import { scheduleOf, defaultSettings, loadChannelAutomation } from "../automation/settings";
import type { Schedule } from "../automation/hours";
import { emit } from "../conversations/emit";
import type { ThreadMessage } from "../conversations/model";
import type { ConversationRuntime } from "../conversations/runtime";
import { db, schema } from "../db/client";
import { newId } from "../lib/ids";
import type { JsonObject } from "../lib/json";
import { pushSlaBreach } from "../push/sla";
import { dueAt } from "./clock";
import { listPolicies, policyFor, type SlaKind, type SlaPolicy, tagIdsOf, targetMinutes } from "./policies";

const SLA_JOB = "sla";
const STATE = "sla" as const;
/** What the D1 index row carries (conversations.sla_due_at / sla_breached_at); read by index-writer. */
export const SLA_INDEX = "slaIndex" as const;

interface Target {
  startedAt: number;
  dueAt: number | null;
  breachedAt: number | null;
}

interface SlaState {
  seenSeq: number;
  /** An agent answered in the current cycle (the next customer message starts next_response). */
  answered: boolean;
  resolved: boolean;
  policyId: string | null;
  targets: Partial<Record<SlaKind, Target>>;
}

type SlaEventRow = typeof schema.slaEvents.$inferInsert;

function fresh(): SlaState {
  return { seenSeq: 0, answered: false, resolved: false, policyId: null, targets: {} };
}

function isAgentMessage(m: ThreadMessage): boolean {
  return m.direction === "outbound" && m.agentId !== null && m.status !== "failed";
}

function isSurveyTap(m: ThreadMessage): boolean {
  return m.body.type === "postback" && m.body.data.startsWith("csat:");
}

/** Brings the SLA state up to date with the thread and the clock; returns the new system lines. */
export async function syncSla(rt: ConversationRuntime, now = Date.now()): Promise<ThreadMessage[]> {
  const meta = rt.meta();
  if (!meta || meta.source.type === "channel") return [];
  const state: SlaState = { ...fresh(), ...((rt.store.getMeta(STATE) as unknown as SlaState | null) ?? {}) };
  const events: SlaEventRow[] = [];
  const triage = rt.triage();
  const policies = await listPolicies(rt.env.DB, meta.workspaceId);
  const contactId = rt.store.getMeta("contact")?.contactId ?? null;
  const policy = policies.length ? policyFor(policies, { channelId: meta.channelId, teamId: triage.teamId, priority: triage.priority, tagIds: await tagIdsOf(rt.env.DB, meta.id, contactId) }) : null;
  const record = (kind: SlaKind, t: Target, outcome: "met" | "breached", at: number) => {
    if (!state.policyId || t.dueAt === null) return;
    events.push({ id: newId("slae", at), workspaceId: meta.workspaceId, channelId: meta.channelId, conversationId: meta.id, policyId: state.policyId, kind, outcome, assigneeId: triage.assigneeId, teamId: triage.teamId, startedAt: t.startedAt, dueAt: t.dueAt, at });
  };
  const meet = (kind: SlaKind, at: number) => {
    const t = state.targets[kind];
    if (!t) return;
    if (t.breachedAt === null) record(kind, t, at <= (t.dueAt ?? Infinity) ? "met" : "breached", at);
    delete state.targets[kind];
  };

  for (;;) {
    const batch = rt.store.after(state.seenSeq, 200);
    for (const m of batch) {
      state.seenSeq = m.seq;
      if (m.direction === "inbound" && !m.standby && !state.resolved && !isSurveyTap(m)) {
        state.targets.resolution ??= { startedAt: m.createdAt, dueAt: null, breachedAt: null };
        const kind: SlaKind = state.answered ? "next_response" : "first_response";
        state.targets[kind] ??= { startedAt: m.createdAt, dueAt: null, breachedAt: null };
      } else if (isAgentMessage(m)) {
        state.answered = true;
        meet("first_response", m.createdAt);
        meet("next_response", m.createdAt);
      } else if (m.body.type === "activity") {
        const status = m.body.params?.status;
        if (status === "resolved") {
          meet("resolution", m.createdAt);
          state.targets = {};
          state.answered = false;
          state.resolved = true;
        } else if (m.body.action === "reopened" || status === "open" || m.body.action === "woke") {
          state.resolved = false;
        }
      }
    }
    if (batch.length < 200) break;
  }

  // Due times from the policy that applies now (none: nothing is due).
  if (policy?.id !== state.policyId) state.policyId = policy?.id ?? null;
  const schedule = policy?.businessHours ? await scheduleFor(rt, meta.channelId, meta.workspaceId) : null;
  for (const kind of Object.keys(state.targets) as SlaKind[]) {
    const t = state.targets[kind];
    if (!t) continue;
    const minutes = policy ? targetMinutes(policy, kind) : null;
    // No target applies now: the clock keeps its start, so a policy that applies later
    // (a tag, a team, a priority) counts from when the customer started waiting.
    if (t.breachedAt === null) t.dueAt = minutes === null ? null : dueAt(schedule, t.startedAt, minutes);
  }

  const lines: ThreadMessage[] = [];
  const breaches: string[] = [];
  for (const kind of Object.keys(state.targets) as SlaKind[]) {
    const t = state.targets[kind];
    if (!t || t.breachedAt !== null || t.dueAt === null || t.dueAt > now) continue;
    t.breachedAt = now;
    record(kind, t, "breached", now);
    breaches.push(`${meta.id}:${kind}:${t.startedAt}`);
    const id = newId("msg", now);
    rt.store.insert({ id, direction: "system", body: { type: "activity", action: "sla", text: `SLA: ${kind.replace("_", " ")} target missed`, actorName: null, params: { slaKind: kind } }, status: "received", createdAt: now });
    const line = rt.store.get(id);
    if (line) lines.push(line);
  }

  if (events.length) await db(rt.env.DB).insert(schema.slaEvents).values(events);
  // The reports count outcomes from these events (src/reports/recorder.ts), queued with the state that recorded them.
  rt.transaction(() => {
    for (const e of events)
      emit(rt, "sla.recorded", { slaEventId: e.id, kind: e.kind, outcome: e.outcome, policyId: e.policyId, assigneeId: e.assigneeId ?? null, teamId: e.teamId ?? null, startedAt: e.startedAt, dueAt: e.dueAt }, { kind: "automation", rule: "sla" }, { at: e.at });
    rt.store.setMeta(STATE, state as unknown as JsonObject);
  });
  const pending = Object.values(state.targets).filter((t): t is Target => t !== undefined);
  const nextDue = min(pending.filter((t) => t.breachedAt === null).map((t) => t.dueAt));
  const index = { dueAt: min(pending.map((t) => t.dueAt)), breachedAt: min(pending.map((t) => t.breachedAt)) };
  const before = rt.store.getMeta(SLA_INDEX);
  if (before?.dueAt !== index.dueAt || before?.breachedAt !== index.breachedAt || lines.length) {
    rt.store.setMeta(SLA_INDEX, index);
    rt.queueIndex(now);
  }
  if (nextDue !== null) rt.store.enqueue(SLA_JOB, SLA_JOB, {}, nextDue);
  else rt.store.finishJob(SLA_JOB);
  for (const breachId of breaches) {
    await pushSlaBreach(rt.env, { workspaceId: meta.workspaceId, conversationId: meta.id, breachId }, now).catch((error: unknown) => console.warn("sla: breach push failed", meta.id, error instanceof Error ? error.message : error));
  }
  await rt.scheduleAlarm();
  return lines;
}

function min(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.min(...known) : null;
}

async function scheduleFor(rt: ConversationRuntime, channelId: string, workspaceId: string): Promise<Schedule> {
  const config = await loadChannelAutomation(rt.env.DB, channelId);
  return config ? scheduleOf(config.settings, config.holidays) : scheduleOf(defaultSettings(channelId, workspaceId), []);
}

export type { SlaPolicy };
