// Report jobs: the hourly backlog snapshot and the purge of old event ids, and
// the history backfill's chunks every minute (src/reports/).
import type { Bindings } from "../env";
import { runBackfills } from "../reports/backfill";
import { purgeSeenEvents, snapshotAllBacklogs } from "../reports/backlog";

export async function reportSnapshots(env: Bindings, now: number): Promise<void> {
  await snapshotAllBacklogs(env.DB, now);
  await purgeSeenEvents(env.DB, now);
}

export function reportBackfills(env: Bindings, now: number): Promise<void> {
  return runBackfills(env.DB, now);
}
