// SLA breach pushes: the category people can choose now, sent once SLA
// policies exist (a later issue calls pushSlaBreach when a conversation misses
// its target). The assignee is told, else the conversation's team, else everyone
// — and the workspace's supervisors in every case.
import type { Bindings } from "../env";
import { slaNotification } from "./content";
import { type DeliverySummary, pushNow, topicFor } from "./deliveries";
import { conversationFacts, devicesWanting } from "./recipients";

type PushEnv = Pick<Bindings, "DB" | "VAPID_PUBLIC_KEY" | "VAPID_PRIVATE_KEY" | "VAPID_SUBJECT">;

/** An SLA breach is worth a push for 8 hours. */
export const SLA_TTL_S = 8 * 60 * 60;

/**
 * Pushes "SLA breached" for a conversation to the devices of whoever should act
 * and chose SLA breaches. `breachId` identifies the breach (one push per breach
 * and device, however often this is called).
 */
export async function pushSlaBreach(env: PushEnv, breach: { workspaceId: string; conversationId: string; breachId: string }, now = Date.now()): Promise<DeliverySummary> {
  const facts = await conversationFacts(env.DB, breach.workspaceId, breach.conversationId);
  const audience = facts.assigneeId ? { userIds: [facts.assigneeId] } : facts.teamId ? { teamId: facts.teamId } : { everyone: true as const };
  const supervisors = await env.DB.prepare("SELECT id FROM users WHERE workspace_id = ? AND role = 'supervisor' AND active = 1").bind(breach.workspaceId).all<{ id: string }>();
  const told = await devicesWanting(env.DB, breach.workspaceId, "sla", audience);
  const extra = "everyone" in audience ? [] : await devicesWanting(env.DB, breach.workspaceId, "sla", { userIds: supervisors.results.map((r) => r.id) });
  const devices = [...told, ...extra.filter((d) => !told.some((t) => t.subscriptionId === d.subscriptionId))];
  return pushNow(env, {
    cause: `sla:${breach.breachId}`,
    category: "sla",
    urgency: "high",
    ttlSeconds: SLA_TTL_S,
    topic: await topicFor(`sla:${breach.conversationId}`),
    render: () => slaNotification(breach.conversationId, facts.title),
  }, devices, now);
}
