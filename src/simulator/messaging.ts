// The fake Messaging API's behaviour, over the simulator's storage: reply tokens that
// work once and expire, push with X-Line-Retry-Key and the monthly quota, profiles,
// loading animation, mark-as-read, and injected failures. Answers as LINE does.
import type { OutboundMessage } from "./message-schema";
import {
  loadingRequestSchema,
  markAsReadRequestSchema,
  parseLineRequest,
  pushRequestSchema,
  replyRequestSchema,
} from "./message-schema";
import { LINE_GROUP_ID, LINE_ROOM_ID, LINE_USER_ID, UUID, newLineMessageId, newLineToken } from "./line-ids";
import type { SimulatorStore } from "./store";
import type { ApiResult, Chat, ChatEntry, FailRule } from "./types";

/** LINE documents reply tokens as usable once, within about a minute of the event. */
export const REPLY_TOKEN_TTL_MS = 60_000;

/** Where the phone UI gets told about what the business did. */
export interface PhoneNotifier {
  delivered(chatId: string, entries: ChatEntry[]): void;
  typing(chatId: string, seconds: number): void;
  read(chatId: string, ids: string[]): void;
}

// Message types that LINE returns a quoteToken for (they can be quoted later).
const QUOTABLE = new Set(["text", "textV2", "sticker", "image", "video", "template", "flex", "imagemap"]);

