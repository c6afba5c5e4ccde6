// The conversation list (left pane): one row per conversation, newest activity
// first, with keyset "Load more" and an empty state that says why it is empty
// and how to see more (never a simulator hint to a workspace with conversations).
//
// htmx contract:
// - Selecting a row: GET /inbox/c/:id with HX-Request returns a ThreadView
//   fragment, swapped into #thread-pane (innerHTML); the URL is pushed. Without
//   HX-Request the same URL returns the full InboxPage. A search hit's link is
//   /inbox/c/:id?q=<text>: the thread opens at the newest message with the text.
// - Load more: GET /inbox?cursor=… ; the "Load more" row is replaced by the
//   `.conv-item, .conv-more` elements of the response (hx-select), so the
//   route may return either a ConversationList fragment or the full page.
// - Live updates: inbox.js places the row of each live frame (id conv-<id>)
//   where the view wants it; actions' responses replace it out of band.
import type { FC } from "hono/jsx";
import { ConversationListItem, type ConversationListItemData } from "../../ui/conversation-row";
import { t } from "../../ui/i18n";
import { IconInbox } from "../../ui/icons";
import { filterQuery, type InboxView, type ListFilter } from "../queries";
import { IconSearch } from "./icons";
import { viewLabel } from "./labels";

/** A team, tag or channel filter that is on, by name (for the empty state). */
export interface ActiveFilter {
  kind: "team" | "tag" | "channel";
  name: string;
}

/** Why a list is empty, decided by the route (see emptyReason in page.tsx). */
export type EmptyReason =
  | { kind: "search"; q: string; filters: ActiveFilter[] }
  | { kind: "filtered"; view: InboxView; filters: ActiveFilter[] }
  | { kind: "view"; view: InboxView }
  /** All is empty but the workspace has conversations (e.g. everything resolved). */
  | { kind: "caughtUp"; hasResolved: boolean }
  /** The workspace has no conversation at all; the simulator hint only in simulator mode. */
  | { kind: "workspace"; simulator: boolean };

export interface ConversationListProps {
  items: ConversationListItemData[];
  nextCursor: string | null;
  activeId?: string;
  /** The list's filters, kept by "Load more". */
  filter?: Partial<ListFilter>;
  /** Why the list is empty (default: a plain "Nothing here"). */
  empty?: EmptyReason;
  timeZone?: string;
  now?: number;
}

/** The list `<ul id="conversation-list">` with its rows, "Load more" row and empty state. */
export const ConversationList: FC<ConversationListProps> = ({ items, nextCursor, activeId, timeZone, now, filter, empty }) => {
  const at = now ?? Date.now();
  const q = filter?.q;
  return (
    <ul id="conversation-list" class={`conv-list${q ? " conv-list--search" : ""}`} aria-label={t("inbox.list.label")}>
      {q && items.length ? (
        <li class="conv-search-note">
          <IconSearch />
          <span>{t("inbox.search.everyStatus")}</span>
          <a href={`/inbox${filterQuery({ ...filter, q: undefined })}`} class="conv-search-note__clear" data-clear-search>
            {t("inbox.search.clear")}
          </a>
        </li>
      ) : null}
      {items.length === 0 && !nextCursor ? <EmptyState reason={empty} filter={filter ?? {}} /> : null}
      {items.map((item) => (
        <ConversationListItem item={item} active={item.id === activeId} timeZone={timeZone} now={at} searchText={q || undefined} />
      ))}
      {nextCursor ? <LoadMoreRow cursor={nextCursor} filter={filter ?? {}} /> : null}
    </ul>
  );
};

function filterText(filters: ActiveFilter[]): string {
  return filters
    .map((f) => t(f.kind === "team" ? "inbox.empty.filterTeam" : f.kind === "tag" ? "inbox.empty.filterTag" : "inbox.empty.filterChannel", { name: f.name }))
    .join(" · ");
}

