// Identifiers: time-sortable ids for rows we create, UUIDs where LINE asks for one.

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

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
  const random = crypto.getRandomValues(new Uint8Array(10));
  let tail = "";
  for (const b of random) tail += ALPHABET[b % 32];
  return `${prefix}_${time}${tail}`;
}

/** X-Line-Retry-Key must be a UUID (v4 is what LINE's docs use). */
export function newRetryKey(): string {
  return crypto.randomUUID();
}
