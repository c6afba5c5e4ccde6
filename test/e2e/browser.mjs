// Debian's chromium driven by playwright-core, with the flags this sandbox needs.
import { chromium } from "playwright-core";

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
  });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export async function signIn(page, base) {
  await page.goto(`${base}/login`);
  await page.fill('input[name="email"]', "admin@linedesk.test");
  await page.fill('input[name="password"]', "linedesk-demo");
  await Promise.all([page.waitForURL(`${base}/inbox`), page.click('button[type="submit"]')]);
}

/**
 * Holds every request `match` accepts until release(), as a slow server would; one the
 * page gave up on meanwhile (aborted for a newer one) is let go quietly. stop() unroutes.
 */
export async function holdRequests(page, match) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(match, async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  return { release, stop: () => page.unroute(match) };
}
