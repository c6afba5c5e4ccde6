// ConversationDO: one LINE conversation (a user, group or room on one channel).
// Owns the thread, the reply token, delivery state and the agents watching live.
// Ingest is durable before it returns (the webhook acks LINE after it); everything
// that calls out runs later from the outbox on this object's alarm.
import { DurableObject } from "cloudflare:workers";
import type { Bindings } from "../env";
import { createLineClient, type LineMessage } from "../line/client";
import { channelById, type ChannelCredentials } from "../line/channel-store";
import { stickerUrlFor } from "../line/stickers";
import type { ParsedEvent } from "../line/webhook-schema";
import { lineApiBase, lineDataApiBase } from "../env";
import { newId, newRetryKey } from "../lib/ids";
import { deliver, MAX_DELIVERY_ATTEMPTS, retryDelayMs, usableReplyToken, type ReplyTokenState } from "./delivery";
import { planEvent } from "./ingest";
import { acceptLive, broadcast, closeLive } from "./live";
import type { ConversationKey, ThreadMessage } from "./model";
import { pushTarget } from "./model";
import { runJob, JOB_MAX_ATTEMPTS } from "./outbox-jobs";
import { renderBubble } from "./render";
import { ThreadStore } from "./store";

export interface ConversationMeta {
  id: string;
  channelId: string;
  workspaceId: string;
  source: ConversationKey["source"];
}

export interface IngestInput {
  conversation: ConversationMeta;
  events: ParsedEvent[];
}

export interface SendInput {
  agent: { id: string | null; name: string };
  messages: LineMessage[];
  /** The body shown in the thread (the LINE messages are what is sent). */
  preview: ThreadMessage["body"];
}

