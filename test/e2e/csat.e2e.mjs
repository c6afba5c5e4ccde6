// CSAT and SLA end to end: the admin switches the survey on for the demo
// channel and adds an SLA policy, a customer writes from the simulator (the
// thread header says when the first response is due), the agent takes the
// conversation, answers and resolves it (both targets met, on the SLA tab); the rating question arrives on the customer's phone
// as a flex bubble whose buttons are tapped like LINE's (a postback), the
// customer adds a comment. The score shows in the thread, on the CSAT tab (with
// the comment) and on the Agents tab. The survey switch is put back afterwards:
// other walks share this instance.
import assert from "node:assert/strict";
import { join } from "node:path";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";
import { assertFits } from "./layout.mjs";

const ADMIN = "Aiko (admin)";

async function surveyOnResolve(page, base, on) {
  await page.goto(`${base}/settings/csat`);
  const box = page.locator('#csat-form input[name="onResolve"]');
  if ((await box.isChecked()) === on) return;
  await box.setChecked(on);
  await page.fill('#csat-form input[name="minDaysBetween"]', "0");
  await page.click('#csat-form button[type="submit"]');
  await page.locator("#csat-form .csat-saved").waitFor();
}

const POLICY = "Browser walk policy";

async function addPolicy(page, base) {
  await page.goto(`${base}/settings/sla`);
  await page.fill('#sla-form input[name="name"]', POLICY);
  await page.fill('#sla-form input[name="firstResponseMinutes"]', "30");
  await page.fill('#sla-form input[name="resolutionMinutes"]', "240");
  await page.click('#sla-form button[type="submit"]');
  await page.locator("#sla-list .sla-policy", { hasText: POLICY }).waitFor();
}

async function removePolicy(page, base) {
  await page.goto(`${base}/settings/sla`);
  const item = page.locator("#sla-list .sla-policy", { hasText: POLICY });
  while (await item.count()) {
    await item.first().locator('button[type="submit"]').click();
    await page.waitForTimeout(300);
  }
}

