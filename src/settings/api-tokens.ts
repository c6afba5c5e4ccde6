// API tokens for the REST API (/api/v1): created by admins in Settings → API,
// shown once, stored as SHA-256, listed newest first (keyset), revoked in place.
// The bearer check itself lives in src/auth/middleware.ts (requireApiToken).
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { auditInsert } from "../db/audit";
import { db, schema } from "../db/client";
import { randomToken, sha256Hex } from "../lib/crypto";
import { newId } from "../lib/ids";
import { forgetApiTokens } from "../auth/api-token-check";
import { decodeCursor, encodeCursor } from "./queries/cursor";
import { t } from "../ui/i18n";

export const TOKEN_PREFIX = "ld_";
/** `ld_` plus this many characters of the token are shown in the list (about 40 of its 256 random bits). */
const SHOWN_CHARACTERS = 7;
export const TOKEN_NAME_MAX = 60;
export const TOKENS_PER_PAGE = 25;

export const API_SCOPES = ["read", "read_write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];
/** "Read only" / "Read and write" in the reader's language. */
export function scopeLabel(scope: ApiScope): string {
  return t(`settings.api.scope.${scope}`);
}

const DAY = 24 * 60 * 60 * 1000;
export const EXPIRY_CHOICES = { never: null, "30d": 30 * DAY, "90d": 90 * DAY, "365d": 365 * DAY } as const;
export type ExpiryChoice = keyof typeof EXPIRY_CHOICES;
export const EXPIRY_ORDER: readonly ExpiryChoice[] = ["never", "30d", "90d", "365d"];

export function expiryLabel(choice: ExpiryChoice): string {
  return t(`settings.api.expiry.${choice}`);
}

export const apiTokenForm = z.object({
  name: z
    .string({ error: () => t("settings.api.nameMissing") })
    .trim()
    .min(1, { error: () => t("settings.api.nameMissing") })
    .max(TOKEN_NAME_MAX, { error: () => t("settings.api.nameTooLong", { max: TOKEN_NAME_MAX }) }),
  scope: z.enum(API_SCOPES, { error: () => t("settings.api.scopeInvalid") }),
  expires: z.enum(["never", "30d", "90d", "365d"], { error: () => t("settings.api.expiresInvalid") }).default("never"),
});
export type ApiTokenFormValues = { name: string; scope: string; expires: string };

export interface ApiTokenRow {
  id: string;
  name: string;
  scope: ApiScope;
  prefix: string | null;
  createdAt: number;
  createdByName: string | null;
  lastUsedAt: number | null;
  expiresAt: number | null;
  revokedAt: number | null;
}

export interface ApiTokenPage {
  items: ApiTokenRow[];
  nextCursor: string | null;
}

const tok = schema.apiTokens;

/** A new token: `ld_` + 32 random bytes (base64url). */
export function generateApiToken(): string {
  return `${TOKEN_PREFIX}${randomToken(32)}`;
}

/** The non-secret start of a token, e.g. `ld_Xb3kQ9a`. */
export function tokenPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + SHOWN_CHARACTERS);
}

/** What the list and one token's row show (never the hash). */
const ROW_COLUMNS = {
  id: tok.id,
  name: tok.name,
  scope: tok.scope,
  prefix: tok.prefix,
  createdAt: tok.createdAt,
  createdByName: schema.users.name,
  lastUsedAt: tok.lastUsedAt,
  expiresAt: tok.expiresAt,
  revokedAt: tok.revokedAt,
};

/** The workspace's tokens, newest first (revoked ones too, marked), one keyset page at a time. */
export async function listApiTokens(d1: D1Database, workspaceId: string, cursorText?: string, limit = TOKENS_PER_PAGE): Promise<ApiTokenPage> {
  const cursor = decodeCursor(cursorText);
  const createdAt = cursor ? Number(cursor.key) : NaN;
  const after = cursor && Number.isFinite(createdAt) ? or(lt(tok.createdAt, createdAt), and(eq(tok.createdAt, createdAt), lt(tok.id, cursor.id))) : undefined;
  const rows = await db(d1)
    .select(ROW_COLUMNS)
    .from(tok)
    .leftJoin(schema.users, eq(schema.users.id, tok.createdBy))
    .where(and(eq(tok.workspaceId, workspaceId), after))
    .orderBy(desc(tok.createdAt), desc(tok.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ key: String(last.createdAt), id: last.id }) : null };
}

export async function findApiToken(d1: D1Database, workspaceId: string, id: string): Promise<ApiTokenRow | null> {
  const row = await db(d1)
    .select(ROW_COLUMNS)
    .from(tok)
    .leftJoin(schema.users, eq(schema.users.id, tok.createdBy))
    .where(and(eq(tok.id, id), eq(tok.workspaceId, workspaceId)))
    .get();
  return row ?? null;
}

export interface CreatedApiToken {
  row: ApiTokenRow;
  /** The bearer token: show it once in the response that created it; never store or log it. */
  token: string;
}

/** Creates a token; only its SHA-256 and its short prefix are stored. */
export async function createApiToken(
  d1: D1Database,
  ctx: { workspaceId: string; actorId: string; actorName: string },
  input: { name: string; scope: ApiScope; expires: ExpiryChoice },
  now = Date.now(),
): Promise<CreatedApiToken> {
  const d = db(d1);
  const token = generateApiToken();
  const id = newId("tok", now);
  const ttl = EXPIRY_CHOICES[input.expires];
  const expiresAt = ttl === null ? null : now + ttl;
  const prefix = tokenPrefix(token);
  await d.batch([
    d.insert(tok).values({ id, workspaceId: ctx.workspaceId, name: input.name, tokenHash: await sha256Hex(token), scope: input.scope, prefix, createdBy: ctx.actorId, createdAt: now, expiresAt }),
    auditInsert(d1, { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "api_token.created", targetType: "api_token", targetId: id, data: { name: input.name, scope: input.scope, expiresAt } }, now),
  ]);
  return {
    token,
    row: { id, name: input.name, scope: input.scope, prefix, createdAt: now, createdByName: ctx.actorName, lastUsedAt: null, expiresAt, revokedAt: null },
  };
}

/**
 * Revokes a token of this workspace: every request with it answers 401 from
 * now on. Returns the revoked row, or null when there is no such active token.
 */
export async function revokeApiToken(d1: D1Database, ctx: { workspaceId: string; actorId: string }, id: string, now = Date.now()): Promise<{ id: string; name: string } | null> {
  const d = db(d1);
  const revoked = await d
    .update(tok)
    .set({ revokedAt: now, revokedBy: ctx.actorId })
    .where(and(eq(tok.id, id), eq(tok.workspaceId, ctx.workspaceId), isNull(tok.revokedAt)))
    .returning({ id: tok.id, name: tok.name });
  const row = revoked[0];
  if (!row) return null;
  forgetApiTokens();
  await auditInsert(d1, { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "api_token.revoked", targetType: "api_token", targetId: id, data: { name: row.name } }, now);
  return row;
}

/** Active tokens (not revoked, not expired) of the workspace, capped: the page header's count. */
export async function activeTokenCount(d1: D1Database, workspaceId: string, now = Date.now()): Promise<number> {
  const row = await db(d1)
    .select({ n: sql<number>`count(*)` })
    .from(tok)
    .where(and(eq(tok.workspaceId, workspaceId), isNull(tok.revokedAt), or(isNull(tok.expiresAt), sql`${tok.expiresAt} > ${now}`)))
    .get();
  return Number(row?.n ?? 0);
}
