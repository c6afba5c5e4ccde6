// Reads from D1 that rarely change (a channel's credentials, a workspace's features, a
// channel's automation, an API token), kept per isolate for a few seconds: each of them
// was asked for by every message or API call. A change made in this isolate forgets its
// entries at once; one made on another instance is seen within the TTL.
//
// What is kept is the read's promise, so concurrent callers share one read. A read that
// fails is dropped (the next caller asks again), and so is an answer `keep` refuses (a
// channel or token that does not exist yet is asked for again, so one created a moment
// later works at once, and guesses cannot fill the map). The map is emptied when full.

export interface KeptReadsOptions<V> {
  /** How long an answer is used again (inclusive). */
  ttlMs: number;
  /** Entries kept at most; the map starts over when it is full. */
  max: number;
  /** Whether an answer is kept (default: every answer). */
  keep?: (value: V) => boolean;
}

export class KeptReads<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(private readonly options: KeptReadsOptions<V>) {}

  /** The kept answer for `key` when it is at most ttlMs old at `now`, else `read()`'s. */
  get(key: string, now: number, read: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && now >= hit.at && now - hit.at <= this.options.ttlMs) return hit.value;
    const value = read();
    const entry = { at: now, value };
    const drop = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    const keep = this.options.keep;
    value.then((v) => (keep && !keep(v) ? drop() : undefined), drop);
    if (this.entries.size >= this.options.max) this.entries.clear();
    this.entries.set(key, entry);
    return value;
  }

  /** Forgets one key, or everything. */
  forget(key?: string): void {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }
}
