// Automatic assignment by team policy, end to end in workerd: a conversation
// lands in a team (an admin's triage change), the outbox hands the event to the
// assignment listener, the WorkspaceDO decides, and the conversation's own
// triage path assigns it — system line, audit entry and index included.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { assignByTeamPolicy } from "../../src/assignment";
import { drainAllQueues } from "../../src/assignment/drain-job";
import { savePolicy } from "../../src/assignment/policy";
import { auditActions } from "../helpers/users";
import { ALWAYS_CLOSED, ALWAYS_OPEN } from "../automation/helpers";
import { saveSettings } from "../../src/automation/settings";
import { activityLines, assigneeOf, drainConversation, moveToTeam, newCustomer, queued, setAvailability, teamSetup } from "./helpers";

describe("round robin", () => {
  it("goes around the team's online agents in turn, each assignment a system line and an audit entry", { timeout: 30_000 }, async () => {
    const s = await teamSetup(3, { mode: "round_robin", capacity: null });
    const [a, b, c] = s.agents;
    const got: Array<string | null> = [];
    const customers = [];
    for (let i = 0; i < 4; i++) {
      const customer = await newCustomer(s);
      await moveToTeam(s, customer);
      got.push(await assigneeOf(customer));
      customers.push(customer);
    }
    expect(got).toEqual([a?.id, b?.id, c?.id, a?.id]);

    const first = customers[0];
    if (!first || !a) throw new Error("setup");
    expect(await activityLines(first)).toContain(`Assigned to ${a.name} by round robin (Support)`);
    const index = await env.DB.prepare("SELECT assignee_id, team_id FROM conversations WHERE id = ?").bind(first.id()).first<{ assignee_id: string; team_id: string }>();
    expect(index).toEqual({ assignee_id: a.id, team_id: s.teamId });
    const audit = (await auditActions(s.workspaceId)).filter((e) => e.action === "conversation.assigned" && e.target_id === first.id());
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBeNull();
    expect(JSON.parse(audit[0]?.data ?? "{}")).toEqual({ from: null, to: a.id, by: { kind: "policy", mode: "round_robin", team: "Support" } });
  });

  it("skips agents who are away or offline, and leaves manual teams alone", { timeout: 30_000 }, async () => {
    const s = await teamSetup(3, { mode: "round_robin", capacity: null });
    const [a, b, c] = s.agents;
    if (!a || !b || !c) throw new Error("setup");
    await setAvailability(a, "offline");
    await setAvailability(b, "away");
    const one = await newCustomer(s);
    await moveToTeam(s, one);
    const two = await newCustomer(s);
    await moveToTeam(s, two);
    expect([await assigneeOf(one), await assigneeOf(two)]).toEqual([c.id, c.id]);

    await savePolicy(env.DB, { workspaceId: s.workspaceId, actorId: s.admin.id }, { teamId: s.teamId, mode: "manual", capacity: null });
    const three = await newCustomer(s);
    await moveToTeam(s, three);
    expect(await assigneeOf(three)).toBeNull();
    expect(await queued(three.id())).toBeNull();
  });
});

describe("least open", () => {
  it("gives each conversation to the online agent with the fewest open ones, equals in turn", { timeout: 30_000 }, async () => {
    const s = await teamSetup(3, { mode: "manual", capacity: null });
    const [a, b, c] = s.agents;
    if (!a || !b || !c) throw new Error("setup");
    // A has two open conversations, C one, B none (assigned by hand while the team was manual).
    for (const agent of [a, a, c]) {
      const busy = await newCustomer(s);
      await busy.stub().triage({ kind: "assign", assignee: { id: agent.id, name: agent.name } }, { id: s.admin.id, name: s.admin.name });
    }
    await savePolicy(env.DB, { workspaceId: s.workspaceId, actorId: s.admin.id }, { teamId: s.teamId, mode: "least_open", capacity: null });
    const got: Array<string | null> = [];
    for (let i = 0; i < 3; i++) {
      const customer = await newCustomer(s);
      await moveToTeam(s, customer);
      got.push(await assigneeOf(customer));
    }
    // B (0) → then B and C tie at 1: C, who comes after B in turn → then B (1) before A (2) and C (2).
    expect(got).toEqual([b.id, c.id, b.id]);
    // A conversation in no team is nobody's to assign.
    const teamless = await newCustomer(s);
    await drainConversation(teamless.stub());
    expect(await assigneeOf(teamless)).toBeNull();
    expect((await activityLines(teamless)).some((l) => l.startsWith("Assigned"))).toBe(false);
  });
});

