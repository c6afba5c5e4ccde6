// The inbox in every hand: at 390x844 and 1280x800, in English, Japanese and
// Thai, an agent walks list → thread → reply → contact sheet → triage (resolve)
// → back → filters → bulk select and apply → search (a resolved conversation
// found from All, opened at the message) → account menu (Settings, Log out).
// After every state nothing may leave the viewport (assertFits measures every
// visible element). Also the defects a browser alone can show: the Filters
// popover never covers the bulk bar and closes with Esc, the view tabs stay in
// one row, the search placeholder is not clipped, the toolbar stays one row with
// the contact panel open, the header follows a snooze that ended, and a long
// agent name never breaks the top bar.
import assert from "node:assert/strict";
import { join } from "node:path";
import { DESKTOP, holdRequests, launch, PHONE } from "./browser.mjs";
import { assertFits } from "./layout.mjs";

const LANGUAGES = [
  { lang: "en", header: "en-US,en;q=0.9" },
  { lang: "ja", header: "ja-JP,ja;q=0.9,en;q=0.5" },
  { lang: "th", header: "th-TH,th;q=0.9,en;q=0.5" },
];
const DEVICES = [
  { device: "phone", viewport: PHONE },
  { device: "desktop", viewport: DESKTOP },
];

async function agentPage(browser, base, { lang, header }, viewport) {
  const context = await browser.newContext({ viewport, locale: lang, extraHTTPHeaders: { "accept-language": header } });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[name="email"]', "admin@linedesk.test");
  await page.fill('input[name="password"]', "linedesk-demo");
  await Promise.all([page.waitForURL(`${base}/inbox`), page.click('button[type="submit"]')]);
  assert.equal(await page.getAttribute("html", "lang"), lang);
  return page;
}

/** A customer writes from the simulator; returns the chat's name. */
async function customerWrites(customer, base, index, text) {
  await customer.goto(`${base}/simulator`);
  const href = await customer.locator(".chat-item").nth(index).getAttribute("href");
  await customer.goto(base + href);
  const name = (await customer.locator(".chat-item.is-active strong").textContent()).trim();
  await customer.fill('textarea[name="text"]', text);
  await customer.keyboard.press("Enter");
  await customer.locator("body", { hasText: text }).first().waitFor();
  return name;
}

/** Nothing overflows; screenshots for the key states. */
async function state(page, label, shot, screenshots) {
  await assertFits(page, label);
  if (shot) await page.screenshot({ path: join(screenshots, `inbox-${shot}.png`) });
}

/** Issue 8 #12: the view tabs stay in one row and the search placeholder fits its box. */
async function checkToolbar(page, label) {
  const tops = await page.$$eval(".view-tab", (tabs) => [...new Set(tabs.map((t) => Math.round(t.getBoundingClientRect().top)))]);
  assert.equal(tops.length, 1, `${label}: the view tabs are one row`);
  const fits = await page.$eval("#inbox-search", (input) => {
    const style = getComputedStyle(input);
    const ctx = document.createElement("canvas").getContext("2d");
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return ctx.measureText(input.placeholder).width <= room;
  });
  assert.ok(fits, `${label}: the search placeholder is not clipped`);
}

/** The element at the centre of `selector` is that element (nothing covers it). */
async function uncovered(page, selector) {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return top === el || el.contains(top);
  });
}

