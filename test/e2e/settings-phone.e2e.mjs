// Settings at 390x844 and 1280x800, in English, Japanese and Thai: every settings
// page (team, teams, canned replies, tags and a tag, channels, a channel, the add
// form, API, webhooks, the webhook form and one webhook) must fit the viewport —
// assertFits measures every visible element — with long names, URLs and tokens
// inside their boxes, open menus included, and the phone's section tabs scrolled
// so the current one shows. Also the one tag concept end to end: customers whose
// contact carries VIP are what the VIP filter returns. Saves
// docs/screenshots/settings-<page>-<phone|desktop>-<lang>.png for key pages.
import assert from "node:assert/strict";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";
import { assertFits } from "./layout.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const LANGS = ["en", "ja", "th"];
/** Pages whose screenshots go into docs/screenshots (and the README). */
const SHOWN = new Set(["tags", "channel", "api"]);

/** The instance runs on .dev.vars: the demo channel's id, secret and token. */
function devVars() {
  return Object.fromEntries(
    readFileSync(join(root, ".dev.vars"), "utf8")
      .split("\n")
      .map((line) => /^\s*([A-Z0-9_]+)\s*=\s*"?(.*?)"?\s*$/.exec(line))
      .filter(Boolean)
      .map((m) => [m[1], m[2]]),
  );
}

/** A customer writes to the demo channel: a signed webhook, as LINE sends it. */
async function customerWrites(base, vars, destination, userId, text) {
  const body = JSON.stringify({
    destination,
    events: [
      {
        type: "message",
        mode: "active",
        timestamp: Date.now(),
        webhookEventId: randomUUID().replace(/-/g, "").slice(0, 26).toUpperCase(),
        deliveryContext: { isRedelivery: false },
        source: { type: "user", userId },
        replyToken: `rt-${randomUUID()}`,
        message: { type: "text", id: String(Date.now()), text, quoteToken: `q-${randomUUID()}` },
      },
    ],
  });
  const signature = createHmac("sha256", vars.LINE_CHANNEL_SECRET).update(body).digest("base64");
  const res = await fetch(`${base}/webhooks/line/${vars.LINE_CHANNEL_ID}`, { method: "POST", headers: { "content-type": "application/json", "x-line-signature": signature }, body });
  assert.equal(res.status, 200, `webhook for ${userId}`);
}

