// D1 binds at most 100 parameters per statement ("too many SQL variables" beyond it,
// locally and in production): lists of ids from a form, a page or a query are split.

/** The most ids one `IN (…)` may bind next to a few other parameters. */
export const IDS_PER_STATEMENT = 90;

/** `items` in consecutive parts of at most `size`. */
export function chunked<T>(items: readonly T[], size = IDS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
