// Workflows in the browser: an admin makes a team (with themself, online),
// creates the routing survey from its template, points it at a unique phrase and
// the team in the step editor, publishes; a simulator customer writes the phrase,
// taps a quick reply and the conversation lands on the team's online agent.
// Then the admin publishes the Escalate template and presses it in the inbox.
// Screenshots of the editor and a running workflow at laptop and phone width.
import assert from "node:assert/strict";
import { join } from "node:path";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";

async function editStep(page, stepId, json) {
  const step = page.locator(`#step-${stepId}`).first();
  // Open the edit form (after a 422 it is open already, with what was typed).
  await step.locator(":scope > .wf-step__card > details.wf-step__edit").evaluate((d) => { d.open = true; });
  await step.locator(":scope > .wf-step__card textarea[name='json']").fill(JSON.stringify(json));
  await step.locator(":scope > .wf-step__card form.wf-form button[type=submit]").click();
  await page.waitForLoadState("networkidle").catch(() => {});
}

export default async function run({ base, screenshots }) {
  const browser = await launch();
  const stamp = Date.now().toString(36);
  try {
    const adminContext = await browser.newContext({ viewport: DESKTOP });
    const admin = await adminContext.newPage();
    await signIn(admin, base);

    // A team with the admin in it, and the admin online.
    await admin.goto(`${base}/settings/teams`);
    await admin.locator('form input[name="name"]').first().fill(`Routing ${stamp}`);
    await admin.locator('form input[name="name"]').first().press("Enter");
    const card = admin.locator(".team-card", { hasText: `Routing ${stamp}` });
    await card.waitFor({ timeout: 10_000 });
    const action = await card.locator("form[action$='/members']").getAttribute("action");
    const teamId = action.split("/")[3];
    await card.locator('select[name="userId"]').selectOption({ index: 1 });
    await card.locator("form[action$='/members'] button[type=submit]").click();
    await admin.waitForLoadState("networkidle").catch(() => {});
    const csrf = await admin.locator('input[name="_csrf"]').first().getAttribute("value");
    const online = await admin.request.post(`${base}/settings/availability`, { form: { availability: "online", _csrf: csrf }, headers: { origin: base }, maxRedirects: 0 });
    assert.ok(online.status() < 400, `availability: ${online.status()}`);

    // The routing survey from its template, started by a unique phrase, routing English to the team.
    await admin.goto(`${base}/settings/workflows`);
    await admin.selectOption("#wf-template", "routing");
    await Promise.all([admin.waitForURL(/\/settings\/workflows\/wf_/), admin.locator(".wf-new button[type=submit]").click()]);
    const editorUrl = admin.url();
    await admin.locator("#wf-trigger-title + details > summary").click();
    await admin.fill("#wf-trigger-json", JSON.stringify({ type: "message.received", channelIds: [], conditions: [{ subject: "message.text", op: "equals", value: `route ${stamp}` }] }));
    await admin.locator("#wf-trigger-title + details form button[type=submit]").click();
    await admin.locator("#wf-trigger-title", { hasText: "When a message arrives" }).waitFor({ timeout: 10_000 });
    // A broken step is refused and explained; then the real one.
    await editStep(admin, "to-a", { id: "to-a", type: "assign", next: "thanks" });
    await admin.locator("#step-to-a .form-error").first().waitFor({ timeout: 10_000 });
    await editStep(admin, "to-a", { id: "to-a", type: "assign", to: { kind: "team", teamId, usePolicy: true, rule: "round_robin" }, next: "thanks" });
    await admin.locator("#step-to-a .wf-step__summary", { hasText: teamId }).first().waitFor({ timeout: 10_000 });
    await admin.locator("#step-language .wf-step__preview > summary").first().click();
    await admin.screenshot({ path: join(screenshots, "workflows-editor-desktop.png"), fullPage: true });
    await admin.locator("form[action$='/publish'] button").click();
    await admin.locator(".wf-notice", { hasText: "Version 1 is published" }).waitFor({ timeout: 10_000 });
    const phoneAdmin = await (await browser.newContext({ viewport: PHONE, storageState: await adminContext.storageState() })).newPage();
    await phoneAdmin.goto(editorUrl);
    await phoneAdmin.screenshot({ path: join(screenshots, "workflows-editor-phone.png"), fullPage: false });

    // A customer of its own writes the phrase and answers the survey with a quick reply.
    const created = await fetch(`${base}/simulator/users`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify({ displayName: `Routed ${stamp}`, language: "en" }) });
    const { chatId } = await created.json();
    const customer = await (await browser.newContext({ viewport: PHONE })).newPage();
    await customer.goto(`${base}/simulator?chat=${encodeURIComponent(chatId)}`);
    await customer.fill('textarea[name="text"]', `route ${stamp}`);
    await customer.keyboard.press("Enter");
    await customer.locator(".entry.them", { hasText: "Which language would you like to chat in?" }).waitFor({ timeout: 20_000 });
    await customer.locator("#quick-replies .qr-chip", { hasText: "English" }).click();
    await customer.locator(".entry.them", { hasText: "An agent will be with you shortly" }).waitFor({ timeout: 20_000 });
    await customer.screenshot({ path: join(screenshots, "workflows-simulator-phone.png") });

    // The inbox: the conversation is in the team, assigned to its online agent (the admin).
    await admin.goto(`${base}/inbox`);
    await admin.locator(".conv-item", { hasText: `Routed ${stamp}` }).locator("a.conv-link").first().click();
    await admin.locator("#thread-messages", { hasText: `Routing ${stamp}` }).waitFor({ timeout: 15_000 });
    assert.match(await admin.locator("#thread-messages").textContent(), /Workflow · Routing survey/);

    // Escalate: published from its template, pressed from the conversation toolbar.
    await admin.goto(`${base}/settings/workflows`);
    await admin.selectOption("#wf-template", "escalate");
    await Promise.all([admin.waitForURL(/\/settings\/workflows\/wf_/), admin.locator(".wf-new button[type=submit]").click()]);
    await admin.locator("form[action$='/publish'] button").click();
    await admin.locator(".wf-notice").waitFor({ timeout: 10_000 });
    await admin.goto(`${base}/inbox`);
    await admin.locator(".conv-item", { hasText: `Routed ${stamp}` }).locator("a.conv-link").first().click();
    await admin.locator('[data-workflow-shortcut="Escalate"]').first().click();
    await admin.locator(".workflow-shortcuts__status", { hasText: "Escalate started" }).waitFor({ timeout: 15_000 });
    await admin.locator("#thread-messages", { hasText: "started the workflow “Escalate”" }).waitFor({ timeout: 15_000 });
    await admin.screenshot({ path: join(screenshots, "workflows-running-desktop.png") });
    await phoneAdmin.goto(admin.url());
    await phoneAdmin.screenshot({ path: join(screenshots, "workflows-running-phone.png") });
    await phoneAdmin.goto(`${editorUrl}/runs`);
    await phoneAdmin.screenshot({ path: join(screenshots, "workflows-runs-phone.png"), fullPage: true });

  } finally {
    await browser.close();
  }
}
