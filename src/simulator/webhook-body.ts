// Builds LINE webhook request bodies exactly as webhook.yml describes them, and signs
// them like the LINE Platform does. Pure apart from generating missing ids, so tests
// anywhere in the project can build realistic signed payloads with it.
import type { webhook } from "@line/bot-sdk";
import { signBody } from "../lib/crypto";
import { newLineMessageId, newLineToken, ulid } from "./line-ids";

/** What the customer sent, before LINE assigns ids and tokens. */
export type InboundMessageSpec =
  | { type: "text"; text: string; emojis?: webhook.Emoji[]; quotedMessageId?: string }
  | {
      type: "sticker";
      packageId: string;
      stickerId: string;
      stickerResourceType?: webhook.StickerMessageContent.StickerResourceTypeEnum;
      keywords?: string[];
    }
  | { type: "image" }
  | { type: "video"; duration?: number }
  | { type: "audio"; duration?: number }
  | { type: "file"; fileName: string; fileSize: number }
  | { type: "location"; title?: string; address?: string; latitude: number; longitude: number };

interface EventCommon {
  source: webhook.Source;
  /** Defaults to a fresh ULID. Reuse one (with isRedelivery) to simulate a redelivery. */
  webhookEventId?: string;
  /** Milliseconds since the epoch; defaults to `now`. */
  timestamp?: number;
  isRedelivery?: boolean;
  mode?: webhook.EventMode;
}

/** One event to put in a webhook body; omitted ids and tokens are generated. */
export type EventSpec = EventCommon &
  (
    | {
        type: "message";
        message: InboundMessageSpec;
        messageId?: string;
        replyToken?: string;
        quoteToken?: string;
        markAsReadToken?: string;
      }
    | { type: "follow"; isUnblocked?: boolean; replyToken?: string }
    | { type: "unfollow" }
    | { type: "join"; replyToken?: string }
    | { type: "leave" }
    | { type: "memberJoined"; userIds: string[]; replyToken?: string }
    | { type: "memberLeft"; userIds: string[] }
    | { type: "postback"; data: string; params?: Record<string, string>; replyToken?: string }
    | { type: "unsend"; messageId: string }
    /** LINE account linking finished (webhook.yml AccountLinkEvent): no reply token when it failed. */
    | { type: "accountLink"; result: "ok" | "failed"; nonce: string; replyToken?: string }
    /** Membership (webhook.yml MembershipEvent): joined, left or renewed. */
    | { type: "membership"; membershipType: "joined" | "left" | "renewed"; membershipId: number; replyToken?: string }
  );

function messageContent(
  spec: InboundMessageSpec,
  id: string,
  quoteToken: string,
  markAsReadToken: string,
): webhook.MessageContent {
  switch (spec.type) {
    case "text":
      return {
        type: "text",
        id,
        text: spec.text,
        ...(spec.emojis?.length ? { emojis: spec.emojis } : {}),
        ...(spec.quotedMessageId ? { quotedMessageId: spec.quotedMessageId } : {}),
        quoteToken,
        markAsReadToken,
      };
    case "sticker":
      return {
        type: "sticker",
        id,
        packageId: spec.packageId,
        stickerId: spec.stickerId,
        stickerResourceType: spec.stickerResourceType ?? "STATIC",
        ...(spec.keywords?.length ? { keywords: spec.keywords.slice(0, 15) } : {}),
        quoteToken,
        markAsReadToken,
      };
    case "image":
      return { type: "image", id, contentProvider: { type: "line" }, quoteToken, markAsReadToken };
    case "video":
      return {
        type: "video",
        id,
        ...(spec.duration !== undefined ? { duration: spec.duration } : {}),
        contentProvider: { type: "line" },
        quoteToken,
        markAsReadToken,
      };
    case "audio":
      // Audio, file and location messages cannot be quoted: LINE sends no quoteToken.
      return {
        type: "audio",
        id,
        ...(spec.duration !== undefined ? { duration: spec.duration } : {}),
        contentProvider: { type: "line" },
        markAsReadToken,
      };
    case "file":
      return { type: "file", id, fileName: spec.fileName, fileSize: spec.fileSize, markAsReadToken };
    case "location":
      return {
        type: "location",
        id,
        ...(spec.title !== undefined ? { title: spec.title } : {}),
        ...(spec.address !== undefined ? { address: spec.address } : {}),
        latitude: spec.latitude,
        longitude: spec.longitude,
        markAsReadToken,
      };
  }
}

