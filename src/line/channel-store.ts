// Channel lookup for webhooks and sends: D1 row + decrypted credentials, cached
// per isolate (a webhook must not pay a D1 read + two decrypts every time).
//
// Freshness: settings changes call forgetChannels(), which clears this isolate's
// cache at once. Other isolates (other Worker instances, each ConversationDO's)
// cannot be told, so entries also expire after CACHE_TTL_MS: a channel that an
// admin disables stops taking webhooks and sending everywhere within 5 s. A
// version check would still need a D1 read per webhook, which is exactly what the
// cache avoids; 5 s costs one small read per channel per isolate every 5 s.
import { eq } from "drizzle-orm";
import { db, schema } from "../db/client";
import type { Bindings } from "../env";
import { decryptSecret } from "../lib/crypto";
import { KeptReads } from "../lib/kept-reads";

export interface ChannelCredentials {
  /** Our channel row id. */
  id: string;
  workspaceId: string;
  name: string;
  lineChannelId: string;
  channelSecret: string;
  accessToken: string;
  /** The bot's user id from /v2/bot/info; null until an admin has checked the channel. */
  botUserId: string | null;
  /** False while disabled in Settings → Channels: webhooks are refused and nothing is sent. */
  enabled: boolean;
}

export const CACHE_TTL_MS = 5_000;
// A miss is not kept, so a channel added in settings works at once.
const kept = new KeptReads<ChannelCredentials | null>({ ttlMs: CACHE_TTL_MS, max: 500, keep: (channel) => channel !== null });

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
    botUserId: row.botUserId,
    enabled: row.disabledAt === null,
  };
}

function cached(env: Bindings, where: "line" | "id", key: string, now: number): Promise<ChannelCredentials | null> {
  return kept.get(`${where}:${key}`, now, () => load(env, where, key));
}

/** By LINE's channel id (the webhook URL segment). */
export function channelByLineId(env: Bindings, lineChannelId: string, now = Date.now()) {
  return cached(env, "line", lineChannelId, now);
}

/** By our channel row id (inside a ConversationDO). */
export function channelById(env: Bindings, id: string, now = Date.now()) {
  return cached(env, "id", id, now);
}

/** Drops this isolate's cached channels; call after every change to a channel row. */
export function forgetChannels(): void {
  kept.forget();
}
