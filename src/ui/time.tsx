// Server-side time labels for the inbox: list timestamps ("14:05", "Mon",
// "3 Nov"), bubble clock times and day dividers — in the reader's language and
// time zone (the locale context) unless a zone is passed.
import type { FC } from "hono/jsx";
import type { LanguageCode } from "../lib/locales";
import { localeContext, t } from "./i18n";

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** English reads "3 Nov, 14:05" (day first, 24-hour) for teams across Asia; other languages use their own conventions. */
function intlLocale(locale: LanguageCode): string {
  return locale === "en" ? "en-GB" : locale;
}

/** A cached formatter for the current language; an unknown time zone falls back to UTC rather than throwing. */
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = intlLocale(localeContext().locale);
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
    }
    formatters.set(key, f);
  }
  return f;
}

/** Days since the epoch of the calendar day `ts` falls on in `timeZone`. */
function dayNumber(ts: number, timeZone: string): number {
  const parts = formatter(timeZone, { year: "numeric", month: "numeric", day: "numeric" }).formatToParts(ts);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Math.floor(Date.UTC(get("year"), get("month") - 1, get("day")) / DAY_MS);
}

function year(ts: number, timeZone: string): string {
  return formatter(timeZone, { year: "numeric" }).format(ts);
}

/** "14:05" (24-hour clock). */
export function clockLabel(ts: number, timeZone = localeContext().timeZone): string {
  return formatter(timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(ts);
}

/** List label: "14:05" today, "Mon" within the last week, "3 Nov" this year, else "3 Nov 2023". */
export function shortLabel(ts: number, now: number, timeZone = localeContext().timeZone): string {
  const days = dayNumber(now, timeZone) - dayNumber(ts, timeZone);
  if (days <= 0) return clockLabel(ts, timeZone);
  if (days < 7) return formatter(timeZone, { weekday: "short" }).format(ts);
  if (year(ts, timeZone) === year(now, timeZone)) return formatter(timeZone, { day: "numeric", month: "short" }).format(ts);
  return formatter(timeZone, { day: "numeric", month: "short", year: "numeric" }).format(ts);
}

/** Day divider label: "Today", "Yesterday", "Monday, 3 November", "3 November 2023". */
export function dayLabel(ts: number, now: number, timeZone = localeContext().timeZone): string {
  const days = dayNumber(now, timeZone) - dayNumber(ts, timeZone);
  if (days === 0) return t("time.today");
  if (days === 1) return t("time.yesterday");
  if (year(ts, timeZone) === year(now, timeZone)) {
    return formatter(timeZone, { weekday: "long", day: "numeric", month: "long" }).format(ts);
  }
  return formatter(timeZone, { day: "numeric", month: "long", year: "numeric" }).format(ts);
}

/** The calendar day key used to group messages under day dividers. */
export function dayKey(ts: number, timeZone = localeContext().timeZone): number {
  return dayNumber(ts, timeZone);
}

/** Full date and time for tooltips: "3 Nov 2025, 14:05". */
export function fullLabel(ts: number, timeZone = localeContext().timeZone): string {
  return formatter(timeZone, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(ts);
}

export interface TimeLabelProps {
  at: number;
  label: string;
  timeZone?: string;
  class?: string;
}

/** A `<time>` with the absolute ISO instant in `datetime` and the full date as a tooltip. */
export const TimeLabel: FC<TimeLabelProps> = ({ at, label, timeZone, class: className }) => (
  <time class={className} datetime={new Date(at).toISOString()} title={fullLabel(at, timeZone ?? localeContext().timeZone)}>
    {label}
  </time>
);
