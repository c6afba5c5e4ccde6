// LineSimulatorDO: one LINE look-alike per channel (`idFromName(channelId)`). It owns the
// fake users and chats, the fake Messaging API's state (reply tokens, retry keys, quota)
// in SQLite, and the phone pages' hibernating WebSockets that show the business's replies live.
import { DurableObject } from "cloudflare:workers";
import type { Bindings } from "../env";
import type { LanguageCode } from "../lib/locales";
import { matchLanguage, withLocale } from "../ui/i18n";
import type { NewGroup, NewUser, PhoneAction } from "./customer-actions";
import { FakeAccountApi } from "./account-api";
import { SimulatorAccountLinks, subscriptionBody } from "./account-links";
import type { ChatMode, FakeChannel } from "./fake-channels";
import { botUserIdFor } from "./line-ids";
import { FakeMessagingApi, lineError } from "./messaging";
import type { ActionOutcome, ChannelContext } from "./phone";
import { CustomerPhone, mediaKey } from "./phone";
import { PhoneSockets } from "./live";
import { RegistryStore } from "./registry-store";
import { SimulatorStore } from "./store";
import type { ApiResult, Chat, FailRule, FakeUser, QuotaState } from "./types";
import type { RenderContext } from "./views/bubbles";
import { renderChatLog, renderQuickReplies } from "./views/bubbles";

/** The simulator instance for a channel (the default channel comes from LINE_CHANNEL_ID). */
export function simulatorStub(env: Pick<Bindings, "LINE_SIMULATOR">, channelId: string): DurableObjectStub<LineSimulatorDO> {
  return env.LINE_SIMULATOR.get(env.LINE_SIMULATOR.idFromName(channelId));
}

/** Everything the phone page needs to draw one chat; the log is rendered here, once, for every caller. */
export interface ChatSnapshot {
  chat: Chat;
  users: FakeUser[];
  /** Who holds the phone: the 1:1 customer, or a member of the group. */
  viewerId: string | null;
  accountName: string;
  logHtml: string;
  quickRepliesHtml: string;
}

export interface Overview {
  chats: Chat[];
  users: FakeUser[];
  quota: QuotaState;
  failRule: FailRule | null;
  events: ReturnType<SimulatorStore["recentEvents"]>;
  accountName: string;
  destination: string;
}

export type MediaResult = { found: false; result: ApiResult } | { found: true; contentType: string; fileName: string | null; bytes: ArrayBuffer };

export class LineSimulatorDO extends DurableObject<Bindings> {
  private readonly store: SimulatorStore;
  private readonly account: FakeAccountApi;
  private readonly api: FakeMessagingApi;
  private readonly phone: CustomerPhone;
  private readonly sockets: PhoneSockets;
  /** Phone updates started by the current call; awaited before the call returns. */
  private pending: Array<Promise<void>> = [];
  private linksStore: SimulatorAccountLinks | null = null;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.store = new SimulatorStore(ctx.storage.sql);
    this.account = new FakeAccountApi(this.store);
    this.api = new FakeMessagingApi(this.store, {
      delivered: (chatId, entries) => this.later(this.sockets.sendEntries(chatId, entries.map((e) => e.id), "append")),
      typing: (chatId, seconds) => this.sockets.broadcast(chatId, { t: "typing", chatId, seconds }),
      read: (chatId, ids) => this.sockets.broadcast(chatId, { t: "read", chatId, ids }),
    });
    this.phone = new CustomerPhone(
      this.store,
      env.MEDIA,
      {
        appended: (chatId, id) => this.later(this.sockets.sendEntries(chatId, [id], "append")),
        deliveryChanged: (ids) => {
          const chatId = ids[0] ? this.store.entry(ids[0])?.chatId : undefined;
          if (chatId) this.later(this.sockets.sendEntries(chatId, ids, "replace"));
        },
      },
      botUserIdFor,
    );
    this.sockets = new PhoneSockets(ctx, this.store, (chat, viewerId) => this.renderContext(chat, viewerId));
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  // The fake Messaging API (see messaging.ts for LINE's rules).

