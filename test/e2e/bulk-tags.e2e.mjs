// Bulk tags from a phone: an agent selects two customers' conversations, puts a
// tag on both from the bulk bar, filters the list by that tag, selects them again
// and takes the tag off: the filtered list empties without a reload, and a toast
// says how many changed. The bar (its one tag menu holds "Add tag" and "Remove
// tag") and the toast fit 390 px.
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, PHONE, signIn } from "./browser.mjs";
import { assertFits } from "./layout.mjs";

export default async function run({ base, screenshots }) {
  const browser = await launch();
  try {
    const page = await (await browser.newContext({ viewport: PHONE, extraHTTPHeaders: { "accept-language": "en" } })).newPage();
    await signIn(page, base);

    // A tag of its own, and two customers who write.
    const stamp = Date.now().toString(36);
    const tagName = `Refund-${stamp}`;
    await page.goto(`${base}/settings/tags`);
    await page.fill("#tag-create-name", tagName);
    await page.click("#tag-create button[type=submit]");
    await page.locator(".tag-row", { hasText: tagName }).waitFor();
    const names = [`Nattaya ${stamp}`, `Budi ${stamp}`];
    for (const displayName of names) {
      const { chatId } = await (await page.request.post(`${base}/simulator/users`, { data: { displayName, language: "en" } })).json();
      await page.request.post(`${base}/simulator/chats/${chatId}/send`, { data: { kind: "text", text: "My parcel arrived damaged, can I get a refund?" } });
    }

    const selectBoth = async () => {
      await page.locator("[data-select-mode]").click();
      for (const name of names) await page.locator(".conv-item", { hasText: name }).locator("a.conv-link").click();
      assert.equal(await page.locator("input[form='bulk-form']:checked").count(), 2, "two rows selected");
    };
    const chooseTag = async (group) => {
      const select = page.locator('#bulk-form select[name="tag"]');
      const value = await select.evaluate(
        (el, [label, name]) => {
          const group = Array.from(el.querySelectorAll("optgroup")).find((g) => g.label === label);
          return group ? Array.from(group.querySelectorAll("option")).find((o) => o.textContent.includes(name))?.value : undefined;
        },
        [group, tagName],
      );
      assert.ok(value, `"${tagName}" under "${group}"`);
      await select.selectOption(value);
      return value;
    };
    const apply = () => Promise.all([page.waitForResponse((r) => r.url().endsWith("/inbox/bulk") && r.ok()), page.locator('#bulk-form button[value="apply"]').click()]);

    // Put the tag on both.
    await page.goto(`${base}/inbox`);
    for (const name of names) await page.locator(".conv-item", { hasText: name }).waitFor({ timeout: 15_000 });
    await selectBoth();
    const added = await chooseTag("Add tag");
    assert.match(added, /^add:tag_/);
    await assertFits(page, "bulk bar with a tag chosen (phone)");
    await page.screenshot({ path: join(screenshots, "inbox-bulk-tag-phone-en.png") });
    await apply();
    await page.locator(".toast[data-bulk-outcome]", { hasText: "Updated 2 conversations." }).waitFor();
    assert.equal(await page.locator('#bulk-form select[name="tag"]').inputValue(), "", "the tag menu is back at its prompt");

    // The tag's list has both; take the tag off both from there.
    const tagId = added.slice("add:".length);
    await page.goto(`${base}/inbox?tag=${tagId}&sort=sla`);
    for (const name of names) await page.locator(".conv-item", { hasText: name }).waitFor({ timeout: 15_000 });
    assert.equal(await page.locator("#conversation-list .conv-item").count(), 2, "only the two tagged conversations");
    await selectBoth();
    assert.equal(await chooseTag("Remove tag"), `remove:${tagId}`);
    // The answer is the list as the agent sees it: its filters and its order go with the action.
    const [request] = await Promise.all([page.waitForRequest((r) => r.url().endsWith("/inbox/bulk")), apply()]);
    const sent = new URLSearchParams(request.postData() ?? "");
    assert.equal(sent.get("filter_tag"), tagId);
    assert.equal(sent.get("filter_sort"), "sla");
    await page.locator("#conversation-list .conv-item").first().waitFor({ state: "detached", timeout: 15_000 });
    assert.equal(await page.locator("#conversation-list .conv-item").count(), 0, "the tag's list is empty");
    await page.locator(".toast[data-bulk-outcome]", { hasText: "Updated 2 conversations." }).last().waitFor();
    await assertFits(page, "the tag's list after the tag came off, with the toast (phone)");
    await page.screenshot({ path: join(screenshots, "inbox-bulk-untagged-phone-en.png") });
  } finally {
    await browser.close();
  }
}
