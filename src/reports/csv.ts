// CSV export of a tab: every section's table, one after another (title row,
// header row, data), with plain values — counts as numbers, durations in
// seconds, times as local "YYYY-MM-DD HH:mm" in the workspace's zone. Cells that
// a spreadsheet would run as a formula are prefixed with an apostrophe.
import { t } from "../ui/i18n";
import type { ReportFilters } from "./filters";
import type { Cell, Column, Section } from "./tab";

function localStamp(at: number, timeZone: string, withTime: boolean): string {
  const parts: Record<string, string> = {};
  const f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  for (const p of f.formatToParts(at)) parts[p.type] = p.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return withTime ? `${date} ${parts.hour}:${parts.minute}` : date;
}

function plain(value: Cell, c: Column, f: ReportFilters): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (c.format === "duration") return String(Math.round(value / 1000));
  if (c.format === "bucket") return localStamp(value, f.timeZone, f.grain === "h");
  if (c.format === "datetime") return new Date(value).toISOString();
  return String(value);
}

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const header = (c: Column) => (c.format === "duration" ? `${c.label} (${t("reports.csv.seconds")})` : c.label);

export function sectionsCsv(sections: Section[], f: ReportFilters): string {
  const lines: string[] = [];
  for (const s of sections) {
    if (lines.length) lines.push("");
    lines.push(csvField(s.title));
    lines.push(s.table.columns.map((c) => csvField(header(c))).join(","));
    for (const row of s.table.rows) lines.push(s.table.columns.map((c) => csvField(plain(row[c.key] ?? null, c, f))).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
