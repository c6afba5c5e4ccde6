// scheduled(): the Cron Trigger entry. One file per job; each job is independent
// so one failing does not stop the others.
import type { Bindings } from "../env";
import { purgeExpiredSessions } from "./purge-sessions";
import { syncChannelQuotas } from "./quota-sync";

const jobs: Array<{ name: string; run: (env: Bindings, now: number) => Promise<unknown> }> = [
  { name: "purge-sessions", run: purgeExpiredSessions },
  { name: "quota-sync", run: syncChannelQuotas },
];

export async function runScheduled(controller: Pick<ScheduledController, "scheduledTime">, env: Bindings): Promise<void> {
  const results = await Promise.allSettled(jobs.map((job) => job.run(env, controller.scheduledTime)));
  results.forEach((result, i) => {
    if (result.status === "rejected") console.error("scheduled job failed", jobs[i]?.name, result.reason);
  });
}
