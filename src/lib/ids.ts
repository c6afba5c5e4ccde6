// Identifiers: time-sortable ids for rows we create, UUIDs where LINE asks for one.

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** Random bytes drawn in blocks: one getRandomValues call per 64 ids instead of one per id. */
const POOL = new Uint8Array(640);
let poolAt = POOL.length;

/**
 * A ULID-style id with a readable prefix, e.g. `msg_01hx...`. Ids created later
 * sort after earlier ones, which keeps keyset pagination stable.
 */
export function newId(prefix: string, now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  if (poolAt + 10 > POOL.length) {
    crypto.getRandomValues(POOL);
    poolAt = 0;
  }
  let tail = "";
  for (let i = poolAt; i < poolAt + 10; i++) tail += ALPHABET[(POOL[i] ?? 0) % 32];
  poolAt += 10;
  return `${prefix}_${time}${tail}`;
}

/** X-Line-Retry-Key must be a UUID (v4 is what LINE's docs use). */
export function newRetryKey(): string {
  return crypto.randomUUID();
}
