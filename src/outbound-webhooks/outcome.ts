// What an attempt's result changes in D1: the delivery log row, the
// subscription's last-delivery and failure record, and — when the endpoint
// keeps failing (policy.ts) — switching it off with a notice to the
// workspace's admins. Safe under concurrent attempts: counters are updated in
// SQL, and only the attempt whose UPDATE switches the endpoint off notifies.
import { and, eq, inArray, sql } from "drizzle-orm";
import { pushNotifications } from "../contacts/notify";
import { db, schema } from "../db/client";
import type { Bindings } from "../env";
import { newId } from "../lib/ids";
import type { AttemptResult } from "./attempt";
import type { DeliveryOutcome, DeliveryTrigger } from "./deliveries";
import { disableReason, MAX_ATTEMPTS, retryAt } from "./policy";
import { audit, forgetSubscriptions, type Subscription } from "./subscriptions";
import { disabledReasonText, stored } from "./stored-text";
import { matchLanguage, t, withLocale } from "../ui/i18n";

const ws = schema.webhookSubscriptions;

export interface AttemptInfo {
  eventId: string;
  eventType: string;
  attempt: number;
  trigger: DeliveryTrigger;
}

export interface RecordedAttempt {
  outcome: DeliveryOutcome;
  /** When the retry schedule tries again; null when it does not. */
  retryAt: number | null;
  /** This attempt switched the subscription off. */
  disabled: boolean;
  result: AttemptResult;
  /** Its row in the delivery log. */
  deliveryId: string;
}

type Env = Pick<Bindings, "DB" | "WORKSPACES">;

/** Logs the attempt and updates the subscription; decides whether the schedule retries. */
export async function recordAttempt(env: Env, sub: Subscription, info: AttemptInfo, result: AttemptResult, now = Date.now()): Promise<RecordedAttempt> {
  const d = db(env.DB);
  const deliveryId = newId("whd", now);
  const last = { lastAttemptAt: now, lastStatusCode: result.statusCode };
  if (result.ok) {
    await d.batch([
      d.update(ws).set({ ...last, lastOutcome: "delivered", consecutiveFailures: 0, failingSince: null }).where(eq(ws.id, sub.id)),
      logRow(env.DB, deliveryId, sub, info, result, "delivered", null, now),
    ]);
    return { outcome: "delivered", retryAt: null, disabled: false, result, deliveryId };
  }
  const state = await d
    .update(ws)
    .set({ ...last, consecutiveFailures: sql`${ws.consecutiveFailures} + 1`, failingSince: sql`COALESCE(${ws.failingSince}, ${now})` })
    .where(eq(ws.id, sub.id))
    .returning({ consecutiveFailures: ws.consecutiveFailures, failingSince: ws.failingSince, enabled: ws.enabled })
    .get();
  const reason = state?.enabled ? disableReason(state, result.statusCode, now) : null;
  const disabled = reason !== null && (await switchOff(env, sub, reason, now));
  const next = info.trigger === "auto" && state?.enabled && !reason ? retryAt(info.attempt, now) : null;
  const outcome: DeliveryOutcome = next !== null ? "retrying" : "failed";
  await d.batch([d.update(ws).set({ lastOutcome: outcome }).where(eq(ws.id, sub.id)), logRow(env.DB, deliveryId, sub, info, result, outcome, next, now)]);
  return { outcome, retryAt: next, disabled, result, deliveryId };
}

/** A delivery that was not attempted (the subscription was switched off meanwhile). */
export async function recordCancelled(d1: D1Database, sub: Subscription, info: AttemptInfo, now = Date.now()): Promise<void> {
  const result: AttemptResult = { ok: false, statusCode: null, durationMs: 0, snippet: null, error: stored.notSent() };
  await logRow(d1, newId("whd", now), sub, info, result, "cancelled", null, now);
}

function logRow(d1: D1Database, id: string, sub: Subscription, info: AttemptInfo, r: AttemptResult, outcome: DeliveryOutcome, nextAttemptAt: number | null, now: number) {
  return db(d1)
    .insert(schema.webhookDeliveries)
    .values({
      id,
      workspaceId: sub.workspaceId,
      subscriptionId: sub.id,
      eventId: info.eventId,
      eventType: info.eventType,
      attempt: info.attempt,
      outcome,
      statusCode: r.statusCode,
      durationMs: r.durationMs,
      responseSnippet: r.snippet,
      error: r.error,
      nextAttemptAt,
      trigger: info.trigger,
      createdAt: now,
    });
}

/** Switches the endpoint off unless something else already did; true when this call did. */
async function switchOff(env: Env, sub: Subscription, reason: string, now: number): Promise<boolean> {
  const d = db(env.DB);
  const row = await d
    .update(ws)
    .set({ enabled: 0, disabledReason: reason, disabledAt: now, disabledBy: "auto", updatedAt: now })
    .where(and(eq(ws.id, sub.id), eq(ws.enabled, 1)))
    .returning({ id: ws.id })
    .get();
  if (!row) return false;
  forgetSubscriptions(sub.workspaceId);
  await notifyAdmins(env, sub, reason, now);
  return true;
}

/**
 * An in-app notification for every active admin and owner — each written in that
 * person's language (their choice, else the workspace's) — and the audit entry.
 */
async function notifyAdmins(env: Env, sub: Subscription, reason: string, now: number): Promise<void> {
  const d = db(env.DB);
  const u = schema.users;
  const admins = await d
    .select({ id: u.id, language: u.language, workspaceLanguage: schema.workspaces.language, timeZone: sql<string>`COALESCE(${u.timeZone}, ${schema.workspaces.timeZone})` })
    .from(u)
    .innerJoin(schema.workspaces, eq(schema.workspaces.id, u.workspaceId))
    .where(and(eq(u.workspaceId, sub.workspaceId), eq(u.active, 1), inArray(u.role, ["admin", "owner"])));
  const rows = admins.map((a) => {
    const locale = (a.language ? matchLanguage(a.language) : null) ?? matchLanguage(a.workspaceLanguage) ?? "en";
    const body = withLocale({ locale, timeZone: a.timeZone }, () => t("settings.webhooks.notice", { url: shortUrl(sub.url), reason: disabledReasonText(reason) }));
    return { id: newId("ntf", now), workspaceId: sub.workspaceId, userId: a.id, kind: "webhook_disabled" as const, body, createdAt: now };
  });
  const ctx = { workspaceId: sub.workspaceId, actorId: null };
  await d.batch([audit(env.DB, ctx, "webhook.auto_disabled", sub.id, { url: sub.url, reason }, now), ...rows.map((r) => d.insert(schema.notifications).values(r))]);
  await pushNotifications(env, sub.workspaceId, rows.map((r) => ({ userId: r.userId, notificationId: r.id })));
}

function shortUrl(url: string): string {
  return url.length > 80 ? `${url.slice(0, 79)}…` : url;
}
