// /reports in a browser at 1280x800 and 390x844 (English; Japanese and Thai are
// walked by zz-every-page): customers write to the demo channel, an agent answers,
// the admin builds history from the panel (it advances by itself), then every
// tab must fit the viewport with its chart and table, the filters work without
// JavaScript, and the CSV link downloads. Saves
// docs/screenshots/reports-<tab>-<desktop|phone>.png.
import assert from "node:assert/strict";
import { createHmac, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";
import { assertFits } from "./layout.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const TABS = ["conversations", "responses", "resolutions", "messages", "contacts", "agents", "csat", "sla", "logs"];

function devVars() {
  const file = existsSync(join(root, ".dev.vars")) ? ".dev.vars" : ".dev.vars.example";
  return Object.fromEntries(
    readFileSync(join(root, file), "utf8")
      .split("\n")
      .map((line) => /^\s*([A-Z0-9_]+)\s*=\s*"?(.*?)"?\s*$/.exec(line))
      .filter(Boolean)
      .map((m) => [m[1], m[2]]),
  );
}

async function customerWrites(base, vars, userId, text) {
  const body = JSON.stringify({
    destination: `U${"0".repeat(32)}`,
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

export default async function run({ base, screenshots }) {
  const vars = devVars();
  for (const [i, text] of ["Where is my parcel?", "注文の確認をお願いします", "สวัสดีค่ะ สอบถามหน่อย"].entries()) {
    await customerWrites(base, vars, `U${String(9100 + i).padEnd(32, "e")}`, text);
  }
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: DESKTOP, extraHTTPHeaders: { "accept-language": "en" } });
    const page = await context.newPage();
    await signIn(page, base);

    // The Reports link is in the top bar; history is built from the panel and advances by itself.
    await page.goto(`${base}/inbox`);
    await page.click('a.agent-menu__reports[href="/reports"]');
    await page.waitForURL(/\/reports\/conversations/);
    const start = page.locator('form[action="/reports/backfill"] button');
    if (await start.count()) await start.click();
    await page.locator("#report-backfill").getByText(/History built from/).waitFor({ timeout: 60_000 });

    // Filters are a plain GET form: choosing Last 30 days and a channel keeps them in the tab links.
    await page.selectOption('select[name="preset"]', "last30");
    await page.click(".reports__actions button[type=submit]");
    await page.waitForURL(/preset=last30/);
    assert.match(await page.getAttribute('a.reports__tab[href^="/reports/agents"]', "href"), /preset=last30/);
    const opened = await page.locator("#rsec-volume ~ .rsec__body table tbody tr").count();
    assert.ok(opened >= 30, "a row per day");

    // CSV of the tab.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(".reports__actions a[download]")]);
    assert.match(download.suggestedFilename(), /^linedesk-conversations-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);

    for (const [label, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
      await page.setViewportSize(viewport);
      for (const tab of TABS) {
        await page.goto(`${base}/reports/${tab}?preset=last7`);
        await assertFits(page, `/reports/${tab} (${label})`);
        assert.ok(await page.locator(".rsec").count(), `${tab} has sections`);
        // CSAT and SLA at phone width: the whole page, so their charts and tables are in the picture too.
        await page.screenshot({ path: join(screenshots, `reports-${tab}-${label}.png`), fullPage: label === "desktop" || tab === "csat" || tab === "sla" });
      }
    }
    // The inbound messages above are counted.
    await page.goto(`${base}/reports/messages?preset=today`);
    const inbound = await page.locator("#rsec-volume ~ .rsec__body table tbody td:nth-child(2)").allInnerTexts();
    assert.ok(inbound.reduce((a, v) => a + Number(v.replace(/\D/g, "") || 0), 0) >= 3, "customer messages counted");
  } finally {
    await browser.close();
  }
}
