// Outbound pacing for one LINE channel: a token bucket with two queues. LINE
// allows 2,000 requests per second per channel for the reply and push APIs
// (Messaging API rate limits, "Send reply/push message": 2,000 req/s); above
// that it answers 429. Sends wait here for a token; an agent's reply always
// goes before any bulk (automation, API) send that is still waiting, so a
// burst of automated messages never delays a human answer. A 429 pauses every
// grant: for its Retry-After when LINE sends one, else with exponential backoff.
//
// Pure and clock-free: the caller passes `now` (ms), so tests need no timers.

/** LINE's documented limit for the reply and push APIs, per channel. */
export const LINE_SEND_RATE_PER_SECOND = 2000;
/** Tokens that may be spent at once: 20 ms of the rate. */
export const BURST_SECONDS = 0.02;
/**
 * The share of LINE's limit the pacer aims at, and the most it grants in any 1,000 ms.
 * Sends granted evenly still reach LINE unevenly (network and scheduling jitter), so 5%
 * (50 ms of sends) are left for jitter — a single 429 pauses the whole channel, agents
 * included.
 */
export const PACING_HEADROOM = 0.95;
/**
 * While sends wait, the pacer may run late (its timer fires after a busy moment): the
 * tokens that came due meanwhile are kept, up to this much of a second, and granted at
 * once. A bucket capped at its burst would drop them, and a pacer that is late every
 * time grants well under the rate with a queue in front of it. The one-second cap above
 * still holds. Idle time never counts: it refills only up to the burst. (With 0.1 s the
 * catch-up bursts reached the benchmark's LINE clumped enough to draw 429s; 0.05 s did not.)
 */
export const CATCH_UP_SECONDS = 0.05;
/**
 * A 429 without Retry-After (LINE documents none) holds the channel this long first, then
 * backs off exponentially: each further 429 to a send granted after the last hold began
 * doubles the hold, up to HOLD_MAX_MS (one whole rate window). A 429
 * that comes more than HOLD_STREAK_MS after the last hold ended starts again from here.
 * (A fixed second per 429 held agents' replies a whole second for one bunched send.)
 */
export const HOLD_FIRST_MS = 100;
export const HOLD_MAX_MS = 1000;
export const HOLD_STREAK_MS = 1000;
/** How long a sender waits after a 429 when the pacer cannot be asked. */
export const DEFAULT_RETRY_AFTER_MS = HOLD_MAX_MS;

export type SendPriority = "agent" | "bulk";

export interface PacingOptions {
  ratePerSecond: number;
  /** Bucket size; defaults to BURST_SECONDS of the rate (at least 1). */
  burst?: number;
}

export class PacingQueue<T> {
  readonly rate: number;
  readonly burst: number;
  /** Tokens kept while sends wait (CATCH_UP_SECONDS of the rate, at least the burst). */
  readonly catchUp: number;
  /** Grants allowed in any 1,000 ms. */
  readonly perSecond: number;
  private tokens: number;
  private updatedAt: number;
  private pausedUntil = 0;
  /** Holds begun so far; a grant is made "in" the count current then. */
  private holdCount = 0;
  /** The hold the last unexplained 429 asked for (backoff without Retry-After). */
  private lastHoldMs = 0;
  private readonly waiting: Record<SendPriority, T[]> = { agent: [], bulk: [] };
  /** When the grants of the last 1,000 ms were made, oldest first from `recentHead`. */
  private recent: number[] = [];
  private recentHead = 0;

  constructor(options: PacingOptions, now: number) {
    this.rate = Math.max(1, options.ratePerSecond);
    this.burst = Math.max(1, options.burst ?? Math.floor(this.rate * BURST_SECONDS));
    this.catchUp = Math.max(this.burst, Math.floor(this.rate * CATCH_UP_SECONDS));
    this.perSecond = Math.max(1, Math.floor(this.rate));
    this.tokens = this.burst;
    this.updatedAt = now;
  }

