// Open-conversation benchmark (chromium through playwright-core): a conversation with
// `messages` messages (default 1,000) next to a small one. Signed in, the inbox open at
// 1280×800; each rep clicks the small conversation's row, then the big one's, and times
// click → the newest message shown in the thread AND the composer's text box enabled
// (goal < 300 ms). Then it scrolls the thread to the top and checks that older messages
// arrive (keyset paging, public/thread-paging.js), and counts opens that reloaded the
// whole page instead of swapping the thread in. Also the server alone: the htmx
// fragment GET /inbox/c/:id, timed with fetch.
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startLimitedLine } from "../fake-line-limited.mjs";
import { api, devVars, lineUserId, percentiles, postWebhook, signIn, sleep, startGoalApp, textEvent, waitForConversations } from "./app.mjs";

export async function openBench({ root, children, runDir, log, messages = 1000, reps = 10 }) {
  const fake = await startLimitedLine({ rate: 100_000 });
  const fakeUrl = `http://127.0.0.1:${fake.port}`;
  const vars = devVars(root);
  const app = await startGoalApp({ root, runDir, dir: join(runDir, "state-open"), children, name: "open-app", log, vars: { LINE_API_BASE_URL: fakeUrl, LINE_DATA_API_BASE_URL: fakeUrl } });
  let browser = null;
  try {
    const big = lineUserId(0x0be000);
    const small = lineUserId(0x0be001);
    log(`open: writing ${messages} messages into one conversation`);
    for (let i = 0; i < messages; i += 50) {
      const events = Array.from({ length: Math.min(50, messages - i) }, (_, k) => textEvent(big, `message ${i + k + 1} of ${messages}: where is my parcel? bench-open-${i + k + 1}`, { replyToken: false }));
      const res = await postWebhook(app.base, vars, events);
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    }
    await postWebhook(app.base, vars, [textEvent(small, "a short one")]);
    const ids = await waitForConversations(api(app.base, vars), [big, small]);
    const bigId = ids.get(big);
    const smallId = ids.get(small);
    const session = await signIn(app.base);
    await sleep(3000);

    const serverMs = [];
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      const res = await fetch(`${app.base}/inbox/c/${bigId}`, { headers: { cookie: `ld_session=${session}`, "hx-request": "true" } });
      await res.text();
      serverMs.push(performance.now() - t0);
    }

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { hostname } = new URL(app.base);
    await context.addCookies([{ name: "ld_session", value: session, domain: hostname, path: "/", httpOnly: true }]);
    // Where an open's time goes, seen from the page: mousedown → htmx sends the request →
    // the response starts → the thread is inserted → the ready check (below) first passes.
    await context.addInitScript(() => {
      const at = {};
      window.benchOpenTimes = at;
      const first = (key) => () => {
        if (!(key in at)) at[key] = performance.now();
      };
      document.addEventListener("mousedown", () => {
        for (const key of Object.keys(at)) delete at[key];
        at.click = performance.now();
      }, true);
      document.addEventListener("htmx:before:request", first("request"), true);
      document.addEventListener("htmx:before:response", first("response"), true);
      document.addEventListener("htmx:before:settle", first("inserted"), true);
    });
    const page = await context.newPage();
    await page.goto(`${app.base}/inbox?view=all`);
    const newest = `bench-open-${messages}`;
    const ready = (conversationId, text) =>
      page.waitForFunction(
        ([id, want]) => {
          const box = document.getElementById("thread-messages");
          const composer = document.getElementById("composer-text");
          const ok = box?.dataset.conversationId === id && box.textContent.includes(want) && composer instanceof HTMLTextAreaElement && !composer.disabled;
          if (ok && window.benchOpenTimes && !("ready" in window.benchOpenTimes)) window.benchOpenTimes.ready = performance.now();
          return ok;
        },
        [conversationId, text],
        { timeout: 30_000, polling: "raf" },
      );
    const openMs = [];
    const phases = { clickToRequest: [], requestToResponse: [], responseToInserted: [], insertedToReady: [], inPage: [] };
    // An open is an htmx swap into the inbox, not a page load: count the times the
    // document was replaced (a row link htmx never wired reloads the whole page).
    let fullReloads = 0;
    const markDocument = () => page.evaluate(() => { window.benchSameDocument = true; });
    const sameDocument = () => page.evaluate(() => window.benchSameDocument === true);
    await markDocument();
    for (let i = 0; i < reps + 1; i++) {
      await page.click(`#conv-${smallId} a`);
      await ready(smallId, "a short one");
      await sleep(200);
      const t0 = performance.now();
      await page.click(`#conv-${bigId} a`);
      await ready(bigId, newest);
      if (i > 0) openMs.push(performance.now() - t0); // the first open warms caches
      const at = await page.evaluate(() => ({ ...window.benchOpenTimes }));
      if (i > 0 && ["click", "request", "response", "inserted", "ready"].every((k) => k in at)) {
        phases.clickToRequest.push(at.request - at.click);
        phases.requestToResponse.push(at.response - at.request);
        phases.responseToInserted.push(at.inserted - at.response);
        phases.insertedToReady.push(at.ready - at.inserted);
        phases.inPage.push(at.ready - at.click);
      }
      if (!(await sameDocument())) {
        fullReloads++;
        await markDocument();
      }
      await sleep(200);
    }
    const shown = () => page.$$eval("#thread-messages > [id^='msg-']", (els) => els.length);
    const before = await shown();
    await page.$eval("#thread-messages", (box) => {
      box.scrollTop = 0;
    });
    let after = before;
    for (let t = 0; t < 50 && after <= before; t++) {
      await sleep(200);
      after = await shown();
    }
    // Scrolled to the top again: the next page comes too, and the view does not jump to the top.
    await page.$eval("#thread-messages", (box) => {
      box.scrollTop = 0;
    });
    await sleep(1500);
    const afterSecond = await shown();
    const open = { ...percentiles(openMs) };
    const inPageP50 = Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, percentiles(v).p50]));
    log(`open: click → thread + composer p50 ${open.p50} ms (n ${open.n}); server fragment p50 ${percentiles(serverMs).p50} ms; bubbles ${before} → ${after} → ${afterSecond} on scrolling up; full page loads ${fullReloads} of ${reps + 1} opens; in the page (p50 ms) ${JSON.stringify(inPageP50)}`);
    return { messages, reps, openMs: open, inPageP50, fullReloads, serverFragmentMs: percentiles(serverMs), bubblesShown: [before, after, afterSecond], olderLoaded: after > before && afterSecond > after };
  } finally {
    await browser?.close().catch(() => {});
    await app.stop();
    await fake.close();
  }
}
