// First-run bootstrap. With an empty database and LINE_CHANNEL_* set, creates a
// workspace and the default channel. With SIMULATOR=on it also creates the demo
// admin and the demo API token, so `npm start` gives a working inbox at once.
import { eq } from "drizzle-orm";
import type { Bindings } from "../env";
import { simulatorEnabled } from "../env";
import { encryptSecret, hashPassword, sha256Hex } from "../lib/crypto";
import { newId } from "../lib/ids";
import { db, schema } from "./client";
import { DEMO_ADMIN } from "./demo-admin";

export { DEMO_ADMIN };

let done: Promise<void> | null = null;

/** Runs the bootstrap at most once per isolate; safe to call on every request. */
export function ensureBootstrap(env: Bindings): Promise<void> {
  done ??= bootstrap(env).catch((error: unknown) => {
    done = null;
    throw error;
  });
  return done;
}

async function bootstrap(env: Bindings): Promise<void> {
  const d = db(env.DB);
  const now = Date.now();
  let workspace = await d.select().from(schema.workspaces).limit(1).get();
  if (!workspace) {
    if (!env.LINE_CHANNEL_ID) return;
    workspace = { id: newId("ws"), name: "Demo workspace", createdAt: now };
    // Two isolates may race here on first start; the loser's insert is harmless to skip.
    await d.insert(schema.workspaces).values(workspace).onConflictDoNothing();
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
  if (!simulatorEnabled(env)) return;
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
        createdAt: now,
      })
      .onConflictDoNothing();
  }
  if (env.DEMO_API_TOKEN) {
    await d
      .insert(schema.apiTokens)
      .values({ id: newId("tok"), workspaceId: workspace.id, name: "Demo API token", tokenHash: await sha256Hex(env.DEMO_API_TOKEN), createdAt: now })
      .onConflictDoNothing();
  }
}
