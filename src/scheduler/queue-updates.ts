// Every minute, for channels with queue messages on, open and with an agent
// online: recompute each waiting customer's place and expected wait, and tell
// those whose numbers changed materially (at most the configured number of
// times). Conversations the index shows as answered or closed are checked with
// their Durable Object first, which removes them from the queue.
import { sendAutomationCommand } from "../automation/commands";
import { asc, eq } from "drizzle-orm";
import { isOpenAt } from "../automation/hours";
import { agentsOnline, expectedWait, materialChange, QUEUE_UPDATE_GAP_MS, typicalFirstResponse } from "../automation/queue";
import { scheduleOf } from "../automation/settings";
import { db, schema } from "../db/client";
import type { Bindings } from "../env";

const QUEUE_MAX = 500;

export async function queueUpdates(env: Bindings, now: number): Promise<{ checked: number; told: number }> {
  const d = db(env.DB);
  const s = schema.automationSettings;
  const channels = await d.select().from(s).where(eq(s.queueEnabled, 1)).all();
  let checked = 0;
  let told = 0;
  for (const settings of channels) {
    const holidays = await d.select().from(schema.holidays).where(eq(schema.holidays.channelId, settings.channelId)).all();
    if (!isOpenAt(scheduleOf(settings, holidays), now)) continue;
    const agents = await agentsOnline(env.DB, settings.workspaceId);
    if (agents === 0) continue;
    const q = schema.automationQueue;
    const c = schema.conversations;
    const rows = await d
      .select({ queue: q, status: c.status, direction: c.lastMessageDirection, lastActivityAt: c.lastActivityAt })
      .from(q)
      .leftJoin(c, eq(c.id, q.conversationId))
      .where(eq(q.channelId, settings.channelId))
      .orderBy(asc(q.waitingSince), asc(q.conversationId))
      .limit(QUEUE_MAX)
      .all();
    const stub = (id: string) => env.CONVERSATIONS.get(env.CONVERSATIONS.idFromString(id));
    // Probably answered or closed since: let the conversation decide (it leaves the queue itself).
    const suspect = rows.filter(
      (r) =>
        (r.status !== null && r.status !== "open" && r.status !== "follow_up") ||
        (r.direction === "outbound" && (r.lastActivityAt ?? 0) > Math.max(r.queue.waitingSince, r.queue.lastAutomationAt ?? 0)),
    );
    const gone = new Set<string>();
    for (const r of suspect) {
      checked++;
      const result = await sendAutomationCommand(stub(r.queue.conversationId), { kind: "sync" }).catch(() => ({ waiting: true }));
      if (!result.waiting) gone.add(r.queue.conversationId);
    }
    const waiting = rows.filter((r) => !gone.has(r.queue.conversationId));
    const typical = await typicalFirstResponse(env.DB, settings.channelId, now);
    for (const [i, r] of waiting.entries()) {
      const row = r.queue;
      const position = i + 1;
      const waitMs = expectedWait(position, typical, agents);
      if (row.lastSentAt === null || row.updatesSent >= settings.queueMaxUpdates || now - row.lastSentAt < QUEUE_UPDATE_GAP_MS) continue;
      if (!materialChange({ position: row.lastPosition, waitMs: row.lastWaitMs }, { position, waitMs })) continue;
      const result = await sendAutomationCommand(stub(row.conversationId), { kind: "queue", position, waitMs, now }).catch((error: unknown) => {
          console.warn("queue update failed", row.conversationId, error instanceof Error ? error.message : error);
          return { sent: false };
        });
      if (result.sent) told++;
    }
  }
  return { checked, told };
}