  /** No grant before this time (epoch ms): set by a 429. */
  get pausedUntilMs(): number {
    return this.pausedUntil;
  }

  get size(): number {
    return this.waiting.agent.length + this.waiting.bulk.length;
  }

  /** Queues a waiter at `now`; call grant() next to learn who may go. */
  enqueue(priority: SendPriority, item: T, now: number): void {
    // The time nobody waited refills only up to the burst.
    if (this.size === 0) this.refill(now);
    this.waiting[priority].push(item);
  }

  /** Holds begun so far: pass the value current at a grant to throttled() with its 429. */
  get holds(): number {
    return this.holdCount;
  }

  /** No grants before `until`, and the bucket starts empty then. */
  pause(until: number): void {
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.tokens = 0;
    this.updatedAt = until;
    this.holdCount++;
  }

  /**
   * LINE answered 429 to a send granted when `holds` was `grantedIn` (null: unknown).
   * With a Retry-After the channel waits that long. Without one, a send granted before the
   * latest hold began is the same overrun that hold answers, so it just waits for that
   * hold's end; a send granted since then holds the channel again, twice as long as the
   * last hold if it ended less than HOLD_STREAK_MS ago (HOLD_FIRST_MS … HOLD_MAX_MS).
   * Returns when sends may go again.
   */
  throttled(now: number, grantedIn: number | null, retryAfterMs: number | null): number {
    if (retryAfterMs !== null) {
      this.pause(now + Math.max(0, retryAfterMs));
      return Math.max(now, this.pausedUntil);
    }
    if (grantedIn !== null && grantedIn < this.holdCount) return Math.max(now, this.pausedUntil);
    const streak = this.lastHoldMs > 0 && now - this.pausedUntil < HOLD_STREAK_MS;
    const hold = streak ? Math.min(HOLD_MAX_MS, this.lastHoldMs * 2) : HOLD_FIRST_MS;
    this.lastHoldMs = hold;
    this.pause(now + hold);
    return Math.max(now, this.pausedUntil);
  }

  /** The waiters that may send at `now`, agents first, each in arrival order. */
  grant(now: number): T[] {
    if (now < this.pausedUntil) return [];
    this.refill(now);
    const granted: T[] = [];
    while (this.tokens >= 1 && this.grantedWithinSecond(now) < this.perSecond) {
      const next = this.waiting.agent.shift() ?? this.waiting.bulk.shift();
      if (next === undefined) break;
      this.tokens -= 1;
      this.recent.push(now);
      granted.push(next);
    }
    return granted;
  }

  /** Milliseconds until grant() can let the next waiter go, or null when nobody waits. */
  nextGrantIn(now: number): number | null {
    if (this.size === 0) return null;
    if (now < this.pausedUntil) return this.pausedUntil - now;
    this.refill(now);
    const forToken = this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.rate);
    // A full second: the oldest grant in it must leave it first.
    const forWindow = this.grantedWithinSecond(now) < this.perSecond ? 0 : (this.recent[this.recentHead] ?? now) + 1000 - now;
    return Math.max(forToken, forWindow);
  }

  private refill(now: number): void {
    if (now <= this.updatedAt) return;
    // Tokens above the burst are kept only while someone waits for them.
    const cap = this.size > 0 ? this.catchUp : this.burst;
    this.tokens = Math.min(cap, this.tokens + ((now - this.updatedAt) * this.rate) / 1000);
    this.updatedAt = now;
  }

  /** Grants made in (now − 1,000 ms, now]. */
  private grantedWithinSecond(now: number): number {
    while (this.recentHead < this.recent.length && (this.recent[this.recentHead] as number) <= now - 1000) this.recentHead++;
    if (this.recentHead > 4096) {
      this.recent = this.recent.slice(this.recentHead);
      this.recentHead = 0;
    }
    return this.recent.length - this.recentHead;
  }
}

/**
 * Milliseconds to wait from a Retry-After header (delta-seconds or an HTTP date),
 * or null when there is none or it cannot be read.
 */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}
