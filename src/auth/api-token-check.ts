// The API token rows the bearer check reads, kept a few seconds per isolate. An
// integration calling the API a hundred times a second asked D1 for the same row a
// hundred times a second (issue 12's pacing profile); D1 is one database for every
// workspace, so that read competed with the inbox's. A revoke made in this isolate
// is seen at once (revokeApiToken calls forgetApiTokens); one made on another
// instance within API_TOKEN_TTL_MS, like settings (db/workspace-features.ts).
// Expiry is checked on every request against the kept row, so it is exact.
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { db, schema } from "../db/client";
import { KeptReads } from "../lib/kept-reads";

/** How long a token row is used again without asking D1. */
export const API_TOKEN_TTL_MS = 5_000;
/** Rows kept per isolate (only tokens that exist are kept, so guessing cannot fill it). */
const KEPT_TOKENS = 1_000;

export interface ApiTokenRow {
  id: string;
  workspaceId: string;
  name: string;
  scope: "read" | "read_write";
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  demo: number;
}

const kept = new KeptReads<ApiTokenRow | null>({ ttlMs: API_TOKEN_TTL_MS, max: KEPT_TOKENS, keep: (row) => row !== null });

/** The token with this SHA-256, or null when there is none. */
export function apiTokenByHash(d1: D1Database, tokenHash: string, now = Date.now()): Promise<ApiTokenRow | null> {
  return kept.get(tokenHash, now, async () => {
    const t = schema.apiTokens;
    const row = await db(d1)
      .select({ id: t.id, workspaceId: t.workspaceId, name: t.name, scope: t.scope, expiresAt: t.expiresAt, revokedAt: t.revokedAt, lastUsedAt: t.lastUsedAt, demo: t.demo })
      .from(t)
      .where(eq(t.tokenHash, tokenHash))
      .get();
    return row ?? null;
  });
}

/** Records a use, at most once per `resolutionMs` per token (conditional, so concurrent calls write once). */
export async function recordApiTokenUse(d1: D1Database, row: ApiTokenRow, now: number, resolutionMs: number): Promise<void> {
  if (row.lastUsedAt !== null && now - row.lastUsedAt < resolutionMs) return;
  // The kept row learns it too, or every call until it expires would write again.
  row.lastUsedAt = now;
  const t = schema.apiTokens;
  await db(d1)
    .update(t)
    .set({ lastUsedAt: now })
    .where(and(eq(t.id, row.id), or(isNull(t.lastUsedAt), lt(t.lastUsedAt, now - resolutionMs + 1))));
}

/** After a revoke (or any change to tokens) in this isolate: read them from D1 again. */
export function forgetApiTokens(): void {
  kept.forget();
}
