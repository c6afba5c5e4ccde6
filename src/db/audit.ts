// The audit log: who changed what, when. Written next to the change it records.
import { newId } from "../lib/ids";
import { db, schema } from "./client";

export interface AuditEntry {
  workspaceId: string;
  /** A user id, an API token id (REST API changes), or null for automation. */
  actorId: string | null;
  /** e.g. "conversation.assigned", "user.deactivated", "invite.created". */
  action: string;
  targetType: string;
  targetId: string;
  data?: Record<string, unknown>;
}

export function auditInsert(d1: D1Database, entry: AuditEntry, now = Date.now()) {
  return db(d1).insert(schema.auditLogs).values({ id: newId("aud", now), ...entry, data: entry.data ?? null, createdAt: now });
}

export async function recordAudit(d1: D1Database, entry: AuditEntry, now = Date.now()): Promise<void> {
  await auditInsert(d1, entry, now);
}
