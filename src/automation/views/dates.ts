// Dates and times on the automation pages, through Intl in the reader's language:
// business-hours instants in the CHANNEL's time zone (the page labels it), week
// day names, and closure dates (calendar dates, no time zone).
import { localeContext } from "../../ui/i18n";
import { clockLabel } from "../../ui/time";
import { localTime } from "../hours";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter in the reader's language ("en" reads day-first, as in the rest of the UI). */
function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const { locale } = localeContext();
  const tag = locale === "en" ? "en-GB" : locale;
  const key = `${tag}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(tag, options);
    } catch {
      f = new Intl.DateTimeFormat(tag, { ...options, timeZone: "UTC" });
    }
    if (formatters.size > 200) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

/**
 * When the channel opens or closes, in its own time zone: "18:00" later today,
 * "Mon 3 Nov, 09:00" (月曜 11月3日 09:00…) on another day.
 */
export function channelTime(at: number, timeZone: string, now: number): string {
  if (localTime(at, timeZone).date === localTime(now, timeZone).date) return clockLabel(at, timeZone);
  const day = formatter({ timeZone, weekday: "short", day: "numeric", month: "short" }).format(at);
  return `${day} ${clockLabel(at, timeZone)}`;
}

/** Sunday (0) … Saturday (6) in the reader's language. */
export function weekdayName(weekday: number): string {
  // 7 January 2024 was a Sunday.
  return formatter({ timeZone: "UTC", weekday: "long" }).format(Date.UTC(2024, 0, 7 + weekday));
}

function utcDate(date: string): number {
  const [y = 1970, m = 1, d = 1] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

/** A closure's dates (YYYY-MM-DD, inclusive): "Thu 1 Jan 2026" or "29 Dec 2025 – 3 Jan 2026". */
export function closureDates(startDate: string, endDate: string): string {
  const f = formatter({ timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric" });
  if (startDate === endDate) return f.format(utcDate(startDate));
  const range = formatter({ timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
  return range.formatRange(utcDate(startDate), utcDate(endDate));
}
