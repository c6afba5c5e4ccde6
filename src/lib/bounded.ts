// Running async work over many items with a cap on how many run at once.

/**
 * Calls `fn` for every item with at most `limit` calls in flight, and resolves
 * when all have settled. Rejects with the first error after every started call
 * has settled (nothing is left running unobserved).
 */
export async function forEachBounded<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  async function lane(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      try {
        await fn(items[index] as T, index);
      } catch (error) {
        errors.push(error);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (errors.length) throw errors[0];
}
