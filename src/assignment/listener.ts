// The assignment listener: conversation events ask the workspace's assigner.
// A conversation that reopens in a team, or lands in one, with nobody assigned
// asks for an agent; an agent who gives one back (unassigned, reassigned) or resolves
// one frees a place, so the team queues are drained — so does snoozing one (a
// snoozed conversation does not count against the agent's capacity). Its own assignments come
// back as conversation.assigned with an assignee: those only leave the queue.
import type { Listener } from "../conversations/events";
import { drainQueues, requestAssignment } from "./index";
import { dequeue } from "./queries";

export const assignmentListener: Listener = {
  name: "assignment",
  events: ["conversation.opened", "conversation.assigned", "conversation.resolved", "conversation.snoozed"],
  async handle(event, ctx) {
    const base = { workspaceId: event.workspaceId, conversationId: event.conversationId, channelId: event.channelId };
    switch (event.type) {
      case "conversation.opened":
        // A brand-new conversation is in no team yet (a team is set by a later change, which says so).
        if (event.data.reason === "reopened") await requestAssignment(ctx.env, { kind: "assign", ...base, teamId: null });
        return;
      case "conversation.resolved":
      case "conversation.snoozed":
        await dequeue(ctx.env.DB, event.conversationId);
        await drainQueues(ctx.env, event.workspaceId);
        return;
      case "conversation.assigned": {
        const { assignee, team, previousAssigneeId, change } = event.data;
        if (assignee) await dequeue(ctx.env.DB, event.conversationId);
        else if (team) {
          // Given back by its agent: someone else's turn.
          const exclude = change === "assignee" ? previousAssigneeId : null;
          await requestAssignment(ctx.env, { kind: "assign", ...base, teamId: team.id, exclude });
        } else await dequeue(ctx.env.DB, event.conversationId);
        if (previousAssigneeId && previousAssigneeId !== assignee?.id) await drainQueues(ctx.env, event.workspaceId, { forUser: previousAssigneeId });
        return;
      }
      default:
        return;
    }
  },
};
