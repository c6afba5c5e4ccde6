// A conversation's search documents in D1: one per searchable message (text, note,
// sticker keywords, location, file name) and one for its title (the contact or group
// name). Each document is a row of conversation_search (FTS5 trigram: queries of 3+
// characters) and, under the same rowid, of conversation_search_short (2-character
// terms, see src/lib/search-grams.ts). Both go through D1 directly: drizzle has no
// model for virtual tables.
import { shortSearchDocument } from "../lib/search-grams";
import type { ThreadMessage } from "./model";
import type { ConversationRuntime } from "./runtime";

const INSERT_DOC = "INSERT INTO conversation_search (conversation_id, workspace_id, doc_id, content) VALUES (?1, ?2, ?3, ?4)";
// Runs right after INSERT_DOC in the same batch (one connection, in order), so the
// twin row takes the rowid the trigram document just got.
const INSERT_SHORT = "INSERT INTO conversation_search_short (rowid, terms) VALUES (last_insert_rowid(), ?1)";
// Many documents in two statements, not two per document (a busy chat's index write carries
// dozens). ?3 is a JSON array of [docId, text], inserted in its order: one writer, so the
// new rowids are consecutive and the last is last_insert_rowid(). ?2 holds each document's
// short terms ("" for none) in the same order; the twin of document k takes that rowid
// minus (count - 1 - k). The uncorrelated subquery is read once, before the first twin.
const INSERT_DOCS =
  "INSERT INTO conversation_search (conversation_id, workspace_id, doc_id, content) SELECT ?1, ?2, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?3) ORDER BY key";
const INSERT_SHORTS =
  "INSERT INTO conversation_search_short (rowid, terms) SELECT (SELECT last_insert_rowid()) - ?1 + 1 + key, value FROM json_each(?2) WHERE value != '' ORDER BY key";

export function isSearchable(m: ThreadMessage): boolean {
  return !m.unsent && (m.body.type === "text" || m.body.type === "note" || (m.body.type === "sticker" && !!m.body.text) || m.body.type === "location" || m.body.type === "file");
}

export function searchText(m: ThreadMessage): string {
  const b = m.body;
  if (b.type === "text" || b.type === "note") return b.text;
  if (b.type === "sticker") return b.text ?? "";
  if (b.type === "location") return [b.title, b.address].filter(Boolean).join(" ");
  if (b.type === "file") return b.fileName;
  return "";
}

/** The statements that add one document to both indexes (the short one only when it has terms). */
export function documentStatements(d1: D1Database, doc: { conversationId: string; workspaceId: string; docId: string; text: string }): D1PreparedStatement[] {
  const terms = shortSearchDocument(doc.text);
  return [d1.prepare(INSERT_DOC).bind(doc.conversationId, doc.workspaceId, doc.docId, doc.text), ...(terms ? [d1.prepare(INSERT_SHORT).bind(terms)] : [])];
}

/** Statements for one D1 batch, and what to remember once that batch is written. */
export interface SearchWrite {
  statements: D1PreparedStatement[];
  /** Call with the batch's results for `statements` (in order). */
  written(results: D1Result[]): void;
}

/**
 * Adds the documents of `messages` and, when the title changed, replaces the title
 * document. The old title document is deleted by its rowid (remembered in the DO's
 * meta), not by conversation id, which FTS5 cannot look up without reading every row;
 * conversations indexed before rowids were remembered fall back to that once.
 * The statements ride in the caller's batch (the index write): one D1 round trip.
 */
export function searchDocumentsWrite(rt: ConversationRuntime, input: { conversationId: string; workspaceId: string; title: string; messages: ThreadMessage[] }): SearchWrite {
  const { store } = rt;
  const d1 = rt.env.DB;
  const { conversationId, workspaceId, title } = input;
  const previousTitle = store.getMeta("searchTitle");
  const titleChanged = previousTitle !== title;
  const statements: D1PreparedStatement[] = [];
  let titleInsertAt = -1;
  if (titleChanged) {
    const previousRowid = store.getMeta("searchTitleRowid");
    if (previousRowid !== null) {
      statements.push(
        d1.prepare("DELETE FROM conversation_search_short WHERE rowid = ?1").bind(previousRowid),
        d1.prepare("DELETE FROM conversation_search WHERE rowid = ?1").bind(previousRowid),
      );
    } else if (previousTitle !== null) {
      statements.push(
        d1.prepare("DELETE FROM conversation_search_short WHERE rowid IN (SELECT rowid FROM conversation_search WHERE conversation_id = ?1 AND doc_id = 'title')").bind(conversationId),
        d1.prepare("DELETE FROM conversation_search WHERE conversation_id = ?1 AND doc_id = 'title'").bind(conversationId),
      );
    }
    titleInsertAt = statements.length;
    statements.push(...documentStatements(d1, { conversationId, workspaceId, docId: "title", text: title }));
  }
  if (input.messages.length) {
    const docs = input.messages.map((m) => [m.id, searchText(m)] as const);
    statements.push(
      d1.prepare(INSERT_DOCS).bind(conversationId, workspaceId, JSON.stringify(docs)),
      d1.prepare(INSERT_SHORTS).bind(docs.length, JSON.stringify(docs.map(([, text]) => shortSearchDocument(text)))),
    );
  }
  return {
    statements,
    written(results) {
      if (!titleChanged) return;
      store.setMeta("searchTitle", title);
      const rowid = results[titleInsertAt]?.meta.last_row_id;
      if (typeof rowid === "number") store.setMeta("searchTitleRowid", rowid);
    },
  };
}