async function walk(browser, base, customer, screenshots, language, { device, viewport }, index) {
  const { lang } = language;
  const tag = `${device}-${lang}`;
  const phone = device === "phone";
  const page = await agentPage(browser, base, language, viewport);
  await page.waitForSelector('#live-status[data-state="online"]');
  const token = `Q${lang}${device}${Date.now().toString(36)}`;
  const question = `Where is parcel ${token}?`;
  // Two more customers write, so there is something to select in bulk after this one is resolved.
  for (const other of [1, 2]) await customerWrites(customer, base, (index + other) % 4, `Another question ${token}-${other}`);
  const name = await customerWrites(customer, base, index, question);

  // List.
  const row = page.locator(".conv-item", { hasText: question });
  await row.waitFor({ timeout: 15_000 });
  await checkToolbar(page, `${tag} list`);
  await state(page, `${tag} list`, `list-${tag}`, screenshots);

  // Thread: full screen on a phone, with a way back.
  await row.locator("a.conv-link").click();
  await page.locator("#thread-messages", { hasText: question }).waitFor();
  if (phone) assert.ok(!(await page.locator(".list-pane").isVisible()), `${tag}: the thread takes the screen`);
  await state(page, `${tag} thread`, `thread-${tag}`, screenshots);

  // Reply and send.
  const answer = `On its way ${token}`;
  await page.fill("#composer-text", answer);
  await page.locator("#composer-send").click();
  await page.locator(".msg[data-status='sent']", { hasText: answer }).waitFor({ timeout: 15_000 });
  await state(page, `${tag} replied`);

  // Contact panel: a full-screen sheet on phones, beside the thread on a laptop.
  await page.locator("[data-open-panel]").click();
  await page.locator("#contact-pane .contact-panel").waitFor();
  await state(page, `${tag} contact`);
  if (!phone) {
    const rowHeight = await page.$eval(".triage-bar__row", (el) => el.getBoundingClientRect().height);
    assert.ok(rowHeight < 48, `${tag}: the toolbar stays one row with the contact panel open (${rowHeight}px)`);
    if (lang === "en") await page.screenshot({ path: join(screenshots, `inbox-contact-${tag}.png`) });
  }
  await page.locator("#contact-pane [data-close-panel]").first().click();
  await page.locator("#contact-pane .contact-panel").waitFor({ state: "detached" });

  // Triage: a bottom sheet on phones (opened from the header), the bar on a laptop.
  if (phone) {
    await page.locator("[data-triage-open]").click();
    await page.locator("#triage-bar:popover-open").waitFor();
  }
  await state(page, `${tag} triage`, `triage-${tag}`, screenshots);
  await page.locator('#triage-bar button[name="status"][value="resolved"]').click();
  await page.locator('#thread-status[data-status="resolved"]').waitFor();
  await page.locator('#triage-bar[data-status="resolved"]').waitFor({ state: "attached" });
  await state(page, `${tag} resolved`);

  // Back to the list (phones).
  if (phone) {
    await page.locator("[data-thread-back]").click();
    await page.locator(".list-pane").waitFor();
    await state(page, `${tag} back`);
  }

  // Filters: open, fits, Esc closes.
  await page.locator(".list-filters > summary").click();
  await page.locator(".list-filters__body select[name='team']").waitFor();
  await state(page, `${tag} filters`);
  await page.keyboard.press("Escape");
  assert.equal(await page.$eval(".list-filters", (d) => d.open), false, `${tag}: Esc closes the Filters popover`);

  // Bulk: select two rows, assign them to me, apply. Filters opened meanwhile never cover the bar.
  await page.locator(".list-filters > summary").click();
  await page.locator("[data-select-mode]").click();
  const rows = page.locator("#conversation-list .conv-item");
  await rows.nth(0).locator("a.conv-link").click();
  await rows.nth(1).locator("a.conv-link").click();
  assert.equal(await page.locator("input[form='bulk-form']:checked").count(), 2, `${tag}: two rows selected`);
  assert.equal(await page.$eval(".list-filters", (d) => d.open), false, `${tag}: selecting closes the Filters popover`);
  assert.ok(await uncovered(page, '#bulk-form button[value="apply"]'), `${tag}: nothing covers the bulk Apply button`);
  await state(page, `${tag} bulk`, phone && lang === "en" ? `bulk-${tag}` : null, screenshots);
  await page.selectOption('#bulk-form select[name="assignee"]', "me");
  await Promise.all([page.waitForResponse((r) => r.url().endsWith("/inbox/bulk") && r.ok()), page.locator('#bulk-form button[value="apply"]').click()]);
  const mine = (await (await page.request.get(`${base}/inbox/counts`)).json()).mine;
  await page.locator("#count-mine", { hasText: String(mine) }).waitFor();
  await page.locator("[data-bulk-cancel]").click();
  await state(page, `${tag} bulk applied`);

  // Search from All finds the resolved conversation, says so, and opens at the message.
  await page.locator('.view-tab:has(input[value="all"])').click();
  await searchWhileListIsSlow(page, token);
  const hit = page.locator(".conv-item", { hasText: name }).filter({ has: page.locator(".tag--status-resolved") });
  await hit.waitFor({ timeout: 10_000 });
  await state(page, `${tag} search`, phone && lang !== "th" ? `search-${tag}` : null, screenshots);
  // Leaving the search box for the hit must not search again (its change event): that list response would
  // replace the list and the address of the conversation just opened.
  const listRequests = [];
  const onRequest = (req) => new URL(req.url()).pathname === "/inbox/list" && listRequests.push(req.url());
  page.on("request", onRequest);
  await hit.locator("a.conv-link").click();
  await page.locator("#thread-messages .is-search-hit", { hasText: token }).waitFor();
  page.off("request", onRequest);
  assert.deepEqual(listRequests, [], `${tag}: opening a search hit searched again`);
  await state(page, `${tag} search hit`);
  if (phone) {
    await page.locator("[data-thread-back]").click();
    await page.locator(".list-pane").waitFor();
  }

  // Account menu: Settings and Log out within reach.
  if (phone) {
    await page.locator(".agent-menu__toggle").click();
    await page.locator("#account-menu:popover-open").waitFor();
  }
  assert.ok(await page.locator('#account-menu a[href="/settings"]').isVisible(), `${tag}: Settings is reachable`);
  assert.ok(await page.locator("#account-menu .agent-menu__logout button").isVisible(), `${tag}: Log out is reachable`);
  assert.ok(await page.locator(".nf-bell > summary").isVisible(), `${tag}: the bell is reachable`);
  await state(page, `${tag} account`, phone && lang === "en" ? `account-${tag}` : null, screenshots);
  if (phone) await page.keyboard.press("Escape");
  await page.context().close();
}