export default async function run({ base, screenshots }) {
  const browser = await launch();
  const agentContext = await browser.newContext({ viewport: DESKTOP, extraHTTPHeaders: { "accept-language": "en" } });
  const inbox = await agentContext.newPage();
  await signIn(inbox, base);
  try {
    await surveyOnResolve(inbox, base, true);
    await addPolicy(inbox, base);

    // A customer of our own writes from the simulator's phone.
    const customer = await (await browser.newContext({ viewport: PHONE })).newPage();
    const name = `Rater ${Date.now().toString(36)}`;
    const created = await customer.request.post(`${base}/simulator/users`, { data: { displayName: name, language: "en" } });
    const { chatId } = await created.json();
    await customer.goto(`${base}/simulator?chat=${chatId}`);
    const question = `My parcel never came ${Date.now()}`;
    await customer.fill('textarea[name="text"]', question);
    await customer.keyboard.press("Enter");

    // The agent takes it, answers and resolves.
    await inbox.goto(`${base}/inbox`);
    await inbox.waitForSelector('#live-status[data-state="online"]');
    const row = inbox.locator(".conv-item", { hasText: question });
    await row.waitFor({ timeout: 15_000 });
    await row.locator("a").first().click();
    const thread = inbox.locator("#thread-messages");
    await thread.locator(".msg", { hasText: question }).waitFor();
    await inbox.waitForSelector('#live-status[data-state="online"]');
    // The first response is due in 30 minutes: the header says so, with the due time as data for the page's clock.
    // (The SLA listener runs after the list row is written: the badge may arrive live, after the thread opened.)
    const badge = inbox.locator("#thread-sla");
    await inbox.waitForFunction(() => /^due in/.test(document.getElementById("thread-sla")?.textContent?.trim() ?? ""));
    assert.match(await badge.innerText(), /^due in (30|29)m$/);
    assert.ok(Number(await badge.getAttribute("data-sla-due")) > Date.now());
    // At phone width the header keeps the badge on screen; the list sorted by SLA shows the row first.
    const phone = await (await browser.newContext({ viewport: PHONE, storageState: await agentContext.storageState(), extraHTTPHeaders: { "accept-language": "en" } })).newPage();
    await phone.goto(`${base}/inbox?sort=sla`);
    assert.match(await phone.locator(".conv-item").first().innerText(), new RegExp(name));
    await assertFits(phone, "/inbox?sort=sla (phone)");
    await phone.screenshot({ path: join(screenshots, "inbox-sla-sort-phone.png") });
    await phone.goto(`${base}${new URL(inbox.url()).pathname}`);
    await phone.locator("#thread-sla").waitFor();
    await assertFits(phone, "thread with SLA badge (phone)");
    await phone.screenshot({ path: join(screenshots, "inbox-sla-thread-phone.png") });
    // The page's clock rewrites the words from the due time: 5 minutes left, then past due.
    const moveDue = (ms) => phone.evaluate((offset) => {
      document.getElementById("thread-sla").setAttribute("data-sla-due", String(Date.now() + offset));
      document.dispatchEvent(new Event("visibilitychange"));
    }, ms);
    await moveDue(5 * 60_000 + 20_000);
    assert.equal(await phone.locator("#thread-sla").innerText(), "due in 5m");
    assert.match(await phone.locator("#thread-sla").getAttribute("class"), /tag--sla-soon/);
    await moveDue(-1000);
    assert.equal(await phone.locator("#thread-sla").innerText(), "breached");
    assert.match(await phone.locator("#thread-sla").getAttribute("class"), /tag--sla-breached/);
    await phone.close();
    await inbox.locator("#thread-messages").click();
    await inbox.keyboard.press("a");
    await inbox.locator("#triage-bar[data-assignee]:not([data-assignee=''])").waitFor({ state: "attached", timeout: 15_000 });
    const answer = `A new one is on its way today. ${Date.now()}`;
    await inbox.fill("#composer-text", answer);
    await inbox.keyboard.press("Enter");
    await inbox.locator(".msg[data-status='sent']", { hasText: answer }).waitFor({ timeout: 15_000 });
    await inbox.locator("#thread-messages").click();
    await inbox.keyboard.press("e");
    await thread.getByText("resolved the conversation").waitFor({ timeout: 15_000 });

    // The rating question arrives as a flex bubble; the customer taps "5".
    const log = customer.locator("#chat-log");
    const bubble = log.locator(".flex-bubble", { hasText: "How would you rate our support today?" });
    await bubble.waitFor({ timeout: 20_000 });
    await bubble.getByRole("button", { name: "5 · Excellent" }).click();
    // As in LINE, the tapped button's displayText shows as the customer's message.
    await log.locator(".entry.me", { hasText: "5 · Excellent" }).waitFor({ timeout: 15_000 });
    await log.getByText("Anything you would like to add?", { exact: false }).waitFor({ timeout: 20_000 });
    const comment = `Quick and kind ${Date.now()}`;
    await customer.fill('textarea[name="text"]', comment);
    await customer.keyboard.press("Enter");
    await log.getByText("Thank you for your feedback!").waitFor({ timeout: 20_000 });

    // The score shows in the thread, live.
    await thread.getByText("The customer rated 5 of 5 (CSAT)").waitFor({ timeout: 15_000 });
    await thread.getByText(`CSAT comment: ${comment}`).waitFor({ timeout: 15_000 });

    // The CSAT tab counts it and lists the comment; the Agents tab shows the agent's CSAT.
    const csatNumbers = async () => {
      await inbox.goto(`${base}/reports/csat?preset=today`);
      return inbox.locator("#rsec-summary ~ .rsec__body tbody tr").first().innerText();
    };
    let summary = await csatNumbers();
    for (let i = 0; i < 20 && !/^\s*1\s/.test(summary); i++) {
      // The rollup is written by a listener after the answer: give it a moment.
      await inbox.waitForTimeout(500);
      summary = await csatNumbers();
    }
    assert.match(summary, /^\s*1\s+5(\.0)?\s+100\s*%/, `CSAT summary: ${summary}`);
    assert.ok(await inbox.locator("#rsec-comments ~ .rsec__body td", { hasText: comment }).count(), "the comment is listed");
    const dist = await inbox.locator("#rsec-distribution ~ .rsec__body tbody tr").first().innerText();
    assert.match(dist, /^5\s+1\s+100/, `distribution: ${dist}`);

    await inbox.goto(`${base}/reports/agents?preset=today`);
    const headers = await inbox.locator("#rsec-leaderboard ~ .rsec__body thead th").allInnerTexts();
    const cells = await inbox.locator("#rsec-leaderboard ~ .rsec__body tbody tr", { hasText: ADMIN }).locator("td").allInnerTexts();
    assert.equal(cells[headers.indexOf("CSAT ratings")]?.trim(), "1", `Agents row: ${cells.join(" | ")}`);
    assert.match(cells[headers.indexOf("Average score")] ?? "", /^5(\.0)?$/);

    // Both SLA targets were met (first response by the answer, resolution by resolving).
    await inbox.goto(`${base}/reports/sla?preset=today`);
    const all = await inbox.locator("#rsec-targets ~ .rsec__body tbody tr", { hasText: "All targets" }).innerText();
    assert.match(all, /All targets\s+2\s+0\s+100\s*%/, `SLA: ${all}`);
  } finally {
    await surveyOnResolve(inbox, base, false).catch(() => {});
    await removePolicy(inbox, base).catch(() => {});
    await browser.close();
  }
}
