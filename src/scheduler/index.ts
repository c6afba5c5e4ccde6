// scheduled(): the Cron Trigger entry. One file per job; each job is independent
// so one failing does not stop the others. wrangler.toml has two triggers: every
// minute (business-hours transitions, queue updates, auto-resolve sweep, search backfill) and
// hourly at :17 (quota sync, session and throttle purge, report backlog snapshots). A job runs on its own trigger; a
// controller without a cron (tests, manual runs) runs every job.
import type { Bindings } from "../env";
import { autoResolveSweep } from "./auto-resolve-sweep";
import { businessHoursTransitions } from "./business-hours";
import { purgeExpiredSessions } from "./purge-sessions";
import { purgeThrottles } from "../auth/throttle";
import { queueUpdates } from "./queue-updates";
import { backfillShortSearch } from "./search-backfill";
import { syncChannelQuotas } from "./quota-sync";
import { retryDuePushes } from "../push/deliveries";
import { drainAllQueues } from "../assignment/drain-job";
import { reportBackfills, reportSnapshots } from "./reports";

export const EVERY_MINUTE = "* * * * *";
export const HOURLY = "17 * * * *";

const jobs: Array<{ name: string; cron: string; run: (env: Bindings, now: number) => Promise<unknown> }> = [
  { name: "purge-sessions", cron: HOURLY, run: purgeExpiredSessions },
  { name: "purge-auth-throttles", cron: HOURLY, run: (env, now) => purgeThrottles(env.DB, now) },
  { name: "quota-sync", cron: HOURLY, run: syncChannelQuotas },
  { name: "business-hours", cron: EVERY_MINUTE, run: businessHoursTransitions },
  { name: "queue-updates", cron: EVERY_MINUTE, run: queueUpdates },
  { name: "auto-resolve-sweep", cron: EVERY_MINUTE, run: autoResolveSweep },
  { name: "push-retries", cron: EVERY_MINUTE, run: retryDuePushes },
  { name: "search-backfill", cron: EVERY_MINUTE, run: backfillShortSearch },
  { name: "assignment-drain", cron: EVERY_MINUTE, run: drainAllQueues },
  { name: "report-snapshots", cron: HOURLY, run: reportSnapshots },
  { name: "report-backfills", cron: EVERY_MINUTE, run: reportBackfills },
];

export async function runScheduled(controller: Pick<ScheduledController, "scheduledTime"> & Partial<Pick<ScheduledController, "cron">>, env: Bindings): Promise<void> {
  const due = jobs.filter((job) => !controller.cron || job.cron === controller.cron);
  const results = await Promise.allSettled(due.map((job) => job.run(env, controller.scheduledTime)));
  results.forEach((result, i) => {
    if (result.status === "rejected") console.error("scheduled job failed", due[i]?.name, result.reason);
  });
}
