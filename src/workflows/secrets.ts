// Workspace secrets for workflows (Settings → Workflows → Secrets): write-only
// values stored encrypted with APP_SECRET (AES-GCM, like channel secrets) and
// used as {{secret.NAME}} in HTTP steps. Pages list names only; a value is
// decrypted only inside a running HTTP step and never logged.
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { auditInsert } from "../db/audit";
import { db, schema } from "../db/client";
import { decryptSecret, encryptSecret } from "../lib/crypto";
import { newId } from "../lib/ids";

const s = schema.workflowSecrets;

export const secretNameSchema = z.string().trim().regex(/^[A-Z][A-Z0-9_]{0,59}$/);

export async function secretNames(d1: D1Database, workspaceId: string): Promise<Array<{ id: string; name: string; updatedAt: number }>> {
  return db(d1).select({ id: s.id, name: s.name, updatedAt: s.updatedAt }).from(s).where(eq(s.workspaceId, workspaceId)).orderBy(asc(s.name)).limit(200).all();
}

/** Creates or replaces a secret's value. */
export async function putSecret(d1: D1Database, appSecret: string, ctx: { workspaceId: string; actorId: string | null }, name: string, value: string, now = Date.now()): Promise<void> {
  const valueEnc = await encryptSecret(appSecret, value);
  await db(d1).batch([
    db(d1)
      .insert(s)
      .values({ id: newId("wfs", now), workspaceId: ctx.workspaceId, name, valueEnc, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [s.workspaceId, s.name], set: { valueEnc, updatedAt: now } }),
    auditInsert(d1, { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "workflow.secret.saved", targetType: "workflow_secret", targetId: name }, now),
  ]);
}

export async function deleteSecret(d1: D1Database, ctx: { workspaceId: string; actorId: string | null }, id: string, now = Date.now()): Promise<boolean> {
  const row = await db(d1).select({ name: s.name }).from(s).where(and(eq(s.id, id), eq(s.workspaceId, ctx.workspaceId))).get();
  if (!row) return false;
  await db(d1).batch([
    db(d1).delete(s).where(and(eq(s.id, id), eq(s.workspaceId, ctx.workspaceId))),
    auditInsert(d1, { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "workflow.secret.deleted", targetType: "workflow_secret", targetId: row.name }, now),
  ]);
  return true;
}

/** The decrypted values of the named secrets (for one HTTP step); unknown names are left out. */
export async function revealSecrets(d1: D1Database, appSecret: string, workspaceId: string, names: string[]): Promise<Record<string, string>> {
  if (!names.length) return {};
  const rows = await db(d1).select({ name: s.name, valueEnc: s.valueEnc }).from(s).where(eq(s.workspaceId, workspaceId)).all();
  const out: Record<string, string> = {};
  for (const row of rows) if (names.includes(row.name)) out[row.name] = await decryptSecret(appSecret, row.valueEnc);
  return out;
}
