// Running a workflow's steps from one point until it must wait (a question, a
// wait step) or ends: each step's effect goes through the WorkflowPort, each
// step reached is a log line, and the run's state is saved by the caller.
import { and, eq } from "drizzle-orm";
import { db, schema } from "../db/client";
import type { Step } from "./definition";
import { allHold, businessOpenFor, changeContactTags, contactFacts, setContactField } from "./facts";
import { runHttp, secretsOf } from "./http-step";
import { questionMessages, sendStepMessages } from "./messages";
import { MAX_STEPS_PER_TURN, type Turn } from "./run-state";
import { revealSecrets } from "./secrets";
import type { VariableValues } from "./variables";
import { fill } from "./variables";

export async function variableValues(turn: Turn, secrets?: Record<string, string>): Promise<VariableValues> {
  const { port, env } = turn.ctx;
  const [conversation, contactId] = [await port.conversation(), await port.contactId()];
  const contact = await contactFacts(env.DB, turn.workspaceId, contactId);
  return {
    contact: { name: contact.name ?? conversation.customerName, language: contact.language ?? conversation.customerLanguage, id: contactId, fields: contact.fields },
    conversation: { id: conversation.id, url: `/inbox/c/${conversation.id}` },
    answers: turn.run.answers,
    ...(secrets ? { secrets } : {}),
  };
}

function stepById(turn: Turn, id: string | null | undefined): Step | null {
  return id ? turn.run.definition.steps.find((s) => s.id === id) ?? null : null;
}

/** Runs from `from` (a step id; null = the end) until the run waits or finishes. */
export async function advance(turn: Turn, from: string | null | undefined): Promise<void> {
  let next: string | null | undefined = from;
  for (let count = 0; ; count++) {
    const step = stepById(turn, next);
    if (!step) {
      if (next) turn.add("error", `step "${next}" does not exist`);
      finish(turn, next ? "failed" : "completed");
      return;
    }
    if (count >= MAX_STEPS_PER_TURN) {
      turn.add("error", `stopped after ${MAX_STEPS_PER_TURN} steps without waiting for the customer (a loop?)`, step.id);
      finish(turn, "failed");
      return;
    }
    turn.run.stepId = step.id;
    turn.add("step", step.type, step.id);
    const outcome = await runStep(turn, step);
    if (outcome.wait) {
      turn.status = "waiting";
      return;
    }
    if (outcome.fail) {
      finish(turn, "failed");
      return;
    }
    next = outcome.next;
  }
}

export function finish(turn: Turn, status: "completed" | "failed" | "cancelled", detail = ""): void {
  turn.status = status;
  turn.run.waiting = null;
  turn.add(status === "completed" ? "finished" : status === "cancelled" ? "cancelled" : "error", detail || status);
}

type StepOutcome = { next: string | null | undefined; wait?: false; fail?: false } | { wait: true; next?: undefined; fail?: false } | { fail: true; next?: undefined; wait?: false };

