// Settings → Teams → a team: the Assignment section (admins change mode and
// capacity; 422 fragments say what is wrong; agents read it; other workspaces
// get 404) and the live "Available now" list with open counts.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { addTeamMember, createTeam } from "../../src/settings/queries/teams";
import { login, ORIGIN } from "../helpers/session";
import { auditActions, createUser, loginInNewWorkspace } from "../helpers/users";

async function teamWithPeople() {
  const owner = await loginInNewWorkspace();
  const ctx = { workspaceId: owner.user.workspaceId, actorId: owner.user.id };
  const teamId = await createTeam(env.DB, ctx, "Thai-language");
  const aiko = await createUser({ role: "agent", workspaceId: owner.user.workspaceId, name: "Aiko" });
  const somchai = await createUser({ role: "agent", workspaceId: owner.user.workspaceId, name: "Somchai" });
  await addTeamMember(env.DB, ctx, teamId, aiko);
  await addTeamMember(env.DB, ctx, teamId, somchai);
  await env.DB.prepare("UPDATE users SET availability = 'online' WHERE id = ?").bind(aiko.id).run();
  return { owner, teamId, aiko, somchai };
}

describe("the team page", () => {
  it("shows the policy and who is available now; the team card links to it", { timeout: 30_000 }, async () => {
    const { owner, teamId } = await teamWithPeople();
    const teams = await (await owner.get("/settings/teams")).text();
    expect(teams).toContain(`href="/settings/teams/${teamId}"`);
    const res = await owner.get(`/settings/teams/${teamId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Thai-language");
    expect(html).toContain('id="team-assignment"');
    expect(html).toMatch(/value="manual" checked/);
    expect(html).toContain("1 can take a conversation");
    expect(html).toMatch(/Aiko[\s\S]*Online[\s\S]*0 open/);
    expect(html).toMatch(/Somchai[\s\S]*Offline/);
    expect(html).toContain("0 conversations waiting in the team&#39;s queue");
  });

  it("saves mode and capacity (audited), and the live list counts against the capacity", { timeout: 30_000 }, async () => {
    const { owner, teamId } = await teamWithPeople();
    const saved = await owner.post(`/settings/teams/${teamId}/assignment`, { mode: "least_open", capacity: " 3 " }, { htmx: true });
    expect(saved.status).toBe(200);
    const html = await saved.text();
    expect(html).toMatch(/^<section id="team-assignment"/);
    expect(html).toMatch(/value="least_open" checked/);
    expect(html).toContain('value="3"');
    expect(html).toContain("Saved");
    const audit = (await auditActions(owner.user.workspaceId)).filter((a) => a.action === "team.assignment_changed");
    expect(audit.map((a) => JSON.parse(a.data ?? "{}"))).toEqual([{ from: { mode: "manual", capacity: null }, to: { mode: "least_open", capacity: 3 } }]);
    const live = await (await owner.get(`/settings/teams/${teamId}/assignment/live`, { headers: { "hx-request": "true" } })).text();
    expect(live).toMatch(/^<section id="team-live"/);
    expect(live).toContain("0 of 3 open");
    // Empty capacity: no limit. Plain form: back to the page.
    const plain = await owner.post(`/settings/teams/${teamId}/assignment`, { mode: "round_robin", capacity: "" });
    expect(plain.status).toBe(303);
    const row = await env.DB.prepare("SELECT mode, capacity FROM team_assignment_policies WHERE team_id = ?").bind(teamId).first();
    expect(row).toEqual({ mode: "round_robin", capacity: null });
  });

  it.each([
    [{ mode: "least_open", capacity: "0" }, "Capacity must be a whole number from 1 to 200"],
    [{ mode: "least_open", capacity: "2.5" }, "Capacity must be a whole number from 1 to 200"],
    [{ mode: "least_open", capacity: "lots" }, "Capacity must be a whole number from 1 to 200"],
    [{ mode: "least_open", capacity: "201" }, "Capacity must be a whole number from 1 to 200"],
    [{ mode: "random", capacity: "" }, "Choose manual, round robin or least open."],
  ])("refuses %j with a 422 fragment that says what is wrong and keeps what was typed", { timeout: 30_000 }, async (form, message) => {
    const { owner, teamId } = await teamWithPeople();
    const res = await owner.post(`/settings/teams/${teamId}/assignment`, form, { htmx: true });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/^<section id="team-assignment"/);
    expect(html).toContain(message);
    if (form.capacity) expect(html).toContain(`value="${form.capacity}"`);
    const page = await owner.post(`/settings/teams/${teamId}/assignment`, form);
    expect(page.status).toBe(422);
    expect(await page.text()).toContain("<!DOCTYPE html>");
    expect(await env.DB.prepare("SELECT count(*) AS n FROM team_assignment_policies WHERE team_id = ?").bind(teamId).first("n")).toBe(0);
  });

  it("agents read the policy but may not change it; other workspaces' teams do not exist", { timeout: 30_000 }, async () => {
    const { owner, teamId, aiko } = await teamWithPeople();
    const agent = await login(aiko.email, "correct-horse-battery");
    const page = await (await agent.get(`/settings/teams/${teamId}`)).text();
    expect(page).toContain("Assignment");
    expect(page).not.toContain(`action="/settings/teams/${teamId}/assignment"`);
    expect((await agent.post(`/settings/teams/${teamId}/assignment`, { mode: "round_robin", capacity: "" }, { htmx: true })).status).toBe(403);

    const stranger = await loginInNewWorkspace();
    expect((await stranger.get(`/settings/teams/${teamId}`)).status).toBe(404);
    expect((await stranger.post(`/settings/teams/${teamId}/assignment`, { mode: "round_robin", capacity: "" }, { htmx: true })).status).toBe(404);
    expect((await owner.get("/settings/teams/team_00000000000000000000")).status).toBe(404);
    expect((await owner.get("/settings/teams/not-an-id")).status).toBe(404);
    // Without a session: off to the login page, never the team.
    const anonymous = await SELF.fetch(`${ORIGIN}/settings/teams/${teamId}`, { redirect: "manual" });
    expect(anonymous.status).toBeGreaterThanOrEqual(300);
    expect(anonymous.status).toBeLessThan(400);
    expect(anonymous.headers.get("location")).toContain("/login");
  });

  it("speaks the reader's language", { timeout: 30_000 }, async () => {
    const { owner, teamId } = await teamWithPeople();
    await env.DB.prepare("UPDATE users SET language = 'ja' WHERE id = ?").bind(owner.user.id).run();
    const html = await (await owner.get(`/settings/teams/${teamId}`)).text();
    expect(html).toContain("割り当て");
    expect(html).toContain("ラウンドロビン");
    expect(html).toContain("1人が対応可能");
  });
});
