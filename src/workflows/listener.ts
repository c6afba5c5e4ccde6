// The workflows' domain-event listener (registered in src/listeners.ts): hands
// the events that can start a workflow or answer a waiting question to the
// conversation's engine (the ConversationDO's `workflow` RPC, which builds the
// WorkflowPort). Retried events are deduped by event id in the engine. A
// workspace that has no published workflow and no run in the last week costs
// one indexed D1 read per event (its "no" is remembered for two seconds).
import { and, eq, gt, isNotNull, or } from "drizzle-orm";
import type { DomainEventType, Listener } from "../conversations/events";
import { conversationStub } from "../conversations/service";
import { db, schema } from "../db/client";

const EVENTS = ["conversation.opened", "message.received", "contact.followed", "conversation.resolved", "message.sent"] as const satisfies readonly DomainEventType[];
const IDLE_MEMORY_MS = 2000;
/** Longer than any question timeout or wait a run can be in (7 days). */
const RUN_HORIZON_MS = 8 * 24 * 3_600_000;
const idle = new Map<string, number>();

async function workflowsInUse(d1: D1Database, workspaceId: string, now: number): Promise<boolean> {
  if ((idle.get(workspaceId) ?? 0) > now) return false;
  const w = schema.workflows;
  const row = await db(d1)
    .select({ id: w.id })
    .from(w)
    .where(and(eq(w.workspaceId, workspaceId), or(isNotNull(w.publishedVersionId), gt(w.lastRunAt, now - RUN_HORIZON_MS))))
    .limit(1)
    .get();
  if (!row) idle.set(workspaceId, now + IDLE_MEMORY_MS);
  else idle.delete(workspaceId);
  return Boolean(row);
}

export const workflowListener: Listener = {
  name: "workflows",
  events: EVENTS,
  async handle(event, { env }) {
    // Only an agent's own message matters among sent ones (it cancels a waiting question).
    if (event.type === "message.sent" && event.origin.kind !== "agent") return;
    if (event.sourceType !== "user") return;
    if (!(await workflowsInUse(env.DB, event.workspaceId, Date.now()))) return;
    await conversationStub(env, event.conversationId).workflow({ kind: "event", event });
  },
};
