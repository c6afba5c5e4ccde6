// The choice itself: round robin goes around in id order after the last pick,
// least open takes the fewest open (equals in turn), capacity and the excluded
// agent are never picked, and nobody free means null (the queue).
import { describe, expect, it } from "vitest";
import { type Candidate, pickAgent } from "../../src/assignment/picker";

const team: Candidate[] = [
  { id: "usr_c", name: "C", open: 0 },
  { id: "usr_a", name: "A", open: 2 },
  { id: "usr_b", name: "B", open: 1 },
];

describe("pickAgent", () => {
  it("round robin: the next after the last pick, wrapping around, skipping full agents", () => {
    const pick = (lastPicked: string | null, capacity: number | null = null) => pickAgent({ mode: "round_robin", capacity, candidates: team, lastPicked })?.id ?? null;
    expect([pick(null), pick("usr_a"), pick("usr_b"), pick("usr_c")]).toEqual(["usr_a", "usr_b", "usr_c", "usr_a"]);
    // A departed agent's cursor still finds the next in order.
    expect(pick("usr_aa")).toBe("usr_b");
    expect(pick("usr_c", 2)).toBe("usr_b");
    expect(pick(null, 0)).toBeNull();
  });

  it("least open: the fewest open, ties in round-robin order; never the excluded agent", () => {
    const pick = (candidates: Candidate[], lastPicked: string | null, exclude: string | null = null, capacity: number | null = null) =>
      pickAgent({ mode: "least_open", capacity, candidates, lastPicked, exclude })?.id ?? null;
    expect(pick(team, null)).toBe("usr_c");
    expect(pick(team, null, "usr_c")).toBe("usr_b");
    const tied = team.map((c) => ({ ...c, open: 1 }));
    expect([pick(tied, null), pick(tied, "usr_a"), pick(tied, "usr_c")]).toEqual(["usr_a", "usr_b", "usr_a"]);
    expect(pick(tied, null, null, 1)).toBeNull();
    expect(pick([], null)).toBeNull();
  });
});
