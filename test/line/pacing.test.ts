// The channel pacer's bucket: LINE's rate is never exceeded, the allowed rate is
// used in full, an agent's reply overtakes waiting bulk sends, a 429 holds every
// send until its Retry-After (or, without one, for a hold that backs off exponentially).
// The clock is passed in, so nothing here sleeps.
import { describe, expect, it } from "vitest";
import { BURST_SECONDS, CATCH_UP_SECONDS, HOLD_FIRST_MS, HOLD_MAX_MS, HOLD_STREAK_MS, LINE_SEND_RATE_PER_SECOND, PACING_HEADROOM, PacingQueue, retryAfterMs } from "../../src/line/pacing";

function drainOver(queue: PacingQueue<number>, fromMs: number, toMs: number, stepMs = 1): Array<[number, number]> {
  const granted: Array<[number, number]> = [];
  for (let t = fromMs; t <= toMs; t += stepMs) for (const item of queue.grant(t)) granted.push([t, item]);
  return granted;
}

describe("pacing a channel", () => {
  it("as the channel pacer sets it up, never lets more than 97% of LINE's limit through in any second (room for jitter), and uses at least 94% of it", () => {
    const limit = LINE_SEND_RATE_PER_SECOND;
    const queue = new PacingQueue<number>({ ratePerSecond: limit * PACING_HEADROOM, burst: Math.floor(limit * BURST_SECONDS) }, 0);
    for (let i = 0; i < 10_000; i++) queue.enqueue("bulk", i, 0);
    const granted = drainOver(queue, 0, 3000);
    for (let start = 0; start <= 2000; start += 50) {
      const inWindow = granted.filter(([t]) => t >= start && t < start + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(limit * 0.97);
      expect(inWindow).toBeGreaterThanOrEqual(limit * 0.94);
    }
    // Each send granted once, in order.
    expect(granted.map(([, i]) => i)).toEqual(Array.from({ length: granted.length }, (_, i) => i));
  });

  it("keeps the rate when it runs late every time (a busy moment delays its timer), still under the one-second cap", () => {
    const limit = LINE_SEND_RATE_PER_SECOND;
    const queue = new PacingQueue<number>({ ratePerSecond: limit * PACING_HEADROOM, burst: Math.floor(limit * BURST_SECONDS) }, 0);
    for (let i = 0; i < 10_000; i++) queue.enqueue("bulk", i, 0);
    // Asked every 30 ms instead of every ms: a bucket that drops what came due meanwhile
    // would grant only its burst (40) each time, two thirds of the rate.
    const granted = drainOver(queue, 0, 3000, 30);
    for (let start = 0; start <= 2000; start += 30) {
      const inWindow = granted.filter(([t]) => t >= start && t < start + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(limit * PACING_HEADROOM);
      expect(inWindow).toBeGreaterThanOrEqual(limit * 0.93);
    }
  });

  it("after a long stall grants at most a twentieth of a second's sends at once, and idle time builds no such burst", () => {
    const queue = new PacingQueue<number>({ ratePerSecond: 1000, burst: 20 }, 0);
    for (let i = 0; i < 5000; i++) queue.enqueue("bulk", i, 0);
    expect(queue.grant(0)).toHaveLength(20);
    expect(queue.grant(2000)).toHaveLength(1000 * CATCH_UP_SECONDS);
    // Nobody waited for a second: only the burst goes at once.
    const idle = new PacingQueue<number>({ ratePerSecond: 1000, burst: 20 }, 0);
    idle.enqueue("bulk", 1, 1000);
    for (let i = 2; i <= 500; i++) idle.enqueue("bulk", i, 1000);
    expect(idle.grant(1000)).toHaveLength(20);
  });

  it("never grants more than its rate in any 1,000 ms, however late it catches up", () => {
    const queue = new PacingQueue<number>({ ratePerSecond: 100, burst: 2 }, 0);
    for (let i = 0; i < 1000; i++) queue.enqueue("bulk", i, 0);
    // Late by 150 ms, then on time: without the cap the catch-up (10) comes on top of the rate.
    const granted = [...drainOver(queue, 0, 0), ...drainOver(queue, 150, 3000)];
    for (let start = 0; start <= 2000; start += 10) {
      expect(granted.filter(([t]) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(100);
    }
    expect(queue.nextGrantIn(3000)).toBeGreaterThan(0);
  });

  it("tells how long until the next send may go", () => {
    const queue = new PacingQueue<number>({ ratePerSecond: 100, burst: 2 }, 0);
    expect(queue.nextGrantIn(0)).toBeNull();
    for (let i = 0; i < 3; i++) queue.enqueue("bulk", i, 0);
    expect(queue.grant(0)).toEqual([0, 1]);
    expect(queue.nextGrantIn(0)).toBe(10);
    expect(queue.grant(9)).toEqual([]);
    expect(queue.grant(10)).toEqual([2]);
    expect(queue.nextGrantIn(10)).toBeNull();
  });

  it("sends an agent's reply before bulk sends that were waiting longer", () => {
    const queue = new PacingQueue<string>({ ratePerSecond: 100, burst: 1 }, 0);
    for (let i = 0; i < 50; i++) queue.enqueue("bulk", `bulk-${i}`, 0);
    expect(queue.grant(0)).toEqual(["bulk-0"]);
    queue.enqueue("agent", "agent-reply", 0);
    queue.enqueue("bulk", "bulk-late", 0);
    queue.enqueue("agent", "agent-second", 0);
    expect(queue.grant(10)).toEqual(["agent-reply"]);
    expect(queue.grant(20)).toEqual(["agent-second"]);
    expect(queue.grant(30)).toEqual(["bulk-1"]);
  });

  it("holds every send after a 429 until the Retry-After has passed", () => {
    const queue = new PacingQueue<number>({ ratePerSecond: 1000, burst: 10 }, 0);
    queue.pause(2000);
    queue.enqueue("agent", 1, 0);
    expect(queue.grant(1999)).toEqual([]);
    expect(queue.nextGrantIn(1500)).toBe(500);
    // The bucket starts empty after the pause: no burst lands on LINE the moment it ends.
    expect(queue.grant(2000)).toEqual([]);
    expect(queue.grant(2001)).toEqual([1]);
    // A shorter pause reported later never shortens the longer one.
    queue.pause(5000);
    queue.pause(3000);
    expect(queue.pausedUntilMs).toBe(5000);
  });

  it("without a Retry-After holds the channel briefly, then twice as long for each 429 to a send made after the hold", () => {
    const queue = new PacingQueue<number>({ ratePerSecond: 1000, burst: 10 }, 0);
    queue.enqueue("bulk", 1, 0);
    queue.enqueue("bulk", 2, 0);
    const before = queue.holds;
    expect(queue.grant(0)).toEqual([1, 2]);
    // Both sends of one bunch draw a 429: one hold of HOLD_FIRST_MS, not two, not longer.
    expect(queue.throttled(10, before, null)).toBe(10 + HOLD_FIRST_MS);
    expect(queue.throttled(12, before, null)).toBe(10 + HOLD_FIRST_MS);
    queue.enqueue("agent", 3, 20);
    expect(queue.grant(10 + HOLD_FIRST_MS - 1)).toEqual([]);
    const afterFirst = queue.holds;
    expect(drainOver(queue, 10 + HOLD_FIRST_MS, 10 + HOLD_FIRST_MS + 5).map(([, item]) => item)).toEqual([3]);
    // A send made after the hold still drew a 429: the next hold is twice as long, up to HOLD_MAX_MS.
    expect(queue.throttled(200, afterFirst, null)).toBe(200 + 2 * HOLD_FIRST_MS);
    let at = 200 + 2 * HOLD_FIRST_MS;
    let hold = 2 * HOLD_FIRST_MS;
    for (let i = 0; i < 6; i++) {
      hold = Math.min(HOLD_MAX_MS, hold * 2);
      const resume = queue.throttled(at + 1, queue.holds, null);
      expect(resume).toBe(at + 1 + hold);
      at = resume;
    }
    expect(hold).toBe(HOLD_MAX_MS);
    // Quiet for HOLD_STREAK_MS after the last hold: the next 429 starts short again.
    expect(queue.throttled(at + HOLD_STREAK_MS, queue.holds, null)).toBe(at + HOLD_STREAK_MS + HOLD_FIRST_MS);
    // A Retry-After, when LINE sends one, is what the channel waits.
    expect(queue.throttled(10_000, queue.holds, 3000)).toBe(13_000);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(retryAfterMs("2", 0)).toBe(2000);
    expect(retryAfterMs("0.5", 0)).toBe(500);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 7000)).toBe(3000);
    expect(retryAfterMs(null, 0)).toBeNull();
    expect(retryAfterMs("soon", 0)).toBeNull();
  });
});
