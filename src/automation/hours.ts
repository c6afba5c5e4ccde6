// Business hours as pure functions of a schedule and an instant: is the channel
// open, when does it next open or close, and did it open between two instants.
// Everything is evaluated in the channel's IANA time zone (DST included) with
// Intl; ranges may run past midnight (22:00–02:00) and holidays close whole
// local dates.
import type { OpeningRange, WeeklyHours } from "../db/schema/automation";

export interface Schedule {
  timeZone: string;
  weekly: WeeklyHours;
  /** Closed local dates, inclusive (YYYY-MM-DD). */
  holidays: Array<{ startDate: string; endDate: string }>;
  /** The manual "we are away" switch. */
  awayNow: boolean;
}

export interface LocalTime {
  /** YYYY-MM-DD in the schedule's time zone. */
  date: string;
  /** 0 = Sunday. */
  weekday: number;
  /** Minutes after local midnight. */
  minute: number;
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", weekday: "short", hourCycle: "h23" });
    if (formatters.size > 200) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows this IANA time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function localTime(at: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) parts[p.type] = p.value;
  const hour = Number(parts.hour) % 24;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: WEEKDAYS.indexOf(parts.weekday ?? ""), minute: hour * 60 + Number(parts.minute) };
}

/** The date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

function weekdayOf(date: string): number {
  const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Local wall time offset from UTC at an instant, in ms (whole minutes). */
function offsetAt(at: number, timeZone: string): number {
  const t = localTime(at, timeZone);
  const [y = 0, m = 1, d = 1] = t.date.split("-").map(Number);
  return Date.UTC(y, m - 1, d) + t.minute * 60_000 - Math.floor(at / 60_000) * 60_000;
}

/** The instant of a local date and minute in a time zone (a time skipped by DST lands an hour later). */
export function zonedInstant(date: string, minute: number, timeZone: string): number {
  const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
  const wall = Date.UTC(y, m - 1, d) + minute * 60_000;
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return second;
}

export function isHoliday(schedule: Schedule, date: string): boolean {
  return schedule.holidays.some((h) => h.startDate <= date && date <= h.endDate);
}

const overnight = (r: OpeningRange) => r.end <= r.start;

/** Open at this instant: not switched away, not a holiday, inside a range (or yesterday's overnight range). */
export function isOpenAt(schedule: Schedule, at: number): boolean {
  if (schedule.awayNow) return false;
  const t = localTime(at, schedule.timeZone);
  if (isHoliday(schedule, t.date)) return false;
  for (const r of schedule.weekly[t.weekday] ?? []) {
    if (overnight(r) ? t.minute >= r.start : t.minute >= r.start && t.minute < r.end) return true;
  }
  // A shift that started yesterday and runs past midnight (only if yesterday was not a holiday).
  const yesterday = addDays(t.date, -1);
  if (isHoliday(schedule, yesterday)) return false;
  return (schedule.weekly[(t.weekday + 6) % 7] ?? []).some((r) => overnight(r) && t.minute < r.end);
}

/** Every instant at which the state may change within [from - 1 day, from + days]: range starts/ends and midnights. */
function boundaries(schedule: Schedule, from: number, days: number): number[] {
  const start = localTime(from, schedule.timeZone).date;
  const out: number[] = [];
  for (let i = -1; i <= days; i++) {
    const date = addDays(start, i);
    out.push(zonedInstant(date, 0, schedule.timeZone));
    for (const r of schedule.weekly[weekdayOf(date)] ?? []) {
      out.push(zonedInstant(date, r.start, schedule.timeZone));
      // An overnight range ends on the next date.
      if (overnight(r)) out.push(zonedInstant(addDays(date, 1), r.end, schedule.timeZone));
      else if (r.end < 1440) out.push(zonedInstant(date, r.end, schedule.timeZone));
    }
  }
  return [...new Set(out)].filter((t) => t > from).sort((a, b) => a - b);
}

/** The first instant after `from` (within `days`) when the channel is open (or closed), or null. */
export function nextChange(schedule: Schedule, from: number, toOpen: boolean, days = 14): number | null {
  if (toOpen && schedule.awayNow) return null;
  for (const t of boundaries(schedule, from, days)) {
    if (isOpenAt(schedule, t) === toOpen) return t;
  }
  return null;
}

/** True when the channel was open at some instant in (from, to]. */
export function openedBetween(schedule: Schedule, from: number, to: number): boolean {
  if (to <= from) return false;
  // Open at either end counts; in between, the channel can only become open at a boundary.
  if (isOpenAt(schedule, to) || isOpenAt(schedule, from + 1)) return true;
  const days = Math.min(Math.ceil((to - from) / DAY_MS) + 1, 30);
  const next = nextChange(schedule, from, true, days);
  return next !== null && next <= to;
}

/** "11/17 (Mon) 09:00" in the schedule's time zone. */
export function formatLocal(at: number, timeZone: string): string {
  const t = localTime(at, timeZone);
  const [, m, d] = t.date.split("-").map(Number);
  return `${m}/${d} (${WEEKDAYS[t.weekday]}) ${minuteLabel(t.minute)}`;
}

/** 540 → "09:00", 1440 → "24:00". */
export function minuteLabel(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** "09:00-12:00, 13:00-18:00" for a day's ranges ("" when closed). */
export function rangesLabel(ranges: OpeningRange[]): string {
  return ranges.map((r) => `${minuteLabel(r.start)}-${minuteLabel(r.end)}`).join(", ");
}

export const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
