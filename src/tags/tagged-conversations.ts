// Which conversations a tag covers: those tagged directly (conversation_tags, kept
// in list order) and those whose contact carries the tag (contact_tags). So
// "customers tagged VIP" show under the VIP filter, and its count says so. The
// inbox's list and Filters counts, and the REST API's ?tag=, read it from here.
import { and, count, inArray, sql, type SQL } from "drizzle-orm";
import { chunked } from "../db/bind-limit";
import { db, schema } from "../db/client";

const c = schema.conversations;

/**
 * Conditions for "the contact carries the tag". The unary `+` keeps SQLite off the
 * workspace indexes, so it walks the tag's contacts (contact_tags_tag_idx) and
 * their conversations (conversations_contact_idx): the cost grows with the tag's
 * contacts, not with the size of the view.
 */
export function contactCarriesTag(workspaceId: string, tagId: string): SQL[] {
  return [sql`+${c.workspaceId} = ${workspaceId}`, sql`${c.contactId} IN (SELECT contact_id FROM contact_tags WHERE tag_id = ${tagId})`];
}

/**
 * How many of the conversations `ids` the tag covers through their contact: taking
 * the tag off those conversations leaves them under the tag (the contact still has it).
 */
export async function carriedByContact(d1: D1Database, workspaceId: string, tagId: string, ids: readonly string[]): Promise<number> {
  let total = 0;
  for (const part of chunked(ids)) {
    const row = await db(d1)
      .select({ n: count() })
      .from(c)
      .where(and(inArray(c.id, part), ...contactCarriesTag(workspaceId, tagId)))
      .get();
    total += row?.n ?? 0;
  }
  return total;
}

interface Listed {
  id: string;
  pinned: number;
  lastActivityAt: number;
}

/**
 * Both streams (each already in list order, each at most `limit` rows after the
 * same cursor) as one page in list order — pinned first, newest activity, id —
 * without duplicates (a conversation tagged both ways).
 */
export function inListOrder<T extends Listed>(direct: T[], viaContact: T[], limit: number): T[] {
  const seen = new Set<string>();
  const all = [...direct, ...viaContact].filter((row) => !seen.has(row.id) && Boolean(seen.add(row.id)));
  all.sort((a, b) => b.pinned - a.pinned || b.lastActivityAt - a.lastActivityAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return all.slice(0, limit);
}

/** Active conversations a tag covers (either way), counted up to `cap`: the Filters → Tag number. */
export function activeTaggedCount(d1: D1Database, workspaceId: string, tagId: string, cap: number): D1PreparedStatement {
  return d1
    .prepare(
      `SELECT COUNT(*) AS n FROM (
         SELECT conversation_id FROM conversation_tags WHERE workspace_id = ?1 AND tag_id = ?2 AND bucket = 'active'
         UNION
         SELECT id FROM conversations WHERE +workspace_id = ?1 AND +bucket = 'active' AND contact_id IN (SELECT contact_id FROM contact_tags WHERE tag_id = ?2)
         LIMIT ${cap})`,
    )
    .bind(workspaceId, tagId);
}
