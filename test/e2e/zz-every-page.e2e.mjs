// Every page, every width, three languages: at 390 px (a phone) and 1280 px (a laptop),
// in English, Japanese and Thai, nothing visible may leave the viewport (boxes measured,
// not only the document width). Runs last (zz-) so the other walks have made data:
// conversations, channels, tokens, webhooks. Screenshots of a few pages per language.
import { join } from "node:path";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";
import { assertFits } from "./layout.mjs";

const LANGS = ["en", "ja", "th"];
const SHOTS = new Set(["/inbox", "/settings/profile", "/settings/channels", "/settings/csat", "/settings/sla"]);

/** Every page a signed-in admin can open, found from the inbox and the settings navigation. */
async function pagesToVisit(page, base) {
  await page.goto(`${base}/settings`);
  const settings = await page.$$eval(".settings-nav a[href^='/settings']", (links) => links.map((a) => a.getAttribute("href")));
  await page.goto(`${base}/inbox`);
  const firstConversation = await page.$eval(".conv-item a.conv-link", (a) => a.getAttribute("href")).catch(() => null);
  const channel = await page.goto(`${base}/settings/channels`).then(() => page.$eval(".channel-row a[href^='/settings/channels/ch_']", (a) => a.getAttribute("href")).catch(() => null));
  return [
    "/inbox",
    ...(firstConversation ? [firstConversation] : []),
    ...new Set(settings),
    ...(channel ? [channel] : []),
    "/settings/channels/new",
    "/settings/webhooks/new",
    "/settings/automation/keywords/new",
    "/simulator",
    "/simulator/console",
    "/this-page-does-not-exist",
  ];
}

export default async function run({ base, screenshots }) {
  const browser = await launch();
  try {
    const admin = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await signIn(admin, base);
    const pages = await pagesToVisit(admin, base);
    const state = await admin.context().storageState();
    for (const lang of LANGS) {
      for (const [label, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
        const context = await browser.newContext({ viewport, locale: lang, extraHTTPHeaders: { "accept-language": lang }, storageState: state });
        const page = await context.newPage();
        for (const path of pages) {
          await page.goto(`${base}${path}`);
          await page.waitForLoadState("networkidle").catch(() => {});
          await assertFits(page, `${path} (${label}, ${lang})`);
          if (SHOTS.has(path)) await page.screenshot({ path: join(screenshots, `page${path.replace(/\//g, "-")}-${label}-${lang}.png`), fullPage: false });
        }
        // Signed out: the login page.
        const anonymous = await (await browser.newContext({ viewport, locale: lang, extraHTTPHeaders: { "accept-language": lang } })).newPage();
        await anonymous.goto(`${base}/login`);
        await assertFits(anonymous, `/login (${label}, ${lang})`);
        await anonymous.context().close();
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}
