// Calendar arithmetic in the workspace's time zone (Intl only): the local date of
// an instant and the instant of a local midnight, DST included. Day rollups are
// keyed by that midnight; week rollups by the local day number of their Monday;
// report presets are whole local days.
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    if (formatters.size > 200) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}

/** A zone the runtime knows, else UTC (a bad stored zone must not break reports). */
export function safeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return "UTC";
  try {
    formatter(timeZone);
    return timeZone;
  } catch {
    return "UTC";
  }
}

function wall(at: number, timeZone: string): { date: string; minute: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minute: (Number(parts.hour) % 24) * 60 + Number(parts.minute) };
}

/**
 * The local day an instant falls in, the last one asked per zone: every rollup write asks
 * for the day (and week) of each of its facts, nearly always today, and each answer from
 * Intl costs up to four formatToParts calls.
 */
interface Day {
  date: string;
  start: number;
  /** The instant the next local date begins. */
  end: number;
}
const days = new Map<string, Day>();

function keptDay(at: number, timeZone: string): Day | null {
  const day = days.get(timeZone);
  return day && at >= day.start && at < day.end ? day : null;
}

function keepDay(date: string, timeZone: string): Day {
  const day = { date, start: localMidnight(date, timeZone), end: localMidnight(addDays(date, 1), timeZone) };
  // Kept only when both ends of the range read as that date (not across an odd DST jump at midnight).
  if (day.start < day.end && wall(day.start, timeZone).date === date && wall(day.end - 1, timeZone).date === date) {
    if (days.size > 200) days.clear();
    days.set(timeZone, day);
  }
  return day;
}

/** YYYY-MM-DD of an instant in a zone. */
export function localDate(at: number, timeZone: string): string {
  return keptDay(at, timeZone)?.date ?? wall(at, timeZone).date;
}

/** The date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

function offsetAt(at: number, timeZone: string): number {
  const w = wall(at, timeZone);
  const [y = 0, m = 1, d = 1] = w.date.split("-").map(Number);
  return Date.UTC(y, m - 1, d) + w.minute * 60_000 - Math.floor(at / 60_000) * 60_000;
}

/** The instant a local date begins in a zone. */
export function localMidnight(date: string, timeZone: string): number {
  const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
  const w = Date.UTC(y, m - 1, d);
  const first = w - offsetAt(w, timeZone);
  return w - offsetAt(first, timeZone);
}

/** The start of the UTC hour an instant falls in. */
export function hourStart(at: number): number {
  return Math.floor(at / 3_600_000) * 3_600_000;
}

/** The local midnight that starts the day an instant falls in. */
export function dayStart(at: number, timeZone: string): number {
  return (keptDay(at, timeZone) ?? keepDay(wall(at, timeZone).date, timeZone)).start;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (a calendar day number, zone-free). */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The YYYY-MM-DD of a calendar day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday (day number) of the week a day number falls in. */
export function mondayOf(day: number): number {
  return day - ((day + 3) % 7); // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays
}

/** Monday of the local week an instant falls in, as a day number (the key of a weekly rollup row). */
export function weekOf(at: number, timeZone: string): number {
  return mondayOf(dayNumber(localDate(at, timeZone)));
}
