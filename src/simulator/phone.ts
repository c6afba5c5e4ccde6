// The customer's side of the simulator: fake users and groups, and everything they do
// on the phone. Each action is recorded, turned into a webhook event (with a reply
// token the fake API will accept), signed with the channel secret and POSTed to the app.
import type { webhook } from "@line/bot-sdk";
import type { LanguageCode } from "../lib/locales";
import { t } from "../ui/i18n";
import type { NewGroup, NewUser, PhoneAction } from "./customer-actions";
import { postbackParams } from "./customer-actions";
import { newLineGroupId, newLineMessageId, newLineRoomId, newLineToken, newLineUserId, ulid } from "./line-ids";
import { emojisInText, findSticker } from "./stickers";
import type { SimulatorStore } from "./store";
import type { Chat, DeliveryResult, InboundItem } from "./types";
import type { EventSpec, InboundMessageSpec } from "./webhook-body";
import { asRedelivery, buildWebhookBody, buildWebhookEvent, eventTokens } from "./webhook-body";
import { postWebhook } from "./webhook-test";

/** Which app instance to talk to: the channel, its secret, and the origin the phone page was opened on. */
export interface ChannelContext {
  channelId: string;
  channelSecret: string | null;
  origin: string;
  /** The webhook URL set through the fake API; absent: `${origin}/webhooks/line/${channelId}`. */
  endpoint?: string;
  /** The language of the person at the phone: errors and rendered lines speak it. */
  locale?: LanguageCode;
}

export type ActionOutcome = { ok: true; chatId: string; result: DeliveryResult } | { ok: false; error: string };

export interface PhoneEvents {
  /** A new line in a chat (rendered and pushed to open phones). */
  appended(chatId: string, entryId: string): void;
  /** The app answered the webhook for these entries. */
  deliveryChanged(entryIds: string[]): void;
}


const DEMO_USERS: Array<Pick<NewUser, "displayName" | "language" | "statusMessage">> = [
  { displayName: "田中 ゆき", language: "ja", statusMessage: "週末はカフェ巡り ☕" },
  { displayName: "Somchai P.", language: "th", statusMessage: "สวัสดีครับ" },
  { displayName: "陳 偉倫", language: "zh-TW", statusMessage: undefined },
  { displayName: "Putri Lestari", language: "id", statusMessage: "Selalu semangat!" },
  { displayName: "Alex Morgan", language: "en", statusMessage: "Coffee first." },
];

