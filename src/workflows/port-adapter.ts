// The one place the workflow engine meets the ConversationDO's runtime: builds
// a WorkflowPort from it. At merge this file is swapped for the conversation's
// own ConversationPort (of which WorkflowPort is a subset) and, for team
// assignment, src/assignment/'s assignByTeamPolicy. Until then:
// - send/triage/note use the conversation's modules directly;
// - assignByTeamPolicy moves the conversation to the team and picks the online,
//   active team member with the fewest open conversations (ties: by id) — a
//   stand-in for the team's real policy (round robin, capacity, hours);
// - run state is the DO meta key "workflows"; timers are the outbox job
//   "workflow-timer" (the DO alarm), which outbox-jobs.ts hands to the engine.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { AUTOMATION_NAME } from "../automation/state";
import { sendMessage } from "../conversations/outbound";
import type { ConversationRuntime } from "../conversations/runtime";
import { applyTriage } from "../conversations/triage";
import { db, schema } from "../db/client";
import type { Bindings } from "../env";
import { newId } from "../lib/ids";
import { type EngineContext } from "./run-state";
import { runWorkflowCommand, type WorkflowCommand } from "./engine";
import type { WorkflowActor, WorkflowPort } from "./port";

export const WORKFLOW_TIMER_JOB = "workflow-timer";
const STATE_KEY = "workflows";
const TIMER_KEY = "workflowTimer";

/** Thread sender names of automated messages start with "Automation" (first response time ignores them). */
function senderName(actor: WorkflowActor): string {
  return `${AUTOMATION_NAME} · ${actor.name}`.slice(0, 120);
}

export function workflowPortFor(rt: ConversationRuntime): WorkflowPort {
  const env = rt.env;
  return {
    async conversation() {
      const meta = rt.requireMeta();
      const triage = rt.triage();
      const lineUserId = meta.source.type === "user" ? meta.source.userId ?? null : null;
      const profile = lineUserId ? rt.store.member(lineUserId) : null;
      return {
        id: meta.id,
        workspaceId: meta.workspaceId,
        channelId: meta.channelId,
        sourceType: meta.source.type,
        lineUserId,
        customerName: profile?.displayName ?? null,
        customerLanguage: profile?.language ?? null,
        status: triage.status,
        assigneeId: triage.assigneeId,
        teamId: triage.teamId,
        standby: rt.store.getMeta<string>("mode") === "standby",
        blocked: rt.store.getMeta<string>("friendStatus") === "unfollowed",
      };
    },
    async contactId() {
      const known = rt.store.getMeta<{ contactId: string }>("contact")?.contactId ?? null;
      if (known || rt.requireMeta().source.type !== "user") return known;
      const { writeIndex } = await import("../conversations/index-writer");
      await writeIndex(rt);
      return rt.store.getMeta<{ contactId: string }>("contact")?.contactId ?? null;
    },
    async send({ messages, preview, actor }) {
      const m = await sendMessage(rt, { agent: { id: null, name: senderName(actor) }, messages, preview, origin: actor.origin });
      return { id: m.id, status: m.status, via: m.via, error: m.error };
    },
    async triage(change, actor) {
      await applyTriage(rt, change, { id: null, name: actor.name, origin: actor.origin });
    },
    async note(text, actor) {
      const now = Date.now();
      const id = newId("msg", now);
      rt.store.insert({ id, direction: "note", body: { type: "note", text: text.slice(0, 2000) }, agentId: null, agentName: senderName(actor), status: "received", createdAt: now });
      rt.queueIndex(now);
      const note = rt.store.get(id);
      if (note) rt.publish([note], []);
      await rt.scheduleAlarm();
    },
    async assignByTeamPolicy({ teamId }, actor) {
      const meta = rt.requireMeta();
      const team = await db(env.DB).select({ id: schema.teams.id, name: schema.teams.name }).from(schema.teams).where(and(eq(schema.teams.id, teamId), eq(schema.teams.workspaceId, meta.workspaceId))).get();
      if (!team) return { assigneeId: null };
      await applyTriage(rt, { kind: "team", team }, { id: null, name: actor.name, origin: actor.origin });
      const agent = await leastOpenOnlineMember(env, meta.workspaceId, teamId);
      if (agent) await applyTriage(rt, { kind: "assign", assignee: agent }, { id: null, name: actor.name, origin: actor.origin });
      return { assigneeId: agent?.id ?? null };
    },
    async loadRun<T>() {
      return rt.store.getMeta<T>(STATE_KEY);
    },
    async saveRun<T>(state: T | null) {
      rt.store.setMeta(STATE_KEY, state);
    },
    // Each timer is a job of its own (the job that runs may set the next one); the engine ignores stale ones.
    async setTimer(at, payload) {
      const previous = rt.store.getMeta<string>(TIMER_KEY);
      if (previous) rt.store.finishJob(previous);
      const id = `${WORKFLOW_TIMER_JOB}:${payload.runId}:${payload.stepId}:${at}`;
      rt.store.enqueue(id, WORKFLOW_TIMER_JOB, payload, at);
      rt.store.setMeta(TIMER_KEY, id);
      await rt.scheduleAlarm();
    },
    async clearTimer() {
      const previous = rt.store.getMeta<string>(TIMER_KEY);
      if (previous) rt.store.finishJob(previous);
      rt.store.setMeta(TIMER_KEY, null);
    },
  };
}

async function leastOpenOnlineMember(env: Bindings, workspaceId: string, teamId: string): Promise<{ id: string; name: string } | null> {
  const members = await db(env.DB)
    .select({ id: schema.users.id, name: schema.users.name })
    .from(schema.teamMembers)
    .innerJoin(schema.users, eq(schema.users.id, schema.teamMembers.userId))
    .where(and(eq(schema.teamMembers.teamId, teamId), eq(schema.users.workspaceId, workspaceId), eq(schema.users.active, 1), eq(schema.users.availability, "online")))
    .orderBy(asc(schema.users.id))
    .all();
  if (!members.length) return null;
  const c = schema.conversations;
  const counts = await db(env.DB)
    .select({ id: c.assigneeId, n: sql<number>`count(*)` })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), eq(c.bucket, "active"), inArray(c.assigneeId, members.map((m) => m.id))))
    .groupBy(c.assigneeId)
    .all();
  const open = new Map(counts.map((row) => [row.id, row.n]));
  return [...members].sort((a, b) => (open.get(a.id) ?? 0) - (open.get(b.id) ?? 0))[0] ?? null;
}

/** The engine for this conversation (the ConversationDO's `workflow` RPC and the timer job call it). */
export function runForConversation(rt: ConversationRuntime, command: WorkflowCommand) {
  const ctx: EngineContext = { port: workflowPortFor(rt), env: rt.env, fetcher: (input, init) => fetch(input, init), now: () => Date.now() };
  return runWorkflowCommand(ctx, command);
}
