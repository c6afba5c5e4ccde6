// Pushes for conversations assigned to someone by another person, an automation,
// a workflow or the API. The contacts feature stores the `assigned` notification
// (src/contacts/assigned-listener.ts) and hands it here; the assignee's devices get
// "Assigned to you · Yuki" in their language, if they want Mine notifications.
import { and, eq, gte, isNull, sql } from "drizzle-orm";
import { db, schema } from "../db/client";
import type { Bindings } from "../env";
import { assignedBatchNotification, assignedNotification } from "./content";
import { pushConfigured, pushNow, topicFor } from "./deliveries";
import { MESSAGE_TTL_S } from "./listener";
import { conversationFacts, devicesWanting } from "./recipients";

type PushEnv = Pick<Bindings, "DB" | "VAPID_PUBLIC_KEY" | "VAPID_PRIVATE_KEY" | "VAPID_SUBJECT">;

export interface AssignedPush {
  workspaceId: string;
  /** The stored notification: the push's cause, so a retried event never pushes twice. */
  notificationId: string;
  conversationId: string;
  assigneeId: string;
  actor: { id: string | null; name: string } | null;
}

/** Assignments from one person (or from automation) this close together are one batch on the device. */
export const ASSIGNED_BATCH_MS = 2 * 60_000;

/**
 * How many conversations `n.actor` assigned to the assignee in the last two minutes that
 * the assignee has not read yet, this one included (its notification is stored first).
 */
async function recentAssignments(d1: D1Database, n: AssignedPush, now: number): Promise<number> {
  const x = schema.notifications;
  const row = await db(d1)
    .select({ count: sql<number>`count(DISTINCT ${x.conversationId})` })
    .from(x)
    .where(
      and(
        eq(x.userId, n.assigneeId),
        isNull(x.readAt),
        gte(x.createdAt, now - ASSIGNED_BATCH_MS),
        eq(x.workspaceId, n.workspaceId),
        eq(x.kind, "assigned"),
        n.actor?.id ? eq(x.actorId, n.actor.id) : isNull(x.actorId),
      ),
    )
    .get();
  return Number(row?.count ?? 0);
}

/**
 * Pushes the assignment to the assignee's devices; the second and later of a quick
 * run of assignments by the same person become one counting notification. Never
 * throws: the bell already has it.
 */
export async function pushAssigned(env: PushEnv, n: AssignedPush, now = Date.now()): Promise<void> {
  if (!pushConfigured(env)) return;
  try {
    const devices = await devicesWanting(env.DB, n.workspaceId, "mine", { userIds: [n.assigneeId] }, n.actor?.id ?? null);
    if (!devices.length) return;
    const count = await recentAssignments(env.DB, n, now);
    const actorId = n.actor?.id ?? null;
    const actorName = n.actor?.name ?? null;
    const { title } = count > 1 ? { title: null } : await conversationFacts(env.DB, n.workspaceId, n.conversationId);
    await pushNow(
      env,
      {
        cause: n.notificationId,
        category: "mine",
        urgency: "high",
        ttlSeconds: MESSAGE_TTL_S,
        // An offline phone gets only the latest about this conversation (or this batch), as with messages.
        topic: await topicFor(count > 1 ? `assigned:${n.assigneeId}:${actorId ?? "automation"}` : `conversation:${n.conversationId}`),
        render: () => (count > 1 ? assignedBatchNotification({ count, actorId, actorName }) : assignedNotification({ conversationId: n.conversationId, title, actorName })),
      },
      devices,
      now,
    );
  } catch (error) {
    console.warn("assigned push failed", { conversation: n.conversationId, error: error instanceof Error ? error.message : String(error) });
  }
}
