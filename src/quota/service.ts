// The monthly message quota of each LINE channel. LINE counts push (and
// multicast/broadcast) messages against a monthly limit; replies are free.
// syncQuota reads /v2/bot/message/quota and /quota/consumption into the
// channels row; the badge, the composer and the scheduler read it from there.
// LINE's 429 "You have reached your monthly limit." marks the channel
// exhausted until a later sync shows room again (a raised limit, a new month).
import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "../db/client";
import type { Bindings } from "../env";
import { lineApiBase, lineDataApiBase } from "../env";
import { channelById } from "../line/channel-store";
import { createLineClient } from "../line/client";

/** Near the limit: the badge and the composer warn from this share of the monthly limit… */
export const QUOTA_WARNING_RATIO = 0.95;
/** …or when this few messages are left, whichever comes first. */
export const QUOTA_WARNING_LEFT = 10;
/** refreshQuotaSoon skips a channel synced less than this long ago. */
export const QUOTA_REFRESH_DEBOUNCE_MS = 60_000;
/** Each channel's quota_checked_at as this isolate last saw it (D1 stays the judge across isolates). */
const lastChecked = new Map<string, number>();

function rememberChecked(channelId: string, at: number): void {
  if (lastChecked.size > 1000) lastChecked.clear();
  lastChecked.set(channelId, at);
}
/** "Check now" on the badge asks LINE at most this often per channel (per isolate: it only stops repeated clicks). */
export const QUOTA_CHECK_THROTTLE_MS = 3_000;
/** The badge refreshes a channel in the background when its figures are older than this. */
export const QUOTA_STALE_MS = 5 * 60_000;

export interface ChannelQuota {
  channelId: string;
  channelName: string;
  /** null: no target limit set on LINE (unlimited), or never synced (see checkedAt). */
  limit: number | null;
  used: number | null;
  checkedAt: number | null;
  /** LINE refused a push with "You have reached your monthly limit." at this time. */
  exhaustedAt: number | null;
}

export type QuotaLevel = "unknown" | "unlimited" | "ok" | "warning" | "exhausted";

export function quotaLevel(q: ChannelQuota): QuotaLevel {
  if (q.exhaustedAt !== null) return "exhausted";
  if (q.checkedAt === null || q.used === null) return "unknown";
  if (q.limit === null) return "unlimited";
  if (q.used >= q.limit) return "exhausted";
  return q.used >= q.limit * QUOTA_WARNING_RATIO || q.limit - q.used <= QUOTA_WARNING_LEFT ? "warning" : "ok";
}

/** Messages left this month by the last sync (null: unknown or no limit). */
export function quotaLeft(q: ChannelQuota): number | null {
  if (q.limit === null || q.used === null) return null;
  return Math.max(0, q.limit - q.used);
}

/**
 * True when the channel is marked exhausted by LINE's 429 while the stored
 * figures (from an earlier sync) still show room: those figures are out of
 * date, so the views say "limit reached" without them.
 */
export function exhaustedByRefusal(q: ChannelQuota): boolean {
  return q.exhaustedAt !== null && (q.limit === null || q.used === null || q.used < q.limit);
}

// LINE's answers are a boundary like any other: checked before they are stored.
const quotaResponse = z.object({ type: z.enum(["none", "limited"]), value: z.number().int().nonnegative().optional() });
const consumptionResponse = z.object({ totalUsage: z.number().int().nonnegative() });

const c = schema.channels;

function toQuota(row: typeof schema.channels.$inferSelect): ChannelQuota {
  return {
    channelId: row.id,
    channelName: row.name,
    limit: row.quotaLimit,
    used: row.quotaUsed,
    checkedAt: row.quotaCheckedAt,
    exhaustedAt: row.quotaExhaustedAt,
  };
}

/**
 * Reads this month's limit and usage from LINE and stores them on the channel.
 * Clears quota_exhausted_at when usage is under the limit (or there is none) —
 * unless LINE refused a push after this sync started (`now`), whose figures
 * then predate the refusal; sets it when usage has reached the limit. Throws
 * when LINE cannot be asked. Returns null for an unknown channel.
 */
export async function syncQuota(env: Bindings, channelId: string, now = Date.now()): Promise<ChannelQuota | null> {
  const channel = await channelById(env, channelId, now);
  if (!channel) return null;
  const client = createLineClient({ accessToken: channel.accessToken, apiBase: lineApiBase(env), dataBase: lineDataApiBase(env) });
  const [quota, consumption] = await Promise.all([client.quota(), client.quotaConsumption()]);
  const q = quotaResponse.parse(quota.body);
  const used = consumptionResponse.parse(consumption.body).totalUsage;
  const limit = q.type === "limited" ? q.value ?? 0 : null;
  const underLimit = limit === null || used < limit;
  const row = await db(env.DB)
    .update(c)
    .set({
      quotaLimit: limit,
      quotaUsed: used,
      quotaCheckedAt: now,
      quotaExhaustedAt: underLimit ? sql`CASE WHEN ${c.quotaExhaustedAt} > ${now} THEN ${c.quotaExhaustedAt} ELSE NULL END` : sql`COALESCE(${c.quotaExhaustedAt}, ${now})`,
    })
    .where(eq(c.id, channelId))
    .returning()
    .get();
  return row ? toQuota(row) : null;
}

