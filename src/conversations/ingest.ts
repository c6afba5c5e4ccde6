// Turns parsed LINE webhook events into thread messages (pure; no I/O).
import type { KnownEvent, ParsedEvent } from "../line/webhook-schema";
import type { EventData } from "./events";
import type { MessageBody, SystemEvent } from "./model";

/** A contact-level domain event a LINE event carries (account linking, membership). */
export type ContactEvent =
  | { type: "contact.account_linked"; data: EventData["contact.account_linked"] }
  | { type: "contact.membership_changed"; data: EventData["contact.membership_changed"] };

export interface IngestPlan {
  webhookEventId: string | null;
  timestamp: number;
  redelivered: boolean;
  standby: boolean;
  direction: "inbound" | "system";
  body: MessageBody;
  lineMessageId: string | null;
  senderLineUserId: string | null;
  replyToken: string | null;
  markAsReadToken: string | null;
  quoteToken: string | null;
  /** LINE content to copy to R2 (image, video, audio, file sent through LINE). */
  downloadContent: boolean;
  /** The LINE message id this event unsends. */
  unsendMessageId: string | null;
  /** Counts toward the unread badge. */
  countsAsUnread: boolean;
  friendStatus: "following" | "unfollowed" | null;
  contactEvent: ContactEvent | null;
}

export function planEvent(parsed: ParsedEvent): IngestPlan {
  if (parsed.kind === "unknown") {
    const env = parsed.envelope;
    return {
      webhookEventId: env?.webhookEventId ?? null,
      timestamp: env?.timestamp ?? Date.now(),
      redelivered: env?.deliveryContext.isRedelivery ?? false,
      standby: env?.mode === "standby",
      direction: "inbound",
      body: { type: "unsupported", eventType: parsed.type, raw: parsed.raw },
      lineMessageId: null,
      senderLineUserId: env?.source?.userId ?? null,
      replyToken: env?.mode === "active" ? env.replyToken ?? null : null,
      markAsReadToken: null,
      quoteToken: null,
      downloadContent: false,
      unsendMessageId: null,
      countsAsUnread: true,
      friendStatus: null,
      contactEvent: null,
    };
  }
  const e = parsed.event;
  const base = {
    webhookEventId: e.webhookEventId,
    timestamp: e.timestamp,
    redelivered: e.deliveryContext.isRedelivery,
    standby: e.mode === "standby",
    lineMessageId: null,
    senderLineUserId: e.source?.userId ?? null,
    replyToken: e.mode === "active" && "replyToken" in e && e.replyToken ? e.replyToken : null,
    markAsReadToken: null,
    quoteToken: null,
    downloadContent: false,
    unsendMessageId: null,
    countsAsUnread: false,
    friendStatus: null,
    contactEvent: null,
  } satisfies Partial<IngestPlan>;

  if (e.type === "message") {
    const m = e.message;
    return {
      ...base,
      direction: "inbound",
      body: messageBody(m),
      lineMessageId: m.id,
      markAsReadToken: m.markAsReadToken ?? null,
      quoteToken: m.quoteToken ?? null,
      downloadContent: (m.type === "image" || m.type === "video" || m.type === "audio") ? m.contentProvider.type === "line" : m.type === "file",
      countsAsUnread: true,
    };
  }
  if (e.type === "postback") {
    const params = e.postback.params;
    return { ...base, direction: "inbound", body: { type: "postback", data: e.postback.data, ...(params ? { params } : {}) }, countsAsUnread: true };
  }
  const system = (event: SystemEvent, text: string, extra: { unblocked?: boolean } = {}): IngestPlan => ({ ...base, direction: "system", body: { type: "event", event, text, ...extra } });
  switch (e.type) {
    case "follow":
      return {
        ...system("follow", e.follow.isUnblocked ? "Unblocked the account" : "Added the account as a friend", { unblocked: e.follow.isUnblocked }),
        friendStatus: "following",
      };
    case "unfollow":
      return { ...system("unfollow", "Blocked the account"), friendStatus: "unfollowed" };
    case "join":
      return system("join", "The account joined this chat");
    case "leave":
      return system("leave", "The account left this chat");
    case "memberJoined":
      return system("memberJoined", `${plural(e.joined.members.length, "member")} joined`);
    case "memberLeft":
      return system("memberLeft", `${plural(e.left.members.length, "member")} left`);
    case "unsend":
      return { ...system("unsend", "The customer unsent a message"), unsendMessageId: e.unsend.messageId };
    case "videoPlayComplete":
      return system("videoPlayComplete", `Watched video "${e.videoPlayComplete.trackingId}" to the end`);
    case "beacon":
      return system("beacon", `Beacon ${e.beacon.type} (${e.beacon.hwid})`);
    case "accountLink":
      return {
        ...system("accountLink", e.link.result === "ok" ? "Linked their account" : "Account linking failed"),
        contactEvent: { type: "contact.account_linked", data: { result: e.link.result, nonce: e.link.nonce } },
      };
    case "membership": {
      const kind = e.membership.type;
      const known = kind === "joined" || kind === "left" || kind === "renewed" ? kind : null;
      return {
        ...system("membership", `Membership ${kind} (#${e.membership.membershipId})`),
        contactEvent: known ? { type: "contact.membership_changed", data: { type: known, membershipId: e.membership.membershipId } } : null,
      };
    }
  }
}

function messageBody(m: Extract<KnownEvent, { type: "message" }>["message"]): MessageBody {
  switch (m.type) {
    case "text":
      return { type: "text", text: m.text, ...(m.emojis ? { emojis: m.emojis } : {}), ...(m.quotedMessageId ? { quotedMessageId: m.quotedMessageId } : {}) };
    case "sticker":
      return { type: "sticker", packageId: m.packageId, stickerId: m.stickerId, stickerResourceType: m.stickerResourceType, ...(m.text ? { text: m.text } : {}) };
    case "image":
      return {
        type: "image",
        ...(m.imageSet ? { imageSet: m.imageSet } : {}),
        ...external(m.contentProvider),
      };
    case "video":
      return { type: "video", ...(m.duration !== undefined ? { durationMs: m.duration } : {}), ...external(m.contentProvider) };
    case "audio": {
      const ext = external(m.contentProvider);
      return { type: "audio", ...(m.duration !== undefined ? { durationMs: m.duration } : {}), ...(ext.externalUrl ? { externalUrl: ext.externalUrl } : {}) };
    }
    case "file":
      return { type: "file", fileName: m.fileName, fileSize: m.fileSize };
    case "location":
      return { type: "location", latitude: m.latitude, longitude: m.longitude, ...(m.title ? { title: m.title } : {}), ...(m.address ? { address: m.address } : {}) };
  }
}

function external(p: { type: "line" | "external"; originalContentUrl?: string; previewImageUrl?: string }): { externalUrl?: string; previewUrl?: string } {
  if (p.type !== "external") return {};
  // Only https URLs are rendered: anything else (javascript:, data:, http:) is dropped.
  const safe = (url: string | undefined) => (url && /^https:\/\//i.test(url) ? url : undefined);
  const externalUrl = safe(p.originalContentUrl);
  const previewUrl = safe(p.previewImageUrl);
  return { ...(externalUrl ? { externalUrl } : {}), ...(previewUrl ? { previewUrl } : {}) };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