/** Issue 8 #3: the header follows a change the agent did not make (a customer who reopens a snoozed chat). */
async function headerFollowsSnooze(browser, base, customer) {
  const page = await agentPage(browser, base, LANGUAGES[0], DESKTOP);
  const text = `Snooze check ${Date.now().toString(36)}`;
  await customerWrites(customer, base, 0, text);
  await page.locator(".conv-item", { hasText: text }).locator("a.conv-link").click();
  await page.locator("#thread-messages", { hasText: text }).waitFor();
  await page.locator(".triage-menu > summary").click();
  await page.locator('.triage-menu__presets button[value="1h"]').click();
  await page.locator('#thread-status[data-status="snoozed"]').waitFor();
  await page.locator("#thread-messages").click();
  await customerWrites(customer, base, 0, `${text} again`);
  await page.locator('#triage-bar[data-status="open"]').waitFor({ timeout: 15_000 });
  await page.locator('#thread-status[data-status="open"]').waitFor();
  assert.doesNotMatch(await page.locator(".triage-menu > summary").textContent(), /Until/);
  // Resolving with the keyboard updates the header too.
  await page.keyboard.press("e");
  await page.locator('#thread-status[data-status="resolved"]').waitFor();
  await page.context().close();
}

/** Issue 8 #9: an agent with a very long name — ellipsis at laptop width, the account menu on a phone. */
async function longName(browser, base, screenshots) {
  const admin = await agentPage(browser, base, LANGUAGES[0], DESKTOP);
  const csrf = await admin.getAttribute('meta[name="csrf-token"]', "content");
  const email = `night-${Date.now()}@linedesk.test`;
  const fullName = "Wiriyaporn Chaiyaprasithikul-Srisawat (night shift, Bangkok)";
  const invited = await admin.request.post(`${base}/settings/team/invites`, { form: { _csrf: csrf, name: fullName, email, role: "agent" }, headers: { origin: base } });
  const link = /\/invite\/[A-Za-z0-9_-]+/.exec(await invited.text())?.[0];
  assert.ok(link, "the invite answered with a link");
  await admin.context().close();
  for (const { device, viewport } of DEVICES) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(base + link);
    if (device === "phone") {
      await page.fill('input[name="password"]', "correct horse battery staple 42");
      await page.fill('input[name="confirm"]', "correct horse battery staple 42");
      await Promise.all([page.waitForURL(/\/inbox/), page.locator('form[action^="/invite/"] button[type="submit"]').click()]);
    } else {
      await page.goto(`${base}/login`);
      await page.fill('input[name="email"]', email);
      await page.fill('input[name="password"]', "correct horse battery staple 42");
      await Promise.all([page.waitForURL(`${base}/inbox`), page.click('button[type="submit"]')]);
    }
    const height = await page.$eval(".topbar", (el) => el.getBoundingClientRect().height);
    assert.ok(height <= 57, `${device}: the top bar keeps its height with a long name (${height}px)`);
    if (device === "desktop") assert.ok(await page.$eval(".agent-menu__name", (el) => el.scrollWidth > el.clientWidth), "the long name is cut with an ellipsis");
    else await page.locator(".agent-menu__toggle").click();
    await state(page, `${device} long name`, `long-name-${device}-en`, screenshots);
    await context.close();
  }
}

export default async function run({ base, screenshots }) {
  const browser = await launch();
  try {
    const customer = await (await browser.newContext({ viewport: PHONE })).newPage();
    let index = 0;
    for (const device of DEVICES) {
      for (const language of LANGUAGES) await walk(browser, base, customer, screenshots, language, device, index++ % 4);
    }
    await headerFollowsSnooze(browser, base, customer);
    await longName(browser, base, screenshots);
  } finally {
    await browser.close();
  }
}

/**
 * Types a search the way a quick agent does on a slow connection: two earlier queries are
 * still on their way (held here) when the last one is typed. The list must end on the last.
 */
async function searchWhileListIsSlow(page, query) {
  await page.evaluate(() => {
    window.listSearches = [];
    document.getElementById("list-filter").addEventListener("htmx:config:request", (e) => window.listSearches.push(e.detail.ctx.request.body.get("q") ?? ""));
  });
  const slow = await holdRequests(page, (url) => url.pathname === "/inbox/list");
  for (const typed of ["zzq", "zzqx", query]) {
    await page.fill("#inbox-search", typed);
    await page.waitForFunction((q) => window.listSearches.includes(q), typed, { timeout: 10_000 });
  }
  slow.release();
  await slow.stop();
}
