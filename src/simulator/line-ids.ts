// LINE-shaped identifiers for the simulator: user, group and room ids, numeric
// message ids, ULID webhook event ids and opaque tokens, in the formats LINE uses.
import { randomToken, sha256Hex, toHex } from "../lib/crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID (26 chars, Crockford base32, time-sortable) — LINE's webhookEventId format. */
export function ulid(now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let tail = "";
  for (const b of crypto.getRandomValues(new Uint8Array(16))) tail += CROCKFORD[b % 32];
  return time + tail;
}

function hex32(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

/** `U` + 32 hex: a user id as LINE issues it per provider. */
export function newLineUserId(): string {
  return `U${hex32()}`;
}

/** `C` + 32 hex: a group chat id. */
export function newLineGroupId(): string {
  return `C${hex32()}`;
}

/** `R` + 32 hex: a multi-person chat (room) id. */
export function newLineRoomId(): string {
  return `R${hex32()}`;
}

/** An 18-digit numeric message id; later ids compare greater, like LINE's. */
export function newLineMessageId(now = Date.now()): string {
  const random = crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
  return `${now}${String(random % 100_000).padStart(5, "0")}`;
}

/** Reply, quote and mark-as-read tokens: opaque, unguessable strings. */
export function newLineToken(): string {
  return randomToken(24);
}

/** The bot's own user id (webhook `destination`), stable per channel. */
export async function botUserIdFor(channelId: string): Promise<string> {
  return `U${(await sha256Hex(`linedesk-simulator-bot:${channelId}`)).slice(0, 32)}`;
}

export const LINE_USER_ID = /^U[0-9a-f]{32}$/;
export const LINE_GROUP_ID = /^C[0-9a-f]{32}$/;
export const LINE_ROOM_ID = /^R[0-9a-f]{32}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
