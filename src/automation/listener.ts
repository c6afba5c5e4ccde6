// Automation as a listener of domain events (registered in src/listeners.ts):
// a customer's message or follow runs the engine (greeting, keyword replies,
// away / no-agent / queue messages); a message a person sent (agent, API) is
// observed (first response, leaving the queue, the auto-resolve timer). Loop
// protection by origin: only events whose origin is the customer trigger
// answers, and messages automation or workflows sent are never taken for a
// person's answer. Timers and cron commands come back here by name.
import type { Listener } from "../conversations/events";
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

export const automationListener: Listener = {
  name: AUTOMATION_LISTENER,
  events: ["message.received", "contact.followed", "message.sent", "message.failed"],
  async handle(event, ctx) {
    switch (event.type) {
      case "message.received":
        if (event.origin.kind !== "customer" || event.data.standby || event.data.answer || alreadyHandled(ctx.conversation, event.data.message.id)) return;
        return runAutomations(ctx.env.DB, ctx.conversation);
      case "contact.followed":
        if (event.origin.kind !== "customer") return;
        return runAutomations(ctx.env.DB, ctx.conversation);
      case "message.sent":
      case "message.failed":
        // A person answered (or tried to): record it. Our own sends are not answers.
        if (event.origin.kind === "automation") return;
        await runAutomationCommand(ctx.env.DB, ctx.conversation, { kind: "sync" });
        return;
      default:
        return;
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
