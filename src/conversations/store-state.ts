// The ConversationDO's own state next to its thread: metadata (meta table), the
// outbox of work to do after the ack, and the domain events waiting for their
// listeners (events table). ThreadStore (store.ts) adds the thread.
import type { EventJob, JobKind, JobPayloads, MetaKey, MetaValue } from "./meta";
import { num, type Row } from "./store-schema";

export interface OutboxJob {
  id: string;
  kind: string;
  payload: string;
  attempts: number;
  nextAt: number;
  generation: number;
}

/** A domain event waiting for its listeners (the events table): `payload` is its EventJob as JSON. */
export interface StoredEvent {
  seq: number;
  payload: string;
  attempts: number;
  nextAt: number;
}

const toJob = (r: Row): OutboxJob => ({ id: String(r.id), kind: String(r.kind), payload: String(r.payload), attempts: num(r.attempts), nextAt: num(r.next_at), generation: num(r.generation) });

const UPSERT_META = "INSERT INTO meta (key, value) VALUES";
const ON_META_CONFLICT = "ON CONFLICT(key) DO UPDATE SET value = excluded.value";

/** Due jobs in run order. */
export const DUE_JOBS_SQL = "SELECT id, kind, payload, attempts, next_at, generation FROM outbox WHERE next_at <= ? ORDER BY next_at, rowid LIMIT ?";
/** Due events in the order they were emitted (a walk of the table's only b-tree). */
export const DUE_EVENTS_SQL = "SELECT seq, payload, attempts, next_at FROM events WHERE next_at <= ? ORDER BY seq LIMIT ?";

/**
 * The meta table is small (identity, triage, counters, listeners' state) and read
 * many times per message by ingest, the index writer and every listener, so each
 * key is kept in memory once read and written through (an unchanged value is not
 * written again). Only this class writes the table, and a rolled-back transaction
 * calls forgetKept.
 */
export class ConversationState {
  /** Meta values as stored (JSON text; null: absent). */
  private readonly kept = new Map<MetaKey, string | null>();
  /** True when `kept` holds the whole table: a key it lacks is absent (a new conversation). */
  private keptAll = false;
  /** The earliest time a job was queued for since the last takeEarliestQueued. */
  private earliestQueued: number | null = null;
  /**
   * Jobs this instance queued that no run has read since: id → no later than when, with
   * what payload. Queuing one again no earlier and with the same payload would change
   * nothing but its generation, which matters only while it runs (the index job is queued
   * by every message and twice by every send), so that write is skipped. A job leaves
   * this map as soon as a run reads it (queued again while it runs, it must run once
   * more) and when it is finished, postponed or rewritten, and the map empties on rollback.
   */
  private readonly waiting = new Map<string, { at: number; payload: string }>();
  /**
   * Jobs a run is running now whose row still holds the due time that run serves. Queued
   * again meanwhile, such a job takes the new time, not the earlier stale one (which would
   * run it again at once). Kept in memory only: after a crash the row is still due.
   */
  private readonly running = new Set<string>();
  /** Meta keys changed in memory and not yet written: inside gatherMeta, or hints held back (setMetaLater). */
  private readonly unwritten = new Set<MetaKey>();
  private gathering = 0;

  constructor(protected readonly sql: SqlStorage) {}

  // --- metadata -------------------------------------------------------------

  /** The value stored under a meta key (its type per MetaValues), null when absent. */
  getMeta<K extends MetaKey>(key: K): MetaValue<K> | null {
    let text = this.kept.get(key);
    if (text === undefined) {
      if (this.keptAll) text = null;
      else {
        const row = this.sql.exec("SELECT value FROM meta WHERE key = ?", key).toArray()[0];
        text = row ? String(row.value) : null;
      }
      this.kept.set(key, text);
    }
    return text === null ? null : (JSON.parse(text) as MetaValue<K>);
  }

  setMeta<K extends MetaKey>(key: K, value: MetaValue<K> | null): void {
    // With any hints held back (setMetaLater), in one statement.
    if (this.hold(key, value) && this.gathering === 0) this.writeGathered();
  }

