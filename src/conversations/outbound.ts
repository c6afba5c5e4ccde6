// Outbound messages from agents, the API and automation: stored as pending, then
// delivered (reply token first, push with a retry key as fallback), retried from
// the outbox after timeouts/5xx, failed with LINE's reason otherwise.
import type { LineMessage } from "../line/client";
import { newId, newRetryKey } from "../lib/ids";
import { deliver, MAX_DELIVERY_ATTEMPTS, REPLY_RETRY_DELAY_MS, REPLY_RETRY_WINDOW_MS, retryDelayMs, usableReplyToken, type ReplyTokenState } from "./delivery";
import { agentOrigin, emit, eventMessage } from "./emit";
import type { EventOrigin } from "./events";
import { pushTarget, type ThreadMessage } from "./model";
import type { ConversationRuntime } from "./runtime";
import type { OutboundRecord } from "./store";
import { markQuotaExhausted, refreshQuotaSoon } from "../quota/service";
import { paceSend, reportThrottle } from "../line/pacer-do";
import type { SendPriority } from "../line/pacing";

/** A delivery attempt that has not finished after this long is made again (see armSafetyNet). */
export const DELIVERY_SAFETY_NET_MS = 60_000;
/** LINE's answer when this month's message quota is used up (HTTP 429). */
const MONTHLY_LIMIT = /LINE 429: .*monthly limit/i;
import type { DeliveryStatus, DeliveryVia } from "./model";

export interface SendInput {
  agent: { id: string | null; name: string };
  messages: LineMessage[];
  /** The body shown in the thread (the LINE messages are what is sent). */
  preview: ThreadMessage["body"];
  /** Who sends it, for message.sent / message.failed; the agent when absent. */
  origin?: EventOrigin;
}

/** Called when a push succeeded or LINE said the monthly limit is reached (quota view). */
export type DeliveryListener = (event: { via: DeliveryVia | null; status: DeliveryStatus; error: string | null }) => void;

export async function sendMessage(rt: ConversationRuntime, input: SendInput, onDelivery?: DeliveryListener): Promise<ThreadMessage> {
  rt.requireMeta();
  const now = Date.now();
  const id = newId("msg", now);
  const retryKey = newRetryKey();
  const origin = input.origin ?? agentOrigin(input.agent);
  const pending = rt.store.insertOutbound({
    id,
    direction: "outbound",
    body: input.preview,
    agentId: input.agent.id,
    agentName: input.agent.name,
    status: "pending",
    retryKey,
    payload: input.messages,
    createdAt: now,
    origin,
  });
  rt.queueIndex(now);
  rt.publish([pending], []);
  await armSafetyNet(rt, id);
  // Its first attempt knows the record it just stored, and answers it as it left it: no read back.
  const delivered = await attemptDelivery(rt, id, onDelivery, { message: pending, retryKey, payload: input.messages, attempts: 0, unconfirmedReply: null, origin });
  await rt.scheduleAlarm();
  const stored = delivered ?? rt.store.get(id);
  if (!stored) throw new Error(`message ${id} vanished`);
  return stored;
}

/**
 * Retries a failed message with its original retry key (LINE answers 409 if it
 * had been accepted after all), or — the agent's explicit choice — sends a
 * message of unknown delivery again, by push.
 */
export async function retryMessage(rt: ConversationRuntime, messageId: string, onDelivery?: DeliveryListener): Promise<ThreadMessage | null> {
  const record = rt.store.outbound(messageId);
  if (!record || (record.message.status !== "failed" && record.message.status !== "unknown")) return record?.message ?? null;
  // attempts > 0 keeps attemptDelivery from spending a new reply token: a retry is always a push.
  rt.store.setUnconfirmedReply(messageId, null);
  rt.store.setDelivery(messageId, { status: "pending", error: null, attempts: record.message.status === "unknown" ? 1 : 0 });
  await armSafetyNet(rt, messageId);
  const delivered = await attemptDelivery(rt, messageId, onDelivery);
  await rt.scheduleAlarm();
  return delivered ?? rt.store.get(messageId);
}

