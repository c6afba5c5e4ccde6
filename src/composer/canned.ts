// Canned replies for the composer's `/` search: the workspace's shared replies
// plus the agent's own, matched by shortcut (prefix first) or body text.
import { sql } from "drizzle-orm";
import { db, schema } from "../db/client";
import { fillTemplate } from "./messages";

export interface CannedMatch {
  id: string;
  shortcut: string;
  /** With the variables filled in. */
  body: string;
  personal: boolean;
}

const LIMIT = 8;

/** `%`, `_` and `\` typed by the agent are literal characters, not LIKE wildcards. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

export async function searchCannedReplies(
  d1: D1Database,
  input: { workspaceId: string; userId: string; query: string; contactName: string; agentName: string },
): Promise<CannedMatch[]> {
  const t = schema.cannedReplies;
  const q = likeEscape(input.query.trim().toLowerCase());
  const prefix = `${q}%`;
  const anywhere = `%${q}%`;
  const rows = await db(d1)
    .select({ id: t.id, shortcut: t.shortcut, body: t.body, ownerId: t.ownerId })
    .from(t)
    .where(
      sql`${t.workspaceId} = ${input.workspaceId}
        AND (${t.ownerId} IS NULL OR ${t.ownerId} = ${input.userId})
        AND (lower(${t.shortcut}) LIKE ${anywhere} ESCAPE '\\' OR lower(${t.body}) LIKE ${anywhere} ESCAPE '\\')`,
    )
    .orderBy(sql`CASE WHEN lower(${t.shortcut}) LIKE ${prefix} ESCAPE '\\' THEN 0 ELSE 1 END`, sql`${t.ownerId} IS NULL`, t.shortcut)
    .limit(LIMIT)
    .all();
  return rows.map((r) => ({
    id: r.id,
    shortcut: r.shortcut,
    body: fillTemplate(r.body, { contactName: input.contactName, agentName: input.agentName }),
    personal: r.ownerId !== null,
  }));
}
