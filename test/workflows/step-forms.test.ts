// The workflow editor's per-field forms over HTTP, as an admin would post them:
// every step kind and the trigger round-trip through their forms unchanged;
// edits made in the fields land in the draft; bad input is a 422 that names the
// problem next to the field and keeps what was typed; the forms check the
// session, the CSRF token, the role and the workspace.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import type { Step, Trigger } from "../../src/workflows/definition";
import { stepValues } from "../../src/workflows/forms/step-form";
import { triggerValues } from "../../src/workflows/forms/trigger-form";
import { findWorkflow, saveDraft } from "../../src/workflows/store";
import { ORIGIN } from "../helpers/session";
import { createUser, loginAs, loginInNewWorkspace } from "../helpers/users";
import { teamWithOnlineAgent } from "./helpers";

type Admin = Awaited<ReturnType<typeof loginAs>>;

async function blankWorkflow(admin: Admin, steps: Step[], trigger?: Trigger): Promise<string> {
  const res = await admin.post("/settings/workflows", { template: "blank" });
  expect(res.status).toBe(303);
  const id = String(res.headers.get("location")).split("/").pop() ?? "";
  const wf = await findWorkflow(env.DB, admin.user.workspaceId, id);
  await saveDraft(env.DB, admin.user.workspaceId, id, { draft: { trigger: trigger ?? wf?.draft.trigger ?? { type: "shortcut", label: "Run", minRole: "agent" }, steps } });
  return id;
}

async function draftOf(admin: Admin, id: string) {
  const wf = await findWorkflow(env.DB, admin.user.workspaceId, id);
  if (!wf) throw new Error("workflow vanished");
  return wf.draft;
}