describe("capacity and the team queue", () => {
  it("never gives an agent more than the capacity; the rest wait and go to whoever frees up first", { timeout: 30_000 }, async () => {
    const s = await teamSetup(2, { mode: "least_open", capacity: 1 });
    const [a, b] = s.agents;
    if (!a || !b) throw new Error("setup");
    const first = await newCustomer(s);
    await moveToTeam(s, first);
    const second = await newCustomer(s);
    await moveToTeam(s, second);
    const third = await newCustomer(s);
    await moveToTeam(s, third);
    expect([await assigneeOf(first), await assigneeOf(second), await assigneeOf(third)]).toEqual([a.id, b.id, null]);
    expect(await queued(third.id())).toMatchObject({ team_id: s.teamId });

    // B resolves theirs: the waiting conversation goes to B at once.
    await second.stub().triage({ kind: "status", status: "resolved" }, { id: b.id, name: b.name });
    await drainConversation(second.stub());
    expect(await assigneeOf(third)).toBe(b.id);
    expect(await queued(third.id())).toBeNull();
    expect(await activityLines(third)).toContain(`Assigned to ${b.name} by least open (Support)`);
  });

  it("snoozing frees a place too: the waiting conversation goes to the agent who snoozed", { timeout: 30_000 }, async () => {
    const s = await teamSetup(1, { mode: "least_open", capacity: 1 });
    const [a] = s.agents;
    if (!a) throw new Error("setup");
    const first = await newCustomer(s);
    await moveToTeam(s, first);
    const second = await newCustomer(s);
    await moveToTeam(s, second);
    expect([await assigneeOf(first), await assigneeOf(second)]).toEqual([a.id, null]);

    await first.stub().triage({ kind: "snooze", until: Date.now() + 3_600_000 }, { id: a.id, name: a.name });
    await drainConversation(first.stub());
    expect(await assigneeOf(second)).toBe(a.id);
    expect(await queued(second.id())).toBeNull();
  });

  it("an agent who gives a conversation back frees a place, but does not get that one straight back", { timeout: 30_000 }, async () => {
    const s = await teamSetup(2, { mode: "round_robin", capacity: 1 });
    const [a, b] = s.agents;
    if (!a || !b) throw new Error("setup");
    const first = await newCustomer(s);
    await moveToTeam(s, first);
    const second = await newCustomer(s);
    await moveToTeam(s, second);
    const third = await newCustomer(s);
    await moveToTeam(s, third);
    expect(await assigneeOf(third)).toBeNull();

    // A unassigns themselves: A's conversation waits (not for A), and A takes the one that waited.
    await first.stub().triage({ kind: "assign", assignee: null }, { id: a.id, name: a.name });
    await drainConversation(first.stub());
    expect(await assigneeOf(first)).toBeNull();
    expect(await queued(first.id())).toEqual({ team_id: s.teamId, excluded_user_id: a.id });
    expect(await assigneeOf(third)).toBe(a.id);

    // B frees up: the conversation A gave back goes to B.
    await second.stub().triage({ kind: "status", status: "resolved" }, { id: b.id, name: b.name });
    await drainConversation(second.stub());
    expect(await assigneeOf(first)).toBe(b.id);
  });

  it("assigns a waiting conversation when an agent comes online (the availability switch)", { timeout: 30_000 }, async () => {
    const s = await teamSetup(1, { mode: "round_robin", capacity: null });
    const [a] = s.agents;
    if (!a) throw new Error("setup");
    await setAvailability(a, "offline");
    const waiting = await newCustomer(s);
    await moveToTeam(s, waiting);
    expect(await assigneeOf(waiting)).toBeNull();
    expect(await queued(waiting.id())).not.toBeNull();

    const { login } = await import("../helpers/session");
    const agent = await login(a.email, a.password);
    const res = await agent.post("/settings/availability", { availability: "online" }, { htmx: true });
    expect(res.status).toBe(200);
    expect(await assigneeOf(waiting)).toBe(a.id);
  });
});