async function runStep(turn: Turn, step: Step): Promise<StepOutcome> {
  const { port, env } = turn.ctx;
  switch (step.type) {
    case "send": {
      const conversation = await port.conversation();
      if (conversation.standby || conversation.blocked) {
        turn.add("error", conversation.standby ? "standby mode: nothing sent" : "the customer blocked the account: nothing sent", step.id);
        return { next: step.next };
      }
      const sent = await port.send({ ...sendStepMessages(step.message, await variableValues(turn)), actor: turn.actor });
      if (sent.status === "failed") turn.add("error", `not delivered: ${sent.error ?? ""}`, step.id);
      return { next: step.next };
    }
    case "question": {
      const sent = await port.send({ ...questionMessages(step, turn.run.runId, await variableValues(turn)), actor: turn.actor });
      if (sent.status === "failed") turn.add("error", `question not delivered: ${sent.error ?? ""}`, step.id);
      turn.run.waiting = { kind: "question", stepId: step.id, attempts: 0 };
      if (step.timeoutMinutes) await port.setTimer(turn.ctx.now() + step.timeoutMinutes * 60_000, { runId: turn.run.runId, stepId: step.id, kind: "timeout" });
      turn.add("waiting", "answer", step.id);
      return { wait: true };
    }
    case "branch": {
      const conversation = await port.conversation();
      const contact = await contactFacts(env.DB, turn.workspaceId, await port.contactId());
      const now = turn.ctx.now();
      const facts = { answers: turn.run.answers, contact, language: contact.language ?? conversation.customerLanguage, channelId: conversation.channelId, messageText: turn.run.answers._message ?? null, now, businessOpen: businessOpenFor(env.DB, conversation.channelId, now) };
      for (const [i, rule] of step.rules.entries()) {
        if (await allHold(rule.when, facts)) {
          turn.add("step", `rule ${i + 1} matched`, step.id);
          return { next: rule.next };
        }
      }
      return { next: step.otherwise };
    }
    case "updateContact": {
      const contactId = await port.contactId();
      if (!contactId) {
        turn.add("error", "no contact (a group or room)", step.id);
        return { next: step.next };
      }
      if (step.setField) {
        const value = fill(step.setField.value, await variableValues(turn));
        if (!(await setContactField(env.DB, turn.workspaceId, contactId, step.setField.key, value))) turn.add("error", `no contact field "${step.setField.key}"`, step.id);
      }
      const tags = await changeContactTags(env.DB, turn.workspaceId, contactId, step.addTags, step.removeTags);
      await port.contactTagsChanged(tags, turn.actor);
      return { next: step.next };
    }
    case "assign":
      await assign(turn, step);
      return { next: step.next };
    case "setStatus":
      await port.triage({ kind: "status", status: step.status }, turn.actor);
      return { next: step.next };
    case "setPriority":
      await port.triage({ kind: "priority", priority: step.priority as 0 | 1 | 2 | 3 | 4 }, turn.actor);
      return { next: step.next };
    case "note":
      await port.note(fill(step.text, await variableValues(turn)), turn.actor);
      return { next: step.next };
    case "http":
      return http(turn, step);
    case "wait":
      turn.run.waiting = { kind: "wait", stepId: step.id };
      await port.setTimer(turn.ctx.now() + step.minutes * 60_000, { runId: turn.run.runId, stepId: step.id, kind: "wait" });
      turn.add("waiting", `${step.minutes} min`, step.id);
      return { wait: true };
    case "goto":
      return { next: step.target };
    case "end":
      return { next: null };
  }
}

async function assign(turn: Turn, step: Extract<Step, { type: "assign" }>): Promise<void> {
  const { port, env } = turn.ctx;
  const to = step.to;
  if (to.kind === "unassign") return port.triage({ kind: "assign", assignee: null }, turn.actor);
  if (to.kind === "agent") {
    const user = await db(env.DB).select({ id: schema.users.id, name: schema.users.name }).from(schema.users).where(and(eq(schema.users.id, to.userId), eq(schema.users.workspaceId, turn.workspaceId), eq(schema.users.active, 1))).get();
    if (!user) return turn.add("error", `agent ${to.userId} not found or inactive`, step.id);
    return port.triage({ kind: "assign", assignee: user }, turn.actor);
  }
  const team = await db(env.DB).select({ id: schema.teams.id, name: schema.teams.name }).from(schema.teams).where(and(eq(schema.teams.id, to.teamId), eq(schema.teams.workspaceId, turn.workspaceId))).get();
  if (!team) return turn.add("error", `team ${to.teamId} not found`, step.id);
  if (!to.usePolicy) return port.triage({ kind: "team", team }, turn.actor);
  const { assigneeId } = await port.assignByTeamPolicy({ teamId: team.id, rule: to.rule }, turn.actor);
  turn.add("step", assigneeId ? `assigned in team ${team.name}` : `queued in team ${team.name} (nobody free)`, step.id);
}

async function http(turn: Turn, step: Extract<Step, { type: "http" }>): Promise<StepOutcome> {
  const { port, env } = turn.ctx;
  const request = step.request;
  const secrets = await revealSecrets(env.DB, env.APP_SECRET, turn.workspaceId, secretsOf(request));
  const missing = secretsOf(request).filter((name) => !(name in secrets));
  if (missing.length) turn.add("error", `missing secrets: ${missing.join(", ")}`, step.id);
  const outcome = await runHttp(request, await variableValues(turn, secrets), turn.ctx.fetcher);
  if (!outcome.ok) {
    turn.add("http", `${request.method} failed after ${outcome.attempts} attempt(s): ${outcome.reason}`, step.id);
    await port.note(`HTTP ${request.method} failed: ${outcome.reason}`, turn.actor);
    if (request.onError) return { next: request.onError };
    return { fail: true };
  }
  const contactId = await port.contactId();
  for (const s of outcome.saved) {
    if (s.variable) turn.run.answers[s.variable] = s.value;
    if (s.contactFieldKey && contactId) await setContactField(env.DB, turn.workspaceId, contactId, s.contactFieldKey, s.value);
  }
  turn.add("http", `${request.method} ${outcome.status}${outcome.saved.length ? `; saved ${outcome.saved.map((s) => s.variable ?? s.contactFieldKey).join(", ")}` : ""}`, step.id);
  if (request.note) await port.note(fill(request.note, await variableValues(turn)), turn.actor);
  return { next: step.next };
}
