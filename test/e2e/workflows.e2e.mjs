// Workflows in the browser: an admin makes a team (with themself, online),
// creates the routing survey from its template, points it at a unique phrase
// (the trigger's form) and the team (the assign step's form, picked by name,
// after a refused bad step id), publishes; a simulator customer writes the
// phrase, taps a quick reply and the conversation lands on the team's online
// agent. Then the admin publishes the Escalate template and runs it from the
// conversation toolbar and from the composer's "/" command list.
// Screenshots of the editor (a step form open) and a running workflow at laptop
// and phone width; the open forms fit a phone.
import assert from "node:assert/strict";
import { join } from "node:path";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";
import { assertFits } from "./layout.mjs";

/** The open edit form of a step (after a 422 it is open already, with what was typed). */
async function stepForm(page, stepId) {
  const step = page.locator(`#step-${stepId}`).first();
  await step.locator(":scope > .wf-step__card > details.wf-step__edit").evaluate((d) => { d.open = true; });
  return step.locator(":scope > .wf-step__card form.wf-sf");
}

async function save(page, form) {
  await form.locator(".wf-sf__actions button[type=submit]").click();
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
    const trigger = admin.locator("form.wf-trigger-form");
    await trigger.locator('select[name="type"]').selectOption("message.received");
    await trigger.locator('select[name="c0_what"]').selectOption("message.text:equals");
    await trigger.locator('input[name="c0_value"]').fill(`route ${stamp}`);
    await save(admin, trigger);
    await admin.locator("#wf-trigger-title", { hasText: "When a message arrives" }).waitFor({ timeout: 10_000 });
    // A bad step id is refused next to its field, keeping what was typed; then the team, picked by name.
    let form = await stepForm(admin, "to-a");
    await form.locator('select[name="assignTo"]').selectOption("team");
    await form.locator('select[name="teamId"]').selectOption({ label: `Routing ${stamp}` });
    await form.locator('select[name="teamRule"]').selectOption("least_open");
    await form.locator('input[name="id"]').fill("To A!");
    await save(admin, form);
    await admin.locator("#s-to-a-id-error", { hasText: "Use 1–40 lowercase letters" }).waitFor({ timeout: 10_000 });
    form = await stepForm(admin, "to-a");
    assert.equal(await form.locator('input[name="id"]').inputValue(), "To A!");
    assert.equal(await form.locator('select[name="teamId"]').inputValue(), teamId);
    await form.locator('input[name="id"]').fill("to-a");
    await save(admin, form);
    await admin.locator("#s-to-a-id-error").waitFor({ state: "detached", timeout: 10_000 });
    await admin.locator("#step-to-a .wf-step__summary", { hasText: `Routing ${stamp} · Fewest open conversations` }).first().waitFor({ timeout: 10_000 });
    // The question's form previews what it would send while the admin types.
    form = await stepForm(admin, "language");
    await form.locator('input[name="o3_label"]').fill("Bahasa");
    await form.locator(".wf-sf__preview", { hasText: "Bahasa" }).waitFor({ timeout: 10_000 });
    await admin.evaluate(() => window.scrollTo(0, 0));
    await admin.screenshot({ path: join(screenshots, "workflows-editor-desktop.png"), fullPage: true });
    await admin.locator("form[action$='/publish'] button").click();
    await admin.locator(".wf-notice", { hasText: "Version 1 is published" }).waitFor({ timeout: 10_000 });
    const phoneAdmin = await (await browser.newContext({ viewport: PHONE, storageState: await adminContext.storageState() })).newPage();
    await phoneAdmin.goto(editorUrl);
    for (const stepId of ["language", "route", "to-a"]) await stepForm(phoneAdmin, stepId);
    await phoneAdmin.locator("#wf-trigger-title + details > summary").click();
    await assertFits(phoneAdmin, "workflow editor with its forms open (390 px)");
    await (await stepForm(phoneAdmin, "language")).evaluate((el) => { el.scrollIntoView({ block: "start" }); window.scrollBy(0, -120); });
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
    // htmx must have bound the button (else it is a plain form post that reloads the page, without the status line).
    await admin.waitForFunction(() => window.htmx && document.readyState === "complete");
    await admin.locator('[data-workflow-shortcut="Escalate"]').first().click();
    await admin.locator(".workflow-shortcuts__status", { hasText: "Escalate started" }).waitFor({ timeout: 15_000 });
    await admin.locator("#thread-messages", { hasText: "started the workflow “Escalate”" }).waitFor({ timeout: 15_000 });
    // The same shortcut from the composer's "/" command list, with the keyboard.
    await admin.locator("#composer-text").fill("/escal");
    const command = admin.locator('#composer-canned [data-workflow-command="Escalate"]');
    await command.waitFor({ timeout: 10_000 });
    for (let i = 0; i < 10 && !(await command.evaluate((o) => o.classList.contains("is-active"))); i++) await admin.keyboard.press("ArrowDown");
    await admin.keyboard.press("Enter");
    await admin.waitForFunction(() => (document.querySelector("#thread-messages")?.textContent.match(/started the workflow “Escalate”/g) || []).length >= 2, null, { timeout: 15_000 });
    await admin.locator(".workflow-shortcuts__status", { hasText: "Escalate started" }).waitFor({ timeout: 15_000 });
    assert.equal(await admin.locator("#composer-text").inputValue(), "", "a picked command is not sent as text");
    await admin.screenshot({ path: join(screenshots, "workflows-running-desktop.png") });
    await phoneAdmin.goto(admin.url());
    await phoneAdmin.screenshot({ path: join(screenshots, "workflows-running-phone.png") });
    await phoneAdmin.goto(`${editorUrl}/runs`);
    await phoneAdmin.screenshot({ path: join(screenshots, "workflows-runs-phone.png"), fullPage: true });

    // On the phone, a blank workflow's note step becomes a message step: same id, the message form.
    await phoneAdmin.goto(`${base}/settings/workflows`);
    await phoneAdmin.selectOption("#wf-template", "blank");
    await Promise.all([phoneAdmin.waitForURL(/\/settings\/workflows\/wf_/), phoneAdmin.locator(".wf-new button[type=submit]").click()]);
    await phoneAdmin.waitForFunction(() => window.htmx && document.readyState === "complete");
    await phoneAdmin.locator("#step-note-1 details.wf-step__edit > summary").click();
    const retype = phoneAdmin.locator("#step-note-1 form.wf-step__retype");
    await assertFits(phoneAdmin, "workflow step with its change-type form (390 px)");
    await retype.locator("select[name=type]").selectOption("send");
    await retype.locator("button[type=submit]").click();
    await phoneAdmin.locator('#step-note-1[data-step-type="send"]').waitFor({ timeout: 10_000 });
    await (await stepForm(phoneAdmin, "note-1")).locator('[name="m0_text"]').waitFor({ timeout: 10_000 });
    await assertFits(phoneAdmin, "workflow step after its type changed (390 px)");
    await phoneAdmin.locator("#step-note-1 form.wf-step__retype").evaluate((el) => { el.scrollIntoView({ block: "end" }); });
    await phoneAdmin.screenshot({ path: join(screenshots, "workflows-step-type-phone.png") });
  } finally {
    await browser.close();
  }
}