  /**
   * Sets a key that is only a hint (when the index or the events last ran: it spaces the
   * next run) in memory now, and writes it with the next meta write. In workerd every turn
   * that writes pays a commit of its own, so a hint set just before an await must not make
   * that turn a writing one. Lost if the object goes away first, which costs one run that
   * comes a little early.
   */
  setMetaLater<K extends MetaKey>(key: K, value: MetaValue<K> | null): void {
    this.hold(key, value);
  }

  /** Keeps a changed value in memory, to be written; false when it is what is kept already. */
  private hold<K extends MetaKey>(key: K, value: MetaValue<K> | null): boolean {
    const text = JSON.stringify(value);
    if (this.kept.get(key) === text) return false;
    this.kept.set(key, text);
    this.unwritten.add(key);
    return true;
  }

  /**
   * Runs `fn` (inside a storage transaction) with its meta writes gathered: each key is
   * written once, all in one statement, when the outermost `fn` returns. A message sets
   * three or four keys, so a webhook batch of any size writes the meta table once. If `fn`
   * throws, nothing is written and the transaction's rollback calls forgetKept.
   */
  gatherMeta<T>(fn: () => T): T {
    this.gathering++;
    try {
      const result = fn();
      if (this.gathering === 1) this.writeGathered();
      return result;
    } finally {
      this.gathering--;
    }
  }

  private writeGathered(): void {
    if (!this.unwritten.size) return;
    const keys = [...this.unwritten];
    this.unwritten.clear();
    // Chunks keep each statement well under any bound-parameter limit.
    for (let i = 0; i < keys.length; i += 32) {
      const chunk = keys.slice(i, i + 32);
      const values = chunk.flatMap((key) => [key, this.kept.get(key) ?? "null"]);
      this.sql.exec(`${UPSERT_META} ${chunk.map(() => "(?, ?)").join(", ")} ${ON_META_CONFLICT}`, ...values);
    }
  }

  /** A new conversation's meta table holds only what its creation wrote: nothing else needs reading. */
  protected keptAllExcept(written: Array<[MetaKey, string]>): void {
    this.kept.clear();
    for (const [key, text] of written) this.kept.set(key, text);
    this.keptAll = true;
  }

  /** Call when a transaction rolled back: what is kept in memory may be what it wrote. */
  forgetKept(): void {
    this.kept.clear();
    this.keptAll = false;
    this.waiting.clear();
    this.unwritten.clear();
  }

  // --- outbox ---------------------------------------------------------------

  /**
   * Queues a job (kinds and payloads typed in meta.ts). A job already queued
   * under `id` keeps the earlier of both times, or with `replace` moves to `nextAt`;
   * either way it runs once more even if it is running now (generation).
   */
  enqueue<K extends JobKind>(id: string, kind: K, payload: JobPayloads[K], nextAt: number, options: { replace?: boolean } = {}): void {
    const text = JSON.stringify(payload);
    const known = this.waiting.get(id);
    if (!options.replace && known && known.at <= nextAt && known.payload === text) return;
    const stale = this.running.delete(id);
    this.sql.exec(
      `INSERT INTO outbox (id, kind, payload, next_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET next_at = ${options.replace || stale ? "excluded.next_at" : "MIN(next_at, excluded.next_at)"}, kind = excluded.kind,
         payload = excluded.payload, generation = generation + 1, attempts = ${options.replace ? "0" : "attempts"}`,
      id,
      kind,
      text,
      nextAt,
    );
    // Stored now: nextAt, or (without replace) an earlier time it already had.
    this.waiting.set(id, { at: nextAt, payload: text });
    this.queuedFor(nextAt);
  }

  /** Remembers a due time just queued, for takeEarliestQueued. */
  private queuedFor(at: number): void {
    if (this.earliestQueued === null || at < this.earliestQueued) this.earliestQueued = at;
  }

  /** The earliest due time enqueued since the last call (null: nothing), and starts over. */
  takeEarliestQueued(): number | null {
    const at = this.earliestQueued;
    this.earliestQueued = null;
    return at;
  }