/**
 * A pending message always has a delivery job: armed before the first attempt,
 * so an attempt that never finishes (the object evicted while it waited for the
 * pacer, an unexpected error) is made again from the alarm instead of leaving
 * the message pending forever. A finished attempt replaces or removes it.
 */
async function armSafetyNet(rt: ConversationRuntime, messageId: string): Promise<void> {
  rt.store.enqueue(`deliver:${messageId}`, "deliver", { messageId }, Date.now() + DELIVERY_SAFETY_NET_MS);
  await rt.scheduleAlarm();
}

/**
 * One delivery attempt; answers the message as the attempt left it (sent, failed, pending
 * again), or null when it made none (not pending, another attempt under way).
 */
export async function attemptDelivery(rt: ConversationRuntime, messageId: string, onDelivery?: DeliveryListener, known?: OutboundRecord): Promise<ThreadMessage | null> {
  const { store } = rt;
  const record = known ?? store.outbound(messageId);
  const jobId = `deliver:${messageId}`;
  if (!record || record.message.status !== "pending" || !record.retryKey) {
    store.finishJob(jobId);
    return null;
  }
  // One attempt at a time per message: a second one could spend a reply token twice.
  if (rt.deliveriesInFlight.has(messageId)) {
    store.postponeJob(jobId, 0, Date.now() + DELIVERY_SAFETY_NET_MS, "an attempt is under way");
    return null;
  }
  rt.deliveriesInFlight.add(messageId);
  try {
    return await attemptOnce(rt, record, jobId, onDelivery);
  } finally {
    rt.deliveriesInFlight.delete(messageId);
  }
}

async function attemptOnce(rt: ConversationRuntime, record: OutboundRecord, jobId: string, onDelivery?: DeliveryListener): Promise<ThreadMessage | null> {
  const { store } = rt;
  const messageId = record.message.id;
  if (!record.retryKey) return null;
  if (store.getMeta("mode") === "standby") {
    return finish(rt, messageId, jobId, { status: "failed", error: "The channel is in standby mode (another module has chat control), so nothing was sent" });
  }
  const client = await rt.lineClient();
  // Wait for the channel's turn under LINE's rate limit; agents go before bulk sends.
  const grant = await paceSend(rt.env, rt.requireMeta().channelId, sendPriority(record.origin));
  const now = Date.now();
  const unconfirmed = record.unconfirmedReply;
  if (unconfirmed && now - unconfirmed.receivedAt >= REPLY_RETRY_WINDOW_MS) {
    const reason = "LINE did not confirm the reply before its token expired: it may or may not have reached the customer";
    const left = finish(rt, messageId, jobId, { status: "unknown", error: reason });
    onDelivery?.({ via: null, status: "unknown", error: reason });
    return left;
  }
  const tokenState = store.getMeta("replyToken");
  const freshToken = !unconfirmed && record.attempts === 0 ? usableReplyToken(tokenState, now) : null;
  // Reply tokens are single-use: spend it before the call so a concurrent send cannot reuse it.
  if (freshToken && tokenState) store.setMeta("replyToken", { ...tokenState, used: true });
  const outcome = await deliver({
    client,
    messages: record.payload as LineMessage[],
    replyToken: unconfirmed?.token ?? freshToken,
    replyRetry: unconfirmed !== null,
    pushTo: pushTarget(rt.requireMeta().source),
    retryKey: record.retryKey,
  });
  const attempts = record.attempts + 1;
  const channelId = rt.requireMeta().channelId;
  if (outcome.kind === "sent") {
    if (unconfirmed) store.setUnconfirmedReply(messageId, null);
    const left = finish(rt, messageId, jobId, { status: "sent", via: outcome.via, attempts });
    // Pushes count against the monthly quota: keep the inbox's quota view current.
    if (outcome.via === "push") await refreshQuotaSoon(rt.env, channelId);
    onDelivery?.({ via: outcome.via, status: "sent", error: null });
    return left;
  }
  if (outcome.kind === "throttled") {
    // LINE sent nothing: hold the whole channel, then send the same message again
    // (same retry key; a reply token LINE did not consume is offered again). Not an attempt.
    const waitMs = await reportThrottle(rt.env, channelId, { grant, retryAfterMs: outcome.retryAfterMs });
    const current = store.getMeta("replyToken");
    if (outcome.tokenUnused && freshToken && current?.token === freshToken) store.setMeta("replyToken", { ...current, used: false });
    return pendAgain(rt, messageId, jobId, { error: `Waiting for LINE's rate limit (${outcome.reason})`, attempts: record.attempts }, now + waitMs);
  }
  if (outcome.kind === "unknown") {
    const left = finish(rt, messageId, jobId, { status: "unknown", error: outcome.reason, attempts });
    onDelivery?.({ via: null, status: "unknown", error: outcome.reason });
    return left;
  }
  if (outcome.kind === "reply-unconfirmed") {
    // Keep the token this reply used; the next attempt retries the reply with it, never a push.
    const receivedAt = unconfirmed?.receivedAt ?? tokenState?.receivedAt ?? now;
    if (!unconfirmed) store.setUnconfirmedReply(messageId, { token: freshToken ?? "", receivedAt });
    return pendAgain(rt, messageId, jobId, { error: `LINE did not confirm the reply (${outcome.reason}); trying the reply again`, attempts }, Math.min(now + REPLY_RETRY_DELAY_MS, receivedAt + REPLY_RETRY_WINDOW_MS));
  }
  if (outcome.kind === "failed" || attempts >= MAX_DELIVERY_ATTEMPTS) {
    const left = finish(rt, messageId, jobId, { status: "failed", error: outcome.reason, attempts });
    if (MONTHLY_LIMIT.test(outcome.reason)) await markQuotaExhausted(rt.env, channelId).catch((e: unknown) => console.warn("quota: could not mark exhausted", e));
    onDelivery?.({ via: null, status: "failed", error: outcome.reason });
    return left;
  }
  return pendAgain(rt, messageId, jobId, { error: `Retrying: ${outcome.reason}`, attempts }, now + retryDelayMs(attempts));
}

