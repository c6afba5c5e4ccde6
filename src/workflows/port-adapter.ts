// The one place the workflow engine meets a conversation: builds the engine's
// WorkflowPort from the listener's ConversationPort (src/conversations/port.ts)
// and routes team assignment to src/assignment/ (the team's own policy, or the
// rule the step names). Run state is the listener's own state in the
// conversation; timers are the listener's timers on the conversation's alarm.
import { assignByTeamPolicy } from "../assignment";
import { AUTOMATION_NAME } from "../automation/state";
import type { ConversationPort, PortActor } from "../conversations/port";
import type { ListenerContext } from "../conversations/events";
import type { JsonValue } from "../lib/json";
import { runWorkflowCommand, type WorkflowCommand } from "./engine";
import type { WorkflowActor, WorkflowPort } from "./port";
import type { EngineContext } from "./run-state";

export const WORKFLOW_LISTENER = "workflows";
const TIMER = { listener: WORKFLOW_LISTENER, key: "step" };

/** Thread sender names of automated messages start with "Automation" (first response time ignores them). */
function portActor(actor: WorkflowActor): PortActor {
  return { id: null, name: `${AUTOMATION_NAME} · ${actor.name}`.slice(0, 120), origin: actor.origin };
}

export function workflowPortFor(ctx: ListenerContext): WorkflowPort {
  const port: ConversationPort = ctx.conversation;
  return {
    async conversation() {
      const s = port.summary();
      const profile = s.lineUserId ? port.member(s.lineUserId) : null;
      return {
        id: s.id,
        workspaceId: s.workspaceId,
        channelId: s.channelId,
        sourceType: s.source.type,
        lineUserId: s.lineUserId,
        customerName: profile?.displayName ?? null,
        customerLanguage: profile?.language ?? null,
        status: s.triage.status,
        assigneeId: s.triage.assigneeId,
        teamId: s.triage.teamId,
        standby: s.standby,
        blocked: s.friendStatus === "unfollowed",
      };
    },
    contactId: () => ctx.contactId(),
    async send({ messages, preview, actor }) {
      const m = await port.send({ messages, preview, by: portActor(actor) });
      return { id: m.id, status: m.status, via: m.via, error: m.error };
    },
    async triage(change, actor) {
      await port.triage(change, portActor(actor));
    },
    async note(text, actor) {
      await port.note(text.slice(0, 2000), portActor(actor));
    },
    contactTagsChanged: (change, actor) => port.contactTagsChanged(change, portActor(actor)),
    async assignByTeamPolicy({ teamId, rule }, actor) {
      const s = port.summary();
      const outcome = await assignByTeamPolicy(ctx.env, {
        workspaceId: s.workspaceId,
        conversationId: s.id,
        teamId,
        ...(rule === "policy" ? {} : { rule }),
        workflow: actor.name,
      });
      return { assigneeId: outcome.assignee?.id ?? null };
    },
    async loadRun<T>() {
      return port.readState(WORKFLOW_LISTENER) as T | null;
    },
    async saveRun<T>(state: T | null) {
      port.writeState(WORKFLOW_LISTENER, (state ?? null) as JsonValue);
    },
    // One timer: setting it again moves it; the engine ignores stale ones.
    async setTimer(at, payload) {
      port.setTimer(TIMER, at, payload);
    },
    async clearTimer() {
      port.clearTimer(TIMER);
    },
  };
}

/** The engine for this conversation (the workflows listener's events, timer and shortcut commands). */
export function runForConversation(ctx: ListenerContext, command: WorkflowCommand) {
  const engine: EngineContext = { port: workflowPortFor(ctx), env: ctx.env, fetcher: (input, init) => fetch(input, init), now: () => Date.now() };
  return runWorkflowCommand(engine, command);
}
