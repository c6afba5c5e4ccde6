// The conversation's alarm: runs every due outbox job once, in order. Event jobs
// due together go to the listeners as one run, so a listener with handleBatch
// does its D1 work for all of them in one round trip; in a busy conversation
// they are due together by design (runtime.ts AFTER_ACK_INTERVAL_MS).
// A job that throws is retried with backoff, up to JOB_MAX_ATTEMPTS.
import { domainListeners } from "../listeners";
import { retryDelayMs } from "./delivery";
import { dispatchEventJobs } from "./emit";
import { type EventJob, parseJob } from "./meta";
import { attemptDelivery } from "./outbound";
import { JOB_MAX_ATTEMPTS, runJob } from "./outbox-jobs";
import { AFTER_ACK_INTERVAL_MS, type ConversationRuntime } from "./runtime";
import type { OutboxJob } from "./store";

/**
 * The index write and the domain events wait only to batch a busy conversation's
 * messages (runtime.ts): when a run starts anyway, it takes those due within the next
 * interval too (never a retry's backoff). Otherwise their two clocks drift apart and a
 * busy conversation wakes twice a second, once for each.
 */
const BATCHED_KINDS: ReadonlySet<string> = new Set(["index", "event"]);

/** Runs the jobs due at `now` (and the batched ones due soon after); answers how many ran (0: the alarm found nothing to do). */
export async function runDueJobs(rt: ConversationRuntime, now: number): Promise<number> {
  const runsNow = (job: OutboxJob) => job.nextAt <= now || (job.attempts === 0 && BATCHED_KINDS.has(job.kind) && job.nextAt <= now + AFTER_ACK_INTERVAL_MS);
  const due = rt.store.dueJobs(now + AFTER_ACK_INTERVAL_MS).filter(runsNow);
  // The run's events are due now, whatever runs before them (the index write waits for
  // D1): an event emitted meanwhile joins the next run, one interval from now, rather than
  // waking the alarm again at once for a run of its own (busy chats ran twice a second).
  if (due.some((job) => job.kind === "event")) rt.markEventsRan(now);
  let i = 0;
  while (i < due.length) {
    let job = due[i++] as OutboxJob;
    if (job.kind !== "event") {
      // An earlier job of this run may have queued it again (a profile fetch queues the
      // index it is about to write anyway): this run covers that, so it ends the job.
      const current = rt.store.job(job.id);
      if (!current || !runsNow(current)) continue;
      job = current;
      // Queued again while it runs, it is due when that asked for, not at the due time this
      // run serves (in memory: a write here would cost a commit of its own before the await).
      if (job.kind !== "deliver") rt.store.startJob(job.id);
    }
    const typed = parseJob(job.kind, job.payload);
    if (!typed) {
      console.warn("conversation outbox: dropping a job this code cannot read", { conversation: rt.ctx.id.toString(), job: job.kind });
      rt.store.finishJob(job.id);
      continue;
    }
    if (typed.kind === "event") {
      const run: Array<{ stored: OutboxJob; payload: EventJob }> = [{ stored: job, payload: typed.payload }];
      for (let next = due[i]; next?.kind === "event"; next = due[++i]) {
        const parsed = parseJob(next.kind, next.payload);
        if (parsed?.kind !== "event") break;
        run.push({ stored: next, payload: parsed.payload });
      }
      await runEventJobs(rt, run, now);
      continue;
    }
    try {
      if (typed.kind === "deliver") {
        // attemptDelivery finishes or re-queues its own job.
        await attemptDelivery(rt, typed.payload.messageId);
        continue;
      }
      const result = await runJob(job, typed, rt);
      rt.store.completeJob(job);
      rt.publish(result.created ?? [], result.updated ?? []);
    } catch (error) {
      failed(rt, job, error, now);
    }
  }
  return due.length;
}

async function runEventJobs(rt: ConversationRuntime, run: Array<{ stored: OutboxJob; payload: EventJob }>, now: number): Promise<void> {
  let results: Array<unknown>;
  try {
    results = await dispatchEventJobs(rt, run.map((r) => ({ jobId: r.stored.id, job: r.payload })), domainListeners);
  } catch (error) {
    results = run.map(() => error);
  }
  const done: string[] = [];
  run.forEach((r, k) => {
    const error = results[k];
    if (error) failed(rt, r.stored, error, now);
    else done.push(r.stored.id);
  });
  // Event jobs are never queued again under the same id, so no generation check is needed.
  rt.store.finishJobs(done);
}

function failed(rt: ConversationRuntime, job: OutboxJob, error: unknown, now: number): void {
  const reason = error instanceof Error ? error.message : String(error);
  const conversation = rt.ctx.id.toString();
  if (job.attempts + 1 >= JOB_MAX_ATTEMPTS) {
    console.error("conversation outbox: giving up", { conversation, job: job.kind, reason });
    rt.store.finishJob(job.id);
  } else {
    console.warn("conversation outbox: will retry", { conversation, job: job.kind, attempt: job.attempts + 1, reason });
    rt.store.postponeJob(job.id, job.attempts + 1, now + retryDelayMs(job.attempts + 1), reason);
  }
}
