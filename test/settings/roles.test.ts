// Changing people: roles (last owner, admins vs owners, never yourself),
// deactivation (ends sessions at once), reactivation and reset links.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { deactivationProblem, roleChangeProblem } from "../../src/settings/team-rules";
import { login } from "../helpers/session";
import { auditActions, createUser, createWorkspace, loginAs, loginInNewWorkspace } from "../helpers/users";

async function roleOf(id: string) {
  return env.DB.prepare("SELECT role, active FROM users WHERE id = ?").bind(id).first<{ role: string; active: number }>();
}

describe("role changes", () => {
  it("lets an owner change someone's role: fresh row for htmx, audited", async () => {
    const owner = await loginInNewWorkspace();
    const agent = await createUser({ workspaceId: owner.user.workspaceId, role: "agent" });
    const res = await owner.post(`/settings/team/users/${agent.id}/role`, { role: "supervisor" }, { htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`^<li id="member-${agent.id}"`));
    expect(html).toContain("role-tag--supervisor");
    expect(await roleOf(agent.id)).toMatchObject({ role: "supervisor" });
    const audit = await auditActions(owner.user.workspaceId);
    expect(audit).toContainEqual(expect.objectContaining({ action: "user.role_changed", actor_id: owner.user.id, target_id: agent.id }));
    expect(JSON.parse(audit.find((a) => a.action === "user.role_changed")?.data ?? "{}")).toEqual({ from: "agent", to: "supervisor" });
    // Without JavaScript the form goes back to the page.
    const plain = await owner.post(`/settings/team/users/${agent.id}/role`, { role: "agent" });
    expect(plain.status).toBe(303);
    expect(plain.headers.get("location")).toBe("/settings/team");
  });

  it("never demotes the last active owner, not even by themself (409)", async () => {
    const owner = await loginInNewWorkspace();
    const res = await owner.post(`/settings/team/users/${owner.user.id}/role`, { role: "admin" }, { htmx: true });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("at least one active owner");
    expect(await roleOf(owner.user.id)).toMatchObject({ role: "owner" });
    const deactivate = await owner.post(`/settings/team/users/${owner.user.id}/deactivate`, {});
    expect(deactivate.status).toBe(409);
    expect(await roleOf(owner.user.id)).toMatchObject({ active: 1 });
  });

  it("lets no one change their own role, even with another owner around (403)", async () => {
    const owner = await loginInNewWorkspace();
    await createUser({ workspaceId: owner.user.workspaceId, role: "owner" });
    const res = await owner.post(`/settings/team/users/${owner.user.id}/role`, { role: "admin" });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("You can&#39;t change your own role");
    const admin = await loginAs("admin", { workspaceId: owner.user.workspaceId });
    expect((await admin.post(`/settings/team/users/${admin.user.id}/role`, { role: "agent" })).status).toBe(403);
    expect((await admin.post(`/settings/team/users/${admin.user.id}/deactivate`, {})).status).toBe(403);
    expect(await roleOf(admin.user.id)).toMatchObject({ role: "admin", active: 1 });
  });

  it("lets an owner demote another owner while one stays", async () => {
    const owner = await loginInNewWorkspace();
    const second = await createUser({ workspaceId: owner.user.workspaceId, role: "owner" });
    expect((await owner.post(`/settings/team/users/${second.id}/role`, { role: "admin" })).status).toBe(303);
    expect(await roleOf(second.id)).toMatchObject({ role: "admin" });
  });

  it("keeps admins away from owners and from making owners (403)", async () => {
    const owner = await loginInNewWorkspace();
    const admin = await loginAs("admin", { workspaceId: owner.user.workspaceId });
    const agent = await createUser({ workspaceId: owner.user.workspaceId, role: "agent" });
    for (const [path, form] of [
      [`/settings/team/users/${owner.user.id}/role`, { role: "agent" }],
      [`/settings/team/users/${owner.user.id}/deactivate`, {}],
      [`/settings/team/users/${owner.user.id}/reset`, {}],
      [`/settings/team/users/${agent.id}/role`, { role: "owner" }],
    ] as const) {
      const res = await admin.post(path, form, { htmx: true });
      expect(res.status, path).toBe(403);
      expect(await res.text()).toMatch(/Only an owner can/);
    }
    expect(await roleOf(owner.user.id)).toMatchObject({ role: "owner", active: 1 });
    expect(await roleOf(agent.id)).toMatchObject({ role: "agent" });
    // The page offers no Manage menu on the owner's row, and no Owner option.
    const html = await (await admin.get("/settings/team")).text();
    const ownerRow = new RegExp(`id="member-${owner.user.id}"[\\s\\S]*?</li>`).exec(html)?.[0] ?? "";
    expect(ownerRow).not.toContain("Manage");
    expect(html).not.toContain('value="owner"');
    // But an admin can manage an agent.
    expect((await admin.post(`/settings/team/users/${agent.id}/role`, { role: "admin" })).status).toBe(303);
  });

  it("re-renders the row with 422 for a role that does not exist", async () => {
    const owner = await loginInNewWorkspace();
    const agent = await createUser({ workspaceId: owner.user.workspaceId });
    const res = await owner.post(`/settings/team/users/${agent.id}/role`, { role: "emperor" }, { htmx: true });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`^<li id="member-${agent.id}"`));
    expect(html).toContain("Choose a role from the list");
    const page = await owner.post(`/settings/team/users/${agent.id}/role`, { role: "" });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain("<!DOCTYPE html>");
  });

  it("forbids agents and supervisors (403)", async () => {
    const agent = await loginAs("agent");
    const victim = await createUser({ workspaceId: agent.user.workspaceId });
    for (const role of ["agent", "supervisor"] as const) {
      const person = role === "agent" ? agent : await loginAs("supervisor");
      for (const action of ["role", "deactivate", "reactivate", "reset"]) {
        const res = await person.post(`/settings/team/users/${victim.id}/${action}`, { role: "admin" });
        expect(res.status, `${role} ${action}`).toBe(403);
      }
    }
    expect(await roleOf(victim.id)).toMatchObject({ role: "agent", active: 1 });
  });

  it("answers 404 for people of another workspace and for ids that cannot exist", async () => {
    const owner = await login();
    const stranger = await createUser({ workspaceId: await createWorkspace(), role: "agent" });
    for (const action of ["role", "deactivate", "reactivate", "reset"]) {
      expect((await owner.post(`/settings/team/users/${stranger.id}/${action}`, { role: "admin" })).status).toBe(404);
    }
    expect((await owner.post(`/settings/team/users/usr_doesnotexist0000000/role`, { role: "admin" })).status).toBe(404);
    expect((await owner.post(`/settings/team/users/'%20or%201=1/role`, { role: "admin" })).status).toBe(404);
    expect(await roleOf(stranger.id)).toMatchObject({ role: "agent", active: 1 });
  });

  it("checks the last-owner rule before anything else (pure rules)", () => {
    const owner = { id: "a", role: "owner" as const, active: true };
    expect(roleChangeProblem(owner, owner, "admin", 1)?.status).toBe(409);
    expect(roleChangeProblem(owner, owner, "admin", 2)?.status).toBe(403);
    expect(roleChangeProblem(owner, { id: "b", role: "owner", active: true }, "agent", 2)).toBeNull();
    expect(roleChangeProblem(owner, { id: "b", role: "owner", active: false }, "agent", 1)).toBeNull();
    expect(deactivationProblem(owner, { id: "b", role: "owner", active: true }, 1)?.status).toBe(409);
    expect(roleChangeProblem({ id: "c", role: "admin" }, { id: "d", role: "agent", active: true }, "owner", 1)?.status).toBe(403);
  });
});

