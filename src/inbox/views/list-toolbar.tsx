// Above the conversation list: views with counts, search, filters that combine
// (team, tag, channel), and the bulk-action bar for selected conversations.
// Plain GET/POST forms that htmx enhances: the list refreshes without a reload.
import type { FC } from "hono/jsx";
import { COUNT_CAP, type FilterCounts, filterQuery, type InboxView, type ListFilter, VIEW_LABELS, VIEWS } from "../queries";

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

export const ListToolbar: FC<ListToolbarProps> = ({ filter, counts, directory, csrfToken }) => {
  const view = filter.view ?? "all";
  const filtersOn = [filter.team, filter.tag, filter.channel].filter(Boolean).length;
  return (
    <div class="list-toolbar">
      <form id="list-filter" class="list-filter" method="get" action="/inbox" {...htmxList} hx-trigger="change, submit, input from:#inbox-search delay:300ms">
        <nav class="view-tabs" aria-label="Views">
          {VIEWS.map((v) => (
            <label class={`view-tab${v === view ? " is-current" : ""}`}>
              <input type="radio" name="view" value={v} checked={v === view} />
              <span>{VIEW_LABELS[v]}</span>
              <span class="view-tab__count" id={`count-${v}`}>{counts[v] >= COUNT_CAP ? `${COUNT_CAP - 1}+` : counts[v]}</span>
            </label>
          ))}
        </nav>
        <div class="list-search">
          <input id="inbox-search" type="search" name="q" value={filter.q ?? ""} placeholder="Search names and messages…" aria-label="Search conversations" maxlength={100} autocomplete="off" />
          <details class="list-filters" open={filtersOn > 0} hx-get={`/inbox/filters${filterQuery(filter)}`} hx-trigger="toggle" hx-target="find .list-filters__body" hx-swap="innerHTML">
            <summary class="btn btn--ghost btn--small">Filters{filtersOn ? ` (${filtersOn})` : ""}</summary>
            <div class="list-filters__body">
              <FilterFields filter={filter} directory={directory} />
            </div>
          </details>
        </div>
      </form>
      <BulkBar directory={directory} csrfToken={csrfToken} filter={filter} />
    </div>
  );
};

/** The team, tag and channel selects; with counts of active conversations when loaded on opening. */
export const FilterFields: FC<{ filter: Partial<ListFilter>; directory: Directory; counts?: FilterCounts }> = ({ filter, directory, counts }) => (
  <>
    <FilterSelect name="team" label="Team" value={filter.team} options={directory.teams} counts={counts?.teams} />
    <FilterSelect name="tag" label="Tag" value={filter.tag} options={directory.tags} counts={counts?.tags} />
    <FilterSelect name="channel" label="Channel" value={filter.channel} options={directory.channels} counts={counts?.channels} />
    <noscript>
      <button class="btn btn--small" type="submit">Apply</button>
    </noscript>
  </>
);

const countLabel = (n: number | undefined) => (n === undefined ? "" : ` (${n >= COUNT_CAP ? `${COUNT_CAP - 1}+` : n})`);

const FilterSelect: FC<{ name: string; label: string; value: string | undefined; options: Array<{ id: string; name: string }>; counts?: Record<string, number> }> = ({ name, label, value, options, counts }) => (
  <label class="filter-select">
    <span>{label}</span>
    <select name={name} form="list-filter">
      <option value="">Any {label.toLowerCase()}</option>
      {options.map((o) => (
        <option value={o.id} selected={o.id === value}>
          {o.name}
          {countLabel(counts?.[o.id])}
        </option>
      ))}
    </select>
  </label>
);

/** Appears when rows are checked (CSS :has); posts the checked ids (inputs carry form="bulk-form"). */
const BulkBar: FC<{ directory: Directory; csrfToken: string; filter: Partial<ListFilter> }> = ({ directory, csrfToken, filter }) => (
  <form id="bulk-form" class="bulk-bar" method="post" action="/inbox/bulk" hx-post="/inbox/bulk" hx-target="#conversation-list" hx-swap="outerHTML">
    <input type="hidden" name="_csrf" value={csrfToken} />
    {(["view", "team", "tag", "channel", "q"] as const).map((k) => (filter[k] ? <input type="hidden" name={`filter_${k}`} value={filter[k]} /> : null))}
    <span class="bulk-bar__count" aria-live="polite">
      <span data-selected-count>0</span> selected
    </span>
    <select name="assignee" aria-label="Assign selected to">
      <option value="">Assign to…</option>
      <option value="me">Me</option>
      <option value="none">Nobody (unassign)</option>
      {directory.agents.map((a) => (
        <option value={a.id}>{a.name}</option>
      ))}
    </select>
    <select name="tag" aria-label="Tag selected with">
      <option value="">Tag with…</option>
      {directory.tags.map((t) => (
        <option value={t.id}>{t.name}</option>
      ))}
    </select>
    <button class="btn btn--small" type="submit" name="action" value="apply">
      Apply
    </button>
    <button class="btn btn--small btn--primary" type="submit" name="action" value="resolve">
      Resolve
    </button>
  </form>
);
