// Duration histograms: 16 fixed buckets from under ten seconds to over three days.
// Rollups store a count per bucket, so p50/p90 are read from the rollup (linear
// within the bucket that holds the rank) instead of from raw durations.
const MIN = 60_000;
const HOUR = 60 * MIN;

/** Upper bounds (exclusive) of buckets b0..b14; b15 is everything longer. */
export const DURATION_BOUNDS_MS = [10_000, 30_000, MIN, 2 * MIN, 5 * MIN, 10 * MIN, 15 * MIN, 30 * MIN, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, 24 * HOUR, 48 * HOUR, 72 * HOUR] as const;

export const BUCKET_COUNT = DURATION_BOUNDS_MS.length + 1;

/** The column names b0..b15, in order (fixed: safe to put in SQL text). */
export const BUCKET_COLUMNS = Array.from({ length: BUCKET_COUNT }, (_, i) => `b${i}`);

export function bucketOf(ms: number): number {
  const i = DURATION_BOUNDS_MS.findIndex((bound) => ms < bound);
  return i === -1 ? DURATION_BOUNDS_MS.length : i;
}

/**
 * The q-quantile (0..1) of a histogram, interpolated inside its bucket; null
 * when empty. The open-ended last bucket reports its lower bound.
 */
export function percentile(buckets: readonly number[], q: number): number | null {
  const total = buckets.reduce((a, b) => a + b, 0);
  if (!total) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    const n = buckets[i] ?? 0;
    if (n && seen + n >= rank) {
      const lo = i === 0 ? 0 : (DURATION_BOUNDS_MS[i - 1] ?? 0);
      const hi = DURATION_BOUNDS_MS[i];
      if (hi === undefined) return lo;
      return Math.round(lo + ((rank - seen) / n) * (hi - lo));
    }
    seen += n;
  }
  return DURATION_BOUNDS_MS[DURATION_BOUNDS_MS.length - 1] ?? null;
}
