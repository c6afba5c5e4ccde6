// What a push notification says, in the recipient's language (call inside
// withLocale with their context). The payload holds only what the notification
// shows — a title, a short preview, where a tap goes — never the thread, and
// with "hide message text" on, not even the preview.
import type { EventMessage } from "../conversations/events";
import { t } from "../ui/i18n";

export type PushCategory = "mine" | "unassigned" | "mentions" | "sla" | "test";

/** The JSON the service worker receives (public/sw.js reads these fields). */
export interface NotificationPayload {
  title: string;
  body: string;
  /** Where a tap goes (same origin path): the conversation. */
  url: string;
  /** Notifications with the same tag replace each other (one per conversation). */
  tag: string;
  category: PushCategory;
  /** Replaces the notification with the same tag without alerting again (a running count). */
  quiet?: boolean;
}

const PREVIEW_MAX = 120;

function short(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > PREVIEW_MAX ? `${line.slice(0, PREVIEW_MAX - 1)}…` : line;
}

/** One line for a customer message: its text, or what kind of message it is. */
export function messagePreview(message: Pick<EventMessage, "body" | "text">): string {
  const body = message.body;
  switch (body.type) {
    case "text":
      return short(body.text);
    case "sticker":
      return t("pwa.push.kind.sticker");
    case "image":
      return t("pwa.push.kind.image");
    case "video":
      return t("pwa.push.kind.video");
    case "audio":
      return t("pwa.push.kind.audio");
    case "file":
      return t("pwa.push.kind.file");
    case "location":
      return t("pwa.push.kind.location");
    default:
      return short(message.text) || t("pwa.push.kind.unknown");
  }
}

export interface ConversationNotice {
  conversationId: string;
  /** The contact's or group's name; null when the conversation is not indexed yet. */
  title: string | null;
  message: Pick<EventMessage, "body" | "text">;
  hideText: boolean;
}

/** A customer wrote: in my conversation, or in one waiting for anybody. */
export function messageNotification(category: "mine" | "unassigned", n: ConversationNotice): NotificationPayload {
  const name = n.title?.trim() || t("pwa.push.aCustomer");
  return {
    title: category === "mine" ? name : t("pwa.push.unassigned.title", { name }),
    body: n.hideText ? t("pwa.push.hiddenMessage") : messagePreview(n.message),
    url: `/inbox/c/${n.conversationId}`,
    tag: `conversation-${n.conversationId}`,
    category,
  };
}

export interface MentionNotice {
  notificationId: string;
  conversationId: string | null;
  authorName: string;
  /** The conversation's or contact's name. */
  subject: string | null;
  note: string;
  hideText: boolean;
}

/** Someone @mentioned me in a note. */
export function mentionNotification(n: MentionNotice): NotificationPayload {
  const name = n.subject?.trim() || t("pwa.push.aCustomer");
  return {
    title: t("pwa.push.mention.title", { author: n.authorName }),
    body: n.hideText ? t("pwa.push.mention.hidden", { name }) : t("pwa.push.mention.body", { name, note: short(n.note) }),
    url: n.conversationId ? `/inbox/c/${n.conversationId}` : "/inbox",
    tag: `mention-${n.notificationId}`,
    category: "mentions",
  };
}

/** A conversation went past its SLA target (src/push/sla.ts). */
export function slaNotification(conversationId: string, title: string | null): NotificationPayload {
  return {
    title: t("pwa.push.sla.title", { name: title?.trim() || t("pwa.push.aCustomer") }),
    body: t("pwa.push.sla.body"),
    url: `/inbox/c/${conversationId}`,
    tag: `sla-${conversationId}`,
    category: "sla",
  };
}

export interface AssignedNotice {
  conversationId: string;
  /** The contact's or group's name; null when the conversation is not indexed yet. */
  title: string | null;
  /** Who assigned it; null: an automation, a workflow or the API. */
  actorName: string | null;
}

/** A conversation was assigned to me by someone else (or automatically): counts as Mine. */
export function assignedNotification(n: AssignedNotice): NotificationPayload {
  return {
    title: t("pwa.push.assigned.title", { name: n.title?.trim() || t("pwa.push.aCustomer") }),
    body: n.actorName ? t("pwa.push.assigned.body", { actor: n.actorName }) : t("pwa.push.assigned.auto"),
    url: `/inbox/c/${n.conversationId}`,
    // One notification per conversation on the device, like a customer's messages.
    tag: `conversation-${n.conversationId}`,
    category: "mine",
  };
}

/**
 * Several conversations assigned to me by one person (or automatically) in a short
 * while, as a bulk assignment does: one notification that counts them, pointing at
 * Mine. The device shows it once; later counts replace it without alerting again.
 */
export function assignedBatchNotification(n: { count: number; actorId: string | null; actorName: string | null }): NotificationPayload {
  return {
    title: t("pwa.push.assigned.batchTitle", { count: n.count }),
    body: n.actorName ? t("pwa.push.assigned.batchBody", { actor: n.actorName }) : t("pwa.push.assigned.batchAuto"),
    url: "/inbox?view=mine",
    tag: `assigned-by-${n.actorId ?? "automation"}`,
    category: "mine",
    ...(n.count > 2 ? { quiet: true } : {}),
  };
}

/** The "Send a test notification" button's push. */
export function testNotification(): NotificationPayload {
  return { title: t("pwa.push.test.title"), body: t("pwa.push.test.body"), url: "/settings/profile", tag: "linedesk-test", category: "test" };
}
