// Reading the rollups: series over time buckets, totals broken down by one
// dimension, and duration histograms. Every query fixes all dimensions, so it
// reads one row per bucket (per breakdown value), never raw messages.
import { ALL, DURATION_METRICS, WEEKLY } from "./cube";
import type { ReportFilters } from "./filters";
import { BUCKET_COLUMNS } from "./histogram";
import { type CellRange, cellWhere, type Dimension, type ReportReader } from "./reader";
import { dateOfDay, dayNumber, localMidnight, mondayOf } from "./zone";

export type Totals = Record<string, number>;
type CountTable = "report_conversations" | "report_messages" | "report_csat" | "report_sla";

const sums = (measures: readonly string[]) => measures.map((m) => `SUM(${m}) AS ${m}`).join(", ");
const toTotals = (row: Record<string, unknown>, measures: readonly string[]): Totals => Object.fromEntries(measures.map((m) => [m, Number(row[m] ?? 0)]));

/** Per bucket: the measures' values (buckets without a row are absent). */
export async function countSeries(r: ReportReader, table: CountTable, measures: readonly string[], f: ReportFilters): Promise<Map<number, Totals>> {
  const w = cellWhere(f);
  const rows = await r.all<Record<string, unknown>>(`SELECT bucket, ${measures.join(", ")} FROM ${table} WHERE workspace_id = ? AND ${w.sql}`, r.workspaceId, ...w.params);
  return new Map(rows.map((row) => [Number(row.bucket), toTotals(row, measures)]));
}

/** A daily range as the local weeks it covers whole (weekly rows: Monday day numbers) and the days around them. */
export function weekSplit(f: ReportFilters): Array<Pick<CellRange, "grain" | "from" | "to">> {
  const first = dayNumber(f.fromDate);
  const end = dayNumber(f.toDate) + 1;
  const monday = mondayOf(first + 6); // the first Monday on or after the range's first day
  const weeks = Math.floor((end - monday) / 7);
  if (weeks <= 0) return [{ grain: "d", from: f.from, to: f.to }];
  const weeksEnd = monday + weeks * 7;
  const out: Array<Pick<CellRange, "grain" | "from" | "to">> = [];
  if (monday > first) out.push({ grain: "d", from: f.from, to: localMidnight(dateOfDay(monday), f.timeZone) });
  out.push({ grain: "w", from: monday, to: weeksEnd });
  if (weeksEnd < end) out.push({ grain: "d", from: localMidnight(dateOfDay(weeksEnd), f.timeZone), to: f.to });
  return out;
}

/** Totals over the range per value of one dimension (weekly rows where the table has them). */
export async function countBreakdown(r: ReportReader, table: CountTable, measures: readonly string[], f: ReportFilters, dim: Dimension, ids: readonly string[]): Promise<Map<string, Totals>> {
  const weekly = table === WEEKLY.table && f.grain === "d";
  const parts = weekly ? weekSplit(f) : [{ grain: f.grain, from: f.from, to: f.to }];
  const results = await Promise.all(
    parts.map((part) => {
      const w = cellWhere({ ...f, ...part }, { dim, ids });
      return r.all<Record<string, unknown>>(`SELECT ${dim} AS k, ${sums(measures)} FROM ${table} WHERE workspace_id = ? AND ${w.sql} GROUP BY ${dim}`, r.workspaceId, ...w.params);
    }),
  );
  const out = new Map<string, Totals>();
  for (const row of results.flat()) {
    const key = String(row.k);
    out.set(key, sumTotals([out.get(key) ?? {}, toTotals(row, measures)], measures));
  }
  return out;
}

export function sumTotals(values: Iterable<Totals>, measures: readonly string[]): Totals {
  const out: Totals = Object.fromEntries(measures.map((m) => [m, 0]));
  for (const v of values) for (const m of measures) out[m] = (out[m] ?? 0) + (v[m] ?? 0);
  return out;
}

export interface Histogram {
  count: number;
  sumMs: number;
  buckets: number[];
}

export const emptyHistogram = (): Histogram => ({ count: 0, sumMs: 0, buckets: BUCKET_COLUMNS.map(() => 0) });

export function addHistogram(into: Histogram, row: Record<string, unknown>): Histogram {
  into.count += Number(row.count ?? 0);
  into.sumMs += Number(row.sum_ms ?? 0);
  BUCKET_COLUMNS.forEach((b, i) => (into.buckets[i] = (into.buckets[i] ?? 0) + Number(row[b] ?? 0)));
  return into;
}

const HIST_SUMS = `SUM(count) AS count, SUM(sum_ms) AS sum_ms, ${BUCKET_COLUMNS.map((b) => `SUM(${b}) AS ${b}`).join(", ")}`;