  async reply(rawBody: string): Promise<ApiResult> {
    return this.settled(this.api.reply(rawBody));
  }

  async push(rawBody: string, retryKey: string | null, requestId: string): Promise<ApiResult> {
    return this.settled(this.api.push(rawBody, retryKey, requestId));
  }

  // Account linking and membership (account-links.ts).

  private links(): SimulatorAccountLinks {
    this.linksStore ??= new SimulatorAccountLinks(this.ctx.storage.sql);
    return this.linksStore;
  }

  /** POST /v2/bot/user/{userId}/linkToken: only for a user who is a friend of the account. */
  async issueLinkToken(channelId: string, userId: string): Promise<ApiResult> {
    const user = this.store.user(userId);
    if (!user?.following) return lineError(400, "The user hasn't added the LINE Official Account as a friend.");
    return { status: 200, body: JSON.stringify({ linkToken: this.links().issue(channelId, userId, Date.now()) }) };
  }

  /** GET /v2/bot/membership/subscription/{userId}: 404 when the customer holds no plan. */
  async membershipSubscription(userId: string): Promise<ApiResult> {
    const m = this.links().membership(userId);
    return m ? { status: 200, body: JSON.stringify(subscriptionBody(m)) } : lineError(404, "Unable to get information about the membership to which the user subscribes.");
  }

  /** LINE's account-link dialog finished: the accountLink event for the token's user (per webhook.yml). */
  async completeAccountLink(ctx: ChannelContext, linkToken: string, nonce: string, result: "ok" | "failed"): Promise<ActionOutcome> {
    const userId = this.links().use(linkToken, Date.now());
    if (!userId) return { ok: false, error: "This link token is unknown, used or expired." };
    return this.act(ctx, (target) => this.phone.contactEvent(target, userId, { type: "accountLink", result, nonce }));
  }

  /** The customer joins, renews or leaves a membership plan: the membership event. */
  async membershipChange(ctx: ChannelContext, userId: string, change: { type: "joined" | "left" | "renewed"; membershipId: number; title: string }): Promise<ActionOutcome> {
    this.links().setMembership(userId, change.type === "left" ? null : { membershipId: change.membershipId, title: change.title, joinedAt: Date.now() });
    return this.act(ctx, (target) => this.phone.contactEvent(target, userId, { type: "membership", membershipType: change.type, membershipId: change.membershipId }));
  }

  async pendingLinkTokens(): Promise<Array<{ token: string; userId: string; issuedAt: number }>> {
    return this.links().pending(Date.now());
  }

  // `channelId` (provisioned accounts only) goes into picture URLs so they find this object.

  async profile(userId: string, origin: string, channelId?: string): Promise<ApiResult> {
    return this.api.profile(userId, origin, channelId);
  }

  async memberProfile(type: "group" | "room", chatId: string, userId: string, origin: string, channelId?: string): Promise<ApiResult> {
    return this.api.memberProfile(type, chatId, userId, origin, channelId);
  }

  async groupSummary(groupId: string, origin: string, channelId?: string): Promise<ApiResult> {
    return this.api.groupSummary(groupId, origin, channelId);
  }

  async quota(): Promise<ApiResult> {
    return this.api.quota();
  }

  async consumption(): Promise<ApiResult> {
    return this.api.consumption();
  }

  async loading(rawBody: string): Promise<ApiResult> {
    return this.api.loading(rawBody);
  }

  async markAsRead(rawBody: string): Promise<ApiResult> {
    return this.api.markAsRead(rawBody);
  }

  // The account itself (bot info, webhook endpoint get/set/test): see account-api.ts.

  async botInfo(channelId: string, origin: string): Promise<ApiResult> {
    return this.account.botInfo(channelId, origin);
  }

  async webhookEndpoint(): Promise<ApiResult> {
    return this.account.webhookEndpoint();
  }

  async setWebhookEndpoint(rawBody: string): Promise<ApiResult> {
    return this.account.setWebhookEndpoint(rawBody);
  }

