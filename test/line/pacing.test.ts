// The channel pacer's bucket: LINE's rate is never exceeded, the allowed rate is
// used in full, an agent's reply overtakes waiting bulk sends, a 429 holds every
// send until its Retry-After. The clock is passed in, so nothing here sleeps.
import { describe, expect, it } from "vitest";
import { BURST_SECONDS, LINE_SEND_RATE_PER_SECOND, PACING_HEADROOM, PacingQueue, retryAfterMs } from "../../src/line/pacing";

function drainOver(queue: PacingQueue<number>, fromMs: number, toMs: number, stepMs = 1): Array<[number, number]> {
  const granted: Array<[number, number]> = [];
  for (let t = fromMs; t <= toMs; t += stepMs) for (const item of queue.grant(t)) granted.push([t, item]);
  return granted;
}

describe("pacing a channel", () => {
  it("as the channel pacer sets it up, never lets more than 97% of LINE's limit through in any second (room for jitter), and uses at least 94% of it", () => {
    const limit = LINE_SEND_RATE_PER_SECOND;
    const queue = new PacingQueue<number>({ ratePerSecond: limit * PACING_HEADROOM, burst: Math.floor(limit * BURST_SECONDS) }, 0);
    for (let i = 0; i < 10_000; i++) queue.enqueue("bulk", i);
    const granted = drainOver(queue, 0, 3000);
    for (let start = 0; start <= 2000; start += 50) {
      const inWindow = granted.filter(([t]) => t >= start && t < start + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(limit * 0.97);
      expect(inWindow).toBeGreaterThanOrEqual(limit * 0.94);
    }
    // Each send granted once, in order.
    expect(granted.map(([, i]) => i)).toEqual(Array.from({ length: granted.length }, (_, i) => i));
  });

  it("tells how long until the next send may go", () => {
    const queue = new PacingQueue<number>({ ratePerSecond: 100, burst: 2 }, 0);
    expect(queue.nextGrantIn(0)).toBeNull();
    for (let i = 0; i < 3; i++) queue.enqueue("bulk", i);
    expect(queue.grant(0)).toEqual([0, 1]);
    expect(queue.nextGrantIn(0)).toBe(10);
    expect(queue.grant(9)).toEqual([]);
    expect(queue.grant(10)).toEqual([2]);
    expect(queue.nextGrantIn(10)).toBeNull();
  });

  it("sends an agent's reply before bulk sends that were waiting longer", () => {
    const queue = new PacingQueue<string>({ ratePerSecond: 100, burst: 1 }, 0);
    for (let i = 0; i < 50; i++) queue.enqueue("bulk", `bulk-${i}`);
    expect(queue.grant(0)).toEqual(["bulk-0"]);
    queue.enqueue("agent", "agent-reply");
    queue.enqueue("bulk", "bulk-late");
    queue.enqueue("agent", "agent-second");
    expect(queue.grant(10)).toEqual(["agent-reply"]);
    expect(queue.grant(20)).toEqual(["agent-second"]);
    expect(queue.grant(30)).toEqual(["bulk-1"]);
  });

  it("holds every send after a 429 until the Retry-After has passed", () => {
    const queue = new PacingQueue<number>({ ratePerSecond: 1000, burst: 10 }, 0);
    queue.pause(2000);
    queue.enqueue("agent", 1);
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

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(retryAfterMs("2", 0)).toBe(2000);
    expect(retryAfterMs("0.5", 0)).toBe(500);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 7000)).toBe(3000);
    expect(retryAfterMs(null, 0)).toBeNull();
    expect(retryAfterMs("soon", 0)).toBeNull();
  });
});
