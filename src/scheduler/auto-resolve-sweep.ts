// Every 15 minutes: the safety net for inactivity auto-resolve. Each
// conversation arms its own timer on its Durable Object alarm when it sees an
// agent's answer; this sweep finds open conversations in channels with
// auto-resolve on whose last activity is older than the limit (timers never
// armed, e.g. for answers sent before the setting was switched on) and asks
// each to check itself. Snoozed and resolved conversations are not candidates.
import { sendAutomationCommand } from "../automation/commands";
import { and, eq, lte } from "drizzle-orm";
import { db, schema } from "../db/client";
import type { Bindings } from "../env";

const EVERY_MINUTES = 15;
const HOUR_MS = 3_600_000;
/** Conversations checked per channel per sweep; the next sweep continues. */
const SWEEP_MAX = 100;

export async function autoResolveSweep(env: Bindings, now: number): Promise<{ checked: number; resolved: number }> {
  if (Math.floor(now / 60_000) % EVERY_MINUTES !== 0) return { checked: 0, resolved: 0 };
  const d = db(env.DB);
  const s = schema.automationSettings;
  const c = schema.conversations;
  const channels = await d.select({ channelId: s.channelId, workspaceId: s.workspaceId, hours: s.autoResolveHours }).from(s).where(eq(s.autoResolveEnabled, 1)).all();
  let checked = 0;
  let resolved = 0;
  for (const channel of channels) {
    const candidates = await d
      .select({ id: c.id })
      .from(c)
      .where(
        and(
          eq(c.workspaceId, channel.workspaceId),
          eq(c.channelId, channel.channelId),
          eq(c.bucket, "active"),
          eq(c.status, "open"),
          eq(c.lastMessageDirection, "outbound"),
          lte(c.lastActivityAt, now - channel.hours * HOUR_MS),
        ),
      )
      .limit(SWEEP_MAX)
      .all();
    for (const row of candidates) {
      checked++;
      const result = await sendAutomationCommand(env.CONVERSATIONS.get(env.CONVERSATIONS.idFromString(row.id)), { kind: "auto-resolve", now }).catch((error: unknown) => {
          console.warn("auto-resolve sweep failed", row.id, error instanceof Error ? error.message : error);
          return { resolved: false };
        });
      if (result.resolved) resolved++;
    }
  }
  return { checked, resolved };
}