/** Histograms over the range by metric and business hours ("metric:1" / "metric:0"), optionally per dimension value ("id|metric:1"). */
export async function durationTotals(r: ReportReader, f: ReportFilters, by?: { dim: Dimension; ids: readonly string[] }, metrics: readonly string[] = DURATION_METRICS): Promise<Map<string, Histogram>> {
  const w = cellWhere(f, by);
  const key = by ? `${by.dim} AS k, ` : "";
  const group = by ? `${by.dim}, ` : "";
  // metric and business_hours come before the bucket in the key: naming their values keeps the read a range of the period.
  const rows = await r.all<Record<string, unknown>>(
    `SELECT ${key}metric, business_hours, ${HIST_SUMS} FROM report_durations WHERE workspace_id = ? AND metric IN (SELECT value FROM json_each(?)) AND business_hours IN (0, 1) AND ${w.sql} GROUP BY ${group}metric, business_hours`,
    r.workspaceId,
    JSON.stringify(metrics),
    ...w.params,
  );
  const out = new Map<string, Histogram>();
  for (const row of rows) {
    const k = `${by ? `${String(row.k)}|` : ""}${String(row.metric)}:${Number(row.business_hours)}`;
    out.set(k, addHistogram(out.get(k) ?? emptyHistogram(), row));
  }
  return out;
}

/** Merges business-hours splits: histogram of a metric (optionally of one dimension value, or only one side). */
export function histogramOf(totals: Map<string, Histogram>, metric: string, opts: { id?: string; businessHours?: 0 | 1 } = {}): Histogram {
  const out = emptyHistogram();
  for (const bh of opts.businessHours === undefined ? [0, 1] : [opts.businessHours]) {
    const h = totals.get(`${opts.id ? `${opts.id}|` : ""}${metric}:${bh}`);
    if (h) addHistogram(out, { count: h.count, sum_ms: h.sumMs, ...Object.fromEntries(BUCKET_COLUMNS.map((b, i) => [b, h.buckets[i]])) });
  }
  return out;
}

/** Per bucket, one metric's histogram (both business-hours sides). */
export async function durationSeries(r: ReportReader, f: ReportFilters, metric: string): Promise<Map<number, Histogram>> {
  const w = cellWhere(f);
  const rows = await r.all<Record<string, unknown>>(
    `SELECT bucket, ${HIST_SUMS} FROM report_durations WHERE workspace_id = ? AND metric = ? AND business_hours IN (0, 1) AND ${w.sql} GROUP BY bucket`,
    r.workspaceId,
    metric,
    ...w.params,
  );
  return new Map(rows.map((row) => [Number(row.bucket), addHistogram(emptyHistogram(), row)]));
}

/** Open conversations at each snapshot. */
export async function backlogSeries(r: ReportReader, f: ReportFilters): Promise<Map<number, number>> {
  const w = cellWhere(f);
  const rows = await r.all<{ bucket: number; open: number }>(`SELECT bucket, open FROM report_backlog WHERE workspace_id = ? AND ${w.sql}`, r.workspaceId, ...w.params);
  return new Map(rows.map((row) => [Number(row.bucket), Number(row.open)]));
}

export const CONTACT_COLUMNS = ["new_friends", "unblocks", "blocks"] as const;

/** Contacts per bucket (channel filter only: follows have no team, agent or tag). */
export async function contactSeries(r: ReportReader, f: ReportFilters): Promise<Map<number, Totals>> {
  const rows = await r.all<Record<string, unknown>>(
    `SELECT bucket, ${CONTACT_COLUMNS.join(", ")} FROM report_contacts WHERE workspace_id = ? AND grain = ? AND channel_id = ? AND language = ? AND bucket >= ? AND bucket < ?`,
    r.workspaceId,
    f.grain,
    f.channelId,
    ALL,
    f.from,
    f.to,
  );
  return new Map(rows.map((row) => [Number(row.bucket), toTotals(row, CONTACT_COLUMNS)]));
}

/** Contacts over the range per language (few rows: only follows and blocks are counted here). */
export async function contactLanguages(r: ReportReader, f: ReportFilters): Promise<Map<string, Totals>> {
  const rows = await r.all<Record<string, unknown>>(
    `SELECT language AS k, ${sums(CONTACT_COLUMNS)} FROM report_contacts WHERE workspace_id = ? AND grain = ? AND channel_id = ? AND language != '*' AND bucket >= ? AND bucket < ? GROUP BY language`,
    r.workspaceId,
    f.grain,
    f.channelId,
    f.from,
    f.to,
  );
  return new Map(rows.map((row) => [String(row.k), toTotals(row, CONTACT_COLUMNS)]));
}
