// Above the conversation list: views with counts (one row that scrolls sideways),
// search, filters that combine (team, tag, channel); below it the bulk-action
// bar for selected conversations. Plain GET/POST forms that htmx enhances: the
// list refreshes without a reload.
import type { FC } from "hono/jsx";
import { t } from "../../ui/i18n";
import { COUNT_CAP, type FilterCounts, filterQuery, type InboxView, type ListFilter, VIEWS } from "../queries";
import { IconFilter, IconSearch } from "./icons";
import { viewLabel } from "./labels";

export interface Directory {
  agents: Array<{ id: string; name: string; availability: "online" | "away" | "offline" }>;
  teams: Array<{ id: string; name: string }>;
  tags: Array<{ id: string; name: string; color: string }>;
  channels: Array<{ id: string; name: string }>;
}

export interface ListToolbarProps {
  filter: Partial<ListFilter>;
  counts: Record<InboxView, number>;
  directory: Directory;
  csrfToken: string;
}

const htmxList = {
  "hx-get": "/inbox/list",
  "hx-target": "#conversation-list",
  "hx-swap": "outerHTML",
  "hx-push-url": "false",
};

/** How many team/tag/channel filters (and a sort other than the usual) are on. */
export function filtersOn(filter: Partial<ListFilter>): number {
  return [filter.team, filter.tag, filter.channel, filter.sort].filter(Boolean).length;
}

export const ListToolbar: FC<ListToolbarProps> = ({ filter, counts, directory }) => {
  const view = filter.view ?? "all";
  const on = filtersOn(filter);
  return (
    <div class="list-toolbar">
      <form id="list-filter" class="list-filter" method="get" action="/inbox" {...htmxList} hx-trigger="change, submit, input from:#inbox-search delay:300ms" hx-sync="this:replace">
        <nav class="view-tabs" aria-label={t("inbox.views.label")}>
          {VIEWS.map((v) => (
            <label class={`view-tab${v === view ? " is-current" : ""}`}>
              <input type="radio" name="view" value={v} checked={v === view} />
              <span class="view-tab__name">{viewLabel(v)}</span>
              <ViewCount view={v} count={counts[v]} />
            </label>
          ))}
        </nav>
        <div class="list-search">
          <span class="list-search__field">
            <IconSearch class="list-search__icon" />
            <input
              id="inbox-search"
              type="search"
              name="q"
              value={filter.q ?? ""}
              placeholder={t("inbox.search.placeholder")}
              aria-label={t("inbox.search.label")}
              title={t("inbox.search.hint")}
              maxlength={100}
              autocomplete="off"
              enterkeyhint="search"
            />
          </span>
          <details class="list-filters" hx-get={`/inbox/filters${filterQuery(filter)}`} hx-trigger="toggle" hx-target="find .list-filters__body" hx-swap="innerHTML">
            <summary class={`btn btn--ghost btn--small list-filters__toggle${on ? " is-on" : ""}`} title={t("inbox.filters.title")}>
              <IconFilter />
              <span class="list-filters__label">{t("inbox.filters.button")}</span>
              {on ? <span class="list-filters__count">{on}</span> : null}
            </summary>
            <div class="list-filters__body" role="group" aria-label={t("inbox.filters.title")}>
              <FilterFields filter={filter} directory={directory} />
            </div>
          </details>
        </div>
      </form>
    </div>
  );
};

const capped = (n: number) => (n >= COUNT_CAP ? `${COUNT_CAP - 1}+` : String(n));

/** One view's count (id `count-<view>`); sent again out of band after every action. */
export const ViewCount: FC<{ view: InboxView; count: number; swapOob?: boolean }> = ({ view, count, swapOob }) => (
  <span class="view-tab__count" id={`count-${view}`} hx-swap-oob={swapOob ? "true" : undefined}>
    {capped(count)}
  </span>
);

/** Every view's count as out-of-band swaps: an action's response brings the tabs up to date. */
export const ViewCountsOob: FC<{ counts: Record<InboxView, number> }> = ({ counts }) => (
  <>
    {VIEWS.map((v) => (
      <ViewCount view={v} count={counts[v]} swapOob />
    ))}
  </>
);

