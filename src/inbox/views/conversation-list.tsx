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
import { ConversationListItem, type ConversationListItemData } from "../../ui/conversation-row";
import { IconInbox } from "../../ui/icons";
import { filterQuery, type ListFilter } from "../queries";


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
