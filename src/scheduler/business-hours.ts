// Every minute: opening and closing transitions of each channel's business hours
// (schedule, holidays, the manual away switch). A transition is claimed with one
// conditional UPDATE so overlapping runs act once. At an opening, "we're open
// again" goes to every customer who wrote while closed (optional per channel).
import { sendAutomationCommand } from "../automation/commands";
import { and, eq, gte, isNull, or } from "drizzle-orm";
import { isOpenAt } from "../automation/hours";
import { scheduleOf } from "../automation/settings";
import { db, schema } from "../db/client";
import type { Bindings } from "../env";

/** Conversations told per opening per channel (the rest wrote too long ago to matter). */
const OPENING_FANOUT_MAX = 500;
/** Durable Object calls in flight at once. */
const CONCURRENCY = 20;

export async function businessHoursTransitions(env: Bindings, now: number): Promise<{ opened: number; closed: number; told: number }> {
  const d = db(env.DB);
  const [rows, holidays] = await d.batch([d.select().from(schema.automationSettings), d.select().from(schema.holidays)]);
  let opened = 0;
  let closed = 0;
  let told = 0;
  for (const row of rows) {
    const schedule = scheduleOf(row, holidays.filter((h) => h.channelId === row.channelId));
    const state = isOpenAt(schedule, now) ? "open" : "closed";
    if (row.hoursState === state) continue;
    const s = schema.automationSettings;
    const claimed = await d
      .update(s)
      .set({ hoursState: state, hoursStateSince: now })
      .where(and(eq(s.channelId, row.channelId), row.hoursState === null ? isNull(s.hoursState) : eq(s.hoursState, row.hoursState)))
      .returning({ channelId: s.channelId });
    if (!claimed.length) continue;
    if (state === "closed") {
      closed++;
      continue;
    }
    opened++;
    // The first run only learns the state; an opening needs a known closed period before it.
    if (row.hoursState === "closed" && row.openAgainEnabled && row.hoursStateSince !== null) told += await tellWaitingCustomers(env, row.channelId, row.hoursStateSince);
  }
  return { opened, closed, told };
}

/** Asks each conversation active since the channel closed to send "we're open again" if its customer wrote meanwhile. */
async function tellWaitingCustomers(env: Bindings, channelId: string, closedSince: number): Promise<number> {
  const c = schema.conversations;
  const candidates = await db(env.DB)
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.channelId, channelId), eq(c.sourceType, "user"), gte(c.lastActivityAt, closedSince), or(eq(c.status, "open"), eq(c.status, "follow_up"))))
    .limit(OPENING_FANOUT_MAX)
    .all();
  let sent = 0;
  for (let i = 0; i < candidates.length; i += CONCURRENCY) {
    const results = await Promise.allSettled(
      candidates.slice(i, i + CONCURRENCY).map((row) => sendAutomationCommand(env.CONVERSATIONS.get(env.CONVERSATIONS.idFromString(row.id)), { kind: "opened", since: closedSince })),
    );
    for (const r of results) {
      if (r.status === "fulfilled" && r.value.sent) sent++;
      if (r.status === "rejected") console.warn("business hours: open-again failed", channelId, r.reason instanceof Error ? r.reason.message : r.reason);
    }
  }
  return sent;
}