/** The team, tag and channel selects; with counts of active conversations when loaded on opening. */
export const FilterFields: FC<{ filter: Partial<ListFilter>; directory: Directory; counts?: FilterCounts }> = ({ filter, directory, counts }) => (
  <>
    <FilterSelect name="team" label={t("inbox.filters.team")} any={t("inbox.filters.anyTeam")} value={filter.team} options={directory.teams} counts={counts?.teams} />
    <FilterSelect name="tag" label={t("inbox.filters.tag")} any={t("inbox.filters.anyTag")} value={filter.tag} options={directory.tags} counts={counts?.tags} />
    <FilterSelect name="channel" label={t("inbox.filters.channel")} any={t("inbox.filters.anyChannel")} value={filter.channel} options={directory.channels} counts={counts?.channels} />
    <label class="filter-select">
      <span>{t("sla.sortLabel")}</span>
      <select name="sort" form="list-filter">
        <option value="">{t("sla.sortRecent")}</option>
        <option value="sla" selected={filter.sort === "sla"}>
          {t("sla.sort")}
        </option>
      </select>
    </label>
    {counts ? <p class="list-filters__note">{t("inbox.filters.countsNote")}</p> : null}
    <div class="list-filters__actions">
      {filtersOn(filter) ? (
        <a class="btn btn--ghost btn--small" href={`/inbox${filterQuery({ view: filter.view, q: filter.q })}`}>
          {t("inbox.filters.clear")}
        </a>
      ) : null}
      {counts ? null : (
        // Only in the page (htmx fragments would parse <noscript> content as markup).
        <noscript>
          <button class="btn btn--small" type="submit" form="list-filter">
            {t("inbox.filters.apply")}
          </button>
        </noscript>
      )}
    </div>
  </>
);

const countLabel = (n: number | undefined) => (n === undefined ? "" : ` (${capped(n)})`);

const FilterSelect: FC<{ name: string; label: string; any: string; value: string | undefined; options: Array<{ id: string; name: string }>; counts?: Record<string, number> }> = ({ name, label, any, value, options, counts }) => (
  <label class="filter-select">
    <span>{label}</span>
    <select name={name} form="list-filter">
      <option value="">{any}</option>
      {options.map((o) => (
        <option value={o.id} selected={o.id === value}>
          {o.name}
          {countLabel(counts?.[o.id])}
        </option>
      ))}
    </select>
  </label>
);

/**
 * The bulk-action bar at the foot of the list: appears while rows are checked
 * (CSS :has, or select mode on phones); posts the checked ids (the row
 * checkboxes carry form="bulk-form") with the list's filters, so the answer is
 * the list as it now is.
 */
export const BulkBar: FC<{ directory: Directory; csrfToken: string; filter: Partial<ListFilter> }> = ({ directory, csrfToken, filter }) => (
  <form id="bulk-form" class="bulk-bar" method="post" action="/inbox/bulk" hx-post="/inbox/bulk" hx-target="#conversation-list" hx-swap="outerHTML" aria-label={t("inbox.bulk.label")}>
    <input type="hidden" name="_csrf" value={csrfToken} />
    {(["view", "team", "tag", "channel", "q", "sort"] as const).map((k) => (filter[k] ? <input type="hidden" name={`filter_${k}`} value={filter[k]} data-filter-field={k} /> : null))}
    <div class="bulk-bar__head">
      <span class="bulk-bar__count" aria-live="polite" data-selected-count>
        {t("inbox.bulk.noneSelected")}
      </span>
      <button type="button" class="btn btn--ghost btn--small" data-bulk-cancel>
        {t("inbox.bulk.cancel")}
      </button>
    </div>
    <div class="bulk-bar__actions">
      <select name="assignee" aria-label={t("inbox.bulk.assignLabel")}>
        <option value="">{t("inbox.bulk.assignTo")}</option>
        <option value="me">{t("inbox.bulk.me")}</option>
        <option value="none">{t("inbox.bulk.nobody")}</option>
        {directory.agents.map((a) => (
          <option value={a.id}>{a.name}</option>
        ))}
      </select>
      <select name="tag" aria-label={t("inbox.bulk.tagLabel")}>
        <option value="">{t("inbox.bulk.tags")}</option>
        <optgroup label={t("inbox.bulk.addTag")}>
          {directory.tags.map((tag) => (
            <option value={`add:${tag.id}`}>{t("inbox.bulk.addTagOption", { tag: tag.name })}</option>
          ))}
        </optgroup>
        <optgroup label={t("inbox.bulk.removeTag")}>
          {directory.tags.map((tag) => (
            <option value={`remove:${tag.id}`}>{t("inbox.bulk.removeTagOption", { tag: tag.name })}</option>
          ))}
        </optgroup>
      </select>
      <button class="btn btn--small" type="submit" name="action" value="apply">
        {t("inbox.bulk.apply")}
      </button>
      <button class="btn btn--small btn--primary" type="submit" name="action" value="resolve">
        {t("inbox.bulk.resolve")}
      </button>
    </div>
  </form>
);
