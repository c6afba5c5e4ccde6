// Inbox search: which conversations match a query, newest matching document first,
// always through an index (no pass over every message at 1M documents):
// - 3+ characters: FTS5 trigram over message text and names (conversation_search),
//   substring matches in any script;
// - 2 characters: the short-query index (conversation_search_short, 2-character terms
//   of CJK, kana, Hangul and Thai text and word starts elsewhere, see
//   src/lib/search-grams.ts), so 注文, 花子 or ขอ match inside messages and names, and
//   "re" finds words starting with it;
// - 1 character (or nothing searchable): names starting with it, on the
//   (workspace_id, title) index — a single character would match nearly everything.

import { shortSearchPhrase } from "../lib/search-grams";

/** A search matches at most this many conversations (the newest matching documents first). */
export const SEARCH_MAX = 500;

/** One matching conversation and its newest matching document: a message id, or "title" for its name. */
export interface SearchMatch {
  conversationId: string;
  docId: string;
}

type Row = { conversation_id: string; doc_id: string };

/** Phrase syntax: the query is text, never FTS5 query language. */
function phrase(q: string): string {
  return `"${q.replace(/"/g, '""')}"`;
}

/**
 * Matching conversations in order of their newest matching document, at most
 * SEARCH_MAX, each with that document's id (so a thread can open at the match).
 * Every status: callers filter by view. `q` is expected trimmed.
 */
export async function searchMatches(d1: D1Database, workspaceId: string, q: string): Promise<SearchMatch[]> {
  // Several documents of one conversation may match: read twice the cap, keep the first per conversation.
  const limit = SEARCH_MAX * 2;
  let rows: Row[];
  if ([...q].length >= 3) {
    rows = (
      await d1
        .prepare("SELECT conversation_id, doc_id FROM conversation_search WHERE conversation_search MATCH ?1 AND workspace_id = ?2 ORDER BY rowid DESC LIMIT ?3")
        .bind(phrase(q), workspaceId, limit)
        .all<Row>()
    ).results;
  } else {
    const short = shortSearchPhrase(q);
    if (short) {
      // The short index stores only terms; its rowid is the trigram document's, whose row says which conversation.
      rows = (
        await d1
          .prepare(
            `SELECT s.conversation_id, s.doc_id FROM conversation_search_short AS t CROSS JOIN conversation_search AS s ON s.rowid = t.rowid
             WHERE t.conversation_search_short MATCH ?1 AND s.workspace_id = ?2 ORDER BY t.rowid DESC LIMIT ?3`,
          )
          .bind(short, workspaceId, limit)
          .all<Row>()
      ).results;
    } else {
      // Names starting with the text: a range of the (workspace_id, title) index, not a scan.
      rows = (
        await d1
          .prepare("SELECT id AS conversation_id, 'title' AS doc_id FROM conversations WHERE workspace_id = ?1 AND title >= ?2 AND title < ?2 || char(1114111) LIMIT ?3")
          .bind(workspaceId, q, SEARCH_MAX)
          .all<Row>()
      ).results;
    }
  }
  const seen = new Set<string>();
  const out: SearchMatch[] = [];
  for (const row of rows) {
    if (seen.has(row.conversation_id)) continue;
    seen.add(row.conversation_id);
    out.push({ conversationId: row.conversation_id, docId: row.doc_id });
    if (out.length === SEARCH_MAX) break;
  }
  return out;
}

/** The ids of searchMatches(), newest match first (what the inbox list filters by). */
export async function searchIds(d1: D1Database, workspaceId: string, q: string): Promise<string[]> {
  return (await searchMatches(d1, workspaceId, q)).map((m) => m.conversationId);
}
