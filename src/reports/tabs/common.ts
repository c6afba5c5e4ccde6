// Building sections from rollup reads: a series over the range's buckets (chart
// + table), and a breakdown by channel, team, agent or tag (table).
import { t } from "../../ui/i18n";
import { NONE } from "../cube";
import type { Named } from "../directory";
import { bucketsOf, type ReportFilters } from "../filters";
import { percentile } from "../histogram";
import type { Histogram, Totals } from "../queries";
import type { Cell, Column, Section } from "../tab";

export interface Measure {
  key: string;
  label: string;
}

/** One chart + table over time: a row per bucket, a column (and a series) per measure. */
export function seriesSection(id: string, title: string, f: ReportFilters, data: Map<number, Totals>, measures: Measure[], kind: "bars" | "lines" = "bars", note?: string): Section {
  const buckets = bucketsOf(f);
  return {
    id,
    title,
    note,
    chart: { kind, format: "count", buckets, series: measures.map((m) => ({ label: m.label, values: buckets.map((b) => data.get(b)?.[m.key] ?? 0) })) },
    table: {
      columns: [{ key: "bucket", label: t(f.grain === "h" ? "reports.col.hour" : "reports.col.day"), format: "bucket" }, ...measures.map((m) => ({ key: m.key, label: m.label, format: "count" as const }))],
      rows: buckets.map((b) => ({ bucket: b, ...Object.fromEntries(measures.map((m) => [m.key, data.get(b)?.[m.key] ?? 0])) })),
    },
  };
}

/** The ids a breakdown asks for: the directory's, plus "none" where a conversation can lack one. */
export function idsOf(list: Named[], withNone: boolean): string[] {
  return [...list.map((n) => n.id), ...(withNone ? [NONE] : [])];
}

/** The name a breakdown row shows for a rollup key: `noneLabel` for "none", else the directory's name (or the id). */
export function breakdownName(list: Named[], key: string, noneLabel = t("reports.none")): string {
  return key === NONE ? noneLabel : (list.find((n) => n.id === key)?.name ?? key);
}

/** A breakdown table: a row per named value that has numbers, biggest first by the first measure. */
export function breakdownSection(id: string, title: string, nameLabel: string, list: Named[], data: Map<string, Totals>, measures: Measure[], noneLabel?: string): Section {
  const name = (k: string) => breakdownName(list, k, noneLabel);
  const first = measures[0]?.key ?? "";
  const rows = [...data.entries()]
    .filter(([, v]) => measures.some((m) => (v[m.key] ?? 0) > 0))
    .sort((a, b) => (b[1][first] ?? 0) - (a[1][first] ?? 0))
    .map(([k, v]) => ({ name: name(k), ...Object.fromEntries(measures.map((m) => [m.key, v[m.key] ?? 0])) }));
  return { id, title, table: { columns: [{ key: "name", label: nameLabel, format: "text" }, ...measures.map((m) => ({ key: m.key, label: m.label, format: "count" as const }))], rows } };
}

/** count, average, p50 and p90 of a histogram as table cells (null when there is nothing). */
export function durationCells(h: Histogram, prefix = ""): Record<string, Cell> {
  return {
    [`${prefix}count`]: h.count,
    [`${prefix}avg`]: h.count ? Math.round(h.sumMs / h.count) : null,
    [`${prefix}p50`]: percentile(h.buckets, 0.5),
    [`${prefix}p90`]: percentile(h.buckets, 0.9),
  };
}

export function durationColumns(prefix = "", countLabel = t("reports.col.count")): Column[] {
  return [
    { key: `${prefix}count`, label: countLabel, format: "count" },
    { key: `${prefix}avg`, label: t("reports.col.average"), format: "duration" },
    { key: `${prefix}p50`, label: t("reports.col.p50"), format: "duration" },
    { key: `${prefix}p90`, label: t("reports.col.p90"), format: "duration" },
  ];
}
