// Numbers, durations and time buckets in the reader's language; buckets in the
// workspace's time zone (the zone the report's days are cut in).
import { formatNumber, localeContext } from "../../ui/i18n";
import type { Cell, CellFormat } from "../tab";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

// Intl formatters are costly to build and a report formats hundreds of cells: one per locale, zone and shape.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    if (cache.size > 500) cache.clear();
    f = make();
    cache.set(key, f);
  }
  return f;
}

function unit(value: number, u: "second" | "minute" | "hour" | "day", digits: number): string {
  const locale = localeContext().locale;
  return cached(`n|${locale}|${u}|${digits}`, () => new Intl.NumberFormat(locale, { style: "unit", unit: u, unitDisplay: "narrow", maximumFractionDigits: digits })).format(value);
}

function dateFormat(kind: string, timeZone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = localeContext().locale;
  return cached(`d|${locale}|${kind}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { ...opts, timeZone }));
}

/** "45s", "12m", "3.5h", "2.1d" in the reader's language. */
export function formatDuration(ms: number): string {
  if (ms < MIN) return unit(Math.round(ms / 1000), "second", 0);
  if (ms < HOUR) return unit(ms / MIN, "minute", ms < 10 * MIN ? 1 : 0);
  if (ms < DAY) return unit(ms / HOUR, "hour", 1);
  return unit(ms / DAY, "day", 1);
}

/** 0–100 as "87%" (one decimal when not whole), in the reader's language. */
export function formatPercent(value: number): string {
  const locale = localeContext().locale;
  return cached(`p|${locale}`, () => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 })).format(value / 100);
}

/** An average score such as 4.3 (one or two decimals). */
export function formatScore(value: number): string {
  const locale = localeContext().locale;
  return cached(`s|${locale}`, () => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 })).format(value);
}

export function formatBucket(at: number, grain: "h" | "d", timeZone: string): string {
  const opts: Intl.DateTimeFormatOptions = grain === "h" ? { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : { day: "numeric", month: "short", weekday: "short" };
  return dateFormat(`bucket-${grain}`, timeZone, opts).format(at);
}

/** A short axis label: "14:00" or "3 Nov". */
export function axisLabel(at: number, grain: "h" | "d", timeZone: string): string {
  const opts: Intl.DateTimeFormatOptions = grain === "h" ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : { day: "numeric", month: "short" };
  return dateFormat(`axis-${grain}`, timeZone, opts).format(at);
}

export function formatDateTime(at: number, timeZone: string): string {
  return dateFormat("datetime", timeZone, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(at);
}

/** A table cell as the page shows it ("–" for nothing measured). */
export function formatCell(value: Cell, format: CellFormat, grain: "h" | "d", timeZone: string): string {
  if (value === null || value === "") return format === "text" ? "" : "–";
  if (typeof value === "string") return value;
  switch (format) {
    case "count":
      return formatNumber(value);
    case "duration":
      return formatDuration(value);
    case "bucket":
      return formatBucket(value, grain, timeZone);
    case "datetime":
      return formatDateTime(value, timeZone);
    case "percent":
      return formatPercent(value);
    case "score":
      return formatScore(value);
    case "text":
      return String(value);
  }
}
