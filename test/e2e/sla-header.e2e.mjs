// The open conversation's header keeps up with changes that land while it loads.
// The thread is rendered from the index as it was when the agent clicked; a change
// whose live row arrives before the thread is in (here a colleague marks the
// conversation urgent and an "urgent: answer in 15 minutes" SLA policy starts its
// clock) must still show in the header: the due badge and the new priority.
// The server's answer is held until the change's row is in the list, so the race
// happens every run, not only on a slow machine.
import assert from "node:assert/strict";
import { DESKTOP, launch, signIn } from "./browser.mjs";

const POLICY = "Header walk: urgent";

async function policies(page, base, add) {
  await page.goto(`${base}/settings/sla`);
  const item = page.locator("#sla-list .sla-policy", { hasText: POLICY });
  while (await item.count()) {
    await item.first().locator('button[type="submit"]').click();
    await page.waitForTimeout(300);
  }
  if (!add) return;
  await page.fill('#sla-form input[name="name"]', POLICY);
  await page.selectOption('#sla-form select[name="minPriority"]', "4");
  await page.fill('#sla-form input[name="firstResponseMinutes"]', "15");
  await page.click('#sla-form button[type="submit"]');
  await item.waitFor();
}

export default async function run({ base }) {
  const browser = await launch();
  const context = await browser.newContext({ viewport: DESKTOP, extraHTTPHeaders: { "accept-language": "en" } });
  const inbox = await context.newPage();
  await signIn(inbox, base);
  try {
    await policies(inbox, base, true);
    const name = `Header ${Date.now().toString(36)}`;
    const { chatId } = await (await context.request.post(`${base}/simulator/users`, { data: { displayName: name, language: "en" } })).json();
    await context.request.post(`${base}/simulator/chats/${chatId}/send`, { data: { kind: "text", text: "Is my order shipped?" } });

    await inbox.goto(`${base}/inbox`);
    await inbox.waitForSelector('#live-status[data-state="online"]');
    const row = inbox.locator(".conv-item", { hasText: name });
    await row.waitFor({ timeout: 15_000 });
    assert.equal(await row.locator(".tag--sla").count(), 0, "no policy applies before the conversation is urgent");
    const id = await row.getAttribute("data-conversation-id");

    // The click's answer is read now (not urgent, nothing due) and handed to the page later.
    let answered;
    const read = new Promise((resolve) => (answered = resolve));
    let deliver;
    const later = new Promise((resolve) => (deliver = resolve));
    const threadUrl = (url) => url.pathname === `/inbox/c/${id}`;
    let handed;
    await inbox.route(threadUrl, async (route) => {
      const response = await route.fetch();
      answered();
      await later;
      handed = route.fulfill({ response });
      await handed;
    });
    await row.locator("a.conv-link").click();
    await read;

    // Meanwhile a colleague marks it urgent: the policy's clock starts and the row says so.
    const csrf = await inbox.locator('meta[name="csrf-token"]').getAttribute("content");
    const marked = await context.request.post(`${base}/inbox/c/${id}/triage`, { headers: { "x-csrf-token": csrf, origin: base, "hx-request": "true" }, form: { priority: "4" } });
    assert.equal(marked.status(), 200);
    await row.locator(".tag--sla").waitFor({ timeout: 15_000 });
    deliver();
    await inbox.locator("#thread-messages").waitFor({ state: "attached" });
    await handed;
    await inbox.unroute(threadUrl);

    // The thread arrives as it was read; its header catches up with the row.
    await inbox.locator("#thread-messages", { hasText: "Is my order shipped?" }).waitFor();
    await inbox.waitForFunction(() => /^due in/.test(document.getElementById("thread-sla")?.textContent?.trim() ?? ""));
    assert.match(await inbox.locator("#thread-sla").innerText(), /^due in 1[45]m$/);
    await inbox.locator('#triage-bar[data-priority="4"]').waitFor({ state: "attached" });
    assert.equal(await inbox.locator('#triage-bar select[name="priority"]').inputValue(), "4");
  } finally {
    await policies(inbox, base, false).catch(() => {});
    await browser.close();
  }
}