/** Syncs every channel (the hourly cron job). One failing channel does not stop the others. */
export async function syncAllQuotas(env: Bindings, now = Date.now()): Promise<{ synced: number; failed: number }> {
  const rows = await db(env.DB).select({ id: c.id }).from(c).all();
  const results = await Promise.allSettled(rows.map((r) => syncQuota(env, r.id, now)));
  let failed = 0;
  results.forEach((r, i) => {
    if (r.status === "rejected") {
      failed++;
      console.warn("quota sync failed", rows[i]?.id, r.reason instanceof Error ? r.reason.message : r.reason);
    }
  });
  return { synced: results.length - failed, failed };
}

/**
 * Records that LINE answered a push with 429 "You have reached your monthly
 * limit." The badge and the composer show the limit as reached until a sync
 * that starts after this refusal finds usage under the limit again. Keeps the
 * latest refusal time (a sync already under way cannot clear a newer one).
 */
export async function markQuotaExhausted(env: Bindings, channelId: string, now = Date.now()): Promise<void> {
  await db(env.DB)
    .update(c)
    .set({ quotaExhaustedAt: sql`MAX(COALESCE(${c.quotaExhaustedAt}, 0), ${now})` })
    .where(eq(c.id, channelId));
}

/**
 * Re-reads the quota after a push, at most once a minute per channel: the
 * claim (bumping quota_checked_at) is one conditional UPDATE, so concurrent
 * pushes trigger a single sync. Never throws; returns whether it synced.
 */
export async function refreshQuotaSoon(env: Bindings, channelId: string, now = Date.now()): Promise<boolean> {
  // Every push calls this: while this isolate knows the last check is recent, it spares D1
  // the write (a busy channel pushes hundreds of times a second).
  const checkedAt = lastChecked.get(channelId);
  if (checkedAt !== undefined && now >= checkedAt && now - checkedAt < QUOTA_REFRESH_DEBOUNCE_MS) return false;
  try {
    const claimed = await db(env.DB)
      .update(c)
      .set({ quotaCheckedAt: now })
      .where(and(eq(c.id, channelId), or(isNull(c.quotaCheckedAt), lte(c.quotaCheckedAt, now - QUOTA_REFRESH_DEBOUNCE_MS))))
      .returning({ id: c.id });
    if (claimed.length === 0) {
      const row = await db(env.DB).select({ at: c.quotaCheckedAt }).from(c).where(eq(c.id, channelId)).get();
      if (typeof row?.at === "number") rememberChecked(channelId, row.at);
      return false;
    }
    rememberChecked(channelId, now);
    await syncQuota(env, channelId, now);
    return true;
  } catch (error) {
    console.warn("quota refresh failed", channelId, error instanceof Error ? error.message : error);
    return false;
  }
}

/** The quota of every channel in a workspace, for the badge. */
export async function workspaceQuotas(d1: D1Database, workspaceId: string): Promise<ChannelQuota[]> {
  const rows = await db(d1).select().from(c).where(eq(c.workspaceId, workspaceId)).orderBy(c.createdAt).all();
  return rows.map(toQuota);
}

/** One channel's stored quota (no LINE call). */
export async function channelQuota(d1: D1Database, channelId: string): Promise<ChannelQuota | null> {
  const row = await db(d1).select().from(c).where(eq(c.id, channelId)).get();
  return row ? toQuota(row) : null;
}

const lastManualCheck = new Map<string, number>();

/**
 * "Check now": syncs the channel with LINE right away, unless this isolate did
 * so for it within QUOTA_CHECK_THROTTLE_MS (a double click, a stuck key).
 * Never throws; returns whether it asked LINE.
 */
export async function checkQuotaNow(env: Bindings, channelId: string, now = Date.now()): Promise<boolean> {
  const last = lastManualCheck.get(channelId);
  if (last !== undefined && now - last < QUOTA_CHECK_THROTTLE_MS && now >= last) return false;
  lastManualCheck.set(channelId, now);
  try {
    await syncQuota(env, channelId, now);
    return true;
  } catch (error) {
    console.warn("quota check failed", channelId, error instanceof Error ? error.message : error);
    return false;
  }
}