describe("reopened conversations", () => {
  it("a customer writing again to a team conversation nobody holds gets an agent, or waits with the queue message", { timeout: 30_000 }, async () => {
    const s = await teamSetup(1, { mode: "least_open", capacity: 1 });
    const [a] = s.agents;
    if (!a) throw new Error("setup");
    await saveSettings(env.DB, { workspaceId: s.workspaceId, actorId: s.admin.id }, s.channelId, { weeklyHours: ALWAYS_OPEN, queueEnabled: 1, queueText: "You're number {{position}} in line." }, "test");
    // A's one place is taken.
    const busy = await newCustomer(s);
    await moveToTeam(s, busy);
    expect(await assigneeOf(busy)).toBe(a.id);
    // A team conversation nobody holds was resolved; its customer writes again.
    const back = await newCustomer(s);
    await back.stub().triage({ kind: "team", team: { id: s.teamId, name: s.teamName } }, { id: null, name: "setup", origin: { kind: "api" } });
    await back.stub().triage({ kind: "assign", assignee: { id: s.admin.id, name: s.admin.name } }, { id: s.admin.id, name: s.admin.name });
    await back.stub().triage({ kind: "assign", assignee: null }, { id: s.admin.id, name: s.admin.name });
    await back.stub().triage({ kind: "status", status: "resolved" }, { id: s.admin.id, name: s.admin.name });
    await drainConversation(back.stub());
    expect(await queued(back.id())).toBeNull();
    await back.says("Me again: the parcel is still not here");
    expect(await assigneeOf(back)).toBeNull();
    expect(await queued(back.id())).toMatchObject({ team_id: s.teamId });
    const { messages } = await back.stub().thread({ limit: 20 });
    expect(messages.some((m) => m.direction === "outbound" && m.body.type === "text" && m.body.text.startsWith("You're number"))).toBe(true);

    // A resolves the other one: the reopened conversation is A's.
    await busy.stub().triage({ kind: "status", status: "resolved" }, { id: a.id, name: a.name });
    await drainConversation(busy.stub());
    expect(await assigneeOf(back)).toBe(a.id);
  });
});

describe("business hours", () => {
  it("outside the channel's hours the conversation waits; when the hours open, the minute cron assigns it", { timeout: 30_000 }, async () => {
    const s = await teamSetup(1, { mode: "round_robin", capacity: null });
    const who = { workspaceId: s.workspaceId, actorId: s.admin.id };
    await saveSettings(env.DB, who, s.channelId, { weeklyHours: ALWAYS_CLOSED }, "test");
    const late = await newCustomer(s);
    await moveToTeam(s, late);
    expect(await assigneeOf(late)).toBeNull();
    expect(await queued(late.id())).not.toBeNull();

    await saveSettings(env.DB, who, s.channelId, { weeklyHours: ALWAYS_OPEN }, "test");
    await drainAllQueues(env);
    expect(await assigneeOf(late)).toBe(s.agents[0]?.id);
  });
});

describe("the workflows entry point", () => {
  it("assignByTeamPolicy moves the conversation to the team and uses the rule it names, even on a manual team", { timeout: 30_000 }, async () => {
    const s = await teamSetup(2, { mode: "manual", capacity: null });
    const customer = await newCustomer(s);
    const outcome = await assignByTeamPolicy(env, { workspaceId: s.workspaceId, conversationId: customer.id(), teamId: s.teamId, rule: "round_robin" });
    expect(outcome).toEqual({ result: "assigned", assignee: { id: s.agents[0]?.id, name: s.agents[0]?.name } });
    const triage = (await customer.stub().thread({ limit: 1 })).triage;
    expect(triage).toMatchObject({ teamId: s.teamId, assigneeId: s.agents[0]?.id });
    // Asking again changes nothing: it is no longer waiting.
    expect((await assignByTeamPolicy(env, { workspaceId: s.workspaceId, conversationId: customer.id(), teamId: s.teamId })).result).toBe("not_waiting");
    // Without a rule, a manual team assigns by hand.
    const other = await newCustomer(s);
    expect((await assignByTeamPolicy(env, { workspaceId: s.workspaceId, conversationId: other.id(), teamId: s.teamId })).result).toBe("manual");
  });
});
