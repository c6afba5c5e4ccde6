// What every per-isolate cache of D1 reads (channels, workspace features, automation,
// API tokens) relies on: one read for concurrent callers, used again for the TTL and no
// longer, and nothing kept that should be asked for again (a failure, a refused answer).
import { describe, expect, it } from "vitest";
import { KeptReads } from "../../src/lib/kept-reads";

function counter<V>(answers: Array<V | Error>) {
  let reads = 0;
  const read = () => {
    const answer = answers[Math.min(reads++, answers.length - 1)] as V | Error;
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { read, reads: () => reads };
}

describe("kept reads", () => {
  it("shares one read among concurrent callers and uses it again up to the TTL, inclusive", async () => {
    const kept = new KeptReads<string>({ ttlMs: 5_000, max: 10 });
    const source = counter(["v1", "v2"]);
    const [a, b] = await Promise.all([kept.get("k", 1_000, source.read), kept.get("k", 1_000, source.read)]);
    expect([a, b, source.reads()]).toEqual(["v1", "v1", 1]);
    expect(await kept.get("k", 6_000, source.read)).toBe("v1");
    expect(await kept.get("k", 6_001, source.read)).toBe("v2");
    // A clock that went backwards never counts as fresh.
    expect(await kept.get("k", 5_000, source.read)).toBe("v2");
    expect(source.reads()).toBe(3);
  });

  it("asks again after a failure, after an answer it may not keep, and after forget", async () => {
    const kept = new KeptReads<string | null>({ ttlMs: 5_000, max: 10, keep: (v) => v !== null });
    const source = counter<string | null>([new Error("D1 down"), null, "found", "changed"]);
    await expect(kept.get("k", 0, source.read)).rejects.toThrow("D1 down");
    expect(await kept.get("k", 1, source.read)).toBeNull();
    expect(await kept.get("k", 2, source.read)).toBe("found");
    expect(await kept.get("k", 3, source.read)).toBe("found");
    kept.forget("k");
    expect(await kept.get("k", 4, source.read)).toBe("changed");
    expect(source.reads()).toBe(4);
  });

  it("starts over when full instead of growing", async () => {
    const kept = new KeptReads<number>({ ttlMs: 5_000, max: 2 });
    let reads = 0;
    const read = () => Promise.resolve(++reads);
    await kept.get("a", 0, read);
    await kept.get("b", 0, read);
    await kept.get("c", 0, read);
    expect(await kept.get("a", 0, read)).toBe(4);
    expect(await kept.get("c", 0, read)).toBe(3);
  });
});
