// What every part of a ConversationDO shares: its storage, bindings, identity,
// triage state, live sockets and alarm. Modules (inbound, outbound, triage,
// presence, outbox jobs) take a runtime instead of reaching into the class.
import type { Bindings } from "../env";
import { createLineClient, type LineClient } from "../line/client";
import { channelById, type ChannelCredentials } from "../line/channel-store";
import { stickerUrlFor } from "../line/stickers";
import { lineApiBase, lineDataApiBase } from "../env";
import { broadcastLocalized } from "./live";
import type { ConversationMeta } from "./meta";
import { DEFAULT_TRIAGE, type ThreadMessage, type TriageState } from "./model";
import { renderBubble } from "./render";
import { ThreadStore } from "./store";

/**
 * Busy conversations do their after-ack work at most this often: the D1 index
 * row, and the domain events' listeners (automation, reports, workflows, …),
 * each run taking every message that arrived since the last. A quiet
 * conversation's work runs at once. One run a second instead of one per message,
 * from the instance's own timer (scheduleAlarm). Open inboxes do not wait for it: a
 * customer's message in a busy conversation is announced to them at ingest
 * (list-feed.ts). Two seconds saved little CPU once a run's work was counted in
 * full (bigger runs cost more) and made the light-load p99 worse (README, benchmark).
 */
export const AFTER_ACK_INTERVAL_MS = 1000;

/**
 * How long after-ack work waits for the instance's timer before the alarm runs it
 * instead: only when the instance went away first (evicted, a deploy). Pending timers
 * keep a Durable Object in memory (compatibility date 2026-10-01 and later), so this is rare.
 */
export const BACKSTOP_MS = 10_000;

export type { ConversationMeta } from "./meta";

export class ConversationRuntime {
  readonly store: ThreadStore;
  /** Messages with a delivery attempt under way in this instance (an attempt may wait for the channel's pacer). */
  readonly deliveriesInFlight = new Set<string>();
  /**
   * The workspace's live list as this instance last saw it (list-feed.ts): how many inboxes
   * were open at the last publish (undefined: not published yet), and the last customer
   * message whose row went out as new (a browser notification goes out once per message).
   */
  readonly feed: { listeners: number | undefined; announcedSeq: number } = { listeners: undefined, announcedSeq: -1 };
  /** Listeners' scratch memory for this instance (ListenerContext.memory). */
  readonly listenerMemory = new Map<string, unknown>();

  /**
   * `runSoon(at)`: run the due work at `at` from this instance's timer (ConversationDO's
   * OutboxRunner). Without it (tests that build a runtime alone) the alarm does everything.
   */
  constructor(
    readonly ctx: DurableObjectState,
    readonly env: Bindings,
    private readonly runSoon?: (at: number) => void,
  ) {
    this.store = new ThreadStore(ctx.storage.sql);
    // A new conversation has no alarm yet: its first message need not ask storage.
    if (this.store.fresh) this.alarmAt = null;
  }

  /** The conversation's identity never changes once stored: read once, then kept (see forgetMeta). */
  private cachedMeta: ConversationMeta | null = null;
  /** The alarm as this instance last set or read it; undefined: unknown (read storage). */
  private alarmAt: number | null | undefined = undefined;

  meta(): ConversationMeta | null {
    this.cachedMeta ??= this.store.getMeta("conversation");
    return this.cachedMeta;
  }

  /** Call when a transaction rolled back: what this instance kept of the meta may be what it wrote. */
  forgetMeta(): void {
    this.cachedMeta = null;
    this.store.forgetKept();
  }

  /**
   * A storage transaction whose rollback also drops what this instance kept in memory of
   * it. Its meta writes go to storage together at its end (ConversationState.gatherMeta).
   */
  transaction<T>(fn: () => T): T {
    try {
      return this.ctx.storage.transactionSync(() => this.store.gatherMeta(fn));
    } catch (error) {
      this.forgetMeta();
      throw error;
    }
  }

  requireMeta(): ConversationMeta {
    const meta = this.meta();
    if (!meta) throw new Error("conversation has not received any event yet");
    return meta;
  }

  triage(): TriageState {
    return { ...DEFAULT_TRIAGE, ...(this.store.getMeta("triage") ?? {}) };
  }

  setTriage(change: Partial<TriageState>): TriageState {
    const next = { ...this.triage(), ...change };
    this.store.setMeta("triage", next);
    return next;
  }

  async channel(): Promise<ChannelCredentials> {
    const meta = this.requireMeta();
    const channel = await channelById(this.env, meta.channelId);
    if (!channel) throw new Error(`channel ${meta.channelId} no longer exists`);
    return channel;
  }