  async testWebhook(channel: Pick<ChannelContext, "channelId" | "channelSecret">, rawBody: string): Promise<ApiResult> {
    return this.account.testWebhook(channel, rawBody);
  }

  // The fake LINE Developers Console: a channel's profile, and the registry of channels
  // (kept only by the object named REGISTRY_NAME).

  async configure(profile: { name: string; basicId: string; chatMode: ChatMode }): Promise<void> {
    this.account.configure(profile);
  }

  async endpointSetting(): Promise<{ endpoint: string | null; active: boolean }> {
    return this.account.endpointSetting();
  }

  async register(channel: FakeChannel): Promise<void> {
    this.registry().insert(channel);
  }

  /** A provisioned channel by its access token (the fake API's Bearer auth) or its id. */
  async registered(key: { token: string } | { channelId: string }): Promise<FakeChannel | null> {
    return "token" in key ? this.registry().byToken(key.token) : this.registry().byId(key.channelId);
  }

  async registeredChannels(): Promise<FakeChannel[]> {
    return this.registry().all();
  }

  /** Bytes a customer sent. `viaApi` applies injected failures (the data API); the phone page does not. */
  async media(messageId: string, viaApi: boolean): Promise<MediaResult> {
    const failure = viaApi ? this.store.takeFailure("other") : null;
    if (failure) return { found: false, result: lineError(failure.status) };
    const meta = this.store.media(messageId);
    const object = meta ? await this.env.MEDIA.get(mediaKey(messageId)) : null;
    if (!meta || !object) return { found: false, result: lineError(404, "Not found") };
    return { found: true, contentType: meta.contentType, fileName: meta.fileName, bytes: await object.arrayBuffer() };
  }

  // Controls for tests and demos.

  async setFailRule(rule: FailRule): Promise<FailRule> {
    this.store.setFailRule(rule);
    return rule;
  }

  async setQuota(state: Partial<QuotaState>): Promise<QuotaState> {
    return this.store.setQuota(state, Date.now());
  }

  /** JSON of what the business sent to (and the customer sent in) a chat, oldest first. */
  async chatEntriesJson(chatId: string): Promise<string> {
    return JSON.stringify({ entries: this.store.entries(chatId, 500) });
  }

  // The phone page.

  async overview(channelId: string): Promise<Overview> {
    this.phone.seed();
    const text = this.store.meta("fail_rule");
    const rule = text ? (JSON.parse(text) as FailRule) : null;
    return {
      chats: this.store.chats(), users: this.store.users(), quota: this.store.quota(Date.now()),
      failRule: rule && rule.count > 0 ? rule : null, events: this.store.recentEvents(), accountName: this.account.name(),
      destination: await botUserIdFor(channelId),
    };
  }

  /** The chat drawn for one viewer in `locale` (the phone page's language). */
  async snapshot(chatId: string, requestedViewer: string | null, locale: LanguageCode = "en"): Promise<ChatSnapshot | null> {
    return withLocale({ locale, timeZone: "UTC" }, () => this.drawChat(chatId, requestedViewer));
  }

  private async drawChat(chatId: string, requestedViewer: string | null): Promise<ChatSnapshot | null> {
    const chat = this.store.chat(chatId);
    if (!chat) return null;
    const viewerId =
      chat.type === "user" ? chat.chatId : requestedViewer && chat.memberIds.includes(requestedViewer) ? requestedViewer : (chat.memberIds[0] ?? null);
    const entries = this.store.entries(chatId);
    const ctx = this.renderContext(chat, viewerId);
    return {
      chat, users: this.store.users(), viewerId, accountName: ctx.accountName,
      logHtml: await renderChatLog(entries, ctx), quickRepliesHtml: await renderQuickReplies(entries, ctx),
    };
  }

  async user(userId: string): Promise<FakeUser | null> {
    return this.store.user(userId);
  }

  async chat(chatId: string): Promise<Chat | null> {
    return this.store.chat(chatId);
  }

