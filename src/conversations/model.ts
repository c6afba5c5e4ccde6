// The conversation domain model shared by the ConversationDO, the inbox views and the API.
import type { LineEmoji, LineSource } from "../line/webhook-schema";

export type Direction = "inbound" | "outbound" | "system";
/** received: inbound from LINE; pending/sent/failed: outbound delivery state. */
export type DeliveryStatus = "received" | "pending" | "sent" | "failed";
export type DeliveryVia = "reply" | "push";

export type SystemEvent =
  | "follow"
  | "unfollow"
  | "join"
  | "leave"
  | "memberJoined"
  | "memberLeft"
  | "unsend"
  | "videoPlayComplete"
  | "beacon"
  | "accountLink"
  | "membership";

export type MessageBody =
  | { type: "text"; text: string; emojis?: LineEmoji[]; quotedMessageId?: string }
  | { type: "sticker"; packageId: string; stickerId: string; stickerResourceType?: string; text?: string }
  | { type: "image"; imageSet?: { id: string; index?: number; total?: number }; externalUrl?: string; previewUrl?: string }
  | { type: "video"; durationMs?: number; externalUrl?: string; previewUrl?: string }
  | { type: "audio"; durationMs?: number; externalUrl?: string }
  | { type: "file"; fileName: string; fileSize: number }
  | { type: "location"; title?: string; address?: string; latitude: number; longitude: number }
  | { type: "postback"; data: string; params?: Record<string, unknown> }
  | { type: "event"; event: SystemEvent; text: string }
  | { type: "unsupported"; eventType: string; raw: unknown };

export interface ThreadMessage {
  /** Our id (msg_...), stable across the DO and the API. */
  id: string;
  /** Position in the thread; live updates and catch-up use it as a cursor. */
  seq: number;
  direction: Direction;
  body: MessageBody;
  /** LINE's message id for inbound messages (content download, unsend, quotes). */
  lineMessageId: string | null;
  /** LINE user id of the customer (or group member) who sent it. */
  senderLineUserId: string | null;
  senderName: string | null;
  /** Agent who sent an outbound message. */
  agentId: string | null;
  agentName: string | null;
  status: DeliveryStatus;
  via: DeliveryVia | null;
  /** LINE's reason when a send failed. */
  error: string | null;
  /** Media copied to R2 (key), when the content was downloaded from LINE. */
  mediaKey: string | null;
  createdAt: number;
  redelivered: boolean;
  /** Received while the channel was in standby mode: stored, never answered. */
  standby: boolean;
  /** The customer unsent this message; its content is hidden. */
  unsent: boolean;
}

export type ConversationStatus = "open" | "resolved";

/** Who the conversation is with: one LINE user, a group or a room, on one channel. */
export interface ConversationKey {
  channelId: string;
  source: LineSource | { type: "channel" };
}

export function conversationKeyName(key: ConversationKey): string {
  const s = key.source;
  const target = s.type === "user" ? s.userId ?? "unknown" : s.type === "group" ? s.groupId : s.type === "room" ? s.roomId : "events";
  return `${key.channelId}:${s.type}:${target}`;
}

/** The LINE id messages are pushed to: user, group or room id. */
export function pushTarget(source: ConversationKey["source"]): string | null {
  switch (source.type) {
    case "user":
      return source.userId ?? null;
    case "group":
      return source.groupId;
    case "room":
      return source.roomId;
    default:
      return null;
  }
}

/** One line of text for list previews and notifications. */
export function previewText(body: MessageBody): string {
  switch (body.type) {
    case "text":
      return body.text.slice(0, 140);
    case "sticker":
      return body.text ? `[Sticker] ${body.text}` : "[Sticker]";
    case "image":
      return "[Image]";
    case "video":
      return "[Video]";
    case "audio":
      return "[Audio]";
    case "file":
      return `[File] ${body.fileName}`;
    case "location":
      return `[Location] ${body.title ?? body.address ?? ""}`.trim();
    case "postback":
      return `[Postback] ${body.data}`.slice(0, 140);
    case "event":
      return body.text;
    case "unsupported":
      return `[Unsupported: ${body.eventType}]`;
  }
}
