// An admin assigns a customer's conversation to a new agent, who is working from
// a phone in Japanese: the agent's bell counts it at once (live, no reload) and
// its list says who assigned which conversation, in Japanese; the item opens the
// conversation. The bell's menu fits the phone's width.
import assert from "node:assert/strict";
import { join } from "node:path";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";
import { assertFits } from "./layout.mjs";

const PASSWORD = "correct horse battery staple 42";

export default async function run({ base, screenshots }) {
  const browser = await launch();
  try {
    const adminContext = await browser.newContext({ viewport: DESKTOP, extraHTTPHeaders: { "accept-language": "en" } });
    const admin = await adminContext.newPage();
    await signIn(admin, base);
    const csrf = await admin.getAttribute('meta[name="csrf-token"]', "content");
    const agentName = `Kenji Sato ${Date.now().toString(36)}`;
    const invited = await admin.request.post(`${base}/settings/team/invites`, { form: { _csrf: csrf, name: agentName, email: `kenji-${Date.now()}@linedesk.test`, role: "agent" }, headers: { origin: base } });
    const link = /\/invite\/[A-Za-z0-9_-]+/.exec(await invited.text())?.[0];
    assert.ok(link, "the invite answered with a link");

    // The new agent joins from a phone in Japanese and keeps the inbox open.
    const phone = await (await browser.newContext({ viewport: PHONE, extraHTTPHeaders: { "accept-language": "ja" } })).newPage();
    await phone.goto(base + link);
    await phone.fill('input[name="password"]', PASSWORD);
    await phone.fill('input[name="confirm"]', PASSWORD);
    await Promise.all([phone.waitForURL(/\/inbox/), phone.locator('form[action^="/invite/"] button[type="submit"]').click()]);
    await phone.waitForSelector('#live-status[data-state="online"]');
    assert.equal(await phone.locator("#notification-count").isVisible(), false, "nothing unread yet");

    // A customer writes; the admin gives the conversation to the new agent.
    const customerName = `Haruka ${Date.now().toString(36)}`;
    const { chatId } = await (await admin.request.post(`${base}/simulator/users`, { data: { displayName: customerName, language: "ja" } })).json();
    await admin.request.post(`${base}/simulator/chats/${chatId}/send`, { data: { kind: "text", text: "注文した靴のサイズを交換できますか？" } });
    await admin.goto(`${base}/inbox`);
    const row = admin.locator(".conv-item", { hasText: customerName });
    await row.waitFor({ timeout: 15_000 });
    await row.locator("a.conv-link").click();
    await admin.locator("#thread-messages", { hasText: "注文した靴" }).waitFor();
    const select = admin.locator('#triage-bar select[name="assignee"]');
    const agentId = await select.evaluate((el, name) => Array.from(el.options).find((o) => o.textContent.includes(name))?.value, agentName);
    assert.ok(agentId, "the new agent is in the assignee list");
    await select.selectOption(agentId);
    await admin.locator("#triage-bar", { hasText: agentName }).waitFor();

    // The agent's bell counts it live and says who assigned what, in Japanese.
    await phone.locator("#notification-count:not([hidden])", { hasText: "1" }).waitFor({ timeout: 15_000 });
    await phone.locator(".nf-bell__button").click();
    const item = phone.locator(".nf-item", { hasText: customerName });
    await item.waitFor();
    assert.match(await item.innerText(), /さんが.*との会話をあなたに割り当てました/s);
    assert.match(await item.innerText(), /Aiko/);
    await assertFits(phone, "notification bell with an assignment (phone, ja)");
    await phone.screenshot({ path: join(screenshots, "notifications-assigned-phone-ja.png") });
    await Promise.all([phone.waitForURL(/\/inbox\/c\/[0-9a-f]{64}/), item.locator("a").first().click()]);
    await phone.locator("#thread-messages", { hasText: "注文した靴" }).waitFor();
  } finally {
    await browser.close();
  }
}
