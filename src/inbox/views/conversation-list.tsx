// The conversation list (left pane): one row per conversation, newest activity
// first, with keyset "Load more" and an empty state.
//
// htmx contract:
// - Selecting a row: GET /inbox/c/:id with HX-Request returns a ThreadView
//   fragment, swapped into #thread-pane (innerHTML); the URL is pushed. Without
//   HX-Request the same URL returns the full InboxPage.
// - Load more: GET /inbox?cursor=… ; the "Load more" row is replaced by the
//   `.conv-item, .conv-more` elements of the response (hx-select), so the
//   route may return either a ConversationList fragment or the full page.
// - Live updates: send ConversationListItem with swapOob="true" to replace a
//   row in place (id conv-<id>). To move it to the top, send
//   `<div hx-swap-oob="afterbegin:#conversation-list">…row…</div>` (htmx strips
//   the wrapper for non-outer OOB swaps) after deleting the old row
//   (`<li id="conv-<id>" hx-swap-oob="delete"></li>`).
import type { FC } from "hono/jsx";
import { Avatar } from "./avatar";
import { IconInbox, IconUsers } from "./icons";
import { shortLabel, TimeLabel } from "./time";
import type { ConversationStatus } from "../../conversations/model";
import { PRIORITY_LABELS } from "../../conversations/model";
import { filterQuery, type ListFilter } from "../queries";

export type ConversationSourceType = "user" | "group" | "room" | "channel";

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

export interface ConversationListProps {
  items: ConversationListItemData[];
  nextCursor: string | null;
  activeId?: string;
  /** The list's filters, kept by "Load more". */
  filter?: Partial<ListFilter>;
  /** Why the list is empty, e.g. "No conversations match this search". */
  emptyText?: string;
  timeZone?: string;
  now?: number;
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
export const ConversationListItem: FC<ConversationListItemProps> = ({ item, active, timeZone = "UTC", now, swapOob }) => {
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

/** The list `<ul id="conversation-list">` with its rows, "Load more" row and empty state. */
export const ConversationList: FC<ConversationListProps> = ({ items, nextCursor, activeId, timeZone, now, filter, emptyText }) => {
  const at = now ?? Date.now();
  return (
    <ul id="conversation-list" class="conv-list" aria-label="Conversations">
      {items.length === 0 && !nextCursor ? (
        <li class="conv-empty">
          <span class="conv-empty__icon">
            <IconInbox />
          </span>
          {emptyText ? (
            <strong>{emptyText}</strong>
          ) : (
            <>
              <strong>No conversations yet</strong>
              <span>Send a message from the LINE simulator and it will appear here.</span>
            </>
          )}
        </li>
      ) : null}
      {items.map((item) => (
        <ConversationListItem item={item} active={item.id === activeId} timeZone={timeZone} now={at} />
      ))}
      {nextCursor ? <LoadMoreRow cursor={nextCursor} filter={filter ?? {}} /> : null}
    </ul>
  );
};

const LoadMoreRow: FC<{ cursor: string; filter: Partial<ListFilter> }> = ({ cursor, filter }) => {
  const href = `/inbox/list${filterQuery(filter, { cursor })}`;
  return (
    <li class="conv-more">
      <a class="btn btn--ghost btn--block" href={href} hx-get={href} hx-target="closest .conv-more" hx-swap="outerHTML" hx-select=".conv-item, .conv-more">
        <span class="conv-more__label">Load more</span>
        <span class="spinner htmx-indicator" aria-hidden="true"></span>
      </a>
    </li>
  );
};
