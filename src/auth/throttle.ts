// Throttling of sign-in, setup and password-reset attempts: after MAX_FAILURES
// failed attempts within WINDOW_MS for one key (an account or a client address),
// that key must wait until the window ends. Stored in D1 (auth_throttles) so every
// isolate and every Worker location sees the same count.
import { eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import { db, schema } from "../db/client";
import type { AppEnv } from "../env";
import { sha256Hex } from "../lib/crypto";
import { tn } from "../ui/i18n";

export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60_000;

export type ThrottleScope = "login" | "setup" | "reset";

/** The throttle keys of one attempt: the client, and the account when one is named. */
export async function throttleKeys(c: Context<AppEnv>, scope: ThrottleScope, account?: string): Promise<string[]> {
  // Cloudflare sets CF-Connecting-IP at the edge; locally every request is "local".
  const client = c.req.header("cf-connecting-ip") ?? "local";
  const keys = [`${scope}:ip:${client}`];
  // Accounts are stored hashed: the table must not become a list of email addresses.
  if (account) keys.push(`${scope}:acct:${await sha256Hex(account.trim().toLowerCase())}`);
  return keys;
}

/** When the earliest of these keys may try again (epoch ms), or null when none is locked. */
export async function lockedUntil(d1: D1Database, keys: string[], now = Date.now()): Promise<number | null> {
  const rows = await Promise.all(keys.map((key) => db(d1).select().from(schema.authThrottles).where(eq(schema.authThrottles.key, key)).get()));
  let until: number | null = null;
  for (const row of rows) {
    if (row?.lockedUntil && row.lockedUntil > now) until = Math.max(until ?? 0, row.lockedUntil);
  }
  return until;
}

/** Counts one failed attempt against every key; the MAX_FAILURES-th locks the key until its window ends. */
export async function recordFailure(d1: D1Database, keys: string[], now = Date.now()): Promise<void> {
  const t = schema.authThrottles;
  const d = db(d1);
  const windowStart = now - WINDOW_MS;
  const count = (key: string) =>
    d
      .insert(t)
      .values({ key, failures: 1, windowStartedAt: now, lockedUntil: null })
      .onConflictDoUpdate({
        target: t.key,
        // A window that has run out starts over with this failure.
        set: {
          failures: sql`CASE WHEN ${t.windowStartedAt} <= ${windowStart} THEN 1 ELSE ${t.failures} + 1 END`,
          lockedUntil: sql`CASE WHEN ${t.windowStartedAt} > ${windowStart} AND ${t.failures} + 1 >= ${MAX_FAILURES} THEN ${t.windowStartedAt} + ${WINDOW_MS} ELSE NULL END`,
          windowStartedAt: sql`CASE WHEN ${t.windowStartedAt} <= ${windowStart} THEN ${now} ELSE ${t.windowStartedAt} END`,
        },
      });
  const [first, ...rest] = keys;
  if (first) await d.batch([count(first), ...rest.map(count)]);
}

/** A successful attempt clears the account's count (never the client's: one good account must not reset an attacker's address). */
export async function clearAccount(d1: D1Database, keys: string[]): Promise<void> {
  const accountKeys = keys.filter((k) => k.includes(":acct:"));
  for (const key of accountKeys) await db(d1).delete(schema.authThrottles).where(eq(schema.authThrottles.key, key));
}

/** "Too many failed attempts … please wait 12 minutes and try again." in the reader's language. */
export function lockedMessage(until: number, now = Date.now()): string {
  return tn("auth.throttle.locked", Math.max(1, Math.ceil((until - now) / 60_000)));
}

/** Old rows are useless once their window ended: the purge cron removes them. */
export async function purgeThrottles(d1: D1Database, now = Date.now()): Promise<void> {
  const t = schema.authThrottles;
  await db(d1).delete(t).where(sql`${t.windowStartedAt} < ${now - WINDOW_MS} AND (${t.lockedUntil} IS NULL OR ${t.lockedUntil} < ${now})`);
}
