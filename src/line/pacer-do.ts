// ChannelPacerDO: one per LINE channel, the gate every reply and push passes
// before it is sent (src/conversations/outbound.ts asks it). It keeps the
// channel under LINE's rate limit (2,000 req/s for reply and push, see
// pacing.ts) and lets agents' replies overtake waiting bulk sends.
//
// Nothing here is durable on purpose: a waiting send is owned by its
// ConversationDO, which stored it as pending with its retry key before asking.
// If this object restarts, the waiting calls fail and each conversation sends
// anyway (LINE's 429, handled there, is the safety net), so nothing is lost.
import { DurableObject } from "cloudflare:workers";
import type { Bindings } from "../env";
import { BURST_SECONDS, DEFAULT_RETRY_AFTER_MS, LINE_SEND_RATE_PER_SECOND, PACING_HEADROOM, PacingQueue, type SendPriority } from "./pacing";

/** The channel's rate: LINE's limit unless LINE_SEND_RATE_PER_SECOND says less (a smaller plan, a benchmark). */
export function sendRateOf(env: Pick<Bindings, "LINE_SEND_RATE_PER_SECOND">): number {
  const configured = Number(env.LINE_SEND_RATE_PER_SECOND);
  return Number.isFinite(configured) && configured > 0 ? Math.min(configured, LINE_SEND_RATE_PER_SECOND) : LINE_SEND_RATE_PER_SECOND;
}

export class ChannelPacerDO extends DurableObject<Bindings> {
  private readonly queue: PacingQueue<(holds: number) => void>;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the timer fires (epoch ms). */
  private timerAt = 0;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    const limit = sendRateOf(env);
    this.queue = new PacingQueue({ ratePerSecond: limit * PACING_HEADROOM, burst: Math.max(1, Math.floor(limit * BURST_SECONDS)) }, Date.now());
  }

  /** Resolves when one send may go to LINE now, with the grant's hold count (for throttled()). */
  acquire(priority: SendPriority): Promise<number> {
    return new Promise<number>((resolve) => {
      this.queue.enqueue(priority, resolve, Date.now());
      this.pump();
    });
  }

  /**
   * LINE answered 429 to a send this pacer granted with `grantedIn` (null: not known):
   * holds every send of this channel (PacingQueue.throttled) and answers how many ms
   * until sends go again.
   */
  throttled(grantedIn: number | null, retryAfterMs: number | null): number {
    const now = Date.now();
    const resumeAt = this.queue.throttled(now, grantedIn, retryAfterMs);
    this.pump();
    return Math.max(0, resumeAt - now);
  }

  /** How many sends are waiting and until when a 429 holds the channel (diagnostics, tests). */
  status(): { waiting: number; pausedUntil: number } {
    return { waiting: this.queue.size, pausedUntil: this.queue.pausedUntilMs };
  }

  private pump(): void {
    const now = Date.now();
    const holds = this.queue.holds;
    for (const go of this.queue.grant(now)) go(holds);
    const wait = this.queue.nextGrantIn(now);
    if (wait === null) return;
    const at = now + Math.max(1, wait);
    // A timer already due no later serves (its pump sets the next one): with a queue in
    // front, every acquire would otherwise clear and set a timer for the same moment.
    if (this.timer) {
      if (this.timerAt <= at) return;
      clearTimeout(this.timer);
    }
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, at - now);
  }
}

function pacerOf(env: Pick<Bindings, "LINE_PACERS">, channelId: string) {
  return env.LINE_PACERS.get(env.LINE_PACERS.idFromName(channelId));
}

/**
 * Waits for this channel's turn to call reply or push, and answers the grant (pass it to
 * reportThrottle if LINE answers 429). When the pacer cannot be reached the send goes
 * anyway (grant null): a 429 from LINE is retried by the caller, while a message held
 * back by a broken pacer would never go.
 */
export async function paceSend(env: Pick<Bindings, "LINE_PACERS">, channelId: string, priority: SendPriority): Promise<number | null> {
  try {
    return await pacerOf(env, channelId).acquire(priority);
  } catch (error) {
    console.warn("line pacer: unavailable, sending unpaced", channelId, error instanceof Error ? error.message : error);
    return null;
  }
}

/**
 * Tells the channel's pacer that LINE answered 429 to a send it granted, so every sender of
 * the channel waits; answers how many ms this sender should wait before going again.
 */
export async function reportThrottle(
  env: Pick<Bindings, "LINE_PACERS">,
  channelId: string,
  throttle: { grant: number | null; retryAfterMs: number | null },
): Promise<number> {
  try {
    return await pacerOf(env, channelId).throttled(throttle.grant, throttle.retryAfterMs);
  } catch (error) {
    console.warn("line pacer: could not report a 429", channelId, error instanceof Error ? error.message : error);
    return throttle.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
  }
}
