// The simulator in English, Japanese and Thai at phone width (the chat, the side
// drawer and the fake LINE Developers Console fit 390 px), and the demo inbox that a
// fresh `npm start` seeds (defect 13), at laptop width. Saves the screenshots.
import assert from "node:assert/strict";
import { join } from "node:path";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";
import { assertFits } from "./layout.mjs";

const LANGUAGES = [
  { lang: "en", customer: "Office party order", expect: "Group · 3 members", drawer: "New customer" },
  { lang: "ja", customer: "田中 ゆき", expect: "田中 ゆき としてトーク中", drawer: "新しいお客様" },
  { lang: "th", customer: "Somchai P.", expect: "แชตในนาม Somchai P.", drawer: "ลูกค้าใหม่" },
];

export default async function run({ base, screenshots }) {
  const browser = await launch();
  try {
    for (const { lang, customer, expect, drawer } of LANGUAGES) {
      const context = await browser.newContext({ viewport: PHONE, locale: lang, extraHTTPHeaders: { "accept-language": lang } });
      const page = await context.newPage();
      await page.goto(`${base}/simulator`);
      // The seeded chats are listed in the drawer; open the one for this language.
      const href = await page.locator(".chat-item", { hasText: customer }).getAttribute("href");
      await page.goto(base + href);
      assert.equal(await page.getAttribute("html", "lang"), lang);
      if (lang !== "en") await page.locator(".phone-title small", { hasText: expect }).waitFor();
      else await page.locator(".chat-item.is-active", { hasText: expect }).waitFor({ state: "attached" });
      await page.locator("#chat-log .entry").first().waitFor();
      await page.evaluate(() => document.fonts.ready);
      await assertFits(page, `simulator phone (${lang})`);
      await page.screenshot({ path: join(screenshots, `simulator-phone-${lang}.png`) });

      await page.click("[data-open-side]");
      await page.locator(".side summary", { hasText: drawer }).waitFor();
      // Measured once it has slid in.
      await page.waitForFunction(() => document.getElementById("side")?.getBoundingClientRect().left === 0);
      await assertFits(page, `simulator drawer (${lang})`);

      await page.goto(`${base}/simulator/console`);
      await assertFits(page, `fake LINE console (${lang})`);
      await context.close();
    }

    // The seeded demo inbox: the Japanese customer's thread open, photo and sticker included.
    const inbox = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await signIn(inbox, base);
    // Other browser tests share this instance and may have resolved or buried them: search spans every status.
    for (const name of ["Somchai P.", "Group chat", "田中 ゆき"]) {
      await inbox.goto(`${base}/inbox?q=${encodeURIComponent(name)}`);
      await inbox.locator(".conv-item", { hasText: name }).first().waitFor({ timeout: 15_000 });
    }
    await inbox.locator(".conv-item", { hasText: "田中 ゆき" }).locator("a").first().click();
    const thread = inbox.locator("#thread-messages");
    await thread.locator(".msg", { hasText: "注文番号 A12345" }).waitFor();
    // The customer's photo and sticker, loaded (the thread scrolls to its end, where they are).
    await inbox.waitForFunction(() => {
      const images = [...document.querySelectorAll("#thread-messages .sticker__img, #thread-messages img[alt^='Image']")];
      return images.length >= 2 && images.every((img) => img.complete && img.naturalWidth > 0);
    }, null, { timeout: 15_000 });
    // Show the photo and what follows it (the thread opens scrolled to its end).
    await inbox.evaluate(() => {
      const photo = document.querySelector("#thread-messages img[alt^='Image']");
      photo?.scrollIntoView({ block: "start" });
      const scroller = photo?.closest("#thread-messages") ?? null;
      if (scroller) scroller.scrollTop -= 80;
    });
    await inbox.mouse.move(1000, 790); // no hover state on the list
    await inbox.screenshot({ path: join(screenshots, "demo-inbox-desktop.png") });
  } finally {
    await browser.close();
  }
}