export class ConversationDO extends DurableObject<Bindings> {
  private readonly store: ThreadStore;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.store = new ThreadStore(ctx.storage.sql);
  }

  /** Stores a batch of webhook events durably (deduped by webhookEventId). */
  async ingest(input: IngestInput): Promise<{ stored: number; duplicates: number }> {
    const now = Date.now();
    const created: ThreadMessage[] = [];
    const updated: ThreadMessage[] = [];
    let duplicates = 0;
    this.ctx.storage.transactionSync(() => {
      if (!this.store.getMeta<ConversationMeta>("conversation")) this.store.setMeta("conversation", input.conversation);
      for (const parsed of input.events) {
        const plan = planEvent(parsed);
        if (plan.webhookEventId && this.store.hasEvent(plan.webhookEventId)) {
          duplicates++;
          continue;
        }
        const id = newId("msg", plan.timestamp);
        const seq = this.store.insert({
          id,
          webhookEventId: plan.webhookEventId,
          lineMessageId: plan.lineMessageId,
          direction: plan.direction,
          body: plan.body,
          senderLineUserId: plan.senderLineUserId,
          status: "received",
          markAsReadToken: plan.markAsReadToken,
          createdAt: plan.timestamp,
          redelivered: plan.redelivered,
          standby: plan.standby,
        });
        this.store.setMeta("mode", plan.standby ? "standby" : "active");
        if (plan.replyToken) this.store.setMeta("replyToken", { token: plan.replyToken, receivedAt: now, used: false } satisfies ReplyTokenState);
        if (plan.countsAsUnread) this.store.setMeta("unread", (this.store.getMeta<number>("unread") ?? 0) + 1);
        if (plan.countsAsUnread || plan.direction === "inbound") this.store.setMeta("status", "open");
        if (plan.friendStatus) this.store.setMeta("friendStatus", plan.friendStatus);
        if (plan.senderLineUserId && !this.store.hasMember(plan.senderLineUserId)) {
          this.store.addMember(plan.senderLineUserId);
          this.store.enqueue(`profile:${plan.senderLineUserId}`, "profile", { lineUserId: plan.senderLineUserId }, now);
        }
        if (plan.downloadContent) this.store.enqueue(`content:${id}`, "content", { messageId: id }, now);
        if (plan.unsendMessageId) {
          const target = this.store.markUnsent(plan.unsendMessageId);
          if (target) updated.push(target);
        }
        const message = this.store.get(id);
        if (message && message.seq === seq) created.push(message);
      }
      if (created.length) this.store.enqueue("index", "index", {}, now);
    });
    if (created.length) {
      await this.scheduleAlarm();
      this.publish(created, updated);
    }
    return { stored: created.length, duplicates };
  }

  /** Stores an outbound message as pending and makes the first delivery attempt. */
  async send(input: SendInput): Promise<ThreadMessage> {
    const meta = this.requireMeta();
    const now = Date.now();
    const id = newId("msg", now);
    const retryKey = newRetryKey();
    this.store.insert({
      id,
      direction: "outbound",
      body: input.preview,
      agentId: input.agent.id,
      agentName: input.agent.name,
      status: "pending",
      retryKey,
      payload: input.messages,
      createdAt: now,
    });
    this.store.enqueue("index", "index", {}, now);
    const pending = this.store.get(id);
    if (pending) this.publish([pending], []);
    await this.attemptDelivery(id, meta);
    await this.scheduleAlarm();
    return this.store.get(id) ?? (pending as ThreadMessage);
  }

  /** Retries a failed outbound message with its original retry key (LINE answers 409 if it had already been accepted). */
  async retry(messageId: string): Promise<ThreadMessage | null> {
    const record = this.store.outbound(messageId);
    if (!record || record.message.status !== "failed") return record?.message ?? null;
    this.store.setDelivery(messageId, { status: "pending", error: null, attempts: 0 });
    await this.attemptDelivery(messageId, this.requireMeta());
    await this.scheduleAlarm();
    return this.store.get(messageId);
  }

  async thread(options: { beforeSeq?: number | null; limit?: number } = {}) {
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
    const messages = this.store.page(options.beforeSeq ?? null, limit + 1);
    const hasOlder = messages.length > limit;
    return {
      messages: hasOlder ? messages.slice(1) : messages,
      hasOlder,
      unread: this.store.getMeta<number>("unread") ?? 0,
      mode: this.store.getMeta<string>("mode") ?? "active",
      replyTokenFresh: usableReplyToken(this.store.getMeta<ReplyTokenState>("replyToken"), Date.now()) !== null,
    };
  }

  async message(messageId: string): Promise<ThreadMessage | null> {
    return this.store.get(messageId);
  }

  /**
   * An agent opened the conversation: clear the unread badge and mark the
   * customer's messages read on LINE (markAsReadToken) — not before.
   */
  async markRead(): Promise<void> {
    const token = this.store.latestReadToken();
    const alreadyRead = this.store.getMeta<string>("readToken") === token;
    const unread = this.store.getMeta<number>("unread") ?? 0;
    if (unread === 0 && (alreadyRead || !token)) return;
    this.store.setMeta("unread", 0);
    this.store.enqueue("index", "index", {}, Date.now());
    if (token && !alreadyRead) {
      this.store.setMeta("readToken", token);
      this.store.enqueue("read", "markAsRead", { token }, Date.now());
    }
    await this.scheduleAlarm();
  }

  /** WebSocket upgrade from the Worker (session already checked there). */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("expected a WebSocket", { status: 426 });
    const url = new URL(request.url);
    const after = Number(url.searchParams.get("after") ?? "0");
    const { response, server } = acceptLive(this.ctx, ["agent"], { userId: url.searchParams.get("user") ?? "" });
    const meta = this.store.getMeta<ConversationMeta>("conversation");
    if (Number.isFinite(after) && after > 0 && meta) {
      const stickers = stickerUrlFor(this.env);
      for (const m of this.store.after(after)) {
        server.send(JSON.stringify({ type: "message", seq: m.seq, id: m.id, direction: m.direction, html: renderBubble(m, meta.id, stickers, meta.source) }));
      }
    }
    server.send(JSON.stringify({ type: "ready", seq: this.store.latest()?.seq ?? 0 }));
    return response;
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    try {
      if (message === "ping") ws.send("pong");
    } catch (error) {
      console.warn("conversation live: message handler failed", this.ctx.id.toString(), error);
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    closeLive(ws, code, reason);
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    console.warn("conversation live: socket error", this.ctx.id.toString(), error instanceof Error ? error.message : error);
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    const meta = this.store.getMeta<ConversationMeta>("conversation");
    if (meta) {
      for (const job of this.store.dueJobs(now)) {
        try {
          if (job.kind === "deliver") {
            await this.attemptDelivery(String(JSON.parse(job.payload).messageId), meta);
            continue; // attemptDelivery finishes or re-queues the job itself
          }
          const changed = await runJob(job, { env: this.env, store: this.store, meta, channel: () => this.channel(meta) });
          this.store.finishJob(job.id);
          if (changed) this.publish([], [changed]);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (job.attempts + 1 >= JOB_MAX_ATTEMPTS) {
            console.error("conversation outbox: giving up", { conversation: meta.id, job: job.kind, reason });
            this.store.finishJob(job.id);
          } else {
            this.store.postponeJob(job.id, job.attempts + 1, now + retryDelayMs(job.attempts + 1), reason);
          }
        }
      }
    }
    await this.scheduleAlarm();
  }

  // --- internals ------------------------------------------------------------

  private requireMeta(): ConversationMeta {
    const meta = this.store.getMeta<ConversationMeta>("conversation");
    if (!meta) throw new Error("conversation has not received any event yet");
    return meta;
  }

  private async channel(meta: ConversationMeta): Promise<ChannelCredentials> {
    const channel = await channelById(this.env, meta.channelId);
    if (!channel) throw new Error(`channel ${meta.channelId} no longer exists`);
    return channel;
  }

  private async attemptDelivery(messageId: string, meta: ConversationMeta): Promise<void> {
    const record = this.store.outbound(messageId);
    const jobId = `deliver:${messageId}`;
    if (!record || record.message.status !== "pending" || !record.retryKey) {
      this.store.finishJob(jobId);
      return;
    }
    if (this.store.getMeta<string>("mode") === "standby") {
      this.finishDelivery(messageId, jobId, { status: "failed", error: "The channel is in standby mode (another module has chat control), so nothing was sent" });
      return;
    }
    const channel = await this.channel(meta);
    const client = createLineClient({ accessToken: channel.accessToken, apiBase: lineApiBase(this.env), dataBase: lineDataApiBase(this.env) });
    const now = Date.now();
    const tokenState = this.store.getMeta<ReplyTokenState>("replyToken");
    const replyToken = record.attempts === 0 ? usableReplyToken(tokenState, now) : null;
    // Reply tokens are single-use: mark it spent before the call so a concurrent send cannot reuse it.
    if (replyToken && tokenState) this.store.setMeta("replyToken", { ...tokenState, used: true });
    const outcome = await deliver({
      client,
      messages: record.payload as LineMessage[],
      replyToken,
      pushTo: pushTarget(meta.source),
      retryKey: record.retryKey,
    });
    const attempts = record.attempts + 1;
    if (outcome.kind === "sent") {
      this.finishDelivery(messageId, jobId, { status: "sent", via: outcome.via, attempts });
    } else if (outcome.kind === "failed" || attempts >= MAX_DELIVERY_ATTEMPTS) {
      this.finishDelivery(messageId, jobId, { status: "failed", error: outcome.reason, attempts });
    } else {
      this.store.setDelivery(messageId, { status: "pending", error: `Retrying: ${outcome.reason}`, attempts });
      this.store.enqueue(jobId, "deliver", { messageId }, now + retryDelayMs(attempts));
      const m = this.store.get(messageId);
      if (m) this.publish([], [m]);
    }
  }

  private finishDelivery(messageId: string, jobId: string, update: Parameters<ThreadStore["setDelivery"]>[1]): void {
    this.store.setDelivery(messageId, update);
    this.store.finishJob(jobId);
    const m = this.store.get(messageId);
    if (m) this.publish([], [m]);
  }

  private async scheduleAlarm(): Promise<void> {
    const next = this.store.nextJobAt();
    if (next === null) return;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next) await this.ctx.storage.setAlarm(Math.max(next, Date.now()));
  }

  private publish(created: ThreadMessage[], updated: ThreadMessage[]): void {
    const sockets = this.ctx.getWebSockets("agent");
    const meta = this.store.getMeta<ConversationMeta>("conversation");
    if (!sockets.length || !meta) return;
    const stickers = stickerUrlFor(this.env);
    for (const m of created) broadcast(sockets, { type: "message", seq: m.seq, id: m.id, direction: m.direction, html: renderBubble(m, meta.id, stickers, meta.source) });
    for (const m of updated) broadcast(sockets, { type: "update", id: m.id, html: renderBubble(m, meta.id, stickers, meta.source) });
  }
}
