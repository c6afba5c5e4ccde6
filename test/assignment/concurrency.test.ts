// Fairness under concurrent arrivals: conversations that land in a team at the
// same moment are decided one at a time in the WorkspaceDO, so no agent ever
// passes the capacity. Concurrency comes from running the conversations'
// outboxes (and the workflows entry point) together — no sleeps, no timing.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { assignByTeamPolicy } from "../../src/assignment";
import { assigneeOf, drainConversation, moveToTeamPending, newCustomer, queued, teamSetup } from "./helpers";

function tally(ids: Array<string | null>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of ids) out[id ?? "waiting"] = (out[id ?? "waiting"] ?? 0) + 1;
  return out;
}

describe("concurrent arrivals", () => {
  it("two conversations arriving together with one free place: one is assigned, the other waits", { timeout: 60_000 }, async () => {
    const s = await teamSetup(1, { mode: "round_robin", capacity: 1 });
    const [one, two] = [await newCustomer(s), await newCustomer(s)];
    await moveToTeamPending(s, one);
    await moveToTeamPending(s, two);
    // Both outboxes run at once: both listeners ask the assigner together.
    await Promise.all([drainConversation(one.stub()), drainConversation(two.stub())]);
    const assignees = [await assigneeOf(one), await assigneeOf(two)];
    expect(tally(assignees)).toEqual({ [s.agents[0]?.id ?? ""]: 1, waiting: 1 });
    const waiting = assignees[0] === null ? one : two;
    expect(await queued(waiting.id())).toMatchObject({ team_id: s.teamId });
  });

  it("five at once for two agents of capacity two: two each, one waits (least open and round robin)", { timeout: 60_000 }, async () => {
    for (const mode of ["least_open", "round_robin"] as const) {
      const s = await teamSetup(2, { mode, capacity: 2 });
      const customers = [];
      for (let i = 0; i < 5; i++) customers.push(await newCustomer(s));
      const outcomes = await Promise.all(customers.map((c) => assignByTeamPolicy(env, { workspaceId: s.workspaceId, conversationId: c.id(), teamId: s.teamId })));
      expect(tally(outcomes.map((o) => o.assignee?.id ?? null))).toEqual({ [s.agents[0]?.id ?? ""]: 2, [s.agents[1]?.id ?? ""]: 2, waiting: 1 });
      // What the conversations themselves say agrees with the outcomes.
      const stored = await Promise.all(customers.map((c) => assigneeOf(c)));
      expect(stored).toEqual(outcomes.map((o) => o.assignee?.id ?? null));
      const open = await env.DB.prepare("SELECT assignee_id, count(*) AS n FROM conversations WHERE workspace_id = ? AND assignee_id IS NOT NULL GROUP BY assignee_id")
        .bind(s.workspaceId)
        .all<{ assignee_id: string; n: number }>();
      expect(open.results.map((r) => r.n)).toEqual([2, 2]);
    }
  });

  it("the assigner's write never overwrites an agent who took the conversation (or resolved it) while it was deciding", async () => {
    const s = await teamSetup(2, { mode: "round_robin", capacity: 5 });
    const [a, b] = [s.agents[0], s.agents[1]];
    if (!a || !b) throw new Error("two agents expected");
    const c = await newCustomer(s);
    const policy = { kind: "policy" as const, mode: "round_robin" as const, team: s.teamName };
    const assigner = { id: null, name: s.teamName, origin: { kind: "automation" as const, rule: `assignment:${s.teamId}` } };
    // Agent B takes it by hand; the assigner's decision for A arrives after.
    await c.stub().triage({ kind: "assign", assignee: { id: b.id, name: b.name } }, { id: b.id, name: b.name });
    const late = await c.stub().triage({ kind: "assign", assignee: { id: a.id, name: a.name }, by: policy, onlyIfWaiting: true }, assigner);
    expect(late.triage.assigneeId).toBe(b.id);
    expect(await assigneeOf(c)).toBe(b.id);
    // Nobody has it, but it was resolved meanwhile: not assigned either.
    const resolved = await newCustomer(s);
    await resolved.stub().triage({ kind: "status", status: "resolved" }, { id: b.id, name: b.name });
    expect((await resolved.stub().triage({ kind: "assign", assignee: { id: a.id, name: a.name }, by: policy, onlyIfWaiting: true }, assigner)).triage.assigneeId).toBeNull();
    // Still waiting: assigned.
    const waiting = await newCustomer(s);
    expect((await waiting.stub().triage({ kind: "assign", assignee: { id: a.id, name: a.name }, by: policy, onlyIfWaiting: true }, assigner)).triage.assigneeId).toBe(a.id);
  });
});
