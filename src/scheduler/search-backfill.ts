// Cron job: fills the short-query search index (conversation_search_short) for
// documents written before it existed. Walks conversation_search by rowid, a few
// thousand documents a minute (each chunk one D1 batch), recording how far it got
// in search_backfills; once it reaches the end it stops for good, since every new
// document is written to both indexes (src/conversations/search-docs.ts). At 1M
// documents that is a few hours; meanwhile 2-character searches miss only the
// older messages. INSERT OR REPLACE keeps it idempotent: a chunk retried after a
// failure, or a document already written by the live path, is simply rewritten.
import { eq } from "drizzle-orm";
import type { Bindings } from "../env";
import { db, schema } from "../db/client";
import { shortSearchDocument } from "../lib/search-grams";

const NAME = "short";
const CHUNK = 500;
const CHUNKS_PER_RUN = 8;

/** Runs up to CHUNKS_PER_RUN chunks; returns how many documents it copied (0 once finished). */
export async function backfillShortSearch(env: Pick<Bindings, "DB">, now: number): Promise<number> {
  const d = db(env.DB);
  const state = await d.select().from(schema.searchBackfills).where(eq(schema.searchBackfills.name, NAME)).get();
  if (state?.finishedAt) return 0;
  let after = state?.doneThroughRowid ?? 0;
  let copied = 0;
  for (let chunk = 0; chunk < CHUNKS_PER_RUN; chunk++) {
    const rows = (
      await env.DB.prepare("SELECT rowid AS id, content FROM conversation_search WHERE rowid > ?1 ORDER BY rowid LIMIT ?2").bind(after, CHUNK).all<{ id: number; content: string }>()
    ).results;
    const finished = rows.length < CHUNK;
    after = rows.at(-1)?.id ?? after;
    const inserts = rows.flatMap((row) => {
      const terms = shortSearchDocument(row.content);
      return terms ? [env.DB.prepare("INSERT OR REPLACE INTO conversation_search_short (rowid, terms) VALUES (?1, ?2)").bind(row.id, terms)] : [];
    });
    const progress = env.DB.prepare(
      `INSERT INTO search_backfills (name, done_through_rowid, finished_at, updated_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (name) DO UPDATE SET done_through_rowid = excluded.done_through_rowid, finished_at = excluded.finished_at, updated_at = excluded.updated_at`,
    ).bind(NAME, after, finished ? now : null, now);
    // The documents and the progress in one batch: a failed chunk is redone, never skipped.
    await env.DB.batch([...inserts, progress]);
    copied += rows.length;
    if (finished) break;
  }
  return copied;
}