export class CustomerPhone {
  constructor(
    private readonly store: SimulatorStore,
    private readonly media: R2Bucket,
    private readonly events: PhoneEvents,
    private readonly destination: (channelId: string) => Promise<string>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Demo customers who are already friends of the account, created once per channel. */
  seed(): void {
    if (this.store.meta("seeded")) return;
    this.store.setMeta("seeded", "1");
    const base = this.now() - DEMO_USERS.length * 1000;
    DEMO_USERS.forEach((u, i) =>
      this.store.insertUser({
        userId: newLineUserId(), displayName: u.displayName, language: u.language, statusMessage: u.statusMessage ?? null,
        following: true, everBlocked: false, createdAt: base + i * 1000,
      }),
    );
  }

  /** A new customer adds the account as a friend: a `follow` event. */
  async createUser(ctx: ChannelContext, input: NewUser): Promise<ActionOutcome> {
    const userId = newLineUserId();
    this.store.insertUser({
      userId, displayName: input.displayName, language: input.language, statusMessage: input.statusMessage ?? null,
      following: true, everBlocked: false, createdAt: this.now(),
    });
    return this.emit(ctx, this.store.chat(userId), null, { type: "follow", isUnblocked: false }, { kind: "follow", isUnblocked: false });
  }

  /** Customers invite the account to a group (or multi-person chat): a `join` event. */
  async createGroup(ctx: ChannelContext, input: NewGroup): Promise<ActionOutcome> {
    const known = input.memberIds.filter((id) => this.store.user(id));
    if (known.length === 0) return { ok: false, error: t("simulator.error.pickMembers") };
    const chatId = input.type === "room" ? newLineRoomId() : newLineGroupId();
    this.store.insertChat({ chatId, type: input.type, name: input.name, memberIds: known }, this.now());
    return this.emit(ctx, this.store.chat(chatId), null, { type: "join" }, { kind: "join" });
  }

  async follow(ctx: ChannelContext, userId: string): Promise<ActionOutcome> {
    const user = this.store.user(userId);
    if (!user) return { ok: false, error: t("simulator.error.unknownUser") };
    if (user.following) return { ok: false, error: t("simulator.error.alreadyFriend", { name: user.displayName }) };
    this.store.setFollowing(userId, true);
    // Re-adding after a block is an "unblock" in LINE's terms.
    const isUnblocked = user.everBlocked;
    return this.emit(ctx, this.store.chat(userId), null, { type: "follow", isUnblocked }, { kind: "follow", isUnblocked });
  }

  async unfollow(ctx: ChannelContext, userId: string): Promise<ActionOutcome> {
    const user = this.store.user(userId);
    if (!user) return { ok: false, error: t("simulator.error.unknownUser") };
    if (!user.following) return { ok: false, error: t("simulator.error.alreadyBlocked", { name: user.displayName }) };
    this.store.setFollowing(userId, false);
    return this.emit(ctx, this.store.chat(userId), null, { type: "unfollow" }, { kind: "unfollow" });
  }

  /** The customer sends something in a chat. */
  async send(ctx: ChannelContext, chatId: string, action: PhoneAction): Promise<ActionOutcome> {
    const chat = this.store.chat(chatId);
    if (!chat) return { ok: false, error: t("simulator.error.unknownChat") };
    const actorId = chat.type === "user" ? chat.chatId : (action.as ?? chat.memberIds[0] ?? null);
    if (!actorId || !chat.memberIds.includes(actorId)) return { ok: false, error: t("simulator.error.pickMember") };
    if (chat.type === "user" && this.store.user(actorId)?.following === false) {
      return { ok: false, error: t("simulator.error.blocked") };
    }
    if (action.kind === "postback") {
      const params = postbackParams(action);
      return this.emit(ctx, chat, actorId, { type: "postback", data: action.data, ...(params ? { params } : {}) }, {
        kind: "postback", data: action.data, ...(action.displayText ? { displayText: action.displayText } : {}),
      });
    }
    const messageId = newLineMessageId(this.now());
    const spec = await this.messageSpec(action, messageId);
    return this.emit(ctx, chat, actorId, { type: "message", message: spec, messageId }, null);
  }

  /** The customer unsends their last message: an `unsend` event; the bubble becomes a note. */
  async unsend(ctx: ChannelContext, chatId: string, as: string | null): Promise<ActionOutcome> {
    const chat = this.store.chat(chatId);
    if (!chat) return { ok: false, error: t("simulator.error.unknownChat") };
    const actorId = chat.type === "user" ? chat.chatId : (as ?? chat.memberIds[0] ?? null);
    const entry = this.store.lastUnsendable(chatId, actorId);
    if (!entry || entry.direction !== "in" || entry.item.kind !== "message") return { ok: false, error: t("simulator.error.nothingToUnsend") };
    const now = this.now();
    const event = buildWebhookEvent({ type: "unsend", source: sourceOf(chat, entry.userId), messageId: entry.id, webhookEventId: ulid(now) }, now);
    this.store.replaceInbound(entry.id, { kind: "unsent", messageType: entry.item.message.type }, event.webhookEventId);
    this.store.insertEvent(event, chatId, now);
    this.events.deliveryChanged([entry.id]);
    const result = await this.post(ctx, event);
    this.events.deliveryChanged(this.store.setDelivery(event.webhookEventId, result.delivery));
    return { ok: true, chatId, result };
  }

  /**
   * A LINE event about the customer rather than a message (account linking,
   * membership): signed and delivered like the rest, recorded in the chat's events.
   */
  async contactEvent(ctx: ChannelContext, userId: string, spec: Extract<DistributiveOmit<EventSpec, "source">, { type: "accountLink" | "membership" }>): Promise<ActionOutcome> {
    const chat = this.store.chat(userId);
    if (!chat || chat.type !== "user") return { ok: false, error: t("simulator.error.unknownChat") };
    const now = this.now();
    const event = buildWebhookEvent({ ...spec, source: { type: "user", userId }, webhookEventId: ulid(now) }, now);
    this.store.insertEvent(event, userId, now);
    const result = await this.post(ctx, event);
    return { ok: true, chatId: userId, result };
  }

  /** Sends the chat's last event again: same webhookEventId, `isRedelivery: true`. */
  async redeliver(ctx: ChannelContext, chatId: string): Promise<ActionOutcome> {
    const last = this.store.lastEvent(chatId);
    if (!last) return { ok: false, error: t("simulator.error.nothingToRedeliver") };
    const event = asRedelivery(last);
    this.store.insertEvent(event, chatId, this.now());
    const result = await this.post(ctx, event);
    this.events.deliveryChanged(this.store.setDelivery(event.webhookEventId, result.delivery));
    return { ok: true, chatId, result };
  }

  private async messageSpec(action: PhoneAction, messageId: string): Promise<InboundMessageSpec> {
    switch (action.kind) {
      case "text":
        return { type: "text", text: action.text, emojis: emojisInText(action.text) };
      case "sticker":
        return { type: "sticker", packageId: action.packageId, stickerId: action.stickerId, keywords: findSticker(action.packageId, action.stickerId)?.keywords };
      case "location":
        return { type: "location", title: action.title, address: action.address, latitude: action.latitude, longitude: action.longitude };
      case "media": {
        const contentType = action.contentType || "application/octet-stream";
        await this.media.put(mediaKey(messageId), action.bytes, { httpMetadata: { contentType } });
        this.store.insertMedia(messageId, contentType, action.bytes.byteLength, action.fileName);
        if (contentType.startsWith("image/")) return { type: "image" };
        if (contentType.startsWith("video/")) return { type: "video", duration: action.duration ?? 1000 };
        if (contentType.startsWith("audio/")) return { type: "audio", duration: action.duration ?? 1000 };
        return { type: "file", fileName: action.fileName || "file", fileSize: action.bytes.byteLength };
      }
      case "postback":
        throw new Error("postbacks are not messages");
    }
  }

  /** Records an event (and its tokens) for a chat, shows it on the phone, then delivers it. */
  private async emit(
    ctx: ChannelContext,
    chat: Chat | null,
    actorId: string | null,
    spec: DistributiveOmit<EventSpec, "source">,
    item: InboundItem | null,
  ): Promise<ActionOutcome> {
    if (!chat) return { ok: false, error: t("simulator.error.unknownChat") };
    const now = this.now();
    const event = buildWebhookEvent({ ...spec, source: sourceOf(chat, actorId), webhookEventId: ulid(now) }, now);
    const tokens = eventTokens(event);
    const shown: InboundItem | null = item ?? (event.type === "message" ? { kind: "message", message: event.message } : null);
    if (!shown) return { ok: false, error: t("simulator.error.nothingToShow") };
    const entryId = event.type === "message" ? event.message.id : newLineMessageId(now);
    const quoteToken = event.type === "message" && "quoteToken" in event.message ? (event.message.quoteToken ?? null) : null;
    const seq = this.store.insertInbound({ id: entryId, chatId: chat.chatId, userId: actorId, item: shown, quoteToken, webhookEventId: event.webhookEventId, now });
    if (tokens.replyToken) this.store.issueReplyToken(tokens.replyToken, chat.chatId, now);
    if (tokens.markAsReadToken) this.store.issueReadToken(tokens.markAsReadToken, chat.chatId, seq);
    this.store.insertEvent(event, chat.chatId, now);
    this.events.appended(chat.chatId, entryId);
    const result = await this.post(ctx, event);
    this.events.deliveryChanged(this.store.setDelivery(event.webhookEventId, result.delivery));
    return { ok: true, chatId: chat.chatId, result };
  }

  /** Signs and POSTs one event to the channel's webhook URL and reports how the app answered. */
  private async post(ctx: ChannelContext, event: webhook.Event): Promise<DeliveryResult> {
    const webhookEventId = event.webhookEventId;
    if (!ctx.channelSecret) return { webhookEventId, status: null, delivery: "failed: LINE_CHANNEL_SECRET is not set" };
    const sent = await postWebhook(ctx.endpoint ?? webhookUrl(ctx), ctx.channelSecret, buildWebhookBody(await this.destination(ctx.channelId), [event]));
    if (!("status" in sent)) return { webhookEventId, status: null, delivery: sent.timedOut ? "failed: timeout" : "failed: app unreachable" };
    const ok = sent.status >= 200 && sent.status < 300;
    return { webhookEventId, status: sent.status, delivery: ok ? `ok ${sent.status}` : `failed: ${sent.status}` };
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function webhookUrl(ctx: Pick<ChannelContext, "origin" | "channelId">): string {
  return `${ctx.origin}/webhooks/line/${encodeURIComponent(ctx.channelId)}`;
}

/** R2 key of media a fake customer sent. */
export function mediaKey(messageId: string): string {
  return `simulator/${messageId}`;
}

function sourceOf(chat: Chat, actorId: string | null): webhook.Source {
  if (chat.type === "group") return actorId ? { type: "group", groupId: chat.chatId, userId: actorId } : { type: "group", groupId: chat.chatId };
  if (chat.type === "room") return actorId ? { type: "room", roomId: chat.chatId, userId: actorId } : { type: "room", roomId: chat.chatId };
  return { type: "user", userId: chat.chatId };
}
