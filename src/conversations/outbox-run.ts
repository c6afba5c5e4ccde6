// The conversation's runs (its timer, or the alarm): every due outbox job once, in order, then the due
// domain events (events table) as one run, so a listener with handleBatch does its
// D1 work for all of them in one round trip; in a busy conversation they are due
// together by design (runtime.ts AFTER_ACK_INTERVAL_MS). Events wait behind the
// other jobs (the index row, a profile, a delivery): the inbox list shows a message
// without waiting for every listener.
// A job or event that throws is retried with backoff, up to JOB_MAX_ATTEMPTS.
import { domainListeners } from "../listeners";
import { retryDelayMs } from "./delivery";
import { dispatchEventJobs, prepareEventWrites } from "./emit";
import { type EventJob, parseEventJob, parseJob } from "./meta";
import { attemptDelivery } from "./outbound";
import { JOB_MAX_ATTEMPTS, runJob } from "./outbox-jobs";
import { AFTER_ACK_INTERVAL_MS, type ConversationRuntime } from "./runtime";
import type { OutboxJob } from "./store";
import type { StoredEvent } from "./store-state";

/**
 * The index write and the domain events wait only to batch a busy conversation's
 * messages (runtime.ts): when a run starts anyway, it takes those due within the next
 * interval too (never a retry's backoff). Otherwise their two clocks drift apart and a
 * busy conversation wakes twice a second, once for each.
 */
const runsNow = (now: number, kind: string, job: { nextAt: number; attempts: number }) =>
  job.nextAt <= now || (job.attempts === 0 && (kind === "index" || kind === "event") && job.nextAt <= now + AFTER_ACK_INTERVAL_MS);

/**
 * Runs a conversation's due work, one run at a time: from the instance's timer when work
 * falls due soon (runtime.ts scheduleAlarm), or from the alarm. A timer is replaced only by
 * an earlier one, so a busy conversation's messages share the run they wait for.
 */
export class OutboxRunner {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerAt = Infinity;
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly rt: () => ConversationRuntime) {}

  /** Runs the due work at `at` (soon: within the after-ack interval) unless a run is set for then or earlier. */
  runSoon(at: number): void {
    if (this.timer !== null && this.timerAt <= at) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      // The alarm is the safety net: a run that fails here is run again from it.
      this.run().catch((error: unknown) => console.error("conversation run failed", this.rt().ctx.id.toString(), error instanceof Error ? error.message : error));
    }, Math.max(0, at - Date.now()));
  }

  /** Runs what is due now, after any run under way, then sets what comes next (timer, alarm). */
  run(): Promise<void> {
    const next = this.last.then(async () => {
      const rt = this.rt();
      if (rt.meta()) await runDueJobs(rt, Date.now());
      await rt.scheduleAlarm({ afterRun: true });
    });
    this.last = next.catch(() => undefined);
    return next;
  }
}

/** Runs the jobs and events due at `now` (and the batched ones due soon after). */
export async function runDueJobs(rt: ConversationRuntime, now: number): Promise<void> {
  const soon = now + AFTER_ACK_INTERVAL_MS;
  const due = rt.store.dueJobs(soon).filter((job) => runsNow(now, job.kind, job));
  const events = rt.store.dueEvents(soon).filter((event) => runsNow(now, "event", event));
  // The run's events are due now, whatever runs before them (the index write waits for
  // D1): an event emitted meanwhile joins the next run, one interval from now, rather than
  // waking the alarm again at once for a run of its own (busy chats ran twice a second).
  if (events.length) rt.markEventsRan(now);
  const run = readEvents(rt, events);
  // The run's first index write carries the listeners' D1 writes for its events (one round trip).
  let ridersTaken = false;
  const riders = async () => {
    if (ridersTaken || !run.jobs.length) return [];
    ridersTaken = true;
    return prepareEventWrites(rt, run.jobs.map((r) => r.job), domainListeners);
  };
  for (let job of due) {
    // An earlier job of this run may have queued it again (a profile fetch queues the
    // index it is about to write anyway): this run covers that, so it ends the job.
    const current = rt.store.job(job.id);
    if (!current || !runsNow(now, current.kind, current)) continue;
    job = current;
    // Queued again while it runs, it is due when that asked for, not at the due time this
    // run serves (in memory: a write here would cost a commit of its own before the await).
    if (job.kind !== "deliver") rt.store.startJob(job.id);
    const typed = parseJob(job.kind, job.payload);
    if (!typed) {
      console.warn("conversation outbox: dropping a job this code cannot read", { conversation: rt.ctx.id.toString(), job: job.kind });
      rt.store.finishJob(job.id);
      continue;
    }
    try {
      if (typed.kind === "deliver") {
        // attemptDelivery finishes or re-queues its own job.
        await attemptDelivery(rt, typed.payload.messageId);
        continue;
      }
      const result = await runJob(job, typed, rt, riders);
      rt.store.completeJob(job);
      rt.publish(result.created ?? [], result.updated ?? []);
    } catch (error) {
      const retry = failed(rt, job.kind, job.attempts, error, now);
      if (retry) rt.store.postponeJob(job.id, retry.attempts, retry.at, retry.reason);
      else rt.store.finishJob(job.id);
    }
  }
  if (events.length) await runEvents(rt, run, now);
}

interface EventRun {
  jobs: Array<{ stored: StoredEvent; job: EventJob }>;
  /** Events this code cannot read: dropped with the run's done ones. */
  done: number[];
}

function readEvents(rt: ConversationRuntime, events: StoredEvent[]): EventRun {
  const run: EventRun = { jobs: [], done: [] };
  for (const stored of events) {
    const job = parseEventJob(stored.payload);
    if (job) run.jobs.push({ stored, job });
    else {
      console.warn("conversation outbox: dropping an event this code cannot read", { conversation: rt.ctx.id.toString() });
      run.done.push(stored.seq);
    }
  }
  return run;
}

async function runEvents(rt: ConversationRuntime, { jobs: run, done }: EventRun, now: number): Promise<void> {
  let results: Array<unknown>;
  try {
    results = await dispatchEventJobs(rt, run.map((r) => ({ seq: r.stored.seq, job: r.job })), domainListeners);
  } catch (error) {
    results = run.map(() => error);
  }
  run.forEach((r, k) => {
    const error = results[k];
    const retry = error ? failed(rt, "event", r.stored.attempts, error, now) : null;
    if (retry) rt.store.postponeEvent(r.stored.seq, retry.attempts, retry.at, retry.reason);
    else done.push(r.stored.seq);
  });
  rt.store.finishEvents(done);
}

/** Logs a failed job or event: when to retry it, or null when it has had all its attempts. */
function failed(rt: ConversationRuntime, kind: string, attempts: number, error: unknown, now: number): { attempts: number; at: number; reason: string } | null {
  const reason = error instanceof Error ? error.message : String(error);
  const conversation = rt.ctx.id.toString();
  if (attempts + 1 >= JOB_MAX_ATTEMPTS) {
    console.error("conversation outbox: giving up", { conversation, job: kind, reason });
    return null;
  }
  console.warn("conversation outbox: will retry", { conversation, job: kind, attempt: attempts + 1, reason });
  return { attempts: attempts + 1, at: now + retryDelayMs(attempts + 1), reason };
}
