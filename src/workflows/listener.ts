// The workflows' domain-event listener (registered in src/listeners.ts): runs
// the engine inside the conversation for the events that can start a workflow
// or answer a waiting question, for its step timers (question timeout, wait),
// and for shortcuts an agent presses (ConversationDO#command("workflows", …)).
// Retried events are deduped by event id in the engine. A workspace with no
// published workflow and no run in the last week costs one indexed D1 read per
// event (shared with the other listeners: db/workspace-features.ts), and a
// conversation with no run state of its own nothing more.
import { z } from "zod";
import { workspaceFeatures } from "../db/workspace-features";
import type { DomainEventType, Listener } from "../conversations/events";
import { runForConversation, WORKFLOW_LISTENER } from "./port-adapter";

const EVENTS = ["conversation.opened", "message.received", "tag.added", "contact.followed", "conversation.resolved", "message.sent"] as const satisfies readonly DomainEventType[];

const timerData = z.object({ runId: z.string(), stepId: z.string(), kind: z.enum(["timeout", "wait"]) });
export const shortcutCommand = z.object({ kind: z.literal("shortcut"), workflowId: z.string().min(1), agent: z.object({ id: z.string().min(1), name: z.string() }) });

export const workflowListener: Listener = {
  name: WORKFLOW_LISTENER,
  events: EVENTS,
  async handle(event, ctx) {
    // Only an agent's own message matters among sent ones (it cancels a waiting question).
    if (event.type === "message.sent" && event.origin.kind !== "agent") return;
    if (event.sourceType !== "user") return;
    if (ctx.conversation.readState(WORKFLOW_LISTENER) === null && !(await workspaceFeatures(ctx.env.DB, event.workspaceId)).workflows) return;
    await runForConversation(ctx, { kind: "event", event });
  },
  async onTimer(timer, ctx) {
    const data = timerData.safeParse(timer.data);
    if (!data.success) return;
    await runForConversation(ctx, { kind: "timer", runId: data.data.runId, stepId: data.data.stepId, timer: data.data.kind });
  },
  async command(input, ctx) {
    const command = shortcutCommand.parse(input);
    const result = await runForConversation(ctx, command);
    return {
      started: result.started ? result.started.runId : null,
      workflowId: result.started?.workflowId ?? null,
      answered: result.answered ?? null,
      cancelled: result.cancelled ?? null,
    };
  },
};
