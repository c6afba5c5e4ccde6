// The workflow engine's entry points, run inside the conversation (through its
// WorkflowPort): a domain event (start a workflow whose trigger matches, or
// take the customer's answer to a waiting question), a shortcut an agent
// pressed, and a timer (question timeout, wait step). One run at a time per
// conversation; events caused by a workflow never start one (loop protection
// by origin), and at most MAX_STARTS_PER_HOUR runs start per conversation.
import type { DomainEvent } from "../conversations/events";
import { newId } from "../lib/ids";
import { type Answer, acceptAnswer } from "./answers";
import type { Trigger } from "./definition";
import { allHold, businessOpenFor, contactFacts } from "./facts";
import { questionMessages } from "./messages";
import { type EngineContext, MAX_STARTS_PER_HOUR, type RunState, type StoredWorkflows, Turn } from "./run-state";
import { advance, finish, variableValues } from "./steps";
import { publishedWithTrigger, publishedWorkflow, type PublishedWorkflow } from "./store";
import { setContactField } from "./facts";

export type WorkflowCommand =
  | { kind: "event"; event: DomainEvent }
  | { kind: "shortcut"; workflowId: string; agent: { id: string; name: string } }
  | { kind: "timer"; runId: string; stepId: string; timer: "timeout" | "wait" };

export interface WorkflowCommandResult {
  started?: { runId: string; workflowId: string };
  answered?: boolean;
  cancelled?: boolean;
  /** Why nothing happened (a shortcut that could not start). */
  refused?: "not-published" | "loop-protection";
}

const HOUR = 3_600_000;

async function load(ctx: EngineContext): Promise<StoredWorkflows> {
  return (await ctx.port.loadRun<StoredWorkflows>()) ?? { run: null, starts: [] };
}

async function save(ctx: EngineContext, stored: StoredWorkflows, turn: Turn | null): Promise<void> {
  const run = turn && (turn.status === "running" || turn.status === "waiting") ? turn.run : turn ? null : stored.run;
  await ctx.port.saveRun<StoredWorkflows>({ run, starts: stored.starts.filter((at) => ctx.now() - at < HOUR), handled: (stored.handled ?? []).slice(-20) });
  if (turn) await turn.flush();
}

export async function runWorkflowCommand(ctx: EngineContext, command: WorkflowCommand): Promise<WorkflowCommandResult> {
  const stored = await load(ctx);
  const conversation = await ctx.port.conversation();
  const turnFor = (run: RunState) => new Turn(ctx, run, conversation.id, conversation.workspaceId);
  if (command.kind === "timer") {
    const run = stored.run;
    if (!run || run.runId !== command.runId || run.waiting?.stepId !== command.stepId) return {};
    const turn = turnFor(run);
    const step = run.definition.steps.find((s) => s.id === command.stepId);
    run.waiting = null;
    if (command.timer === "timeout") {
      turn.add("timeout", "no answer in time", command.stepId);
      await advance(turn, step?.type === "question" ? step.onTimeout ?? null : null);
    } else await advance(turn, step && "next" in step ? step.next : null);
    await save(ctx, stored, turn);
    return {};
  }
  if (command.kind === "shortcut") {
    const wf = await publishedWorkflow(ctx.env.DB, conversation.workspaceId, command.workflowId);
    if (!wf || wf.definition.trigger.type !== "shortcut") return { refused: "not-published" };
    if (stored.run) {
      const previous = turnFor(stored.run);
      finish(previous, "cancelled", `replaced by the shortcut ${wf.name} (${command.agent.name})`);
      await ctx.port.clearTimer();
      await previous.flush();
      stored.run = null;
    }
    await ctx.port.note(`${command.agent.name} started the workflow “${wf.name}”`, { name: `Workflow · ${wf.name}`, origin: { kind: "automation", workflowId: wf.workflowId } });
    return start(ctx, stored, wf, `shortcut:${command.agent.name}`, turnFor);
  }
  const event = command.event;
  if (stored.handled?.includes(event.id)) return {};
  stored.handled = [...(stored.handled ?? []), event.id];
  // An agent who answers takes over: a question waiting for the customer is cancelled.
  if (event.type === "message.sent" && event.origin.kind === "agent" && stored.run?.waiting?.kind === "question") {
    const turn = turnFor(stored.run);
    finish(turn, "cancelled", `${event.origin.name} answered the customer`);
    await ctx.port.clearTimer();
    await save(ctx, stored, turn);
    return { cancelled: true };
  }
  if (event.type === "message.received" && stored.run?.waiting?.kind === "question" && conversation.sourceType === "user") {
    if (event.at <= (stored.run.triggerAt ?? 0)) return {};
    const body = event.data.message.body;
    const answer: Answer | null = body.type === "postback" ? { kind: "postback", data: body.data } : body.type === "text" ? { kind: "text", text: body.text } : null;
    return answer ? answerQuestion(ctx, stored, turnFor(stored.run), answer) : {};
  }
  if (stored.run || conversation.sourceType !== "user") return {};
  if (event.origin.kind === "automation" && event.origin.workflowId) return {};
  const candidate = await matching(ctx, event, conversation.channelId, conversation.workspaceId);
  if (!candidate) return {};
  return start(ctx, stored, candidate.wf, candidate.wf.definition.trigger.type, turnFor, candidate.message, event.at);
}

