// The filters every report tab shares, parsed with zod from the query string:
// a date range (a preset in the workspace's time zone, or custom dates) and
// channel, team, agent and tag ("*" = all). A range of up to two days is read
// from the hourly rollups, a longer one from the daily ones.
import { z } from "zod";
import { ALL } from "./cube";
import { addDays, localDate, localMidnight } from "./zone";

export const PRESETS = ["today", "yesterday", "last7", "last30", "thisMonth", "lastMonth", "custom"] as const;
export type Preset = (typeof PRESETS)[number];

const DAY_MS = 86_400_000;
/** A report never spans more than this many days (a year and a bit: daily rows stay few). */
export const MAX_RANGE_DAYS = 400;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "not a date");
const id = z.string().trim().min(1).max(64).regex(/^[\w*-]+$/);

export const filterQuery = z.object({
  preset: z.enum(PRESETS).default("last7"),
  from: z.union([date, z.literal("")]).optional(),
  to: z.union([date, z.literal("")]).optional(),
  channel: z.union([id, z.literal("")]).optional(),
  team: z.union([id, z.literal("")]).optional(),
  agent: z.union([id, z.literal("")]).optional(),
  tag: z.union([id, z.literal("")]).optional(),
  q: z.string().max(100).optional(),
  before: z.string().max(80).optional(),
});
export type FilterQuery = z.infer<typeof filterQuery>;

export interface ReportFilters {
  preset: Preset;
  /** Local dates, inclusive. */
  fromDate: string;
  toDate: string;
  /** [from, to) instants. */
  from: number;
  to: number;
  grain: "h" | "d";
  timeZone: string;
  channelId: string;
  teamId: string;
  agentId: string;
  tagId: string;
  /** Logs: search text and keyset cursor. */
  q: string;
  before: string;
}

export class FilterError extends Error {}

function presetDates(preset: Exclude<Preset, "custom">, today: string): [string, string] {
  switch (preset) {
    case "today":
      return [today, today];
    case "yesterday":
      return [addDays(today, -1), addDays(today, -1)];
    case "last7":
      return [addDays(today, -6), today];
    case "last30":
      return [addDays(today, -29), today];
    case "thisMonth":
      return [`${today.slice(0, 8)}01`, today];
    case "lastMonth": {
      const first = `${today.slice(0, 8)}01`;
      const lastOfPrev = addDays(first, -1);
      return [`${lastOfPrev.slice(0, 8)}01`, lastOfPrev];
    }
  }
}

/** Resolves the query into instants in the workspace's zone; throws FilterError for a range that makes no sense. */
export function resolveFilters(query: FilterQuery, timeZone: string, now: number): ReportFilters {
  const today = localDate(now, timeZone);
  const preset = query.preset;
  let fromDate: string;
  let toDate: string;
  if (preset === "custom") {
    if (!query.from || !query.to) throw new FilterError("range");
    [fromDate, toDate] = [query.from, query.to];
  } else [fromDate, toDate] = presetDates(preset, today);
  if (fromDate > toDate) throw new FilterError("order");
  const from = localMidnight(fromDate, timeZone);
  const to = localMidnight(addDays(toDate, 1), timeZone);
  if (to - from > MAX_RANGE_DAYS * DAY_MS) throw new FilterError("long");
  return {
    preset,
    fromDate,
    toDate,
    from,
    to,
    grain: to - from <= 2 * DAY_MS + 3_600_000 ? "h" : "d",
    timeZone,
    channelId: query.channel || ALL,
    teamId: query.team || ALL,
    agentId: query.agent || ALL,
    tagId: query.tag || ALL,
    q: query.q?.trim() ?? "",
    before: query.before ?? "",
  };
}

/** The query string of these filters (links between tabs, CSV, paging). */
export function filterParams(f: ReportFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams({ preset: f.preset });
  if (f.preset === "custom") {
    p.set("from", f.fromDate);
    p.set("to", f.toDate);
  }
  if (f.channelId !== ALL) p.set("channel", f.channelId);
  if (f.teamId !== ALL) p.set("team", f.teamId);
  if (f.agentId !== ALL) p.set("agent", f.agentId);
  if (f.tagId !== ALL) p.set("tag", f.tagId);
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
  return p.toString();
}

/** The time buckets of the range at its grain (hour starts, or local midnights). */
export function bucketsOf(f: ReportFilters): number[] {
  const out: number[] = [];
  if (f.grain === "h") {
    for (let b = Math.floor(f.from / 3_600_000) * 3_600_000; b < f.to; b += 3_600_000) out.push(b);
    return out;
  }
  for (let d = f.fromDate; d <= f.toDate; d = addDays(d, 1)) out.push(localMidnight(d, f.timeZone));
  return out;
}