/** Posts a form whose fields may repeat (a multi-select), as a browser does. */
function postForm(admin: Admin, path: string, fields: Array<[string, string]>) {
  return SELF.fetch(`${ORIGIN}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: admin.cookie, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded", "hx-request": "true" },
    body: new URLSearchParams([["_csrf", admin.csrf], ...fields]),
  });
}

const fieldsOf = (values: Record<string, string>): Array<[string, string]> => Object.entries(values).flatMap(([k, v]) => (k === "channelIds" || k.endsWith("_channels") ? v.split("\n").filter(Boolean).map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]]));

describe("Workflow editor forms", { timeout: 60_000 }, () => {
  it("every step kind round-trips through its form unchanged, and shows teams and agents by name", async () => {
    const admin = await loginAs("admin");
    const team = await teamWithOnlineAgent(admin.user.workspaceId, "Billing");
    const teamName = (await env.DB.prepare("SELECT name FROM teams WHERE id = ?").bind(team.teamId).first<{ name: string }>())?.name ?? "";
    const steps: Step[] = [
      { id: "hello", type: "send", message: { messages: [{ type: "text", text: "Hi {{contact.name}}!" }, { type: "sticker", packageId: "446", stickerId: "1988" }], quickReplies: [{ label: "Menu", text: "menu" }] }, next: "ask" },
      { id: "ask", type: "question", message: { messages: [{ type: "text", text: "Which topic?" }], quickReplies: [] }, answer: { kind: "choice", display: "buttons", options: [{ label: "Billing", value: "billing", next: "route" }, { label: "Other", value: "other" }] }, saveTo: { variable: "topic", contactFieldKey: "topic" }, timeoutMinutes: 90, onTimeout: "done", next: "email" },
      { id: "email", type: "question", message: { messages: [{ type: "text", text: "Your email?" }], quickReplies: [] }, answer: { kind: "text", validate: "email", reprompt: "That is not an email address", maxAttempts: 2 }, saveTo: { variable: "email" }, next: "route" },
      {
        id: "route",
        type: "branch",
        rules: [
          { when: [{ subject: "answer", variable: "topic", op: "in", value: ["billing", "refund"] }, { subject: "businessHours", op: "open" }], next: "assign-team" },
          { when: [{ subject: "time", op: "between", from: "09:00", to: "17:30", timeZone: "Asia/Tokyo" }], next: "assign-agent" },
          { when: [{ subject: "language", op: "in", value: ["ja", "th"] }, { subject: "tag", op: "lacks", value: "vip" }, { subject: "contact.field", fieldKey: "plan", op: "exists" }], next: "note" },
        ],
        otherwise: "wait",
      },
      { id: "assign-team", type: "assign", to: { kind: "team", teamId: team.teamId, usePolicy: true, rule: "least_open" }, next: "tag" },
      { id: "assign-agent", type: "assign", to: { kind: "agent", userId: team.online.id }, next: "queue" },
      { id: "queue", type: "assign", to: { kind: "team", teamId: team.teamId, usePolicy: false, rule: "policy" }, next: "tag" },
      { id: "tag", type: "updateContact", setField: { key: "topic", value: "{{answers.topic}}" }, addTags: ["billing", "lead"], removeTags: ["cold"], next: "status" },
      { id: "status", type: "setStatus", status: "follow_up", next: "priority" },
      { id: "priority", type: "setPriority", priority: 3, next: "call" },
      {
        id: "call",
        type: "http",
        request: { method: "PUT", url: "https://api.example.com/t/{{contact.customerId}}", headers: [{ name: "Authorization", value: "Bearer {{secret.API_TOKEN}}" }], body: '{"email": "{{answers.email}}", "n": 1}', timeoutSeconds: 5, retries: 1, save: [{ pointer: "/ticket/id", variable: "ticket" }, { pointer: "/url", contactFieldKey: "ticket_url" }], note: "Ticket {{answers.ticket}}", onError: "note" },
        next: "note",
      },
      { id: "note", type: "note", text: "Checked by the workflow", next: "wait" },
      { id: "wait", type: "wait", minutes: 180, next: "again" },
      { id: "again", type: "goto", target: "ask" },
      { id: "done", type: "end" },
    ];
    const id = await blankWorkflow(admin, steps);
    const page = await (await admin.get(`/settings/workflows/${id}`)).text();
    // Real forms, with teams and agents picked by name.
    expect(page).toContain(`data-step-form="assign"`);
    expect(page).toMatch(new RegExp(`<option value="${team.teamId}" selected="">${teamName}</option>`));
    expect(page).toContain(`>${team.online.name}</option>`);
    // The tree says the names too, not ids.
    expect(page).toContain(`Team ${teamName} · Fewest open conversations`);
    expect(page).toContain(`Agent ${team.online.name}`);
    expect(page).not.toContain(`team ${team.teamId}`);
    for (const step of steps) {
      const res = await postForm(admin, `/settings/workflows/${id}/steps/${step.id}`, fieldsOf(stepValues(step)));
      expect(res.status, step.id).toBe(200);
    }
    expect((await draftOf(admin, id)).steps).toEqual(steps);
  });

  it("changes typed into the fields land in the draft, and renaming a step follows its links", async () => {
    const admin = await loginAs("admin");
    const id = await blankWorkflow(admin, [
      { id: "ask", type: "question", message: { messages: [{ type: "text", text: "Yes or no?" }], quickReplies: [] }, answer: { kind: "choice", display: "quickReplies", options: [{ label: "Yes", value: "yes" }] }, saveTo: {}, next: "bye" },
      { id: "bye", type: "send", message: { messages: [{ type: "text", text: "Bye" }], quickReplies: [] }, next: null },
    ]);
    const res = await admin.post(`/settings/workflows/${id}/steps/ask`, { id: "ask", answerKind: "text", validate: "number", reprompt: "Please send a number", maxAttempts: "4", m0_type: "text", m0_text: "How many items?", saveVariable: "items", timeoutMinutes: "", next: "bye" }, { htmx: true });
    expect(res.status).toBe(200);
    await admin.post(`/settings/workflows/${id}/steps/bye`, { id: "goodbye", m0_type: "text", m0_text: "See you", next: "" }, { htmx: true });
    const steps = (await draftOf(admin, id)).steps;
    expect(steps[0]).toEqual({ id: "ask", type: "question", message: { messages: [{ type: "text", text: "How many items?" }], quickReplies: [] }, answer: { kind: "text", validate: "number", reprompt: "Please send a number", maxAttempts: 4 }, saveTo: { variable: "items" }, next: "goodbye" });
    expect(steps[1]).toEqual({ id: "goodbye", type: "send", message: { messages: [{ type: "text", text: "See you" }], quickReplies: [] }, next: null });
  });

  it("bad input is a 422 that says what is wrong next to the field and keeps what was typed", async () => {
    const admin = await loginAs("admin");
    const other = await createUser({ workspaceId: (await loginInNewWorkspace()).user.workspaceId, name: "Elsewhere Eve" });
    const steps: Step[] = [
      { id: "call", type: "http", request: { method: "POST", url: "https://example.com", headers: [], timeoutSeconds: 10, retries: 2, save: [] }, next: null },
      { id: "ask", type: "question", message: { messages: [{ type: "text", text: "Pick" }], quickReplies: [] }, answer: { kind: "choice", display: "quickReplies", options: [{ label: "A", value: "a" }] }, saveTo: {}, next: null },
      { id: "who", type: "assign", to: { kind: "unassign" }, next: null },
    ];
    const id = await blankWorkflow(admin, steps);
    const bad = await admin.post(`/settings/workflows/${id}/steps/call`, { id: "call", method: "POST", url: "ftp://files.example.com", headers: "no colon here", body: '{"name": {{contact.name}', timeoutSeconds: "99", retries: "1", s0_pointer: "ticket/id", s0_variable: "ticket", next: "" }, { htmx: true });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    // The smallest fragment htmx swaps: the editor, not a whole page.
    expect(html.trimStart()).toMatch(/^<div id="wf-editor"/);
    expect(html).not.toContain("<html");
    expect(html).toContain("Not saved: check the fields marked below");
    expect(html).toMatch(/id="s-call-url-error"[^>]*>Start the URL with https:\/\/ or http:\/\//);
    expect(html).toMatch(/id="s-call-headers-error"[^>]*>Write headers as “Name: value” \(not “no colon here”\)/);
    expect(html).toMatch(/id="s-call-body-error"[^>]*>This is not JSON/);
    expect(html).toMatch(/id="s-call-timeoutSeconds-error"[^>]*>Enter a number from 1 to 30/);
    expect(html).toMatch(/id="s-call-s0_pointer-error"/);
    expect(html).toContain("ftp://files.example.com");
    expect(html).toContain("{&quot;name&quot;: {{contact.name}");
    // Too many choices for a buttons message; a duplicate step id; an agent of another workspace.
    const options = Object.fromEntries(["A", "B", "C", "D", "E"].flatMap((l, i) => [[`o${i}_label`, l], [`o${i}_value`, l.toLowerCase()]]));
    const ask = await admin.post(`/settings/workflows/${id}/steps/ask`, { id: "who", m0_type: "text", m0_text: "Pick", answerKind: "choice", display: "buttons", ...options, next: "" }, { htmx: true });
    expect(ask.status).toBe(422);
    const askHtml = await ask.text();
    expect(askHtml).toContain("Another step already has the id “who”");
    expect(askHtml).toContain("A buttons message holds at most 4 choices");
    const who = await admin.post(`/settings/workflows/${id}/steps/who`, { id: "who", assignTo: "agent", userId: other.id, next: "" }, { htmx: true });
    expect(who.status).toBe(422);
    expect(await who.text()).toMatch(/id="s-who-userId-error"[^>]*>Choose an agent/);
    expect((await draftOf(admin, id)).steps).toEqual(steps);
  });

  it("the live preview shows what the half-typed form would send, as LINE bubbles", async () => {
    const admin = await loginAs("admin");
    const id = await blankWorkflow(admin, [{ id: "n", type: "note", text: "Hi", next: null }]);
    const res = await admin.post(`/settings/workflows/${id}/preview`, { m0_type: "text", m0_text: "Pick a <topic>", answerKind: "choice", o0_label: "Billing", o1_label: "Returns", m1_type: "image", m1_url: "not a url" }, { htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Pick a &lt;topic&gt;");
    expect(html).toContain("Billing");
    expect(html).toContain("Returns");
    const stranger = await loginInNewWorkspace("admin");
    expect((await stranger.post(`/settings/workflows/${id}/preview`, { m0_type: "text", m0_text: "x" }, { htmx: true })).status).toBe(404);
  });

  it("the trigger form: kinds with their conditions round-trip; an unknown tag is refused", async () => {
    const admin = await loginAs("admin");
    const channel = await env.DB.prepare("SELECT id FROM channels WHERE workspace_id = ? LIMIT 1").bind(admin.user.workspaceId).first<{ id: string }>();
    const id = await blankWorkflow(admin, [{ id: "end", type: "end" }]);
    const triggers: Trigger[] = [
      { type: "message.received", channelIds: channel ? [channel.id] : [], conditions: [{ subject: "message.text", op: "startsWith", value: "refund" }, { subject: "businessHours", op: "closed" }] },
      { type: "contact.followed", channelIds: [], firstFollowOnly: true },
      { type: "postback.received", dataPrefix: "action=menu" },
      { type: "shortcut", label: "Escalate now", minRole: "supervisor" },
    ];
    for (const trigger of triggers) {
      const res = await postForm(admin, `/settings/workflows/${id}/trigger`, fieldsOf(triggerValues(trigger)));
      expect(res.status, trigger.type).toBe(200);
      expect((await draftOf(admin, id)).trigger).toEqual(trigger);
    }
    const bad = await postForm(admin, `/settings/workflows/${id}/trigger`, [["type", "tag.added"], ["tagId", newId("tag")]]);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/id="trigger-tagId-error"[^>]*>Choose a tag/);
    const shortcut = await postForm(admin, `/settings/workflows/${id}/trigger`, [["type", "shortcut"], ["label", ""], ["minRole", "agent"]]);
    expect(shortcut.status).toBe(422);
    expect(await shortcut.text()).toMatch(/id="trigger-label-error"[^>]*>Fill this in/);
  });

  it("a step changes type in place: same id, what led to it still does, it leads where it led; an unknown type is a 422", async () => {
    const admin = await loginAs("admin");
    const id = await blankWorkflow(admin, [
      { id: "hello", type: "send", message: { messages: [{ type: "text", text: "Hi" }], quickReplies: [] }, next: "tag" },
      { id: "tag", type: "note", text: "Welcomed", next: "bye" },
      { id: "bye", type: "end" },
    ]);
    const editor = await admin.get(`/settings/workflows/${id}`);
    const page = await editor.text();
    expect(page).toContain(`action="/settings/workflows/${id}/steps/tag/type"`);
    expect(page).toMatch(/<option value="note" selected="">/);
    expect((await admin.post(`/settings/workflows/${id}/steps/tag/type`, { type: "question" }, { htmx: true })).status).toBe(200);
    let steps = (await draftOf(admin, id)).steps;
    expect(steps.map((s) => s.type)).toEqual(["send", "question", "end"]);
    expect(steps[0]).toMatchObject({ id: "hello", next: "tag" });
    expect(steps[1]).toMatchObject({ id: "tag", type: "question", saveTo: { variable: "tag" }, next: "bye" });
    // A branch leads there otherwise; the old settings do not carry over.
    expect((await admin.post(`/settings/workflows/${id}/steps/tag/type`, { type: "branch" }, { htmx: true })).status).toBe(200);
    steps = (await draftOf(admin, id)).steps;
    expect(steps[1]).toMatchObject({ id: "tag", type: "branch", otherwise: "bye" });
    expect(steps[1]).not.toHaveProperty("message");
    const bad = await admin.post(`/settings/workflows/${id}/steps/tag/type`, { type: "teleport" }, { htmx: true });
    expect(bad.status).toBe(422);
    expect((await draftOf(admin, id)).steps).toEqual(steps);
    expect((await admin.post(`/settings/workflows/${id}/steps/tag/type`, { type: "note" }, { csrf: "forged" })).status).toBe(403);
    const stranger = await loginInNewWorkspace("admin");
    expect((await stranger.post(`/settings/workflows/${id}/steps/tag/type`, { type: "note" }, { htmx: true })).status).toBe(404);
    expect((await admin.post(`/settings/workflows/${id}/steps/nope/type`, { type: "note" }, { htmx: true })).status).toBe(404);
    expect((await draftOf(admin, id)).steps).toEqual(steps);
  });

  it("the forms check the session, the CSRF token, the role and the workspace", async () => {
    const admin = await loginAs("admin");
    const id = await blankWorkflow(admin, [{ id: "n", type: "note", text: "Hi", next: null }]);
    const form = { id: "n", text: "Changed" };
    expect((await admin.post(`/settings/workflows/${id}/steps/n`, form, { csrf: null })).status).toBe(403);
    expect((await admin.post(`/settings/workflows/${id}/steps/n`, form, { csrf: "forged" })).status).toBe(403);
    const anonymous = await SELF.fetch(`${ORIGIN}/settings/workflows/${id}/steps/n`, { method: "POST", redirect: "manual", headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form) });
    expect([302, 303, 401]).toContain(anonymous.status);
    const agent = await loginAs("agent");
    expect((await agent.post(`/settings/workflows/${id}/steps/n`, form)).status).toBe(403);
    const stranger = await loginInNewWorkspace("admin");
    expect((await stranger.post(`/settings/workflows/${id}/steps/n`, form, { htmx: true })).status).toBe(404);
    expect((await draftOf(admin, id)).steps).toEqual([{ id: "n", type: "note", text: "Hi", next: null }]);
    expect((await admin.post(`/settings/workflows/${id}/steps/n`, form, { htmx: true })).status).toBe(200);
    expect((await draftOf(admin, id)).steps).toEqual([{ id: "n", type: "note", text: "Changed", next: null }]);
  });
});
