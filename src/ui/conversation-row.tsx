// One conversation row of the inbox list: avatar, title, time, preview, assignee,
// status tags and unread badge. Shared by the inbox page and the live frames the
// Durable Objects push (its id `conv-<id>` is stable so an update replaces it).
// Also the status, priority and chat-kind labels every inbox view shares.
import type { FC } from "hono/jsx";
import { localeContext, t } from "./i18n";
import type { ConversationSourceType, ConversationStatus, Priority } from "../conversations/model";
import { Avatar } from "./avatar";
import { Svg, IconUsers } from "./icons";
import { shortLabel, TimeLabel } from "./time";
import type { schema } from "../db/client";
import { SlaBadge } from "./sla-badge";

export type { ConversationSourceType };

export interface ConversationListItemData {
  id: string;
  title: string;
  pictureUrl: string | null;
  lastMessagePreview: string;
  /** Epoch milliseconds. */
  lastActivityAt: number;
  unreadCount: number;
  status: ConversationStatus;
  sourceType: ConversationSourceType;
  /** Assigned agent's name (live rows carry it; D1 rows are resolved by the route). */
  assigneeName?: string | null;
  priority?: number;
  pinned?: boolean | number;
  /** SLA: the earliest running target's due time and when one was missed (src/sla/). */
  slaDueAt?: number | null;
  slaBreachedAt?: number | null;
}

export interface ConversationListItemProps {
  item: ConversationListItemData;
  active?: boolean;
  /** IANA zone for the time label, default the reader's. */
  timeZone?: string;
  /** "Now" for relative labels (tests pass a fixed clock), default Date.now(). */
  now?: number;
  /** Rendered as hx-swap-oob on the row (e.g. "true") for WebSocket updates. */
  swapOob?: string;
  /**
   * A search hit: the row shows its status whatever it is (Open too) and opens
   * the thread at the newest message containing this text.
   */
  searchText?: string;
}

/** "Open", "Follow-up", "Snoozed", "Resolved" in the reader's language. */
export function statusLabel(status: ConversationStatus): string {
  switch (status) {
    case "open":
      return t("inbox.status.open");
    case "follow_up":
      return t("inbox.status.followUp");
    case "snoozed":
      return t("inbox.status.snoozed");
    case "resolved":
      return t("inbox.status.resolved");
  }
}

/** "Low" … "Urgent" ("None" for 0). */
export function priorityLabel(priority: Priority | number): string {
  switch (priority) {
    case 1:
      return t("inbox.priority.low");
    case 2:
      return t("inbox.priority.medium");
    case 3:
      return t("inbox.priority.high");
    case 4:
      return t("inbox.priority.urgent");
    default:
      return t("inbox.priority.none");
  }
}

/** "Group", "Room", "Channel" for the list tag; null for a 1:1 chat. */
function sourceTag(source: ConversationSourceType): string | null {
  switch (source) {
    case "group":
      return t("inbox.source.groupTag");
    case "room":
      return t("inbox.source.roomTag");
    case "channel":
      return t("inbox.source.channelTag");
    default:
      return null;
  }
}

export function conversationHref(id: string, searchText?: string): string {
  const base = `/inbox/c/${encodeURIComponent(id)}`;
  return searchText ? `${base}?q=${encodeURIComponent(searchText)}` : base;
}

function unreadLabel(count: number): string {
  return count > 99 ? "99+" : String(count);
}

/** A pin, drawn (never an emoji). */
export const IconPinned: FC<{ class?: string }> = (p) => <Svg {...p} d={["M12 17v5", "M9 10.76a2 2 0 0 1-1.11 1.79l-1.78.9A2 2 0 0 0 5 15.24V16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-.76a2 2 0 0 0-1.11-1.79l-1.78-.9A2 2 0 0 1 15 10.76V7a1 1 0 0 1 1-1 2 2 0 0 0 0-4H8a2 2 0 0 0 0 4 1 1 0 0 1 1 1Z"]} />;

