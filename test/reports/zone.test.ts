// The day an instant falls in is kept per zone (rollups ask for it for every fact):
// the kept answer must equal what Intl says, at both edges of a day and across DST.
import { describe, expect, it } from "vitest";
import { dayStart, localDate } from "../../src/reports/zone";

/** The day's local midnight worked out from Intl alone: the first minute (binary search) that reads as the same date. */
function midnightByScan(at: number, timeZone: string): number {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const date = (t: number) => format.format(new Date(t));
  const today = date(at);
  let lo = Math.floor(at / 60_000) - 30 * 60; // minutes; 30 h back is always an earlier date
  let hi = Math.floor(at / 60_000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (date(mid * 60_000) === today) hi = mid;
    else lo = mid;
  }
  return hi * 60_000;
}

describe("local days", () => {
  it("answers the same day start and date when asked in and around the same day", () => {
    for (const zone of ["Asia/Tokyo", "Asia/Bangkok", "America/New_York", "Europe/London", "UTC"]) {
      // 2026-03-08 and 2026-11-01: New York's DST changes; 2026-03-29 and 2026-10-25: London's.
      for (const day of ["2026-03-08", "2026-03-29", "2026-10-25", "2026-11-01", "2026-12-31"]) {
        const noon = Date.parse(`${day}T12:00:00Z`);
        const start = midnightByScan(noon, zone);
        const next = midnightByScan(start + 30 * 3_600_000, zone);
        // First asked mid-day (the day is kept), then at its edges and just outside them.
        for (const at of [noon, start, start + 1, start - 1, next - 1, next, next + 1]) {
          expect(dayStart(at, zone), `${zone} ${new Date(at).toISOString()}`).toBe(midnightByScan(at, zone));
        }
        const formatted = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
        for (const at of [start - 1, start, noon, next - 1, next]) expect(localDate(at, zone)).toBe(formatted.format(new Date(at)));
      }
    }
  });
});
