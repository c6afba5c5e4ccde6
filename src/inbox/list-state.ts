// What the list shows besides its rows: which filters are on (by name) and,
// when a page is empty, why — so the empty state can say what is hidden and how
// to see it. Only an empty All view costs one more (tiny) D1 read.
import type { Context } from "hono";
import { simulatorEnabled, type AppEnv } from "../env";
import type { ListFilter } from "./queries";
import type { ActiveFilter, EmptyReason } from "./views/conversation-list";
import type { Directory } from "./views/list-toolbar";

/** A search spans every status: the list asks for view "any" while there is a query. */
export function effectiveFilter(filter: Partial<ListFilter>): Omit<Partial<ListFilter>, "view"> & { view?: ListFilter["view"] | "any" } {
  return filter.q ? { ...filter, view: "any" } : filter;
}

/** The team, tag and channel filters that are on, with their names (unknown ids are left out). */
export function activeFilters(filter: Partial<ListFilter>, directory: Directory): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  const team = filter.team ? directory.teams.find((t) => t.id === filter.team) : undefined;
  const tag = filter.tag ? directory.tags.find((t) => t.id === filter.tag) : undefined;
  const channel = filter.channel ? directory.channels.find((ch) => ch.id === filter.channel) : undefined;
  if (team) out.push({ kind: "team", name: team.name });
  if (tag) out.push({ kind: "tag", name: tag.name });
  if (channel) out.push({ kind: "channel", name: channel.name });
  return out;
}

/** Why the first page of this list is empty. */
export async function emptyReason(c: Context<AppEnv>, filter: Partial<ListFilter>, directory: Directory): Promise<EmptyReason> {
  const filters = activeFilters(filter, directory);
  if (filter.q) return { kind: "search", q: filter.q, filters };
  const view = filter.view ?? "all";
  if (filter.team || filter.tag || filter.channel) return { kind: "filtered", view, filters };
  if (view !== "all") return { kind: "view", view };
  // All is empty: caught up (everything resolved or snoozed), or nothing ever came in?
  const row = await c.env.DB.prepare(
    `SELECT EXISTS (SELECT 1 FROM conversations WHERE workspace_id = ?1) AS any_conversation,
            EXISTS (SELECT 1 FROM conversations WHERE workspace_id = ?1 AND bucket = 'resolved') AS any_resolved`,
  )
    .bind(c.get("session").workspaceId)
    .first<{ any_conversation: number; any_resolved: number }>();
  if (row?.any_conversation) return { kind: "caughtUp", hasResolved: Boolean(row.any_resolved) };
  return { kind: "workspace", simulator: simulatorEnabled(c.env) };
}