function viewEmptyText(view: InboxView): { title: string; hint: string } {
  switch (view) {
    case "mine":
      return { title: t("inbox.empty.mine.title"), hint: t("inbox.empty.mine.hint") };
    case "unassigned":
      return { title: t("inbox.empty.unassigned.title"), hint: t("inbox.empty.unassigned.hint") };
    case "follow_up":
      return { title: t("inbox.empty.followUp.title"), hint: t("inbox.empty.followUp.hint") };
    case "pinned":
      return { title: t("inbox.empty.pinned.title"), hint: t("inbox.empty.pinned.hint") };
    case "snoozed":
      return { title: t("inbox.empty.snoozed.title"), hint: t("inbox.empty.snoozed.hint") };
    case "resolved":
      return { title: t("inbox.empty.resolved.title"), hint: t("inbox.empty.resolved.hint") };
    case "all":
      return { title: t("inbox.empty.all.title"), hint: t("inbox.empty.all.hint") };
  }
}

const EmptyState: FC<{ reason: EmptyReason | undefined; filter: Partial<ListFilter> }> = ({ reason, filter }) => {
  let title: string;
  let hint: string | null = null;
  let action: { href: string; label: string; clearsSearch?: boolean } | null = null;
  switch (reason?.kind) {
    case "search":
      title = t("inbox.empty.search.title", { q: reason.q });
      hint = reason.filters.length ? t("inbox.empty.search.filtered", { filters: filterText(reason.filters) }) : t("inbox.empty.search.hint");
      action = reason.filters.length
        ? { href: `/inbox${filterQuery({ view: filter.view, q: reason.q })}`, label: t("inbox.empty.clearFilters") }
        : { href: `/inbox${filterQuery({ ...filter, q: undefined })}`, label: t("inbox.search.clear"), clearsSearch: true };
      break;
    case "filtered":
      title = t("inbox.empty.filtered.title", { view: viewLabel(reason.view) });
      hint = t("inbox.empty.filtered.hint", { filters: filterText(reason.filters) });
      action = { href: `/inbox${filterQuery({ view: reason.view })}`, label: t("inbox.empty.clearFilters") };
      break;
    case "view": {
      const text = viewEmptyText(reason.view);
      title = text.title;
      hint = text.hint;
      action = { href: "/inbox", label: t("inbox.empty.showAll") };
      break;
    }
    case "caughtUp":
      title = t("inbox.empty.caughtUp.title");
      hint = t("inbox.empty.caughtUp.hint");
      action = reason.hasResolved ? { href: `/inbox${filterQuery({ view: "resolved" })}`, label: t("inbox.empty.caughtUp.showResolved") } : null;
      break;
    case "workspace":
      title = t("inbox.empty.workspace.title");
      hint = reason.simulator ? t("inbox.empty.workspace.simulator") : t("inbox.empty.workspace.hint");
      action = reason.simulator ? { href: "/simulator", label: t("inbox.empty.workspace.openSimulator") } : null;
      break;
    default:
      title = t("inbox.empty.nothing");
  }
  return (
    <li class="conv-empty" data-empty={reason?.kind ?? "nothing"}>
      <span class="conv-empty__icon">{reason?.kind === "search" ? <IconSearch /> : <IconInbox />}</span>
      <strong class="conv-empty__title">{title}</strong>
      {hint ? <span class="conv-empty__hint">{hint}</span> : null}
      {action ? (
        <a class="btn btn--small conv-empty__action" href={action.href} data-clear-search={action.clearsSearch ? "" : undefined} target={action.href === "/simulator" ? "_blank" : undefined}>
          {action.label}
        </a>
      ) : null}
    </li>
  );
};

const LoadMoreRow: FC<{ cursor: string; filter: Partial<ListFilter> }> = ({ cursor, filter }) => {
  const query = filterQuery(filter, { cursor });
  return (
    <li class="conv-more">
      <a class="btn btn--ghost btn--block" href={`/inbox${query}`} hx-get={`/inbox/list${query}`} hx-target="closest .conv-more" hx-swap="outerHTML" hx-select=".conv-item, .conv-more">
        <span class="conv-more__label">{t("common.loadMore")}</span>
        <span class="spinner htmx-indicator" aria-hidden="true"></span>
      </a>
    </li>
  );
};
