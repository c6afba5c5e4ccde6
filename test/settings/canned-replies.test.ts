// /settings/canned-replies: shared replies (supervisors and up) and personal
// ones (their owner only), validation, paging, 404s across people and workspaces.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { auditActions, createWorkspace, loginAs, loginInNewWorkspace } from "../helpers/users";

type Person = Awaited<ReturnType<typeof loginAs>>;

async function create(person: Person, form: Record<string, string>): Promise<string> {
  const res = await person.post("/settings/canned-replies", form, { htmx: true });
  const html = await res.text();
  const id = /id="canned-(cr_[0-9a-z]{20})"/.exec(html)?.[1];
  if (res.status !== 200 || !id) throw new Error(`not created (${res.status}): ${html.slice(0, 300)}`);
  return id;
}

function listed(html: string): string[] {
  return [...html.matchAll(/<code class="canned__shortcut">\/([a-z0-9_-]+)<\/code>/g)].map((m) => m[1] ?? "");
}

describe("canned replies", () => {
  it("keeps personal replies to their owner and shares shared ones with everyone", async () => {
    const supervisor = await loginInNewWorkspace("supervisor");
    const ws = supervisor.user.workspaceId;
    const mika = await loginAs("agent", { workspaceId: ws });
    const ben = await loginAs("agent", { workspaceId: ws });
    const admin = await loginAs("admin", { workspaceId: ws });

    const shared = await create(supervisor, { shortcut: "thanks", body: "Thank you, {{contact.name}}! — {{agent.name}}", scope: "shared" });
    const mine = await create(mika, { shortcut: "/Mika-Hello", body: "Hi, I'm Mika", scope: "personal" });

    const mikaView = await (await mika.get("/settings/canned-replies")).text();
    expect(listed(mikaView)).toEqual(["mika-hello", "thanks"]);
    expect(mikaView).toContain('<mark class="canned__var">{{contact.name}}</mark>');
    for (const other of [ben, admin, supervisor]) {
      const html = await (await other.get("/settings/canned-replies")).text();
      expect(listed(html)).toEqual(["thanks"]);
      expect((await other.get(`/settings/canned-replies/${mine}/edit`)).status).toBe(404);
      expect((await other.post(`/settings/canned-replies/${mine}`, { shortcut: "x", body: "stolen" })).status).toBe(404);
      expect((await other.post(`/settings/canned-replies/${mine}/delete`, {})).status).toBe(404);
    }
    expect(listed(await (await mika.get("/settings/canned-replies?scope=personal")).text())).toEqual(["mika-hello"]);
    expect(listed(await (await mika.get("/settings/canned-replies?scope=shared")).text())).toEqual(["thanks"]);
    expect(listed(await (await mika.get("/settings/canned-replies?scope=bogus")).text())).toEqual(["mika-hello", "thanks"]);

    const row = await env.DB.prepare("SELECT owner_id, shortcut FROM canned_replies WHERE id = ?").bind(shared).first();
    expect(row).toEqual({ owner_id: null, shortcut: "thanks" });
    const audit = await auditActions(ws);
    expect(audit.filter((a) => a.action === "canned_reply.created").map((a) => a.actor_id)).toEqual([supervisor.user.id, mika.user.id]);
  });

  it("lets agents use shared replies but not create, edit or delete them (403), and hides the buttons", async () => {
    const admin = await loginInNewWorkspace("admin");
    const agent = await loginAs("agent", { workspaceId: admin.user.workspaceId });
    const shared = await create(admin, { shortcut: "hours", body: "Open 10–20", scope: "shared" });
    const html = await (await agent.get("/settings/canned-replies")).text();
    expect(listed(html)).toEqual(["hours"]);
    expect(html).not.toContain(`/settings/canned-replies/${shared}/edit`);
    expect(html).not.toContain('value="shared"');
    expect(html).toContain("Only you (personal)");
    expect((await agent.post("/settings/canned-replies", { shortcut: "mine", body: "x", scope: "shared" })).status).toBe(403);
    expect((await agent.get(`/settings/canned-replies/${shared}/edit`)).status).toBe(403);
    expect((await agent.post(`/settings/canned-replies/${shared}`, { shortcut: "hours", body: "Closed" })).status).toBe(403);
    expect((await agent.post(`/settings/canned-replies/${shared}/delete`, {})).status).toBe(403);
    expect(await env.DB.prepare("SELECT body FROM canned_replies WHERE id = ?").bind(shared).first("body")).toBe("Open 10–20");
  });

  it("edits in place and deletes, audited; plain forms redirect back to the list", async () => {
    const agent = await loginInNewWorkspace("agent");
    const id = await create(agent, { shortcut: "bye", body: "Bye!", scope: "personal" });
    const edit = await agent.get(`/settings/canned-replies/${id}/edit`, { headers: { "hx-request": "true" } });
    expect(edit.status).toBe(200);
    const form = await edit.text();
    expect(form).toMatch(new RegExp(`^<li id="canned-${id}" class="canned canned--editing"`));
    expect(form).toContain("{{contact.name}}");
    const page = await agent.get(`/settings/canned-replies/${id}/edit`);
    expect(await page.text()).toContain("<!DOCTYPE html>");

    const saved = await agent.post(`/settings/canned-replies/${id}`, { shortcut: "goodbye", body: "Bye, {{contact.name}}!\r\nSee you." }, { htmx: true });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("/goodbye");
    expect(await env.DB.prepare("SELECT body FROM canned_replies WHERE id = ?").bind(id).first("body")).toBe("Bye, {{contact.name}}!\nSee you.");
    const cancel = await agent.get(`/settings/canned-replies/${id}`, { headers: { "hx-request": "true" } });
    expect(await cancel.text()).toMatch(new RegExp(`^<li id="canned-${id}" class="canned"`));

    const plain = await agent.post(`/settings/canned-replies/${id}`, { shortcut: "goodbye", body: "Bye." });
    expect(plain.status).toBe(303);
    expect(plain.headers.get("location")).toBe("/settings/canned-replies");
    expect((await agent.post(`/settings/canned-replies/${id}/delete`, {}, { htmx: true })).status).toBe(200);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM canned_replies WHERE id = ?").bind(id).first("n")).toBe(0);
    expect((await auditActions(agent.user.workspaceId)).map((a) => a.action)).toEqual([
      "canned_reply.created",
      "canned_reply.updated",
      "canned_reply.updated",
      "canned_reply.deleted",
    ]);
  });

  it.each([
    [{ shortcut: "Hello World!", body: "x" }, "Use only a–z, 0–9, - and _ in shortcuts"],
    [{ shortcut: "", body: "x" }, "Enter a shortcut"],
    [{ shortcut: "a".repeat(33), body: "x" }, "at most 32 characters"],
    [{ shortcut: "ok", body: "   " }, "Write the reply text"],
    [{ shortcut: "ok", body: "x".repeat(5001) }, "at most 5,000 characters"],
  ])("re-renders the form with 422 for %o", async (form, message) => {
    const agent = await loginInNewWorkspace("agent");
    const fragment = await agent.post("/settings/canned-replies", { ...form, scope: "personal" }, { htmx: true });
    expect(fragment.status).toBe(422);
    const html = await fragment.text();
    expect(html).toMatch(/^<section id="canned-create"/);
    expect(html).toContain(message);
    expect(html).toContain('aria-invalid="true"');
    const page = await agent.post("/settings/canned-replies", { ...form, scope: "personal" });
    expect(page.status).toBe(422);
    const full = await page.text();
    expect(full).toContain("<!DOCTYPE html>");
    expect(full).toContain(message);

    const id = await create(agent, { shortcut: "fine", body: "Fine", scope: "personal" });
    const edit = await agent.post(`/settings/canned-replies/${id}`, form, { htmx: true });
    expect(edit.status).toBe(422);
    expect(await edit.text()).toContain(message);
    const editPage = await agent.post(`/settings/canned-replies/${id}`, form);
    expect(editPage.status).toBe(422);
    expect(await editPage.text()).toContain("<!DOCTYPE html>");
  });

  it("keeps shortcuts unique per scope, not across scopes", async () => {
    const supervisor = await loginInNewWorkspace("supervisor");
    const agent = await loginAs("agent", { workspaceId: supervisor.user.workspaceId });
    await create(supervisor, { shortcut: "thanks", body: "Shared thanks", scope: "shared" });
    const dupShared = await supervisor.post("/settings/canned-replies", { shortcut: "THANKS", body: "again", scope: "shared" }, { htmx: true });
    expect(dupShared.status).toBe(422);
    expect(await dupShared.text()).toContain("A shared reply already uses /thanks.");
    const mine = await create(agent, { shortcut: "thanks", body: "My thanks", scope: "personal" });
    await create(supervisor, { shortcut: "thanks", body: "Supervisor's own", scope: "personal" });
    const other = await create(agent, { shortcut: "other", body: "x", scope: "personal" });
    const clash = await agent.post(`/settings/canned-replies/${other}`, { shortcut: "thanks", body: "x" }, { htmx: true });
    expect(clash.status).toBe(422);
    expect(await clash.text()).toContain("You already have a personal reply /thanks.");
    expect((await agent.post(`/settings/canned-replies/${mine}`, { shortcut: "thanks", body: "Still mine" })).status).toBe(303);
  });

  it("pages through many replies by shortcut (keyset)", async () => {
    const agent = await loginInNewWorkspace("agent");
    const now = Date.now();
    const insert = env.DB.prepare("INSERT INTO canned_replies (id, workspace_id, owner_id, shortcut, body, created_at, updated_at) VALUES (?, ?, ?, ?, 'x', ?, ?)");
    await env.DB.batch(Array.from({ length: 75 }, (_, i) => insert.bind(newId("cr"), agent.user.workspaceId, i % 2 ? agent.user.id : null, `r${String(i).padStart(3, "0")}`, now, now)));
    const first = await (await agent.get("/settings/canned-replies")).text();
    const seen = listed(first);
    let next = /hx-get="(\/settings\/canned-replies\/more\?[^"]+)"/.exec(first)?.[1];
    while (next) {
      const res = await agent.get(next.replace(/&amp;/g, "&"), { headers: { "hx-request": "true" } });
      const html = await res.text();
      seen.push(...listed(html));
      next = /hx-get="(\/settings\/canned-replies\/more\?[^"]+)"/.exec(html)?.[1];
    }
    expect(seen).toEqual(Array.from({ length: 75 }, (_, i) => `r${String(i).padStart(3, "0")}`));
  });

  it("answers 404 for another workspace's reply", async () => {
    const admin = await loginInNewWorkspace("admin");
    const foreign = newId("cr");
    await env.DB.prepare("INSERT INTO canned_replies (id, workspace_id, owner_id, shortcut, body, created_at, updated_at) VALUES (?, ?, NULL, 'theirs', 'x', 1, 1)")
      .bind(foreign, await createWorkspace())
      .run();
    expect((await admin.get(`/settings/canned-replies/${foreign}/edit`)).status).toBe(404);
    expect((await admin.post(`/settings/canned-replies/${foreign}`, { shortcut: "mine", body: "y" })).status).toBe(404);
    expect((await admin.post(`/settings/canned-replies/${foreign}/delete`, {})).status).toBe(404);
    expect(listed(await (await admin.get("/settings/canned-replies")).text())).toEqual([]);
    expect(await env.DB.prepare("SELECT body FROM canned_replies WHERE id = ?").bind(foreign).first("body")).toBe("x");
  });
});
