// ConversationDO: one LINE conversation (a user, group or room on one channel).
// Owns the thread, the reply token, delivery and triage state, and the agents
// watching live. Ingest is durable before it returns (the webhook acks LINE
// after it); everything that calls out runs later from the outbox (its timer, or the alarm).
// This class is the RPC surface; the work lives in the modules it delegates to.
import { DurableObject } from "cloudflare:workers";
import { type CsatCommand, runCsatCommand, syncSla } from "../conversation-extensions";
import type { Bindings } from "../env";
import { newId } from "../lib/ids";
import { replyTokenExpiresAt } from "./delivery";
import { agentOrigin, emit, listenerContext } from "./emit";
import type { CommandResult } from "./events";
import { ingestEvents, type IngestInput } from "./inbound";
import { domainListeners } from "../listeners";
import { acceptLive, closeLive, localeFromUrl } from "./live";
import { withLocale } from "../ui/i18n";
import type { Direction, ThreadMessage } from "./model";
import { retryMessage, sendMessage, type SendInput } from "./outbound";
import { OutboxRunner } from "./outbox-run";
import { broadcastPresence, onAgentFrame } from "./presence";
import { ConversationRuntime } from "./runtime";
import { type Actor, applyTriage, type TriageChange } from "./triage";

export type { ConversationMeta } from "./runtime";
export type { IngestInput } from "./inbound";
export type { SendInput } from "./outbound";

