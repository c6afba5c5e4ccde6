// Automation as a listener of domain events (registered in src/listeners.ts):
// a customer's message or follow runs the engine (greeting, keyword replies,
// away / no-agent / queue messages); a message a person sent (agent, API) is
// observed (first response, leaving the queue, the auto-resolve timer). Loop
// protection by origin: only events whose origin is the customer trigger
// answers, and messages automation or workflows sent are never taken for a
// person's answer. Timers and cron commands come back here by name.
import type { DomainEvent, Listener, ListenerContext } from "../conversations/events";
import type { ConversationPort } from "../conversations/port";
import { automationCommandSchema, runAutomationCommand } from "./commands";
import { runAutomations } from "./engine";
import { autoResolveIfDue } from "./resolve";
import { AUTOMATION_LISTENER, loadState } from "./state";

/** True when an earlier run (for another event of the same webhook batch) already answered this line. */
function alreadyHandled(port: ConversationPort, messageId: string): boolean {
  const seq = port.message(messageId)?.seq;
  const state = loadState(port);
  return seq !== undefined && seq <= state.handledSeq && seq <= state.seenSeq;
}

/** What one event asks of automation: run the engine, sync what a person sent, or nothing. */
type Work = "run" | "sync" | null;

function workFor(event: DomainEvent, port: ConversationPort): Work {
  switch (event.type) {
    case "message.received":
      return event.origin.kind !== "customer" || event.data.standby || event.data.answer || alreadyHandled(port, event.data.message.id) ? null : "run";
    case "contact.followed":
      return event.origin.kind === "customer" ? "run" : null;
    case "message.sent":
    case "message.failed":
      // A person answered (or tried to): record it. Our own sends are not answers.
      return event.origin.kind === "automation" ? null : "sync";
    default:
      return null;
  }
}

async function perform(work: Exclude<Work, null>, ctx: ListenerContext): Promise<void> {
  if (work === "run") await runAutomations(ctx.env.DB, ctx.conversation);
  else await runAutomationCommand(ctx.env.DB, ctx.conversation, { kind: "sync" });
}

export const automationListener: Listener = {
  name: AUTOMATION_LISTENER,
  events: ["message.received", "contact.followed", "message.sent", "message.failed"],
  async handle(event, ctx) {
    const work = workFor(event, ctx.conversation);
    if (work) await perform(work, ctx);
  },
  /**
   * Events of one run, oldest first. A run or a sync reads the whole thread, so
   * the same work asked again by the next event (a burst of customer lines, a
   * bulk send's replies) is already done: it runs once per stretch.
   */
  async handleBatch(items) {
    let previous: Work = null;
    for (const { event, ctx } of items) {
      // A customer's line right after a run of this batch was answered by it (no need to look).
      if (previous === "run" && event.type === "message.received") continue;
      const work = workFor(event, ctx.conversation);
      if (!work || work === previous) continue;
      previous = work;
      await perform(work, ctx);
    }
  },
  async onTimer(timer, ctx) {
    if (timer.key === "auto-resolve") await autoResolveIfDue(ctx.env.DB, ctx.conversation, Date.now());
    else if (timer.key === "observe") await runAutomationCommand(ctx.env.DB, ctx.conversation, { kind: "sync" });
    else if (timer.key === "run") await runAutomations(ctx.env.DB, ctx.conversation);
  },
  async command(input, ctx) {
    const command = automationCommandSchema.parse(input);
    return runAutomationCommand(ctx.env.DB, ctx.conversation, command);
  },
};
