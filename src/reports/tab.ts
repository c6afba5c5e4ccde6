// What a report tab is: an id, a label and a loader that turns the filters into
// sections — each a table of numbers, optionally drawn as a chart beside it.
// The page, the SVG charts and the CSV export are generic over sections, so a
// new tab (CSAT, SLA: see tabs/index.ts) is one file and one line in the registry.
import type { MessageKey } from "../ui/i18n";
import type { Directory } from "./directory";
import type { ReportFilters } from "./filters";
import type { ReportReader } from "./reader";

/** count: a whole number; duration: milliseconds; bucket: a time bucket's start; text: as is; percent: 0–100; score: an average such as 4.25. */
export type CellFormat = "count" | "duration" | "bucket" | "text" | "datetime" | "percent" | "score";
export type Cell = string | number | null;

export interface Column {
  key: string;
  label: string;
  format: CellFormat;
}

export interface Table {
  columns: Column[];
  rows: Array<Record<string, Cell>>;
}

/** Over time (bars or lines along the range's buckets), or one bar per named thing (hbars). */
export type Chart =
  | { kind: "bars" | "lines"; format: "count" | "duration" | "percent"; buckets: number[]; series: Array<{ label: string; values: Array<number | null> }> }
  | { kind: "hbars"; format: "count" | "duration"; categories: string[]; series: Array<{ label: string; values: Array<number | null> }> };

export interface Section {
  id: string;
  title: string;
  note?: string;
  chart?: Chart;
  table: Table;
}

export interface TabResult {
  sections: Section[];
  /** Logs: the cursor of the next page, if any. */
  next?: string;
}

export interface TabContext {
  reader: ReportReader;
  filters: ReportFilters;
  directory: Directory;
}

export interface ReportTab {
  id: string;
  labelKey: MessageKey;
  /** Dimensions this tab can filter by (others are shown disabled with a note). */
  filters: ReadonlyArray<"channel" | "team" | "agent" | "tag">;
  load(ctx: TabContext): Promise<TabResult>;
  /** The CSV export when it differs from the page (e.g. every row of a paged list, not one page). */
  loadExport?(ctx: TabContext): Promise<TabResult>;
}

export const ALL_FILTERS = ["channel", "team", "agent", "tag"] as const;