  // The customer's actions; their errors speak the language of the phone page (ctx.locale).

  async createUser(ctx: ChannelContext, input: NewUser): Promise<ActionOutcome> {
    return this.act(ctx, (target) => this.phone.createUser(target, input));
  }

  async createGroup(ctx: ChannelContext, input: NewGroup): Promise<ActionOutcome> {
    return this.act(ctx, (target) => this.phone.createGroup(target, input));
  }

  async follow(ctx: ChannelContext, userId: string): Promise<ActionOutcome> {
    return this.act(ctx, (target) => this.phone.follow(target, userId));
  }

  async unfollow(ctx: ChannelContext, userId: string): Promise<ActionOutcome> {
    return this.act(ctx, (target) => this.phone.unfollow(target, userId));
  }

  async send(ctx: ChannelContext, chatId: string, action: PhoneAction): Promise<ActionOutcome> {
    return this.act(ctx, (target) => this.phone.send(target, chatId, action));
  }

  async unsend(ctx: ChannelContext, chatId: string, as: string | null): Promise<ActionOutcome> {
    return this.act(ctx, (target) => this.phone.unsend(target, chatId, as));
  }

  async redeliver(ctx: ChannelContext, chatId: string): Promise<ActionOutcome> {
    return this.act(ctx, (target) => this.phone.redeliver(target, chatId));
  }

  // Live updates: one hibernating WebSocket per open phone page, tagged with its chat id.

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("Expected a WebSocket", { status: 426 });
    const url = new URL(request.url);
    const chatId = url.searchParams.get("chat") ?? "";
    if (!this.store.chat(chatId)) return new Response("Unknown chat", { status: 404 });
    return this.sockets.accept(chatId, url.searchParams.get("as") || null, matchLanguage(url.searchParams.get("lang") ?? "") ?? "en");
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    try {
      // The page only sends keep-alive pings, answered by the auto-response without waking us.
      if (message !== "ping") console.warn("simulator: unexpected socket message", { chatId: this.sockets.attachment(ws)?.chatId });
    } catch (error) {
      console.error("simulator: webSocketMessage failed", String(error));
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      this.sockets.forget(ws);
      // Reciprocate the close; 1005/1006 are reserved and may not be sent back.
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch (error) {
      console.error("simulator: webSocketClose failed", { code, error: String(error) });
    }
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    try {
      console.error("simulator: socket error", { chatId: this.sockets.attachment(ws)?.chatId, error: String(error) });
      this.sockets.forget(ws);
    } catch (inner) {
      console.error("simulator: webSocketError failed", String(inner));
    }
  }

  private registryStore: RegistryStore | null = null;

  private registry(): RegistryStore {
    this.registryStore ??= new RegistryStore(this.ctx.storage.sql);
    return this.registryStore;
  }

  /** Where the phone's webhooks go: the URL set with PUT webhook/endpoint, else the page's own origin. */
  private target(ctx: ChannelContext): ChannelContext {
    const { endpoint } = this.account.endpointSetting();
    return endpoint ? { ...ctx, endpoint } : ctx;
  }

  private renderContext(chat: Chat, viewerId: string | null): RenderContext {
    const users = new Map(this.store.users().map((u) => [u.userId, u]));
    return { chat, users, viewerId, accountName: this.account.name(), quoted: (t) => this.store.entryByQuoteToken(t) };
  }

  private async act(ctx: ChannelContext, run: (target: ChannelContext) => Promise<ActionOutcome>): Promise<ActionOutcome> {
    const outcome = await withLocale({ locale: ctx.locale ?? "en", timeZone: "UTC" }, () => run(this.target(ctx)));
    return this.settled(outcome);
  }

  private later(work: Promise<void>): void {
    this.pending.push(work.catch((error: unknown) => console.error("simulator: phone update failed", String(error))));
  }

  private async settled<T>(value: T): Promise<T> {
    const work = this.pending;
    this.pending = [];
    await Promise.all(work);
    return value;
  }
}

