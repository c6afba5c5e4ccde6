// Shared shapes of the LINE simulator: fake users and chats, the messages on the fake
// phone, answers of the fake API, and what travels over the phone's WebSocket.
import type { webhook } from "@line/bot-sdk";
import type { LanguageCode } from "../lib/locales";
import type { OutboundMessage } from "./message-schema";

export const LANGUAGES = ["ja", "th", "zh-TW", "id", "en", "ko"] as const;
export type Language = (typeof LANGUAGES)[number];

export interface FakeUser {
  userId: string;
  displayName: string;
  language: string;
  statusMessage: string | null;
  /** Still a friend of the account; false after unfollow (block). */
  following: boolean;
  /** Has unfollowed at least once: the next follow says `isUnblocked: true`. */
  everBlocked: boolean;
  createdAt: number;
}

export type ChatType = "user" | "group" | "room";

export interface Chat {
  chatId: string;
  type: ChatType;
  /** Display name: the user's name for 1:1 chats, the group name otherwise. */
  name: string;
  memberIds: string[];
}

/** Something that happened on the customer's side, shown on the phone. */
export type InboundItem =
  | { kind: "message"; message: webhook.MessageContent }
  | { kind: "follow"; isUnblocked: boolean }
  | { kind: "unfollow" }
  | { kind: "join" }
  | { kind: "postback"; data: string; displayText?: string }
  /** A message the customer took back (LINE removes its content everywhere). */
  | { kind: "unsent"; messageType: string };

/** One line of a chat on the phone, in either direction. */
export type ChatEntry =
  | {
      direction: "in";
      seq: number;
      id: string;
      chatId: string;
      userId: string | null;
      item: InboundItem;
      webhookEventId: string;
      /** `pending`, `ok 200`, or `failed: ...` — how the app answered the webhook. */
      delivery: string;
      readAt: number | null;
      createdAt: number;
    }
  | {
      direction: "out";
      seq: number;
      id: string;
      chatId: string;
      via: "reply" | "push";
      message: OutboundMessage;
      quoteToken: string | null;
      createdAt: number;
    };

/** A fake-API answer computed in the Durable Object, turned into a Response by the route. */
export interface ApiResult {
  status: number;
  /** JSON text of the body (`{}` when LINE answers an empty object). */
  body: string;
  headers?: Record<string, string>;
}

export type FailEndpoint = "push" | "reply" | "any";

export interface FailRule {
  status: number;
  count: number;
  endpoint: FailEndpoint;
  /** `before`: reject without delivering; `after`: deliver, then answer the error (a lost response). */
  mode: "before" | "after";
}

export interface QuotaState {
  limit: number;
  used: number;
}

/** Result of sending one event from the phone to the app's webhook. */
export interface DeliveryResult {
  webhookEventId: string;
  status: number | null;
  /** `ok 200` or `failed: 500` / `failed: <network error>`. */
  delivery: string;
}

/** Per-socket state kept with serializeAttachment, so it survives hibernation. */
export interface SocketAttachment {
  chatId: string;
  viewerId: string | null;
  /** The phone page's language (sockets from before it was kept speak English). */
  locale?: LanguageCode;
  connectedAt: number;
}

/** Server → phone messages over the WebSocket. */
export type PhoneFrame =
  | { t: "append"; chatId: string; id: string; html: string }
  | { t: "replace"; id: string; html: string }
  | { t: "typing"; chatId: string; seconds: number }
  | { t: "read"; chatId: string; ids: string[] }
  | { t: "quickReply"; chatId: string; html: string };