/** Ends the delivery with its result; answers the message as stored now. */
function finish(rt: ConversationRuntime, messageId: string, jobId: string, update: Parameters<ConversationRuntime["store"]["setDelivery"]>[1]): ThreadMessage | null {
  const record = rt.store.setDelivery(messageId, update);
  rt.store.finishJob(jobId);
  rt.queueIndex();
  if (!record) return null;
  emitDeliveryResult(rt, record);
  rt.publish([], [record.message]);
  return record.message;
}

/** message.sent / message.failed (also for delivery unknown), in the same synchronous block (one implicit transaction) as the status update. */
function emitDeliveryResult(rt: ConversationRuntime, record: OutboundRecord): void {
  const { message } = record;
  const origin = record.origin ?? agentOrigin({ id: message.agentId, name: message.agentName ?? "" });
  if (message.status === "sent" && message.via) emit(rt, "message.sent", { message: eventMessage(message), via: message.via }, origin);
  else if (message.status === "failed" || message.status === "unknown") {
    emit(rt, "message.failed", { message: eventMessage(message), reason: message.error ?? "", deliveryUnknown: message.status === "unknown" }, origin);
  }
}

/** An agent's own answer overtakes bulk sends (automation, API integrations) waiting for the channel. */
export function sendPriority(origin: EventOrigin | null): SendPriority {
  return origin === null || origin.kind === "agent" ? "agent" : "bulk";
}

/** Keeps the message pending with why (shown on it), and tries again at `at`; answers the message as stored now. */
function pendAgain(rt: ConversationRuntime, messageId: string, jobId: string, update: { error: string; attempts: number }, at: number): ThreadMessage | null {
  const m = rt.store.setDelivery(messageId, { status: "pending", ...update })?.message ?? null;
  requeue(rt, jobId, messageId, at);
  if (m) rt.publish([], [m]);
  return m;
}

/**
 * Sets the message's delivery job to `at` — also later than it was: store.enqueue
 * keeps the earlier time, which for a job running from the alarm (due now) would
 * mean an immediate retry instead of the backoff.
 */
function requeue(rt: ConversationRuntime, jobId: string, messageId: string, at: number): void {
  rt.store.finishJob(jobId);
  rt.store.enqueue(jobId, "deliver", { messageId }, at);
}