const ERROR_TEXT: Record<number, string> = {
  400: "Bad request",
  401: "Authentication failed. Confirm that the access token in the authorization header is valid.",
  403: "Access to this API is not available for your account",
  404: "Not found",
  409: "Conflict",
  410: "Gone",
  413: "Request entity too large",
  429: "Too many requests",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

export function json(status: number, body: object, headers?: Record<string, string>): ApiResult {
  return { status, body: JSON.stringify(body), ...(headers ? { headers } : {}) };
}

export function lineError(status: number, message?: string, extra: object = {}): ApiResult {
  return json(status, { message: message ?? ERROR_TEXT[status] ?? "Error", ...extra });
}

function injected(rule: FailRule): ApiResult {
  return lineError(rule.status);
}

function readJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const NOT_JSON = lineError(400, "The request body could not be parsed as JSON");

export class FakeMessagingApi {
  constructor(
    private readonly store: SimulatorStore,
    private readonly phone: PhoneNotifier,
    private readonly now: () => number = Date.now,
  ) {}

  /** POST /v2/bot/message/reply — free; the token is single-use and short-lived. */
  reply(rawBody: string): ApiResult {
    const failure = this.store.takeFailure("reply");
    if (failure?.mode === "before") return injected(failure);
    const parsed = readJson(rawBody);
    if (!parsed.ok) return NOT_JSON;
    const request = parseLineRequest(replyRequestSchema, parsed.value);
    if (!request.ok) return lineError(400, request.message, { details: request.details });
    const now = this.now();
    const token = this.store.replyToken(request.data.replyToken);
    if (!token || token.usedAt !== null || now - token.issuedAt > REPLY_TOKEN_TTL_MS) {
      return lineError(400, "Invalid reply token");
    }
    this.store.useReplyToken(request.data.replyToken, now);
    // A customer who blocked the account since the event gets nothing, as with push.
    const blocked = this.store.user(token.chatId)?.following === false;
    const sentMessages = blocked ? request.data.messages.map(sentWithoutDelivery) : this.deliver(token.chatId, "reply", request.data.messages, now);
    return failure ? injected(failure) : json(200, { sentMessages });
  }

  /** POST /v2/bot/message/push — uses the quota; an accepted retry key is answered with 409. */
  push(rawBody: string, retryKey: string | null, requestId: string): ApiResult {
    const failure = this.store.takeFailure("push");
    if (failure?.mode === "before") return injected(failure);
    if (retryKey !== null && !UUID.test(retryKey)) return lineError(400, "The value of the X-Line-Retry-Key header is invalid");
    const parsed = readJson(rawBody);
    if (!parsed.ok) return NOT_JSON;
    const request = parseLineRequest(pushRequestSchema, parsed.value);
    if (!request.ok) return lineError(400, request.message, { details: request.details });

    if (retryKey !== null) {
      const accepted = this.store.acceptedRetryKey(retryKey);
      if (accepted) {
        const previous = JSON.parse(accepted.response) as { sentMessages?: unknown };
        return json(
          409,
          { message: "The retry key is already accepted", sentMessages: previous.sentMessages ?? [] },
          { "x-line-accepted-request-id": accepted.requestId },
        );
      }
    }

    const to = request.data.to;
    if (![LINE_USER_ID, LINE_GROUP_ID, LINE_ROOM_ID].some((re) => re.test(to))) {
      return lineError(400, "The property, 'to', in the request body is invalid (line: -, column: -)");
    }
    const now = this.now();
    const chat = this.store.chat(to) ?? this.adoptRecipient(to, now);
    // LINE counts one message per recipient per request, however many bubbles it holds.
    const recipients = chat.type === "user" ? 1 : Math.max(chat.memberIds.length, 1);
    const quota = this.store.quota(now);
    if (quota.used + recipients > quota.limit) return lineError(429, "You have reached your monthly limit.");

    // A user who blocked the account gets nothing; LINE still answers 200 and does not count it.
    const blocked = chat.type === "user" && this.store.user(to)?.following === false;
    const sentMessages = blocked ? request.data.messages.map(sentWithoutDelivery) : this.deliver(to, "push", request.data.messages, now);
    if (!blocked) this.store.setQuota({ used: quota.used + recipients }, now);
    const response = { sentMessages };
    if (retryKey !== null) this.store.acceptRetryKey(retryKey, requestId, JSON.stringify(response), now);
    return failure ? injected(failure) : json(200, response);
  }

  /** GET /v2/bot/profile/{userId} — 404 for unknown users and users who blocked the account. */
  profile(userId: string, origin: string, channelId?: string): ApiResult {
    const failure = this.store.takeFailure("other");
    if (failure) return injected(failure);
    const user = this.store.user(userId);
    if (!user || !user.following) return lineError(404, "Not found");
    return json(200, {
      displayName: user.displayName,
      userId: user.userId,
      pictureUrl: avatarUrl(origin, user.userId, channelId),
      ...(user.statusMessage ? { statusMessage: user.statusMessage } : {}),
      language: user.language,
    });
  }

  /** GET /v2/bot/{group|room}/{id}/member/{userId}. */
  memberProfile(type: "group" | "room", chatId: string, userId: string, origin: string, channelId?: string): ApiResult {
    const failure = this.store.takeFailure("other");
    if (failure) return injected(failure);
    const chat = this.store.chat(chatId);
    const user = this.store.user(userId);
    if (!chat || chat.type !== type || !user || !chat.memberIds.includes(userId)) return lineError(404, "Not found");
    return json(200, { displayName: user.displayName, userId: user.userId, pictureUrl: avatarUrl(origin, user.userId, channelId) });
  }

  /** GET /v2/bot/group/{groupId}/summary. */
  groupSummary(groupId: string, origin: string, channelId?: string): ApiResult {
    const failure = this.store.takeFailure("other");
    if (failure) return injected(failure);
    const chat = this.store.chat(groupId);
    if (!chat || chat.type !== "group") return lineError(404, "Not found");
    return json(200, { groupId, groupName: chat.name, pictureUrl: avatarUrl(origin, groupId, channelId) });
  }

  quota(): ApiResult {
    const failure = this.store.takeFailure("other");
    if (failure) return injected(failure);
    return json(200, { type: "limited", value: this.store.quota(this.now()).limit });
  }

  consumption(): ApiResult {
    const failure = this.store.takeFailure("other");
    if (failure) return injected(failure);
    return json(200, { totalUsage: this.store.quota(this.now()).used });
  }

  /** POST /v2/bot/chat/loading/start — 1:1 chats only; the phone shows a typing indicator. */
  loading(rawBody: string): ApiResult {
    const failure = this.store.takeFailure("other");
    if (failure) return injected(failure);
    const parsed = readJson(rawBody);
    if (!parsed.ok) return NOT_JSON;
    const request = parseLineRequest(loadingRequestSchema, parsed.value);
    if (!request.ok) return lineError(400, request.message, { details: request.details });
    const user = this.store.user(request.data.chatId);
    if (!user || !user.following) return lineError(400, "The property, 'chatId', in the request body is invalid (line: -, column: -)");
    const seconds = request.data.loadingSeconds ?? 20;
    this.phone.typing(user.userId, seconds);
    return json(202, {});
  }

  /** POST /v2/bot/chat/markAsRead — marks the customer's messages up to the token's as read. */
  markAsRead(rawBody: string): ApiResult {
    const failure = this.store.takeFailure("other");
    if (failure) return injected(failure);
    const parsed = readJson(rawBody);
    if (!parsed.ok) return NOT_JSON;
    const request = parseLineRequest(markAsReadRequestSchema, parsed.value);
    if (!request.ok) return lineError(400, request.message, { details: request.details });
    const token = this.store.readToken(request.data.markAsReadToken);
    if (!token) return lineError(400, "The markAsReadToken is invalid");
    const ids = this.store.markRead(token.chatId, token.seq, this.now());
    if (ids.length) this.phone.read(token.chatId, ids);
    return json(200, {});
  }

  /**
   * A well-formed id the simulator has never seen (e.g. a conversation from before the
   * simulator was reset, or one created by a test's hand-made webhook) becomes a chat on
   * the phone, so pushes to it are visible instead of failing.
   */
  private adoptRecipient(to: string, now: number): Chat {
    const suffix = to.slice(-4);
    if (to.startsWith("U")) {
      this.store.insertUser({ userId: to, displayName: `LINE user ${suffix}`, language: "en", statusMessage: null, following: true, everBlocked: false, createdAt: now });
    } else {
      this.store.insertChat({ chatId: to, type: to.startsWith("C") ? "group" : "room", name: `Chat ${suffix}`, memberIds: [] }, now);
    }
    return this.store.chat(to) ?? { chatId: to, type: "user", name: to, memberIds: [to] };
  }

  private deliver(chatId: string, via: "reply" | "push", messages: OutboundMessage[], now: number): Array<{ id: string; quoteToken?: string }> {
    const sent: Array<{ id: string; quoteToken?: string }> = [];
    const entries: ChatEntry[] = [];
    for (const message of messages) {
      const id = newLineMessageId(now);
      const quoteToken = QUOTABLE.has(message.type) ? newLineToken() : null;
      this.store.insertOutbound({ id, chatId, via, message, quoteToken, now });
      const entry = this.store.entry(id);
      if (entry) entries.push(entry);
      sent.push(quoteToken ? { id, quoteToken } : { id });
    }
    this.phone.delivered(chatId, entries);
    return sent;
  }
}

function sentWithoutDelivery(message: OutboundMessage): { id: string; quoteToken?: string } {
  const id = newLineMessageId();
  return QUOTABLE.has(message.type) ? { id, quoteToken: newLineToken() } : { id };
}

/** A fake user's or group's picture; `channelId` names a provisioned account (the env one needs none). */
export function avatarUrl(origin: string, id: string, channelId?: string): string {
  const query = channelId ? `?channel=${encodeURIComponent(channelId)}` : "";
  return `${origin}/simulator/avatars/${encodeURIComponent(id)}.svg${query}`;
}
