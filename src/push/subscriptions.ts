// A person's subscribed devices: saving what PushManager.subscribe() gave the
// browser (the endpoint moves to whoever subscribes it last — one browser, one
// subscription), listing them for Settings → Profile, and removing one.
import { and, count, desc, eq, ne } from "drizzle-orm";
import { db, schema } from "../db/client";
import { forgetWorkspaceFeatures } from "../db/workspace-features";
import { sha256Hex } from "../lib/crypto";
import { newId } from "../lib/ids";
import { removeSubscriptions } from "./deliveries";

/** More than this per person is refused: remove an old device first. */
export const MAX_DEVICES = 10;

export interface NewSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
  /** "Browser/System" from deviceLabel(). */
  label: string;
  locale: string | null;
}

export interface DeviceView {
  id: string;
  endpointHash: string;
  label: string;
  createdAt: number;
  lastSuccessAt: number | null;
  failures: number;
}

export type SaveResult = { ok: true; id: string } | { ok: false; reason: "too-many" };

/** Saves (or takes over) the browser's subscription for this person. */
export async function saveSubscription(d1: D1Database, owner: { workspaceId: string; userId: string }, sub: NewSubscription, now = Date.now()): Promise<SaveResult> {
  const d = db(d1);
  const s = schema.pushSubscriptions;
  const endpointHash = await sha256Hex(sub.endpoint);
  const others = await d
    .select({ value: count() })
    .from(s)
    .where(and(eq(s.userId, owner.userId), ne(s.endpointHash, endpointHash)))
    .get();
  if ((others?.value ?? 0) >= MAX_DEVICES) return { ok: false, reason: "too-many" };
  const values = { workspaceId: owner.workspaceId, userId: owner.userId, endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth, label: sub.label, locale: sub.locale };
  const row = await d
    .insert(s)
    .values({ id: newId("psub", now), endpointHash, createdAt: now, ...values })
    .onConflictDoUpdate({ target: s.endpointHash, set: { ...values, failures: 0, lastFailureAt: null } })
    .returning({ id: s.id })
    .get();
  // The push listener skips workspaces without devices (db/workspace-features.ts): now there is one.
  forgetWorkspaceFeatures(owner.workspaceId);
  return { ok: true, id: row.id };
}

/** This person's devices, newest first (at most MAX_DEVICES exist). */
export async function listDevices(d1: D1Database, workspaceId: string, userId: string): Promise<DeviceView[]> {
  const s = schema.pushSubscriptions;
  return db(d1)
    .select({ id: s.id, endpointHash: s.endpointHash, label: s.label, createdAt: s.createdAt, lastSuccessAt: s.lastSuccessAt, failures: s.failures })
    .from(s)
    .where(and(eq(s.workspaceId, workspaceId), eq(s.userId, userId)))
    .orderBy(desc(s.createdAt), desc(s.id))
    .limit(MAX_DEVICES)
    .all();
}

/** Removes one of this person's devices; false when it is not theirs (or gone). */
export async function removeDevice(d1: D1Database, workspaceId: string, userId: string, id: string): Promise<boolean> {
  const s = schema.pushSubscriptions;
  const row = await db(d1)
    .select({ id: s.id })
    .from(s)
    .where(and(eq(s.id, id), eq(s.workspaceId, workspaceId), eq(s.userId, userId)))
    .get();
  if (!row) return false;
  await removeSubscriptions(d1, [row.id]);
  return true;
}
