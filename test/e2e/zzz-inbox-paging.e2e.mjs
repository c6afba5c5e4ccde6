// The inbox list's "Load more" while customers keep writing: a conversation from the next
// page that moves to the top live while that page is on its way shows once, at the top —
// not a second time, stale, among the appended rows. Named to run last: its 32 customers
// push the demo conversations the other walks use off the first page.
import assert from "node:assert/strict";
import { DESKTOP, launch, signIn } from "./browser.mjs";

async function post(base, path, body) {
  const response = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) });
  assert.ok(response.ok, `${path} answered ${response.status}`);
  return response.json();
}

export default async function run({ base }) {
  const stamp = Date.now().toString(36);
  // More customers than one page (30 rows), oldest first: the first one ends up on the second page.
  const customers = [];
  for (let i = 0; i < 32; i++) {
    const { chatId } = await post(base, "/simulator/users", { displayName: `Pager ${stamp} ${String(i).padStart(2, "0")}`, language: "en" });
    await post(base, `/simulator/chats/${chatId}/send`, { kind: "text", text: `Order question ${i} ${stamp}` });
    customers.push({ chatId, name: `Pager ${stamp} ${String(i).padStart(2, "0")}` });
  }
  const oldest = customers[0];

  const browser = await launch();
  try {
    const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await signIn(page, base);
    await page.waitForSelector('#live-status[data-state="online"]');
    const rowsOf = (name) => page.locator("#conversation-list .conv-item", { hasText: name });
    await rowsOf(customers[31].name).waitFor();
    assert.equal(await rowsOf(oldest.name).count(), 0, "the oldest customer is not on the first page");

    // The next page is read by the server now, and reaches the browser only once the oldest
    // customer has written again and their row has moved to the top live.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    let read;
    const pageRead = new Promise((resolve) => (read = resolve));
    await page.route((url) => url.pathname === "/inbox/list" && url.searchParams.has("cursor"), async (route) => {
      const response = await route.fetch();
      read();
      await held;
      await route.fulfill({ response });
    }, { times: 1 });
    await page.locator(".conv-more a").click();
    await pageRead;
    const again = `Still waiting for my order ${stamp}`;
    await post(base, `/simulator/chats/${oldest.chatId}/send`, { kind: "text", text: again });
    await page.locator("#conversation-list .conv-item", { hasText: again }).waitFor({ timeout: 15_000 });
    release();
    // The page is in (or the list was reloaded meanwhile, if the feed reconnected): no request under way.
    await page.waitForFunction(() => !document.querySelector("#conversation-list .htmx-request"));

    assert.equal(await rowsOf(oldest.name).count(), 1, "a conversation that moved to the top shows once");
    const first = await page.locator("#conversation-list .conv-item").first().textContent();
    assert.match(first, new RegExp(again), "at the top, with its new message");
  } finally {
    await browser.close();
  }
}
