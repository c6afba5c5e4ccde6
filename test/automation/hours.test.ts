// Business hours as pure functions: time zones, ranges past midnight, a day
// ending at 24:00 running into the next, holidays, DST and the away switch.
import { describe, expect, it } from "vitest";
import { formatLocal, isOpenAt, nextChange, openedBetween, type Schedule, zonedInstant } from "../../src/automation/hours";
import { DEFAULT_WEEKLY_HOURS } from "../../src/automation/settings";
import type { WeeklyHours } from "../../src/db/schema/automation";

const at = (iso: string) => Date.parse(iso);
const week = (days: Partial<Record<number, Array<[string, string]>>>): WeeklyHours =>
  Array.from({ length: 7 }, (_, d) =>
    (days[d] ?? []).map(([a, b]) => {
      const [ah = 0, am = 0] = a.split(":").map(Number);
      const [bh = 0, bm = 0] = b.split(":").map(Number);
      return { start: ah * 60 + am, end: bh * 60 + bm };
    }),
  );
const schedule = (timeZone: string, weekly: WeeklyHours, more: Partial<Schedule> = {}): Schedule => ({ timeZone, weekly, holidays: [], awayNow: false, ...more });

describe("business hours", () => {
  const tokyo = schedule("Asia/Tokyo", DEFAULT_WEEKLY_HOURS); // Mon–Fri 09:00–18:00

  it("evaluates the schedule in the channel's time zone, across the UTC date line", () => {
    expect(isOpenAt(tokyo, at("2026-11-15T23:59:00Z"))).toBe(false); // Mon 08:59 JST (still Sunday in UTC)
    expect(isOpenAt(tokyo, at("2026-11-16T00:00:00Z"))).toBe(true); // Mon 09:00 JST
    expect(isOpenAt(tokyo, at("2026-11-16T08:59:00Z"))).toBe(true); // Mon 17:59
    expect(isOpenAt(tokyo, at("2026-11-16T09:00:00Z"))).toBe(false); // Mon 18:00
    expect(isOpenAt(tokyo, at("2026-11-21T00:30:00Z"))).toBe(false); // Saturday
    const newYork = schedule("America/New_York", DEFAULT_WEEKLY_HOURS);
    expect(isOpenAt(newYork, at("2026-11-16T00:30:00Z"))).toBe(false); // Sun 19:30 EST
    expect(isOpenAt(newYork, at("2026-11-16T14:00:00Z"))).toBe(true); // Mon 09:00 EST
    expect(isOpenAt(newYork, at("2026-11-16T13:59:00Z"))).toBe(false);
  });

  it("runs a range past midnight into the next day", () => {
    const lateFriday = schedule("America/Los_Angeles", week({ 5: [["22:00", "02:00"]] }));
    expect(isOpenAt(lateFriday, at("2026-11-21T05:59:00Z"))).toBe(false); // Fri 21:59 PST
    expect(isOpenAt(lateFriday, at("2026-11-21T06:00:00Z"))).toBe(true); // Fri 22:00
    expect(isOpenAt(lateFriday, at("2026-11-21T09:59:00Z"))).toBe(true); // Sat 01:59
    expect(isOpenAt(lateFriday, at("2026-11-21T10:00:00Z"))).toBe(false); // Sat 02:00
    expect(nextChange(lateFriday, at("2026-11-21T07:00:00Z"), false)).toBe(at("2026-11-21T10:00:00Z"));
  });

  it("treats 24:00 followed by 00:00 as one stretch (no closing at midnight)", () => {
    const night = schedule("Asia/Tokyo", week({ 1: [["20:00", "24:00"]], 2: [["00:00", "03:00"]] }));
    expect(isOpenAt(night, at("2026-11-16T14:59:00Z"))).toBe(true); // Mon 23:59 JST
    expect(isOpenAt(night, at("2026-11-16T15:00:00Z"))).toBe(true); // Tue 00:00
    expect(nextChange(night, at("2026-11-16T12:00:00Z"), false)).toBe(at("2026-11-16T18:00:00Z")); // Tue 03:00 JST
  });

  it("closes whole local dates for holidays, including a shift that would have started on one", () => {
    const withHoliday = schedule("Asia/Tokyo", DEFAULT_WEEKLY_HOURS, { holidays: [{ startDate: "2026-11-17", endDate: "2026-11-18" }] });
    expect(isOpenAt(withHoliday, at("2026-11-17T01:00:00Z"))).toBe(false); // Tue 10:00 JST
    expect(isOpenAt(withHoliday, at("2026-11-18T01:00:00Z"))).toBe(false); // Wed
    expect(isOpenAt(withHoliday, at("2026-11-19T01:00:00Z"))).toBe(true); // Thu
    const next = nextChange(withHoliday, at("2026-11-16T09:30:00Z"), true);
    expect(next).toBe(at("2026-11-19T00:00:00Z"));
    expect(formatLocal(next ?? 0, "Asia/Tokyo")).toBe("11/19 (Thu) 09:00");
    const lateFriday = schedule("Asia/Tokyo", week({ 5: [["22:00", "02:00"]] }), { holidays: [{ startDate: "2026-11-20", endDate: "2026-11-20" }] });
    expect(isOpenAt(lateFriday, at("2026-11-20T16:00:00Z"))).toBe(false); // Sat 01:00 JST after a Friday holiday
  });

  it("follows daylight saving time", () => {
    const sundays = schedule("America/New_York", week({ 0: [["09:00", "17:00"]] }));
    expect(zonedInstant("2026-03-08", 540, "America/New_York")).toBe(at("2026-03-08T13:00:00Z")); // EDT from 02:00 that day
    expect(zonedInstant("2026-03-01", 540, "America/New_York")).toBe(at("2026-03-01T14:00:00Z")); // EST
    expect(isOpenAt(sundays, at("2026-03-08T12:59:00Z"))).toBe(false);
    expect(isOpenAt(sundays, at("2026-03-08T13:00:00Z"))).toBe(true);
    expect(isOpenAt(sundays, at("2026-03-08T20:59:00Z"))).toBe(true);
    expect(isOpenAt(sundays, at("2026-03-08T21:00:00Z"))).toBe(false);
  });

  it("the away switch closes regardless of the schedule, with no known opening", () => {
    const away = { ...tokyo, awayNow: true };
    expect(isOpenAt(away, at("2026-11-16T01:00:00Z"))).toBe(false);
    expect(nextChange(away, at("2026-11-16T01:00:00Z"), true)).toBeNull();
  });

  it("knows whether the channel opened between two instants", () => {
    expect(openedBetween(tokyo, at("2026-11-16T10:00:00Z"), at("2026-11-16T22:00:00Z"))).toBe(false); // Mon 19:00 → Tue 07:00 JST
    expect(openedBetween(tokyo, at("2026-11-16T10:00:00Z"), at("2026-11-17T10:00:00Z"))).toBe(true); // through Tue 09–18
    expect(openedBetween(tokyo, at("2026-11-20T10:00:00Z"), at("2026-11-22T10:00:00Z"))).toBe(false); // the weekend
  });

  it("counts a channel that was open right after `from` and then closed (no opening boundary in between)", () => {
    // Open around the clock, closed by a holiday on the 23rd: from the 22nd 06:00 to the 23rd 12:00
    // it was open until midnight, though no range *starts* in between.
    const allDay = schedule("UTC", Array.from({ length: 7 }, () => [{ start: 0, end: 1440 }]), {
      holidays: [{ startDate: "2026-11-23", endDate: "2026-11-24" }],
    });
    expect(openedBetween(allDay, at("2026-11-22T06:00:00Z"), at("2026-11-23T12:00:00Z"))).toBe(true);
    expect(openedBetween(allDay, at("2026-11-21T23:00:00Z"), at("2026-11-23T12:00:00Z"))).toBe(true);
    expect(openedBetween(allDay, at("2026-11-23T01:00:00Z"), at("2026-11-23T12:00:00Z"))).toBe(false);
  });
});
