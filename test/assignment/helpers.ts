// Helpers for the assignment tests: a workspace of its own per test with a
// LINE channel, a team and its members, the team's policy, and customers whose
// conversations land in the team the way an agent moves them there (a triage
// change whose conversation.assigned event the outbox then hands to the
// assignment listener). Availability and open counts are set in D1 directly.
import { env } from "cloudflare:test";
import { savePolicy, type TeamPolicy } from "../../src/assignment/policy";
import { addTeamMember, createTeam } from "../../src/settings/queries/teams";
import { customer, drainConversation, fakeLine, newWorkspace, type Setup } from "../outbound-webhooks/helpers";
import { createUser, type TestUser } from "../helpers/users";

export interface TeamSetup extends Setup {
  teamId: string;
  teamName: string;
  /** The team's agents, in id order (the round-robin order). */
  agents: TestUser[];
}

let seq = 0;

/** A workspace with one team of `count` agents (named Agent A, B, …), all online, and LINE answered in-process. */
export async function teamSetup(count: number, policy: Omit<TeamPolicy, "teamId">, teamName = "Support"): Promise<TeamSetup> {
  fakeLine();
  const setup = await newWorkspace(`Assign ${++seq}`);
  const ctx = { workspaceId: setup.workspaceId, actorId: setup.admin.id };
  const teamId = await createTeam(env.DB, ctx, teamName);
  const agents: TestUser[] = [];
  for (let i = 0; i < count; i++) {
    const agent = await createUser({ role: "agent", workspaceId: setup.workspaceId, name: `Agent ${String.fromCharCode(65 + i)}` });
    await addTeamMember(env.DB, ctx, teamId, agent);
    agents.push(agent);
  }
  await env.DB.prepare("UPDATE users SET availability = 'online' WHERE workspace_id = ? AND role = 'agent'").bind(setup.workspaceId).run();
  await savePolicy(env.DB, ctx, { teamId, ...policy });
  agents.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { ...setup, teamId, teamName, agents };
}

export async function setAvailability(user: TestUser, availability: "online" | "away" | "offline"): Promise<void> {
  await env.DB.prepare("UPDATE users SET availability = ? WHERE id = ?").bind(availability, user.id).run();
}

export type Customer = ReturnType<typeof customer>;

/** A customer who has written once (conversation stored and indexed, no team yet). */
export async function newCustomer(setup: Setup, seed = "c"): Promise<Customer> {
  const c = customer(setup, `${seed}${++seq}`);
  await c.says("Hello, I need help with my order");
  return c;
}

/** An admin moves the conversation to the team; its events are stored but not yet handled. */
export async function moveToTeamPending(setup: TeamSetup, c: Customer): Promise<void> {
  await c.stub().triage({ kind: "team", team: { id: setup.teamId, name: setup.teamName } }, { id: setup.admin.id, name: setup.admin.name });
}

/** Moves the conversation to the team and lets its outbox run (the listener asks the assigner). */
export async function moveToTeam(setup: TeamSetup, c: Customer): Promise<void> {
  await moveToTeamPending(setup, c);
  await drainConversation(c.stub());
}

export async function assigneeOf(c: Customer): Promise<string | null> {
  return (await c.stub().thread({ limit: 1 })).triage.assigneeId;
}

export async function queued(conversationId: string): Promise<{ team_id: string; excluded_user_id: string | null } | null> {
  return env.DB.prepare("SELECT team_id, excluded_user_id FROM assignment_queue WHERE conversation_id = ?").bind(conversationId).first();
}

/** The conversation's activity lines, newest last (their stored English text). */
export async function activityLines(c: Customer): Promise<string[]> {
  const { messages } = await c.stub().thread({ limit: 50 });
  return messages.flatMap((m) => (m.body.type === "activity" ? [m.body.text] : []));
}

export { drainConversation };
