// Storing webhook events in a conversation: one transaction per batch, deduped by
// webhookEventId, with the follow-up work queued in the outbox.
import { newId } from "../lib/ids";
import type { ParsedEvent } from "../line/webhook-schema";
import { awaitedAnswer, isAwaitedAnswer } from "./awaited";
import type { ReplyTokenState } from "./delivery";
import { emit, eventMessage } from "./emit";
import type { EventOrigin } from "./events";
import { type IngestPlan, planEvent } from "./ingest";
import { announceAtIngest } from "./list-feed";
import type { ThreadMessage } from "./model";
import type { ConversationMeta, ConversationRuntime } from "./runtime";

export interface IngestInput {
  conversation: ConversationMeta;
  events: ParsedEvent[];
}

export async function ingestEvents(rt: ConversationRuntime, input: IngestInput): Promise<{ stored: number; duplicates: number }> {
  const { store } = rt;
  const now = Date.now();
  const created: ThreadMessage[] = [];
  const updated: ThreadMessage[] = [];
  let duplicates = 0;
  let indexDueAt = now;
  // Rolled back, it also forgets the meta kept in memory (it may name a conversation never stored).
  rt.transaction(() => storeBatch());
  function storeBatch(): void {
    let isNew = !rt.meta();
    if (isNew) store.setMeta("conversation", input.conversation);
    for (const parsed of input.events) {
      const plan = planEvent(parsed);
      const id = newId("msg", plan.timestamp);
      // A survey answer the conversation asked for is not a new request (see awaited.ts).
      const answer = isAwaitedAnswer(awaitedAnswer(rt), plan, plan.timestamp);
      if (answer) plan.countsAsUnread = false;
      // Deduped by webhookEventId in the same statement: LINE redelivers what it is not sure we got.
      const message = store.insertReceived({
        id,
        webhookEventId: plan.webhookEventId,
        lineMessageId: plan.lineMessageId,
        direction: plan.direction,
        body: plan.body,
        senderLineUserId: plan.senderLineUserId,
        status: "received",
        markAsReadToken: plan.markAsReadToken,
        quoteToken: plan.quoteToken,
        createdAt: plan.timestamp,
        redelivered: plan.redelivered,
        standby: plan.standby,
        answer,
      });
      if (!message) {
        duplicates++;
        continue;
      }
      store.setMeta("mode", plan.standby ? "standby" : "active");
      if (plan.replyToken) store.setMeta("replyToken", { token: plan.replyToken, receivedAt: now, used: false } satisfies ReplyTokenState);
      if (plan.countsAsUnread) {
        store.setMeta("unread", (store.getMeta("unread") ?? 0) + 1);
        store.setMeta("lastCustomerMessageAt", plan.timestamp);
      }
      if (plan.friendStatus) {
        store.setMeta("friendStatus", plan.friendStatus);
        store.setMeta(plan.friendStatus === "following" ? "followedAt" : "unfollowedAt", plan.timestamp);
      }
      if (plan.senderLineUserId && !store.hasMember(plan.senderLineUserId)) {
        store.addMember(plan.senderLineUserId);
        store.enqueue(`profile:${plan.senderLineUserId}`, "profile", { lineUserId: plan.senderLineUserId }, now);
      }
      if (plan.downloadContent) store.enqueue(`content:${id}`, "content", { messageId: id }, now);
      if (plan.unsendMessageId) {
        const target = store.markUnsent(plan.unsendMessageId);
        if (target) updated.push(target);
      }
      created.push(message);
      if (isNew) emit(rt, "conversation.opened", { reason: "created" }, CUSTOMER, { at: plan.timestamp, lineUserId: plan.senderLineUserId });
      isNew = false;
      emitIngested(rt, plan, message);
      // A customer writing again brings a resolved or snoozed conversation back to the inbox.
      if (plan.countsAsUnread) {
        const reopened = reopenForCustomer(rt, plan.timestamp);
        if (reopened) created.push(reopened);
      }
    }
    // Automations (greeting, away, keywords, queue) listen to the events emitted above, from the outbox after the ack.
    if (created.length) indexDueAt = rt.queueIndex(now);
  }
  if (created.length) {
    await rt.scheduleAlarm();
    rt.publish(created, updated);
    announceAtIngest(rt, indexDueAt, now);
  }
  return { stored: created.length, duplicates };
}

const CUSTOMER: EventOrigin = { kind: "customer" };

/** The domain events of one stored webhook event (inside the ingest transaction). */
function emitIngested(rt: ConversationRuntime, plan: IngestPlan, message: ThreadMessage): void {
  const options = { at: plan.timestamp, lineUserId: plan.senderLineUserId };
  if (plan.direction === "inbound") {
    emit(rt, "message.received", { message: eventMessage(message), redelivered: plan.redelivered, standby: plan.standby, ...(message.answer ? { answer: true } : {}) }, CUSTOMER, options);
  }
  if (message.body.type === "postback") {
    const params = message.body.params ? Object.fromEntries(Object.entries(message.body.params).map(([k, v]) => [k, String(v)])) : null;
    emit(rt, "postback.received", { message: eventMessage(message), data: message.body.data, params, redelivered: plan.redelivered, standby: plan.standby }, CUSTOMER, options);
  }
  if (plan.friendStatus === "following") {
    emit(rt, "contact.followed", { unblocked: message.body.type === "event" && message.body.unblocked === true }, CUSTOMER, options);
  } else if (plan.friendStatus === "unfollowed") {
    emit(rt, "contact.unfollowed", {}, CUSTOMER, options);
  }
  const contact = plan.contactEvent;
  if (contact?.type === "contact.account_linked") emit(rt, contact.type, contact.data, CUSTOMER, options);
  else if (contact?.type === "contact.membership_changed") emit(rt, contact.type, contact.data, CUSTOMER, options);
}

function reopenForCustomer(rt: ConversationRuntime, at: number): ThreadMessage | null {
  const triage = rt.triage();
  if (triage.status !== "resolved" && triage.status !== "snoozed") return null;
  const was = triage.status;
  rt.setTriage({ status: "open", snoozedUntil: null });
  emit(rt, "conversation.reopened", { previousStatus: was }, CUSTOMER, { at });
  emit(rt, "conversation.opened", { reason: "reopened" }, CUSTOMER, { at });
  rt.store.finishJob("wake");
  const id = newId("msg", at);
  rt.store.insert({
    id,
    direction: "system",
    body: { type: "activity", action: "reopened", text: was === "snoozed" ? "Snooze ended: the customer wrote again" : "Reopened: the customer wrote again", actorName: null },
    status: "received",
    createdAt: at + 1,
  });
  return rt.store.get(id);
}
