// /settings/teams: create, rename and delete teams, add and remove members,
// with 422 forms, 403 for agents, 404 across workspaces and an audit trail.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { auditActions, createUser, createWorkspace, loginAs, loginInNewWorkspace } from "../helpers/users";

type Owner = Awaited<ReturnType<typeof loginInNewWorkspace>>;

async function createTeam(owner: Owner, name: string): Promise<string> {
  const html = await (await owner.post("/settings/teams", { name }, { htmx: true })).text();
  const id = /id="team-(team_[0-9a-z]{20})"/.exec(html)?.[1];
  if (!id) throw new Error(`team not created: ${html.slice(0, 200)}`);
  return id;
}

async function members(teamId: string): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT user_id FROM team_members WHERE team_id = ? ORDER BY user_id").bind(teamId).all<{ user_id: string }>();
  return results.map((r) => r.user_id);
}

describe("teams", () => {
  it("creates a team: fresh form plus the new card for htmx, a redirect without JS", async () => {
    const owner = await loginInNewWorkspace();
    const res = await owner.post("/settings/teams", { name: "  Thai-language  " }, { htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<section id="team-create"/);
    expect(html).toContain('<hx-partial hx-target="#team-list" hx-swap="beforeend">');
    expect(html).toContain("Thai-language");
    expect(html).toContain("0 members");
    const plain = await owner.post("/settings/teams", { name: "Sales" });
    expect(plain.status).toBe(303);
    const page = await (await owner.get("/settings/teams")).text();
    expect(page.indexOf("Sales")).toBeLessThan(page.indexOf("Thai-language"));
    const audit = await auditActions(owner.user.workspaceId);
    expect(audit.filter((a) => a.action === "team.created")).toHaveLength(2);
  });

  it.each([
    ["", "Give the team a name"],
    ["x".repeat(61), "at most 60 characters"],
  ])("re-renders the create form with 422 for %j", async (name, message) => {
    const owner = await loginInNewWorkspace();
    const fragment = await owner.post("/settings/teams", { name }, { htmx: true });
    expect(fragment.status).toBe(422);
    const html = await fragment.text();
    expect(html).toMatch(/^<section id="team-create"/);
    expect(html).toContain(message);
    const page = await owner.post("/settings/teams", { name });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain("<!DOCTYPE html>");
  });

  it("refuses a duplicate name, whatever its case (422)", async () => {
    const owner = await loginInNewWorkspace();
    const id = await createTeam(owner, "Support");
    const dup = await owner.post("/settings/teams", { name: "support" }, { htmx: true });
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain("Another team already has this name.");
    const other = await createTeam(owner, "Sales");
    const rename = await owner.post(`/settings/teams/${other}/rename`, { name: "SUPPORT" }, { htmx: true });
    expect(rename.status).toBe(422);
    const card = await rename.text();
    expect(card).toMatch(new RegExp(`^<article id="team-${other}"`));
    expect(card).toContain("Another team already has this name.");
    expect(card).toContain("<details class=\"menu\" open=\"\"");
    const plain = await owner.post(`/settings/teams/${other}/rename`, { name: "" });
    expect(plain.status).toBe(422);
    expect(await plain.text()).toContain("Give the team a name");
    expect(id).toBeTruthy();
  });

  it("renames, adds and removes members, deletes; each change audited", async () => {
    const owner = await loginInNewWorkspace();
    const ws = owner.user.workspaceId;
    const mika = await createUser({ workspaceId: ws, name: "Mika" });
    const ben = await createUser({ workspaceId: ws, name: "Ben" });
    const id = await createTeam(owner, "Support");

    const renamed = await owner.post(`/settings/teams/${id}/rename`, { name: "Customer care" }, { htmx: true });
    expect(renamed.status).toBe(200);
    expect(await renamed.text()).toContain("Customer care");

    for (const user of [mika, ben]) {
      const res = await owner.post(`/settings/teams/${id}/members`, { userId: user.id }, { htmx: true });
      expect(res.status).toBe(200);
    }
    const again = await owner.post(`/settings/teams/${id}/members`, { userId: mika.id }, { htmx: true });
    expect(again.status).toBe(200);
    expect(await members(id)).toEqual([mika.id, ben.id].sort());
    const page = await (await owner.get("/settings/teams")).text();
    expect(page).toContain("2 members");
    expect(page).toMatch(/class="avatar avatar--sm[^"]*"[^>]*>M<\/span><span class="chip__name">Mika<\/span>/);

    const removed = await owner.post(`/settings/teams/${id}/members/${mika.id}/remove`, {}, { htmx: true });
    expect(removed.status).toBe(200);
    expect(await removed.text()).toContain("1 member");
    expect(await members(id)).toEqual([ben.id]);
    expect((await owner.post(`/settings/teams/${id}/members/${mika.id}/remove`, {})).status).toBe(404);

    const deleted = await owner.post(`/settings/teams/${id}/delete`, {}, { htmx: true });
    expect(deleted.status).toBe(200);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM teams WHERE id = ?").bind(id).first("n")).toBe(0);
    expect(await members(id)).toEqual([]);

    const actions = (await auditActions(ws)).map((a) => a.action);
    expect(actions).toEqual(["team.created", "team.renamed", "team.member_added", "team.member_added", "team.member_removed", "team.deleted"]);
  });

  it("re-renders the card with 422 when no one is chosen, and refuses deactivated people", async () => {
    const owner = await loginInNewWorkspace();
    const id = await createTeam(owner, "Night shift");
    const none = await owner.post(`/settings/teams/${id}/members`, { userId: "" }, { htmx: true });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain("Choose someone to add");
    const off = await createUser({ workspaceId: owner.user.workspaceId, active: false, name: "Sleepy" });
    const res = await owner.post(`/settings/teams/${id}/members`, { userId: off.id }, { htmx: true });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Sleepy is deactivated");
    expect(await members(id)).toEqual([]);
  });

  it("answers 404 for another workspace's teams and people", async () => {
    const owner = await loginInNewWorkspace();
    const elsewhere = await createWorkspace();
    const stranger = await createUser({ workspaceId: elsewhere });
    const foreignTeam = newId("team");
    await env.DB.prepare("INSERT INTO teams (id, workspace_id, name, created_at) VALUES (?, ?, 'Theirs', ?)").bind(foreignTeam, elsewhere, Date.now()).run();
    const mine = await createTeam(owner, "Mine");
    expect((await owner.post(`/settings/teams/${foreignTeam}/rename`, { name: "Hijacked" })).status).toBe(404);
    expect((await owner.post(`/settings/teams/${foreignTeam}/delete`, {})).status).toBe(404);
    expect((await owner.post(`/settings/teams/${foreignTeam}/members`, { userId: owner.user.id })).status).toBe(404);
    expect((await owner.post(`/settings/teams/${mine}/members`, { userId: stranger.id })).status).toBe(404);
    expect((await owner.post(`/settings/teams/nope/delete`, {})).status).toBe(404);
    expect(await env.DB.prepare("SELECT name FROM teams WHERE id = ?").bind(foreignTeam).first("name")).toBe("Theirs");
    expect(await members(mine)).toEqual([]);
  });

  it("lets agents and supervisors look but not change (403, no controls)", async () => {
    const owner = await loginInNewWorkspace();
    const id = await createTeam(owner, "Support");
    for (const role of ["agent", "supervisor"] as const) {
      const person = await loginAs(role, { workspaceId: owner.user.workspaceId });
      const html = await (await person.get("/settings/teams")).text();
      expect(html).toContain("Support");
      expect(html).not.toContain("team-create");
      expect(html).not.toContain("/rename");
      expect(html).not.toContain("Add someone");
      for (const [path, form] of [
        ["/settings/teams", { name: "Mine now" }],
        [`/settings/teams/${id}/rename`, { name: "Mine now" }],
        [`/settings/teams/${id}/members`, { userId: person.user.id }],
        [`/settings/teams/${id}/delete`, {}],
      ] as const) {
        expect((await person.post(path, form)).status, `${role} ${path}`).toBe(403);
      }
    }
    expect(await env.DB.prepare("SELECT name FROM teams WHERE id = ?").bind(id).first("name")).toBe("Support");
  });
});