/** Builds one webhook event object (webhook.yml `Event`) from a spec. */
export function buildWebhookEvent(spec: EventSpec, now = Date.now()): webhook.Event {
  const base = {
    source: spec.source,
    timestamp: spec.timestamp ?? now,
    mode: spec.mode ?? "active",
    webhookEventId: spec.webhookEventId ?? ulid(now),
    deliveryContext: { isRedelivery: spec.isRedelivery ?? false },
  } satisfies Omit<webhook.EventBase, "type">;
  // In standby mode another channel answers: LINE sends no reply token to this one.
  const standby = base.mode === "standby";
  switch (spec.type) {
    case "message": {
      const message = messageContent(
        spec.message,
        spec.messageId ?? newLineMessageId(now),
        spec.quoteToken ?? newLineToken(),
        spec.markAsReadToken ?? newLineToken(),
      );
      return standby
        ? { type: "message", ...base, message }
        : { type: "message", ...base, replyToken: spec.replyToken ?? newLineToken(), message };
    }
    case "follow":
      return {
        type: "follow",
        ...base,
        replyToken: spec.replyToken ?? newLineToken(),
        follow: { isUnblocked: spec.isUnblocked ?? false },
      };
    case "unfollow":
      return { type: "unfollow", ...base };
    case "join":
      return { type: "join", ...base, replyToken: spec.replyToken ?? newLineToken() };
    case "leave":
      return { type: "leave", ...base };
    case "memberJoined":
      return {
        type: "memberJoined",
        ...base,
        replyToken: spec.replyToken ?? newLineToken(),
        joined: { members: spec.userIds.map((userId) => ({ type: "user", userId })) },
      };
    case "memberLeft":
      return {
        type: "memberLeft",
        ...base,
        left: { members: spec.userIds.map((userId) => ({ type: "user", userId })) },
      };
    case "postback": {
      const postback = { data: spec.data, ...(spec.params ? { params: spec.params } : {}) };
      return standby
        ? { type: "postback", ...base, postback }
        : { type: "postback", ...base, replyToken: spec.replyToken ?? newLineToken(), postback };
    }
    case "unsend":
      return { type: "unsend", ...base, unsend: { messageId: spec.messageId } };
    case "accountLink": {
      const link = { result: spec.result, nonce: spec.nonce };
      return spec.result === "ok" && !standby
        ? { type: "accountLink", ...base, replyToken: spec.replyToken ?? newLineToken(), link }
        : { type: "accountLink", ...base, link };
    }
    case "membership":
      return {
        type: "membership",
        ...base,
        replyToken: spec.replyToken ?? newLineToken(),
        membership: { type: spec.membershipType, membershipId: spec.membershipId },
      };
  }
}

/**
 * Builds a webhook request body (`{ destination, events }`). Specs are turned into
 * events with {@link buildWebhookEvent}; ready-made event objects are passed through,
 * so a stored event can be redelivered unchanged apart from its delivery context.
 */
export function buildWebhookBody(
  destination: string,
  events: ReadonlyArray<EventSpec | webhook.Event>,
  now = Date.now(),
): webhook.CallbackRequest {
  return {
    destination,
    events: events.map((e) => ("deliveryContext" in e ? e : buildWebhookEvent(e, now))),
  };
}

/** Marks a stored event as a redelivery: same webhookEventId, `isRedelivery: true`. */
export function asRedelivery(event: webhook.Event): webhook.Event {
  return { ...event, deliveryContext: { isRedelivery: true } };
}

/**
 * Serializes and signs a webhook body the way LINE does. Send `rawBody` byte for byte
 * with the `x-line-signature` header set to `signature`.
 */
export async function signWebhookBody(
  channelSecret: string,
  body: webhook.CallbackRequest,
): Promise<{ rawBody: string; signature: string }> {
  const rawBody = JSON.stringify(body);
  return { rawBody, signature: await signBody(channelSecret, rawBody) };
}

/** The reply token and mark-as-read token LINE put in an event, if any. */
export function eventTokens(event: webhook.Event): { replyToken?: string; markAsReadToken?: string } {
  const replyToken = "replyToken" in event && typeof event.replyToken === "string" ? event.replyToken : undefined;
  const markAsReadToken = event.type === "message" ? event.message.markAsReadToken : undefined;
  return { replyToken, markAsReadToken };
}
