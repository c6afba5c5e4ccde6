// The delivery policy, in one place: request timeout, the retry schedule and
// the rule that switches a failing endpoint off. README "Outbound webhooks"
// documents the same numbers.
import { stored } from "./stored-text";

export const REQUEST_TIMEOUT_MS = 10_000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Waits after failed attempt 1, 2, ... 7: 1 min, 5 min, 30 min, 2 h, 6 h,
 * 12 h, 24 h. Eight attempts in all, the last about 45 hours after the first.
 */
export const RETRY_DELAYS_MS = [MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** An endpoint that has failed every attempt for this long ... */
export const DISABLE_AFTER_FAILING_MS = 24 * HOUR;
/** ... and at least this many attempts in a row is switched off (a short outage never is). */
export const DISABLE_MIN_FAILURES = 5;

/** How long delivered events stay available for "Redeliver", and how long the log keeps attempts. */
export const RETENTION_MS = 30 * 24 * HOUR;

/** When to try again after failed attempt `attempt` (1-based), or null when it was the last. */
export function retryAt(attempt: number, now: number): number | null {
  const delay = RETRY_DELAYS_MS[attempt - 1];
  return delay === undefined ? null : now + delay;
}

export interface FailureState {
  consecutiveFailures: number;
  failingSince: number | null;
}

/**
 * Why the endpoint should be switched off after a failed attempt, or null.
 * 410 Gone says the endpoint is gone for good: off at once.
 */
export function disableReason(state: FailureState, statusCode: number | null, now: number): string | null {
  if (statusCode === 410) return stored.gone();
  if (state.failingSince !== null && now - state.failingSince >= DISABLE_AFTER_FAILING_MS && state.consecutiveFailures >= DISABLE_MIN_FAILURES) {
    return stored.failing(state.consecutiveFailures);
  }
  return null;
}
