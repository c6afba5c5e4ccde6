// Settings → Workflows through HTTP as an admin: a template becomes an editable
// draft, a broken step is refused with a 422 that keeps what was typed, graph
// problems block publishing, secrets are write-only, and a published shortcut
// appears in the conversation toolbar for the roles allowed and runs when
// pressed (Escalate: urgent priority, a senior team, a line saying who).
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { customer, drain, fakeLine, newChannel } from "../automation/helpers";
import { hiddenCsrf } from "../helpers/session";
import { loginAs } from "../helpers/users";
import { definitionSchema } from "../../src/workflows/definition";
import { TEMPLATE_IDS, templateDraft } from "../../src/workflows/templates";
import { teamWithOnlineAgent } from "./helpers";

let line: ReturnType<typeof fakeLine>;
afterEach(() => line?.restore());

async function createFrom(admin: Awaited<ReturnType<typeof loginAs>>, template: string): Promise<string> {
  const res = await admin.post("/settings/workflows", { template });
  expect(res.status).toBe(303);
  return String(res.headers.get("location")).split("/").pop() ?? "";
}

describe("Settings → Workflows", { timeout: 60_000 }, () => {
  it("every shipped template is a valid definition out of the box", () => {
    const teams = [{ id: "team_a", name: "Support" }, { id: "team_b", name: "Sales" }];
    for (const id of TEMPLATE_IDS) expect(definitionSchema.safeParse(templateDraft(id, teams).draft).success, id).toBe(true);
    for (const id of TEMPLATE_IDS) expect(definitionSchema.safeParse(templateDraft(id, []).draft).success, id).toBe(true);
  });

  it("creates the routing template, refuses a broken step with a 422, and publishes", async () => {
    const admin = await loginAs("admin");
    const id = await createFrom(admin, "routing");
    const page = await admin.get(`/settings/workflows/${id}`);
    const html = await page.text();
    expect(html).toContain("Routing survey");
    expect(html).toContain("Which language would you like to chat in?");
    const bad = await admin.post(`/settings/workflows/${id}/steps/thanks`, { json: '{"id": "thanks", "type": "send", "next": null}' }, { htmx: true });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Not saved");
    expect(badHtml).toContain("&quot;type&quot;: &quot;send&quot;");
    const dangling = await admin.post(`/settings/workflows/${id}/steps/thanks`, { json: JSON.stringify({ id: "thanks", type: "goto", target: "nowhere" }) }, { htmx: true });
    expect(dangling.status).toBe(200);
    const refused = await admin.post(`/settings/workflows/${id}/publish`, {}, { htmx: true });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("nowhere");
    await admin.post(`/settings/workflows/${id}/steps/thanks`, { json: JSON.stringify({ id: "thanks", type: "send", message: { messages: [{ type: "text", text: "Thanks!" }] }, next: null }) }, { htmx: true });
    const ok = await admin.post(`/settings/workflows/${id}/publish`, {}, { htmx: true });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Version 1 is published");
    const list = await (await admin.get("/settings/workflows")).text();
    expect(list).toContain("Published · v1");
  });

  it("secrets are write-only: the name is listed, the value is never shown", async () => {
    const admin = await loginAs("admin");
    const bad = await admin.post("/settings/workflows/secrets", { name: "bad name", value: "x" });
    expect(bad.status).toBe(422);
    const res = await admin.post("/settings/workflows/secrets", { name: "ZENDESK_CREDENTIALS", value: "me@example.com/token:abc-very-secret" });
    expect(res.status).toBe(303);
    const html = await (await admin.get("/settings/workflows/secrets")).text();
    expect(html).toContain("ZENDESK_CREDENTIALS");
    expect(html).not.toContain("abc-very-secret");
    const row = await env.DB.prepare("SELECT value_enc FROM workflow_secrets WHERE name = 'ZENDESK_CREDENTIALS'").first<{ value_enc: string }>();
    expect(row?.value_enc).not.toContain("abc-very-secret");
  });

  it("agents may not open Settings → Workflows", async () => {
    const agent = await loginAs("agent");
    expect((await agent.get("/settings/workflows")).status).toBe(403);
  });

  it("an agent presses the Escalate shortcut: urgent, assigned in the senior team, with a line saying who", async () => {
    line = fakeLine();
    const channel = await newChannel();
    const senior = await teamWithOnlineAgent(channel.workspaceId, "Senior");
    await env.DB.prepare("UPDATE teams SET name = 'Senior agents' WHERE id = ?").bind(senior.teamId).run();
    await env.DB.prepare("UPDATE teams SET created_at = 0 WHERE id = ?").bind(senior.teamId).run();
    const admin = await loginAs("admin");
    const id = await createFrom(admin, "escalate");
    expect((await admin.post(`/settings/workflows/${id}/publish`, {})).status).toBe(303);
    const c = customer(channel, "escalate");
    await c.says("This is the third time I write!");
    const agent = await loginAs("agent", { name: "Ana Agent" });
    const page = await (await agent.get(`/inbox/c/${c.id()}`)).text();
    expect(page).toContain('data-workflow-shortcut="Escalate"');
    const pressed = await agent.post(`/inbox/c/${c.id()}/workflows/${id}`, { _csrf: hiddenCsrf(page) }, { htmx: true });
    expect(pressed.status).toBe(200);
    expect(await pressed.text()).toContain("Escalate started");
    await drain(c.stub());
    const thread = await c.stub().thread();
    expect(thread.triage.priority).toBe(4);
    expect(thread.triage.teamName).toBe("Senior agents");
    expect(thread.triage.assigneeId).toBe(senior.online.id);
    expect(thread.messages.some((m) => m.body.type === "note" && m.body.text === "Ana Agent started the workflow “Escalate”")).toBe(true);
    // A workflow id that is not a published shortcut: 404.
    const other = await createFrom(admin, "faq");
    expect((await agent.post(`/inbox/c/${c.id()}/workflows/${other}`, { _csrf: hiddenCsrf(page) }, { htmx: true })).status).toBe(404);
  });
});