export class ConversationDO extends DurableObject<Bindings> {
  private readonly rt: ConversationRuntime;
  private readonly runner: OutboxRunner;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.runner = new OutboxRunner(() => this.rt);
    this.rt = new ConversationRuntime(ctx, env, env.AFTER_ACK_TIMER === "off" ? undefined : (at) => this.runner.runSoon(at));
  }

  /** Stores a batch of webhook events durably (deduped by webhookEventId). */
  ingest(input: IngestInput): Promise<{ stored: number; duplicates: number }> {
    return ingestEvents(this.rt, input);
  }

  /** Stores an outbound message as pending and makes the first delivery attempt. */
  send(input: SendInput): Promise<ThreadMessage> {
    return sendMessage(this.rt, input);
  }

  retry(messageId: string): Promise<ThreadMessage | null> {
    return retryMessage(this.rt, messageId);
  }

  triage(change: TriageChange, actor: Actor) {
    return applyTriage(this.rt, change, actor);
  }

  /**
   * A command for one listener in this conversation (cron jobs: "we're open
   * again", queue updates, auto-resolve). The listener validates `input`; the
   * caller validates the answer (see automation/commands.ts for a typed client).
   */
  async command(listener: string, input: unknown): Promise<CommandResult> {
    const handler = domainListeners.listener(listener);
    if (!handler?.command) throw new Error(`no listener ${listener} takes commands`);
    if (!this.rt.meta()) return {};
    const result = await handler.command(input, listenerContext(this.rt));
    await this.rt.scheduleAlarm();
    return result;
  }

  /** Shorthand for command("automation", input). */
  automation(input: unknown): Promise<CommandResult> {
    return this.command("automation", input);
  }

  /**
   * A tag was added to or taken off this conversation (or its contact) in D1 by the
   * inbox or the API: emits tag.added / tag.removed with the actor's origin for the listeners.
   */
  async tagChanged(type: "tag.added" | "tag.removed", tag: { id: string; name: string }, target: "conversation" | "contact", actor: Actor): Promise<void> {
    if (!this.rt.meta()) return;
    emit(this.rt, type, { target, tag }, actor.origin ?? agentOrigin(actor));
    await this.rt.scheduleAlarm();
  }

  /** The CSAT survey: send it, take a rating or a comment (src/csat/survey.ts). */
  csat(command: CsatCommand) {
    return runCsatCommand(this.rt, command);
  }

  /** Brings the SLA targets up to date (after a message, a resolve, an assignment; src/sla/timers.ts). */
  async sla(): Promise<void> {
    const lines = await syncSla(this.rt);
    if (lines.length) this.rt.publish(lines, []);
  }

  /** An internal note in the thread: agents see it, LINE never does. */
  async addNote(actor: Actor, text: string): Promise<ThreadMessage> {
    const now = Date.now();
    const id = newId("msg", now);
    this.rt.store.insert({ id, direction: "note", body: { type: "note", text }, agentId: actor.id, agentName: actor.name, status: "received", createdAt: now });
    this.rt.queueIndex(now);
    await this.rt.scheduleAlarm();
    const note = this.rt.store.get(id);
    if (!note) throw new Error("note vanished");
    this.rt.publish([note], []);
    return note;
  }

  /**
   * Another contact was merged with this conversation's (issue 11): from now on the
   * conversation belongs to `contactId` (events, the index), and the thread says so.
   */
  async contactMerged(input: { contactId: string; actorName: string; mergedNames: string[] }): Promise<void> {
    const now = Date.now();
    const { store } = this.rt;
    // Keep what was last synced: the survivor's name and picture stay as the merge chose.
    const known = store.getMeta("contact");
    store.setMeta("contact", { contactId: input.contactId, synced: known?.synced ?? "" });
    const id = newId("msg", now);
    const text = `${input.actorName} merged ${input.mergedNames.join(", ")} into this contact`;
    store.insert({ id, direction: "system", body: { type: "activity", action: "contactMerged", text, actorName: input.actorName, params: { merged: input.mergedNames } }, status: "received", createdAt: now });
    this.rt.queueIndex(now);
    await this.rt.scheduleAlarm();
    const line = store.get(id);
    if (line) this.rt.publish([line], []);
  }

  /** A page of the thread, newest last; `direction: "note"` pages through private notes only (the REST API's notes list). */
  async thread(options: { beforeSeq?: number | null; limit?: number; direction?: Direction } = {}) {
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
    const messages = this.rt.store.page(options.beforeSeq ?? null, limit + 1, options.direction);
    const hasOlder = messages.length > limit;
    return {
      messages: hasOlder ? messages.slice(1) : messages,
      hasOlder,
      unread: this.rt.store.getMeta("unread") ?? 0,
      mode: this.rt.store.getMeta("mode") ?? "active",
      replyTokenExpiresAt: replyTokenExpiresAt(this.rt.store.getMeta("replyToken"), Date.now()),
      triage: this.rt.triage(),
    };
  }

  /** Where a message is (by id, or the newest containing `text`): the inbox opens search hits there. */
  async locate(query: { id?: string; text?: string }): Promise<{ id: string; seq: number; latestSeq: number } | null> {
    return this.rt.store.locate(query);
  }

  async message(messageId: string): Promise<ThreadMessage | null> {
    return this.rt.store.get(messageId);
  }

  /**
   * An agent opened the conversation: clear the unread badge and mark the
   * customer's messages read on LINE (markAsReadToken) — not before.
   */
  async markRead(): Promise<void> {
    const { store } = this.rt;
    const token = store.latestReadToken();
    const alreadyRead = store.getMeta("readToken") === token;
    if ((store.getMeta("unread") ?? 0) === 0 && (alreadyRead || !token)) return;
    store.setMeta("unread", 0);
    this.rt.queueIndex(Date.now(), { now: true });
    if (token && !alreadyRead) {
      store.setMeta("readToken", token);
      store.enqueue("read", "markAsRead", { token }, Date.now());
    }
    await this.rt.scheduleAlarm();
  }

  /** WebSocket upgrade from the Worker (session already checked there). */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("expected a WebSocket", { status: 426 });
    const url = new URL(request.url);
    const after = Number(url.searchParams.get("after") ?? "0");
    const reader = localeFromUrl(url);
    const agent = { userId: url.searchParams.get("user") ?? "", name: url.searchParams.get("name") ?? "", typingUntil: 0, ...reader };
    const { response, server } = acceptLive(this.ctx, ["agent"], agent);
    if (Number.isFinite(after) && after > 0 && this.rt.meta()) {
      withLocale(reader, () => {
        for (const m of this.rt.store.after(after)) {
          server.send(JSON.stringify({ type: "message", seq: m.seq, id: m.id, direction: m.direction, html: this.rt.renderBubble(m) }));
        }
      });
    }
    server.send(JSON.stringify({ type: "ready", seq: this.rt.store.latestSeq() }));
    broadcastPresence(this.rt);
    return response;
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    try {
      if (typeof message !== "string" || message.length > 1000) return;
      if (message === "ping") return ws.send("pong");
      await onAgentFrame(this.rt, ws, JSON.parse(message));
    } catch (error) {
      console.warn("conversation live: message handler failed", this.ctx.id.toString(), error instanceof Error ? error.message : error);
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      closeLive(ws, code, reason);
      broadcastPresence(this.rt);
    } catch (error) {
      console.warn("conversation live: close handler failed", this.ctx.id.toString(), error);
    }
  }

  override async webSocketError(_ws: WebSocket, error: unknown): Promise<void> {
    console.warn("conversation live: socket error", this.ctx.id.toString(), error instanceof Error ? error.message : error);
  }

  /** The safety net of the runs the instance's timer makes, and the wake-up of jobs further off. */
  override async alarm(): Promise<void> {
    this.rt.forgetAlarm();
    await this.runner.run();
  }
}
