// Deletes expired agent sessions so the sessions table does not grow forever.
import { lt } from "drizzle-orm";
import { db, schema } from "../db/client";
import type { Bindings } from "../env";

export async function purgeExpiredSessions(env: Bindings, now: number): Promise<number> {
  const deleted = await db(env.DB).delete(schema.sessions).where(lt(schema.sessions.expiresAt, now)).returning({ id: schema.sessions.id });
  return deleted.length;
}
