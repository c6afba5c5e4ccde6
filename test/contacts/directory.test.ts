// The contact directory: keyset pages, search in any script (2-character CJK and
// Thai included, custom field values too), filters, bulk tagging, workspace scope.
import { env, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { editMeta } from "../helpers/conversations";
import { textEvent } from "../helpers/line";
import { type Agent, login } from "../helpers/session";
import { customField, plainContact, postForm, setField } from "./directory-helpers";
import { customerWrites, foreignContact } from "./fixtures";

let admin: Agent;
beforeAll(async () => {
  admin = await login();
});

const ids = (html: string) => [...html.matchAll(/class="cd-row__name" href="\/contacts\/(ct_[a-z0-9]+)"/g)].map((m) => m[1]);

describe("contact directory", () => {
  it("pages by keyset, newest first, without repeating or skipping anyone", async () => {
    const made: string[] = [];
    const t0 = Date.now();
    for (let i = 0; i < 60; i++) made.push(await plainContact(`Pager ${String(i).padStart(2, "0")}`, newId("ct", t0 + i)));
    const first = await (await admin.get("/contacts?q=pager")).text();
    const page1 = ids(first);
    expect(page1).toHaveLength(50);
    expect(page1[0]).toBe(made[59]);
    const next = /rel="next" href="([^"]+)"/.exec(first)?.[1]?.replace(/&amp;/g, "&");
    expect(next).toContain("after=");
    const second = await (await admin.get(next ?? "")).text();
    const page2 = ids(second);
    expect(page2).toHaveLength(10);
    expect(second).not.toContain('rel="next"');
    expect(new Set([...page1, ...page2])).toEqual(new Set(made));
  }, 60_000);

  it("finds two-character Japanese and Thai names, and custom field values", async () => {
    const hanako = await plainContact("山田花子");
    const somchai = await plainContact("สมชาย ใจดี");
    const other = await plainContact("Someone Else");
    const city = await customField("city", "City");
    await setField(other, city, "Sapporo-ORDER-77");
    expect(ids(await (await admin.get(`/contacts?q=${encodeURIComponent("花子")}`)).text())).toEqual([hanako]);
    expect(ids(await (await admin.get(`/contacts?q=${encodeURIComponent("ใจ")}`)).text())).toEqual([somchai]);
    expect(ids(await (await admin.get("/contacts?q=order-77")).text())).toEqual([other]);
  }, 30_000);

  it("filters by tag, channel and friend status, links each contact's conversation, and bulk-tags", async () => {
    const a = await customerWrites("dir-filter-a", { displayName: "Filter Alpha" }, (uid) => [textEvent("alpha here", { userId: uid })]);
    const b = await customerWrites("dir-filter-b", { displayName: "Filter Beta" }, (uid) => [textEvent("beta here", { userId: uid })]);
    const list = await (await admin.get("/contacts?q=filter")).text();
    expect(list).toContain(`href="/inbox/c/${a.conversationId}"`);
    expect(list).toContain(`href="/inbox/c/${b.conversationId}"`);
    await admin.post(`/contacts/${a.contactId}/tags`, { name: "Filter-VIP", color: "red" }, { htmx: true });
    const tag = await env.DB.prepare("SELECT id FROM tags WHERE name = 'Filter-VIP'").first<{ id: string }>();
    expect(ids(await (await admin.get(`/contacts?q=filter&tag=${tag?.id}`)).text())).toEqual([a.contactId]);
    expect(ids(await (await admin.get("/contacts?q=filter&friend=unfollowed")).text())).toEqual([]);
    expect((await admin.get("/contacts?friend=maybe")).status).toBe(422);

    const bulk = await postForm(admin, "/contacts/bulk-tag?q=filter", [["ids", a.contactId], ["ids", b.contactId], ["tag", tag?.id ?? ""]]);
    expect(bulk.status).toBe(303);
    expect(bulk.headers.get("location")).toBe("/contacts?q=filter&notice=tagged&n=2");
    expect(ids(await (await admin.get(`/contacts?q=filter&tag=${tag?.id}`)).text()).sort()).toEqual([a.contactId, b.contactId].sort());
    const none = await postForm(admin, "/contacts/bulk-tag", [["tag", tag?.id ?? ""]]);
    expect(none.status).toBe(422);
    expect(await none.text()).toContain("Select at least one contact.");
  }, 30_000);

  it("bulk-tags 100 contacts at once, and each newly tagged contact's conversation hears tag.added", async () => {
    const writer = await customerWrites("dir-bulk-100", { displayName: "Bulk Hundred" }, (uid) => [textEvent("hello", { userId: uid })]);
    // Hold the conversation's event run, so its outbox still has the event when read below.
    await editMeta(writer.stub, "eventsRanAt", () => Date.now() + 3_600_000);
    const t0 = Date.now();
    const others: string[] = [];
    for (let i = 0; i < 99; i++) others.push(await plainContact(`Hundred ${i}`, newId("ct", t0 + i)));
    await admin.post(`/contacts/${others[0]}/tags`, { name: "Hundred-club", color: "blue" }, { htmx: true });
    const tag = await env.DB.prepare("SELECT id FROM tags WHERE name = 'Hundred-club'").first<{ id: string }>();
    const res = await postForm(admin, "/contacts/bulk-tag", [...[writer.contactId, ...others].map((id): [string, string] => ["ids", id]), ["tag", tag?.id ?? ""]]);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/contacts?notice=tagged&n=100");
    const count = await env.DB.prepare("SELECT count(*) AS n FROM contact_tags WHERE tag_id = ?").bind(tag?.id).first<{ n: number }>();
    expect(count?.n).toBe(100);
    const events = await runInDurableObject(writer.stub, (_i: unknown, state: DurableObjectState) =>
      state.storage.sql
        .exec("SELECT payload FROM events ORDER BY seq")
        .toArray()
        .map((r) => (JSON.parse(String(r.payload)) as { event: { type: string; data: { target: string; tag: { id: string } } } }).event)
        .filter((e) => e.type.startsWith("tag.")),
    );
    expect(events.map((e) => [e.type, e.data.target, e.data.tag.id])).toEqual([["tag.added", "contact", tag?.id]]);
  }, 30_000);

  it("never shows or tags another workspace's contact", async () => {
    const foreign = await foreignContact();
    expect((await admin.get(`/contacts/${foreign.contactId}`)).status).toBe(404);
    expect(await (await admin.get("/contacts?q=not%20yours")).text()).not.toContain(foreign.contactId);
    const tag = await env.DB.prepare("SELECT id FROM tags LIMIT 1").first<{ id: string }>();
    const res = await postForm(admin, "/contacts/bulk-tag", [["ids", foreign.contactId], ["tag", tag?.id ?? ""]]);
    expect(res.status).toBe(404);
  });
});
