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
  const team = await teamPage(page, base);
  const contact = await page.goto(`${base}/contacts`).then(() => page.$eval(".cd-row__name", (a) => a.getAttribute("href")).catch(() => null));
  const workflow = await page.goto(`${base}/settings/workflows`).then(() => page.$eval(".wf-list__name[href^='/settings/workflows/wf_']", (a) => a.getAttribute("href")).catch(() => null));
  return [
    "/inbox",
    ...(firstConversation ? [firstConversation] : []),
    ...new Set(settings),
    ...(channel ? [channel] : []),
    team,
    ...(workflow ? [workflow, `${workflow}/runs`] : []),
    "/settings/workflows/secrets",
    "/settings/channels/new",
    "/settings/webhooks/new",
    "/settings/automation/keywords/new",
    "/contacts",
    ...(contact ? [contact] : []),
    "/contacts/suggestions",
    "/contacts/import",
    "/contacts/account-linking",
    "/simulator",
    "/simulator/console",
    ...["conversations", "responses", "resolutions", "messages", "contacts", "agents", "csat", "sla", "logs"].map((tab) => `/reports/${tab}`),
    "/inbox?sort=sla",
    "/this-page-does-not-exist",
  ];
}

/** One team's page (Settings → Teams → a team, with its Assignment section); a team is made when there is none. */
async function teamPage(page, base) {
  await page.goto(`${base}/settings/teams`);
  const link = () => page.$eval("a.team-card__link", (a) => a.getAttribute("href"));
  const existing = await link().catch(() => null);
  if (existing) return existing;
  await page.fill("#team-create-name", "Support");
  await page.click("#team-create button[type=submit]");
  await page.waitForSelector("a.team-card__link");
  // With a member (the admin), the Available now list has someone to show.
  const add = await page.$(".team-card__select");
  if (add) {
    await add.selectOption({ index: 1 });
    await page.click(".team-card__add button[type=submit]");
    await page.waitForSelector(".team-card .chip");
  }
  return link();
}

/** Screenshot file name for a page ("/settings/teams/team_…" → "page-settings-team"). */
function shotName(path) {
  return /^\/settings\/teams\/team_/.test(path) ? "page-settings-team" : `page${path.replace(/\//g, "-")}`;
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
          if (SHOTS.has(path) || shotName(path) === "page-settings-team") await page.screenshot({ path: join(screenshots, `${shotName(path)}-${label}-${lang}.png`), fullPage: shotName(path) === "page-settings-team" });
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
