// The conversation domain model shared by the ConversationDO, the inbox views and the API.
import type { LineEmoji, LineSource } from "../line/webhook-schema";
import type { EventOrigin } from "./events";

/** note: an agent's internal note in the thread — never sent to LINE. */
export type Direction = "inbound" | "outbound" | "system" | "note";
/**
 * received: inbound from LINE; pending/sent/failed: outbound delivery state;
 * unknown: a reply LINE never confirmed (timeout or 5xx) whose token LINE then
 * refused — it may or may not have reached the customer, so only an agent may
 * decide to send it again.
 */
export type DeliveryStatus = "received" | "pending" | "sent" | "failed" | "unknown";
export type DeliveryVia = "reply" | "push";
/** What a conversation is with: a LINE user (1:1), group or room, or channel-wide events. */
export type ConversationSourceType = "user" | "group" | "room" | "channel";

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

/** A quick-reply button under an outbound message (LINE message action: tapping sends `text`). */
export interface QuickReplyButton {
  label: string;
  text: string;
}

export type MessageBody =
  | { type: "text"; text: string; emojis?: LineEmoji[]; quotedMessageId?: string; quickReplies?: QuickReplyButton[] }
  | { type: "sticker"; packageId: string; stickerId: string; stickerResourceType?: string; text?: string }
  | { type: "image"; imageSet?: { id: string; index?: number; total?: number }; externalUrl?: string; previewUrl?: string }
  | { type: "video"; durationMs?: number; externalUrl?: string; previewUrl?: string }
  | { type: "audio"; durationMs?: number; externalUrl?: string }
  /** Inbound files come through LINE; outbound files go as a link (`url`), which LINE cannot send as a file. */
  | { type: "file"; fileName: string; fileSize: number; url?: string }
  | { type: "location"; title?: string; address?: string; latitude: number; longitude: number }
  | { type: "postback"; data: string; params?: Record<string, unknown> }
  /** `unblocked` on follow events: the customer unblocked the account rather than adding it. */
  | { type: "event"; event: SystemEvent; text: string; unblocked?: boolean }
  /**
   * Something an agent or automation changed: assignment, status, priority, pin, snooze.
   * `text` is the English sentence (the REST API and older readers use it);
   * `params` says the same as data, so views render it in the reader's language
   * (rows stored before params existed show `text`).
   */
  | { type: "activity"; action: ActivityAction; text: string; actorName: string | null; params?: ActivityParams }
  | { type: "note"; text: string }
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
  /** LINE's token to quote this inbound message in a reply. */
  quoteToken: string | null;
  createdAt: number;
  redelivered: boolean;
  /** Received while the channel was in standby mode: stored, never answered. */
  standby: boolean;
  /** The customer unsent this message; its content is hidden. */
  unsent: boolean;
  /** Who sent an outbound message (agent, automation, workflow, API); absent on other lines and old rows. */
  origin?: EventOrigin;
  /** An answer the conversation asked for (a survey's rating or comment), not a new request: present only when true. */
  answer?: true;
}

export type ConversationStatus = "open" | "follow_up" | "snoozed" | "resolved";
export const CONVERSATION_STATUSES: readonly ConversationStatus[] = ["open", "follow_up", "snoozed", "resolved"];

export type Priority = 0 | 1 | 2 | 3 | 4;
export const PRIORITY_LABELS = ["None", "Low", "Medium", "High", "Urgent"] as const;

export type ActivityAction = "assigned" | "unassigned" | "team" | "status" | "snoozed" | "woke" | "reopened" | "priority" | "pinned" | "unpinned" | "contactMerged" | "csat" | "sla";

/** The data of an activity line, by action (see ui/system-lines.ts for how each reads). */
export interface ActivityParams {
  /** status: the new status. */
  status?: "open" | "follow_up" | "resolved";
  /** snoozed: until when (epoch ms; shown in the reader's time zone). */
  until?: number;
  /** assigned: the new assignee's name, and whether the actor took it themselves. */
  assignee?: string;
  self?: boolean;
  /** unassigned / team: who or which team it was before (null: unknown or none). */
  previous?: string | null;
  /** team: the new team's name (null: removed). */
  team?: string | null;
  /** priority: the new priority. */
  priority?: Priority;
  /** assigned automatically: by which team policy or workflow ("Assigned to X by …"). */
  by?: AssignedBy;
  /** contactMerged: the names of the contacts merged into this conversation's contact. */
  merged?: string[];
  /** csat: what the customer did with the survey, and the score or comment. */
  csat?: "rated" | "commented" | "skipped";
  score?: number;
  comment?: string;
  /** sla: the target that was missed. */
  slaKind?: "first_response" | "next_response" | "resolution";
}

/** What made an automatic assignment (src/assignment/): a team's policy or a workflow. */
export type AssignedBy = { kind: "policy"; mode: "round_robin" | "least_open"; team: string } | { kind: "workflow"; name: string };

/** Triage state the ConversationDO owns and mirrors to the D1 index. */
export interface TriageState {
  status: ConversationStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  teamId: string | null;
  teamName: string | null;
  priority: Priority;
  pinned: boolean;
  snoozedUntil: number | null;
}

/** Open (or marked for follow-up) and nobody has it: what automatic assignment may take. */
export function waitingForAgent(t: Pick<TriageState, "status" | "assigneeId">): boolean {
  return (t.status === "open" || t.status === "follow_up") && t.assigneeId === null;
}

export const DEFAULT_TRIAGE: TriageState = {
  status: "open",
  assigneeId: null,
  assigneeName: null,
  teamId: null,
  teamName: null,
  priority: 0,
  pinned: false,
  snoozedUntil: null,
};

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
    case "activity":
      return body.text;
    case "note":
      return `[Note] ${body.text}`.slice(0, 140);
  }
}