  /** When the job `id` is due, null when no such job is queued. */
  jobAt(id: string): number | null {
    const row = this.sql.exec("SELECT next_at FROM outbox WHERE id = ?", id).toArray()[0];
    return row ? num(row.next_at) : null;
  }

  /** Due jobs (domain events are apart: dueEvents), oldest first. */
  dueJobs(now: number, limit = 100): OutboxJob[] {
    const jobs = this.sql.exec(DUE_JOBS_SQL, now, limit).toArray().map(toJob);
    for (const job of jobs) this.waiting.delete(job.id);
    return jobs;
  }

  /** The job as stored now (a job read earlier may have been enqueued again since). */
  job(id: string): OutboxJob | null {
    this.waiting.delete(id);
    const row = this.sql.exec("SELECT id, kind, payload, attempts, next_at, generation FROM outbox WHERE id = ?", id).toArray()[0];
    return row ? toJob(row) : null;
  }

  /** A run starts the job `id` (read by job()): see `running`. */
  startJob(id: string): void {
    this.running.add(id);
  }

  /** When the earliest job or event is due, null when none is queued. */
  nextJobAt(): number | null {
    const row = this.sql.exec("SELECT MIN(at) AS at FROM (SELECT MIN(next_at) AS at FROM outbox UNION ALL SELECT MIN(next_at) FROM events)").one();
    return row.at === null ? null : num(row.at);
  }

  finishJob(id: string): void {
    this.waiting.delete(id);
    this.running.delete(id);
    this.sql.exec("DELETE FROM outbox WHERE id = ?", id);
  }

  /**
   * Removes a job that ran, unless it was enqueued again while it ran (a new
   * message during an index write): then it stays due and runs once more.
   */
  completeJob(job: Pick<OutboxJob, "id" | "generation">): void {
    this.waiting.delete(job.id);
    this.running.delete(job.id);
    this.sql.exec("DELETE FROM outbox WHERE id = ? AND generation = ?", job.id, job.generation);
  }

  postponeJob(id: string, attempts: number, nextAt: number, error: string): void {
    this.waiting.delete(id);
    this.running.delete(id);
    this.sql.exec("UPDATE outbox SET attempts = ?, next_at = ?, last_error = ? WHERE id = ?", attempts, nextAt, error, id);
  }

  /** Jobs and events queued. */
  pendingJobs(): number {
    return num(this.sql.exec("SELECT (SELECT COUNT(*) FROM outbox) + (SELECT COUNT(*) FROM events) AS n").one().n);
  }

  // --- domain events (their own table: one b-tree, in the order emitted) --------------

  /** Queues a domain event for its listeners (see emit.ts). */
  enqueueEvent(job: EventJob, nextAt: number): void {
    this.sql.exec("INSERT INTO events (payload, next_at) VALUES (?, ?)", JSON.stringify(job), nextAt);
    this.queuedFor(nextAt);
  }

  /** Events due by `now`, in the order they were emitted. */
  dueEvents(now: number, limit = 100): StoredEvent[] {
    return this.sql
      .exec(DUE_EVENTS_SQL, now, limit)
      .toArray()
      .map((r) => ({ seq: num(r.seq), payload: String(r.payload), attempts: num(r.attempts), nextAt: num(r.next_at) }));
  }

  /** Removes events every listener is done with (one statement for a run). */
  finishEvents(seqs: number[]): void {
    if (seqs.length) this.sql.exec("DELETE FROM events WHERE seq IN (SELECT value FROM json_each(?))", JSON.stringify(seqs));
  }

  /** Records which listeners are done with an event, before it is retried. */
  setEventPayload(seq: number, job: EventJob): void {
    this.sql.exec("UPDATE events SET payload = ? WHERE seq = ?", JSON.stringify(job), seq);
  }

  postponeEvent(seq: number, attempts: number, nextAt: number, error: string): void {
    this.sql.exec("UPDATE events SET attempts = ?, next_at = ?, last_error = ? WHERE seq = ?", attempts, nextAt, error, seq);
  }
}
