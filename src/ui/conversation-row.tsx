// One conversation row of the inbox list: avatar, title, time, preview, assignee,
// status tags and unread badge. Shared by the inbox page and the live frames the
// Durable Objects push (its id `conv-<id>` is stable so an update replaces it).
import type { FC } from "hono/jsx";
import { localeContext } from "./i18n";
import { type ConversationSourceType, type ConversationStatus, PRIORITY_LABELS } from "../conversations/model";
import { Avatar } from "./avatar";
import { IconUsers } from "./icons";
import { shortLabel, TimeLabel } from "./time";

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
}

export interface ConversationListItemProps {
  item: ConversationListItemData;
  active?: boolean;
  /** IANA zone for the time label, default UTC. */
  timeZone?: string;
  /** "Now" for relative labels (tests pass a fixed clock), default Date.now(). */
  now?: number;
  /** Rendered as hx-swap-oob on the row (e.g. "true") for WebSocket updates. */
  swapOob?: string;
}

const SOURCE_LABEL: Record<ConversationSourceType, string | null> = {
  user: null,
  group: "Group",
  room: "Room",
  channel: "Channel",
};

export function conversationHref(id: string): string {
  return `/inbox/c/${encodeURIComponent(id)}`;
}

function unreadLabel(count: number): string {
  return count > 99 ? "99+" : String(count);
}

/** One row; its id `conv-<id>` is stable so live updates can replace it. */
export const ConversationListItem: FC<ConversationListItemProps> = ({ item, active, timeZone = localeContext().timeZone, now, swapOob }) => {
  const href = conversationHref(item.id);
  const unread = item.unreadCount > 0;
  const source = SOURCE_LABEL[item.sourceType];
  const pinned = item.pinned === true || item.pinned === 1;
  const priority = item.priority ?? 0;
  const classes = ["conv-item", active ? "is-active" : "", unread ? "is-unread" : "", item.status === "resolved" ? "is-resolved" : "", pinned ? "is-pinned" : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <li id={`conv-${item.id}`} class={classes} data-conversation-id={item.id} data-pinned={pinned ? "1" : "0"} data-activity={item.lastActivityAt} hx-swap-oob={swapOob}>
      <label class="conv-select" title="Select for bulk actions">
        <input type="checkbox" name="ids" value={item.id} form="bulk-form" aria-label={`Select ${item.title}`} />
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
            <span class="conv-avatar__source" title={`${source} chat`}>
              <IconUsers />
            </span>
          ) : null}
        </span>
        <span class="conv-body">
          <span class="conv-top">
            {pinned ? <span class="conv-pin" title="Pinned" aria-label="Pinned">📌</span> : null}
            <span class="conv-title">{item.title}</span>
            {priority >= 2 ? <span class={`tag tag--priority tag--p${priority}`}>{PRIORITY_LABELS[priority]}</span> : null}
            {source ? <span class="tag tag--source">{source}</span> : null}
            <TimeLabel class="conv-time" at={item.lastActivityAt} label={shortLabel(item.lastActivityAt, now ?? Date.now(), timeZone)} timeZone={timeZone} />
          </span>
          <span class="conv-bottom">
            <span class="conv-preview">{item.lastMessagePreview || "\u00a0"}</span>
            {item.assigneeName ? <span class="conv-assignee" title={`Assigned to ${item.assigneeName}`}>{item.assigneeName}</span> : null}
            {item.status === "resolved" ? <span class="tag tag--resolved">Resolved</span> : null}
            {item.status === "follow_up" ? <span class="tag tag--follow">Follow-up</span> : null}
            {item.status === "snoozed" ? <span class="tag tag--snoozed">Snoozed</span> : null}
            {unread ? (
              <span class="badge" aria-label={`${item.unreadCount} unread`}>
                {unreadLabel(item.unreadCount)}
              </span>
            ) : null}
          </span>
        </span>
      </a>
    </li>
  );
};