/** One row; its id `conv-<id>` is stable so live updates can replace it. */
export const ConversationListItem: FC<ConversationListItemProps> = ({ item, active, timeZone = localeContext().timeZone, now, swapOob, searchText }) => {
  const href = conversationHref(item.id, searchText);
  const unread = item.unreadCount > 0;
  const source = sourceTag(item.sourceType);
  const pinned = item.pinned === true || item.pinned === 1;
  const priority = item.priority ?? 0;
  const classes = ["conv-item", active ? "is-active" : "", unread ? "is-unread" : "", item.status === "resolved" ? "is-resolved" : "", pinned ? "is-pinned" : ""]
    .filter(Boolean)
    .join(" ");
  const showStatus = searchText !== undefined || item.status !== "open";
  return (
    <li id={`conv-${item.id}`} class={classes} data-conversation-id={item.id} data-pinned={pinned ? "1" : "0"} data-priority={priority} data-status={item.status} data-activity={item.lastActivityAt} hx-swap-oob={swapOob}>
      <label class="conv-select" title={t("inbox.row.selectHint")}>
        <input type="checkbox" name="ids" value={item.id} form="bulk-form" aria-label={t("inbox.row.select", { name: item.title })} />
      </label>
      <a
        class="conv-link"
        href={href}
        hx-get={href}
        hx-target="#thread-pane"
        hx-swap="innerHTML"
        hx-push-url="true"
        hx-sync="#thread-pane:replace"
        aria-current={active ? "page" : undefined}
      >
        <span class="conv-avatar">
          <Avatar name={item.title} pictureUrl={item.pictureUrl} />
          {source ? (
            <span class="conv-avatar__source" title={source}>
              <IconUsers />
            </span>
          ) : null}
        </span>
        <span class="conv-body">
          <span class="conv-top">
            {pinned ? (
              <span class="conv-pin" title={t("inbox.row.pinned")}>
                <IconPinned />
                <span class="sr-only">{t("inbox.row.pinned")}</span>
              </span>
            ) : null}
            <span class="conv-title">{item.title}</span>
            {priority >= 2 ? <span class={`tag tag--priority tag--p${priority}`}>{priorityLabel(priority)}</span> : null}
            {source ? <span class="tag tag--source">{source}</span> : null}
            <TimeLabel class="conv-time" at={item.lastActivityAt} label={shortLabel(item.lastActivityAt, now ?? Date.now(), timeZone)} timeZone={timeZone} />
          </span>
          <span class="conv-bottom">
            <span class="conv-preview">{item.lastMessagePreview || "\u00a0"}</span>
            {item.assigneeName ? (
              <span class="conv-assignee" title={t("inbox.row.assignedTo", { name: item.assigneeName })}>
                {item.assigneeName}
              </span>
            ) : null}
            {item.status !== "resolved" ? <SlaBadge dueAt={item.slaDueAt} breachedAt={item.slaBreachedAt} now={now ?? Date.now()} /> : null}
            {showStatus ? <span class={`tag tag--status tag--status-${item.status}`}>{statusLabel(item.status)}</span> : null}
            {unread ? (
              <span class="badge" data-unread aria-label={t("inbox.row.unread", { count: item.unreadCount })}>
                {unreadLabel(item.unreadCount)}
              </span>
            ) : null}
          </span>
        </span>
      </a>
    </li>
  );
};

type ListedFields = "id" | "title" | "pictureUrl" | "lastMessagePreview" | "lastActivityAt" | "unreadCount" | "status" | "sourceType" | "priority" | "pinned" | "slaDueAt" | "slaBreachedAt";

/** An index row as a list item — for pages and for the live list frames alike. */
export function listItem(row: Pick<typeof schema.conversations.$inferSelect, ListedFields>, assignee: string | null): ConversationListItemData {
  return {
    id: row.id,
    title: row.title,
    pictureUrl: row.pictureUrl,
    lastMessagePreview: row.lastMessagePreview,
    lastActivityAt: row.lastActivityAt,
    unreadCount: row.unreadCount,
    status: row.status,
    sourceType: row.sourceType,
    assigneeName: assignee,
    priority: row.priority,
    pinned: row.pinned,
    slaDueAt: row.slaDueAt,
    slaBreachedAt: row.slaBreachedAt,
  };
}