  async lineClient(): Promise<LineClient> {
    const channel = await this.channel();
    // A channel disabled in Settings → Channels sends nothing: its client refuses every
    // call with a non-retryable error, so a message fails with this reason (and can be
    // sent again once the channel is back on). Reading the conversation is unaffected.
    const disabledReason = channel.enabled ? undefined : `The LINE channel "${channel.name}" is disabled in Settings → Channels, so nothing was sent`;
    return createLineClient({ accessToken: channel.accessToken, apiBase: lineApiBase(this.env), dataBase: lineDataApiBase(this.env), disabledReason });
  }

  /**
   * Makes sure queued work runs. Work due within AFTER_ACK_INTERVAL_MS (the index write
   * and the listeners after a message) runs from this instance's timer (`runSoon`), and
   * the alarm is only its safety net, BACKSTOP_MS later: it runs that work if this
   * instance is gone first (evicted, a deploy). Other jobs (a snooze's wake-up, a retry's
   * backoff, a CSAT window) get the alarm at their time. The alarm is never moved later
   * than one already set, and left alone while it is no later than what was queued:
   * every alarm change is a storage write, and a busy conversation changed it every second.
   * `afterRun`: a run just ended, so work it left (a retry's new time, the rest of a long
   * backlog) is looked up even when nothing new was queued.
   */
  async scheduleAlarm(options: { afterRun?: boolean } = {}): Promise<void> {
    const now = Date.now();
    const soon = (at: number) => this.runSoon !== undefined && at <= now + AFTER_ACK_INTERVAL_MS;
    const alarmFor = (at: number) => (soon(at) ? at + BACKSTOP_MS : at);
    const queued = this.store.takeEarliestQueued();
    if (queued !== null && soon(queued)) this.runSoon?.(queued);
    // The alarm this instance set is never later than any job then queued needs; when it is
    // no later than what anything queued since needs, it still fits (jobs only get later or go away otherwise).
    if (!options.afterRun && typeof this.alarmAt === "number" && (queued === null || this.alarmAt <= alarmFor(queued))) return;
    const earliest = this.store.nextJobAt();
    if (earliest === null) return;
    if (soon(earliest)) this.runSoon?.(earliest);
    const next = alarmFor(earliest);
    // Every ingest, send and job run ends here: the storage round trip is skipped
    // while this instance knows the alarm (it set it; forgotten when the alarm runs).
    const current = this.alarmAt !== undefined ? this.alarmAt : await this.ctx.storage.getAlarm();
    if (current === null || current > next) {
      const at = Math.max(next, Date.now());
      // Known before the write finishes, so a concurrent caller never sets a later one over it.
      this.alarmAt = at;
      try {
        await this.ctx.storage.setAlarm(at);
      } catch (error) {
        this.alarmAt = undefined;
        throw error;
      }
    } else this.alarmAt = current;
  }

  /** Call when the alarm fires (it is no longer set). */
  forgetAlarm(): void {
    this.alarmAt = undefined;
  }

  /**
   * Queues the D1 index refresh: one pending job per conversation, and at most
   * one write per AFTER_ACK_INTERVAL_MS, so a busy chat costs a D1 write a
   * second rather than one per message (a quiet chat is indexed at once).
   */
  queueIndex(at = Date.now(), options: { now?: boolean } = {}): number {
    const last = this.store.getMeta("indexedAt") ?? 0;
    // `now`: an agent is looking (the unread badge they just read clears at once, not an interval later).
    const due = options.now ? at : Math.max(at, last + AFTER_ACK_INTERVAL_MS);
    this.store.enqueue("index", "index", {}, due);
    return due;
  }

  /**
   * When a domain event emitted now is handed to the listeners: at once, or with
   * the events of the next run when a run started less than AFTER_ACK_INTERVAL_MS
   * ago. Never earlier than an event emitted before it, so listeners see them in order.
   */
  eventsDueAt(now = Date.now()): number {
    // Meta is kept in memory once read (store-state.ts): no storage read per message.
    return Math.max(now, (this.store.getMeta("eventsRanAt") ?? 0) + AFTER_ACK_INTERVAL_MS);
  }

  /** Called as an alarm run with due events starts, before any job of it awaits. */
  markEventsRan(at: number): void {
    this.store.setMetaLater("eventsRanAt", at);
  }

  /** Called after every index write (also the immediate ones triage makes). */
  markIndexed(at = Date.now()): void {
    this.store.setMetaLater("indexedAt", at);
  }

  renderBubble(message: ThreadMessage): string {
    const meta = this.requireMeta();
    return renderBubble(message, meta.id, stickerUrlFor(this.env), meta.source);
  }

  /** Pushes new and changed bubbles to every agent watching this conversation. */
  publish(created: ThreadMessage[], updated: ThreadMessage[]): void {
    const sockets = this.ctx.getWebSockets("agent");
    if (!sockets.length || !this.meta()) return;
    for (const m of created) broadcastLocalized(sockets, () => ({ type: "message", seq: m.seq, id: m.id, direction: m.direction, html: this.renderBubble(m) }));
    for (const m of updated) broadcastLocalized(sockets, () => ({ type: "update", id: m.id, html: this.renderBubble(m) }));
  }
}