async function until(what, fn, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export default async function run({ base, screenshots }) {
  const stamp = Date.now().toString(36).slice(-5);
  const vars = devVars();
  const browser = await launch();
  try {
    const admin = await (await browser.newContext({ viewport: DESKTOP, extraHTTPHeaders: { "accept-language": "en" } })).newPage();
    await signIn(admin, base);

    // An API token (long name) to set things up through the REST API.
    await admin.goto(`${base}/settings/api`);
    await admin.fill("#api-token-name", `Zendesk → Salesforce nightly sync ${stamp} TH JP`);
    await admin.check('input[name="scope"][value="read_write"]');
    await admin.click("#api-token-create button[type=submit]");
    const token = await admin.locator("#one-time-token").inputValue();
    const api = async (path, init = {}) => {
      const res = await fetch(`${base}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers } });
      assert.ok(res.ok, `${init.method ?? "GET"} ${path}: ${res.status} ${await res.clone().text()}`);
      return res.json();
    };

    // Three customers write in; two are VIPs on their contact, one conversation is tagged directly.
    // The webhook's destination is the bot (the simulator's fake LINE knows it).
    const info = await (await fetch(`${base}/simulator/line/v2/bot/info`, { headers: { authorization: `Bearer ${vars.LINE_CHANNEL_ACCESS_TOKEN}` } })).json();
    const users = [0, 1, 2].map(() => `U${randomBytes(16).toString("hex")}`);
    for (const [i, userId] of users.entries()) await customerWrites(base, vars, info.userId, userId, ["注文した商品はいつ届きますか？", "สินค้าส่งถึงเมื่อไหร่คะ", "Where is my refund?"][i]);
    const conversations = await until("the three conversations", async () => {
      const { data: items } = await api("/conversations?limit=100");
      const mine = users.map((u) => items.find((c) => c.source?.id === u));
      return mine.every((c) => c?.contactId) ? mine : null;
    });
    const [a, b, c] = conversations;
    await api(`/contacts/${a.contactId}`, { method: "PATCH", body: JSON.stringify({ addTags: [{ name: `VIP ${stamp}`, color: "amber" }, { name: `要フォロー ${stamp}`, color: "red" }] }) });
    await api(`/contacts/${b.contactId}`, { method: "PATCH", body: JSON.stringify({ addTags: [{ name: `VIP ${stamp}` }, { name: `ลูกค้าใหม่ ${stamp}`, color: "green" }] }) });
    const { data: contact } = await api(`/contacts/${a.contactId}`);
    const vip = contact.tags.find((t) => t.name === `VIP ${stamp}`);
    assert.ok(vip, "the VIP tag was created through the contact");
    await api(`/conversations/${c.id}/tags`, { method: "POST", body: JSON.stringify({ tagId: vip.id }) });

    // One tag concept: the VIP filter returns the two customers tagged on their contact and the conversation tagged directly.
    const filtered = await api(`/conversations?tag=${vip.id}&limit=100`);
    assert.deepEqual(filtered.data.map((i) => i.id).sort(), [a.id, b.id, c.id].sort());

    // Long names and URLs everywhere, to prove they wrap or scroll inside their boxes.
    await admin.goto(`${base}/settings/tags`);
    await admin.fill("#tag-create-name", `Wholesale-partner-BKK-${stamp}`);
    await admin.check("#tag-create-color-violet", { force: true });
    await admin.click("#tag-create button[type=submit]");
    await admin.locator(".tag-row", { hasText: `Wholesale-partner-BKK-${stamp}` }).waitFor();
    await admin.goto(`${base}/settings/teams`);
    await admin.fill("#team-create-name", `Thai-language after-hours escalations ${stamp}`);
    await admin.click("#team-create button[type=submit]");
    await admin.locator(".team-card", { hasText: stamp }).waitFor();
    await admin.goto(`${base}/settings/canned-replies`);
    await admin.fill('input[name="shortcut"]', `track${stamp}`);
    await admin.fill('textarea[name="body"]', `Hello {{contact.name}}! Track your parcel here: https://tracking.example.com/parcels/TH-2026-${stamp}-0000000000000000000000000000000000000000`);
    await admin.click("#canned-create button[type=submit]");
    await admin.locator(".canned", { hasText: `/track${stamp}` }).waitFor();
    await admin.goto(`${base}/settings/webhooks/new`);
    const hookUrl = `http://127.0.0.1:9/hooks/linedesk/crm-sync/${stamp}/${"very-long-path-segment-".repeat(4)}end`;
    await admin.fill("#webhook-url", hookUrl);
    await admin.fill("#webhook-description", `CRM sync for Bangkok and Osaka stores ${stamp}`);
    await admin.click("#webhook-form button[type=submit]");
    await admin.locator("#webhook-secret").waitFor();
    await admin.click("#webhook-form a.btn--primary");
    await admin.waitForURL(/\/settings\/webhooks\/wh_[0-9a-z]{20}$/);
    const webhookPath = new URL(admin.url()).pathname;
    // The demo channel shows its LINE account (and QR code) once refreshed from LINE.
    await admin.goto(`${base}/settings/channels`);
    const channelPath = await admin.locator(".channel-row__open").first().getAttribute("href");
    await admin.goto(`${base}${channelPath}`);
    await admin.click("#channel-account button[type=submit]");
    await admin.locator("#channel-account .account__name").waitFor({ timeout: 15_000 });
    // A second person, so the team page has a Manage menu to open.
    await admin.goto(`${base}/settings/team`);
    await admin.fill("#invite-name", `Somchai Phongsawat-Kittikachorn ${stamp}`);
    await admin.fill("#invite-email", `somchai.${stamp}@linedesk.test`);
    await admin.click("#invite-panel button[type=submit]");
    const inviteUrl = await admin.locator("#one-time-link-url").inputValue();
    const invited = await (await browser.newContext({ viewport: PHONE })).newPage();
    await invited.goto(inviteUrl);
    await invited.fill('input[name="name"]', `Somchai Phongsawat-Kittikachorn ${stamp}`);
    await invited.fill('input[name="password"]', "green tea mango sticky rice");
    await invited.fill('input[name="confirm"]', "green tea mango sticky rice");
    await Promise.all([invited.waitForURL(/\/inbox/), invited.click('button[type="submit"]')]);
    await invited.context().close();

    const pages = [
      ["team", "/settings/team"],
      ["teams", "/settings/teams"],
      ["canned", "/settings/canned-replies"],
      ["tags", "/settings/tags"],
      ["tag", `/settings/tags/${vip.id}`],
      ["channels", "/settings/channels"],
      ["channel", channelPath],
      ["channel-new", "/settings/channels/new"],
      ["api", "/settings/api"],
      ["webhooks", "/settings/webhooks"],
      ["webhook-new", "/settings/webhooks/new"],
      ["webhook", webhookPath],
    ];
    const storage = await admin.context().storageState();
    for (const lang of LANGS) {
      for (const [size, viewport] of [
        ["phone", PHONE],
        ["desktop", DESKTOP],
      ]) {
        const context = await browser.newContext({ viewport, storageState: storage, locale: lang, extraHTTPHeaders: { "accept-language": lang } });
        const page = await context.newPage();
        for (const [name, path] of pages) {
          await page.goto(`${base}${path}`);
          await page.waitForLoadState("networkidle");
          assert.equal(await page.getAttribute("html", "lang"), lang, `${name} in ${lang}`);
          const label = `${name} ${size} ${lang}`;
          await assertFits(page, label);
          if (size === "phone") {
            // The current section's tab is in view, not scrolled off to the right.
            const tab = await page.locator(".settings-nav__link.is-active").boundingBox();
            assert.ok(tab && tab.x >= 0 && tab.x + tab.width <= viewport.width + 1, `${label}: the current tab is visible (${JSON.stringify(tab)})`);
          }
          if (SHOWN.has(name)) await page.screenshot({ path: join(screenshots, `settings-${name}-${size}-${lang}.png`), fullPage: size === "desktop" });
        }
        // Menus and folded help, opened, fit too.
        await page.goto(`${base}/settings/team`);
        await page.locator(".member details.menu summary").first().click();
        await assertFits(page, `team menu ${size} ${lang}`);
        await page.goto(`${base}/settings/teams`);
        await page.locator(".team-card details.menu summary").first().click();
        await assertFits(page, `teams menu ${size} ${lang}`);
        await page.goto(`${base}${webhookPath}`);
        await page.locator(".wh-help__summary").click();
        await assertFits(page, `signing help ${size} ${lang}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}
