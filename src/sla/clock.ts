// SLA clocks: when a target started at `from` with `minutes` is due, counting
// every minute or only the minutes the channel is open (its weekly hours and
// holidays, src/automation/hours.ts). Pure; no I/O.
import { isOpenAt, nextChange, type Schedule } from "../automation/hours";

const MINUTE = 60_000;

/** The instant `minutes` business minutes after `from`, or null when the channel never opens again (within a year). */
export function addBusinessMinutes(schedule: Schedule, from: number, minutes: number): number | null {
  let remaining = minutes * MINUTE;
  let t = from;
  for (let guard = 0; guard < 800; guard++) {
    if (isOpenAt(schedule, t)) {
      const closes = nextChange(schedule, t, false, 14) ?? Number.POSITIVE_INFINITY;
      if (closes - t >= remaining) return t + remaining;
      remaining -= closes - t;
      t = closes;
    } else {
      const opens = nextChange(schedule, t, true, 14);
      if (opens === null) return null;
      t = opens;
    }
  }
  return null;
}

export function dueAt(schedule: Schedule | null, from: number, minutes: number): number | null {
  return schedule ? addBusinessMinutes(schedule, from, minutes) : from + minutes * MINUTE;
}