async function start(ctx: EngineContext, stored: StoredWorkflows, wf: PublishedWorkflow, startedBy: string, turnFor: (run: RunState) => Turn, message?: string, triggerAt?: number): Promise<WorkflowCommandResult> {
  const now = ctx.now();
  stored.starts = stored.starts.filter((at) => now - at < HOUR);
  if (stored.starts.length >= MAX_STARTS_PER_HOUR) {
    console.warn("workflows: loop protection, not started", wf.workflowId);
    return { refused: "loop-protection" };
  }
  stored.starts.push(now);
  const run: RunState = {
    runId: newId("wfr", now),
    workflowId: wf.workflowId,
    workflowName: wf.name,
    versionId: wf.versionId,
    version: wf.version,
    definition: wf.definition,
    stepId: null,
    waiting: null,
    answers: message ? { _message: message } : {},
    startedBy,
    startedAt: now,
    triggerAt: triggerAt ?? now,
  };
  const turn = turnFor(run);
  turn.add("started", `${startedBy} · version ${wf.version}`, null);
  await advance(turn, wf.definition.steps[0]?.id ?? null);
  await save(ctx, stored, turn);
  return { started: { runId: run.runId, workflowId: wf.workflowId } };
}

async function answerQuestion(ctx: EngineContext, stored: StoredWorkflows, turn: Turn, answer: Answer): Promise<WorkflowCommandResult> {
  const run = turn.run;
  const waiting = run.waiting;
  const step = run.definition.steps.find((s) => s.id === waiting?.stepId);
  if (!waiting || waiting.kind !== "question" || step?.type !== "question") return {};
  const accepted = acceptAnswer(step, run.runId, answer);
  if (!accepted) {
    waiting.attempts += 1;
    const max = step.answer.kind === "text" ? step.answer.maxAttempts : 3;
    turn.add("invalid", answer.kind === "text" ? answer.text.slice(0, 200) : answer.data, step.id);
    if (waiting.attempts >= max) {
      run.waiting = null;
      await ctx.port.clearTimer();
      turn.add("error", "no valid answer", step.id);
      await advance(turn, step.onTimeout ?? null);
    } else {
      const reprompt = step.answer.kind === "text" ? step.answer.reprompt : undefined;
      await ctx.port.send({ ...questionMessages(step, run.runId, await variableValues(turn), reprompt), actor: turn.actor });
      turn.status = "waiting";
    }
    await save(ctx, stored, turn);
    return { answered: false };
  }
  run.waiting = null;
  await ctx.port.clearTimer();
  run.answers[step.saveTo.variable ?? step.id] = accepted.value;
  turn.add("answer", accepted.value.slice(0, 200), step.id);
  const contactId = step.saveTo.contactFieldKey ? await ctx.port.contactId() : null;
  if (contactId && step.saveTo.contactFieldKey) await setContactField(ctx.env.DB, turn.workspaceId, contactId, step.saveTo.contactFieldKey, accepted.value);
  await advance(turn, accepted.next ?? step.next);
  await save(ctx, stored, turn);
  return { answered: true };
}

/** The trigger an event would fire, with the facts its filters look at. */
function triggerInput(event: DomainEvent): { type: Trigger["type"]; text?: string; postback?: string; unblocked?: boolean; tagId?: string } | null {
  switch (event.type) {
    case "conversation.opened":
    case "conversation.resolved":
      return { type: event.type };
    case "contact.followed":
      return { type: "contact.followed", unblocked: event.data.unblocked };
    case "message.received": {
      if (event.data.standby || event.data.answer) return null;
      const body = event.data.message.body;
      if (body.type === "postback") return body.data.startsWith("wf:") ? null : { type: "postback.received", postback: body.data };
      return { type: "message.received", text: event.data.message.text };
    }
    case "tag.added":
      return { type: "tag.added", tagId: event.data.tag.id };
    default:
      // A postback also arrives as message.received (its body), which is where it is read.
      return null;
  }
}

async function matching(ctx: EngineContext, event: DomainEvent, channelId: string, workspaceId: string): Promise<{ wf: PublishedWorkflow; message?: string } | null> {
  const input = triggerInput(event);
  if (!input) return null;
  for (const wf of await publishedWithTrigger(ctx.env.DB, workspaceId, input.type)) {
    const t = wf.definition.trigger;
    if ("channelIds" in t && t.channelIds.length && !t.channelIds.includes(channelId)) continue;
    if (t.type === "contact.followed" && t.firstFollowOnly && input.unblocked) continue;
    if (t.type === "postback.received" && !(input.postback ?? "").startsWith(t.dataPrefix)) continue;
    if (t.type === "tag.added" && t.tagId !== input.tagId) continue;
    if (t.type === "message.received" && t.conditions.length) {
      const contact = await contactFacts(ctx.env.DB, workspaceId, await ctx.port.contactId());
      const conversation = await ctx.port.conversation();
      const now = ctx.now();
      const facts = { answers: {}, contact, language: contact.language ?? conversation.customerLanguage, channelId, messageText: input.text ?? null, now, businessOpen: businessOpenFor(ctx.env.DB, channelId, now) };
      if (!(await allHold(t.conditions, facts))) continue;
    }
    return { wf, ...(input.text !== undefined ? { message: input.text } : {}) };
  }
  return null;
}