describe("deactivation", () => {
  it("ends the person's sessions at once and keeps them out", async () => {
    const owner = await loginInNewWorkspace();
    const agent = await loginAs("agent", { workspaceId: owner.user.workspaceId });
    expect((await agent.get("/settings/team")).status).toBe(200);

    const res = await owner.post(`/settings/team/users/${agent.user.id}/deactivate`, {}, { htmx: true });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Deactivated");

    const after = await agent.get("/settings/team");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
    expect((await agent.post("/settings/availability", { availability: "online" })).status).toBe(401);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE user_id = ?").bind(agent.user.id).first("n")).toBe(0);
    await expect(login(agent.user.email, agent.user.password)).rejects.toThrow("422");
    expect(await auditActions(owner.user.workspaceId)).toContainEqual(expect.objectContaining({ action: "user.deactivated", target_id: agent.user.id }));
  });

  it("reactivates: the person can sign in again, audited", async () => {
    const owner = await loginInNewWorkspace();
    const agent = await createUser({ workspaceId: owner.user.workspaceId, active: false });
    const res = await owner.post(`/settings/team/users/${agent.id}/reactivate`, {}, { htmx: true });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain("Deactivated");
    expect(await roleOf(agent.id)).toMatchObject({ active: 1 });
    expect((await (await login(agent.email, agent.password)).get("/settings/team")).status).toBe(200);
    expect(await auditActions(owner.user.workspaceId)).toContainEqual(expect.objectContaining({ action: "user.reactivated", target_id: agent.id }));
  });
});

describe("password reset links", () => {
  it("creates a 24-hour reset link shown once, for htmx next to the row", async () => {
    const owner = await loginInNewWorkspace();
    const agent = await createUser({ workspaceId: owner.user.workspaceId });
    const res = await owner.post(`/settings/team/users/${agent.id}/reset`, {}, { htmx: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toMatch(new RegExp(`^<li id="member-${agent.id}"`));
    expect(html).toContain('<hx-partial hx-target="#team-notice" hx-swap="innerHTML">');
    expect(html).toMatch(/\/invite\/[A-Za-z0-9_-]{43}/);
    const row = await env.DB.prepare("SELECT * FROM invites WHERE user_id = ?").bind(agent.id).first<Record<string, number | string>>();
    expect(row).toMatchObject({ kind: "reset", email: agent.email });
    expect(Number(row?.expires_at) - Number(row?.created_at)).toBe(24 * 60 * 60 * 1000);
    expect(await auditActions(owner.user.workspaceId)).toContainEqual(expect.objectContaining({ action: "user.password_reset_link_created", target_id: agent.id }));
    // A second link replaces the first.
    await owner.post(`/settings/team/users/${agent.id}/reset`, {});
    expect(await env.DB.prepare("SELECT count(*) AS n FROM invites WHERE user_id = ? AND used_at IS NULL").bind(agent.id).first("n")).toBe(1);
  });

  it("refuses a reset link for a deactivated person (409)", async () => {
    const owner = await loginInNewWorkspace();
    const agent = await createUser({ workspaceId: owner.user.workspaceId, active: false });
    expect((await owner.post(`/settings/team/users/${agent.id}/reset`, {})).status).toBe(409);
  });
});
