// Channel lookup for webhooks and sends: D1 row + decrypted credentials,
// cached per isolate for a minute (a webhook must not pay a D1 read + decrypt each time).
import { eq } from "drizzle-orm";
import { db, schema } from "../db/client";
import type { Bindings } from "../env";
import { decryptSecret } from "../lib/crypto";

export interface ChannelCredentials {
  /** Our channel row id. */
  id: string;
  workspaceId: string;
  name: string;
  lineChannelId: string;
  channelSecret: string;
  accessToken: string;
}

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; value: Promise<ChannelCredentials | null> }>();

async function load(env: Bindings, where: "line" | "id", key: string): Promise<ChannelCredentials | null> {
  const column = where === "line" ? schema.channels.lineChannelId : schema.channels.id;
  const row = await db(env.DB).select().from(schema.channels).where(eq(column, key)).get();
  if (!row) return null;
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    lineChannelId: row.lineChannelId,
    channelSecret: await decryptSecret(env.APP_SECRET, row.channelSecretEnc),
    accessToken: await decryptSecret(env.APP_SECRET, row.accessTokenEnc),
  };
}

function cached(env: Bindings, where: "line" | "id", key: string, now: number): Promise<ChannelCredentials | null> {
  const cacheKey = `${where}:${key}`;
  const hit = cache.get(cacheKey);
  if (hit && now - hit.at < TTL_MS) return hit.value;
  const value = load(env, where, key);
  // A miss is cached only briefly so a channel added in settings works at once.
  value.then((v) => { if (!v) cache.delete(cacheKey); }, () => cache.delete(cacheKey));
  if (cache.size > 500) cache.clear();
  cache.set(cacheKey, { at: now, value });
  return value;
}

/** By LINE's channel id (the webhook URL segment). */
export function channelByLineId(env: Bindings, lineChannelId: string, now = Date.now()) {
  return cached(env, "line", lineChannelId, now);
}

/** By our channel row id (inside a ConversationDO). */
export function channelById(env: Bindings, id: string, now = Date.now()) {
  return cached(env, "id", id, now);
}

export function forgetChannels(): void {
  cache.clear();
}
