// Bootstrap on every isolate's first request. In simulator mode (SIMULATOR=on) an
// empty database gets the demo workspace, the demo admin and the demo API token, all
// flagged `demo` so they stop working whenever the simulator is off. In production
// the first workspace comes from /setup; once it exists, a channel given in the
// LINE_CHANNEL_* variables is added to it (the bootstrap path for one channel).
import { asc, eq } from "drizzle-orm";
import type { Bindings } from "../env";
import { simulatorEnabled } from "../env";
import { encryptSecret, hashPassword, sha256Hex } from "../lib/crypto";
import { newId } from "../lib/ids";
import { db, schema } from "./client";
import { DEMO_ADMIN } from "./demo-admin";

export { DEMO_ADMIN };

let done: Promise<void> | null = null;

/**
 * Runs the bootstrap at most once per isolate once it could finish; safe to call
 * on every request. Before /setup has made a workspace it runs again each time
 * (one indexed read), so the env channel appears right after setup.
 */
export function ensureBootstrap(env: Bindings): Promise<void> {
  done ??= bootstrap(env).then(
    (complete) => {
      if (!complete) done = null;
    },
    (error: unknown) => {
      done = null;
      throw error;
    },
  );
  return done;
}

/** Forget this isolate's bootstrap (after /setup created the first workspace). */
export function resetBootstrap(): void {
  done = null;
}

async function bootstrap(env: Bindings): Promise<boolean> {
  const d = db(env.DB);
  const now = Date.now();
  const simulator = simulatorEnabled(env);
  let workspace = await d.select({ id: schema.workspaces.id }).from(schema.workspaces).orderBy(asc(schema.workspaces.createdAt)).limit(1).get();
  if (!workspace) {
    if (!simulator) return false;
    workspace = { id: newId("ws") };
    // Two isolates may race here on first start; the loser's insert is harmless to skip.
    await d.insert(schema.workspaces).values({ id: workspace.id, name: "Demo workspace", timeZone: "Asia/Tokyo", language: "en", demo: 1, createdAt: now }).onConflictDoNothing();
  }
  if (env.LINE_CHANNEL_ID && env.LINE_CHANNEL_SECRET && env.LINE_CHANNEL_ACCESS_TOKEN) {
    const existing = await d.select({ id: schema.channels.id }).from(schema.channels).where(eq(schema.channels.lineChannelId, env.LINE_CHANNEL_ID)).get();
    if (!existing) {
      await d
        .insert(schema.channels)
        .values({
          id: newId("ch"),
          workspaceId: workspace.id,
          name: "LINE Official Account",
          lineChannelId: env.LINE_CHANNEL_ID,
          channelSecretEnc: await encryptSecret(env.APP_SECRET, env.LINE_CHANNEL_SECRET),
          accessTokenEnc: await encryptSecret(env.APP_SECRET, env.LINE_CHANNEL_ACCESS_TOKEN),
          createdAt: now,
        })
        .onConflictDoNothing();
    }
  }
  if (!simulator) return true;
  const admin = await d.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, DEMO_ADMIN.email)).get();
  if (!admin) {
    await d
      .insert(schema.users)
      .values({
        id: newId("usr"),
        workspaceId: workspace.id,
        email: DEMO_ADMIN.email,
        name: DEMO_ADMIN.name,
        passwordHash: await hashPassword(DEMO_ADMIN.password),
        role: "owner",
        demo: 1,
        createdAt: now,
      })
      .onConflictDoNothing();
  }
  if (env.DEMO_API_TOKEN) {
    await d
      .insert(schema.apiTokens)
      .values({ id: newId("tok"), workspaceId: workspace.id, name: "Demo API token", tokenHash: await sha256Hex(env.DEMO_API_TOKEN), demo: 1, createdAt: now })
      .onConflictDoNothing();
  }
  return true;
}
