// Contacts through the REST API: keyset list with name search, one contact with
// its LINE identities, fields and tags, and PATCH of custom fields and tags
// validated exactly like the contact panel — all or nothing, audited.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { customerWrites, foreignContact } from "../contacts/fixtures";
import { event, textEvent } from "../helpers/line";
import { createWorkspace, demoWorkspaceId } from "../helpers/users";
import { type Api, api, errorOf, insertToken, type TestToken } from "./helpers";

interface ContactJson {
  id: string;
  displayName: string | null;
  language: string | null;
  identities: Array<{ channelId: string; lineUserId: string; friendStatus: string; followedAt: string | null }>;
  fields: Record<string, string | null>;
  tags: Array<{ id: string; name: string; color: string }>;
}

let workspaceId: string;
let token: TestToken;
let crm: Api;
let contactId: string;
const vipTag = newId("tag");

async function field(key: string, type: string, options: string[] | null = null) {
  await env.DB.prepare("INSERT INTO custom_fields (id, workspace_id, key, label, type, options, position, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)")
    .bind(newId("fld"), workspaceId, key, key, type, options ? JSON.stringify(options) : null, Date.now())
    .run();
}

beforeAll(async () => {
  workspaceId = await demoWorkspaceId();
  token = await insertToken(workspaceId, { name: "HubSpot" });
  crm = api(token.token);
  await field("api_plan", "select", ["Free", "Gold"]);
  await field("api_orders", "number");
  await field("api_birthday", "date");
  await env.DB.prepare("INSERT INTO tags (id, workspace_id, name, color, created_at) VALUES (?, ?, 'API VIP', 'amber', 0)").bind(vipTag, workspaceId).run();
  const t0 = Date.UTC(2025, 4, 1, 10, 0);
  contactId = (
    await customerWrites("api-contact-main", { displayName: "Kanokwan Srisuk", language: "th" }, (uid) => [
      event("follow", { replyToken: "rt-api-contact", follow: { isUnblocked: false } }, { userId: uid, timestamp: t0 }),
      textEvent("Hello", { userId: uid, timestamp: t0 + 60_000 }),
    ])
  ).contactId;
});

const getContact = async (id = contactId) => (await (await crm.get(`/contacts/${id}`)).json<{ data: ContactJson }>()).data;

describe("reading contacts", () => {
  it("returns one contact with its LINE identity, friend status, language, fields and tags", async () => {
    const data = await getContact();
    expect(data).toMatchObject({ id: contactId, displayName: "Kanokwan Srisuk", language: "th", fields: { api_plan: null, api_orders: null, api_birthday: null }, tags: [] });
    expect(data.identities).toEqual([expect.objectContaining({ friendStatus: "following", followedAt: "2025-05-01T10:00:00.000Z" })]);
    expect(data.identities[0]?.lineUserId).toMatch(/^U/);
  });

  it("lists newest first by keyset and finds contacts by part of the name", async () => {
    await customerWrites("api-contact-list-1", { displayName: "Niran Boonma" }, (uid) => [textEvent("hi", { userId: uid })]);
    await customerWrites("api-contact-list-2", { displayName: "Narin Wong" }, (uid) => [textEvent("hi", { userId: uid })]);
    const found = await (await crm.get("/contacts?q=boon")).json<{ data: ContactJson[] }>();
    expect(found.data.map((c) => c.displayName)).toEqual(["Niran Boonma"]);
    expect((await (await crm.get("/contacts?q=100%25")).json<{ data: unknown[] }>()).data).toEqual([]);
    const seen: string[] = [];
    let cursor: string | null = "";
    for (let i = 0; i < 50 && cursor !== null; i++) {
      const page: { data: ContactJson[]; nextCursor: string | null } = await (await crm.get(`/contacts?limit=1${cursor ? `&cursor=${cursor}` : ""}`)).json();
      seen.push(...page.data.map((c) => c.id));
      cursor = page.nextCursor;
    }
    const total = await env.DB.prepare("SELECT COUNT(*) AS n FROM contacts WHERE workspace_id = ?").bind(workspaceId).first<{ n: number }>();
    expect(seen).toHaveLength(total?.n ?? -1);
    expect([...seen].sort().reverse()).toEqual(seen);
    expect((await crm.get("/contacts?limit=500")).status).toBe(400);
  });
});

describe("updating contacts", () => {
  it("sets and clears custom fields with the panel's rules, audited as the token", async () => {
    const res = await crm.send("PATCH", `/contacts/${contactId}`, { fields: { api_plan: "Gold", api_orders: "1,204", api_birthday: "1990-02-28" } });
    expect(res.status).toBe(200);
    expect((await res.json<{ data: ContactJson }>()).data.fields).toEqual({ api_plan: "Gold", api_orders: "1204", api_birthday: "1990-02-28" });
    const cleared = await (await crm.send("PATCH", `/contacts/${contactId}`, { fields: { api_orders: null, api_birthday: "" } })).json<{ data: ContactJson }>();
    expect(cleared.data.fields).toEqual({ api_plan: "Gold", api_orders: null, api_birthday: null });
    const audit = await env.DB.prepare("SELECT actor_id, data FROM audit_logs WHERE target_id = ? AND action = 'contact.field_updated'").bind(contactId).all<{ actor_id: string; data: string }>();
    expect(audit.results).toHaveLength(5);
    expect(new Set(audit.results.map((a) => a.actor_id))).toEqual(new Set([token.id]));
  });

  it("refuses a bad value or an unknown key with the panel's message, changing nothing", async () => {
    const before = await getContact();
    const patch = (body: unknown) => crm.send("PATCH", `/contacts/${contactId}`, body);
    const number = await patch({ fields: { api_plan: "Free", api_orders: "lots" } });
    expect(number.status).toBe(422);
    expect(await errorOf(number)).toBe("fields.api_orders: Enter a number, like 42 or 3.5");
    expect(await errorOf(await patch({ fields: { api_plan: "Platinum" } }))).toBe("fields.api_plan: Choose one of: Free, Gold");
    expect(await errorOf(await patch({ fields: { api_birthday: "2025-02-30" } }))).toBe("fields.api_birthday: Enter a date as yyyy-mm-dd, like 2025-03-31");
    expect(await errorOf(await patch({ fields: { shoe_size: "42" } }))).toBe("fields.shoe_size: this workspace has no contact field with that key");
    expect(await errorOf(await patch({ addTags: [{ id: newId("tag") }], fields: { api_plan: "Free" } }))).toBe("addTags.0.id: this tag does not exist in this workspace");
    expect(await errorOf(await patch({}))).toBe("request: send fields, addTags or removeTags");
    expect(await getContact()).toEqual(before);
  });

  it("adds tags by id or by name (creating it once) and removes them", async () => {
    const res = await crm.send("PATCH", `/contacts/${contactId}`, { addTags: [{ id: vipTag }, { name: "Wholesale", color: "blue" }] });
    expect(res.status).toBe(200);
    expect((await res.json<{ data: ContactJson }>()).data.tags.map((t) => [t.name, t.color])).toEqual([
      ["API VIP", "amber"],
      ["Wholesale", "blue"],
    ]);
    // The same name again (any case) finds the existing tag.
    const again = await (await crm.send("PATCH", `/contacts/${contactId}`, { addTags: [{ name: "wholesale" }] })).json<{ data: ContactJson }>();
    expect(again.data.tags).toHaveLength(2);
    const tags = await env.DB.prepare("SELECT COUNT(*) AS n FROM tags WHERE workspace_id = ? AND lower(name) = 'wholesale'").bind(workspaceId).first<{ n: number }>();
    expect(tags?.n).toBe(1);
    const removed = await (await crm.send("PATCH", `/contacts/${contactId}`, { removeTags: [vipTag] })).json<{ data: ContactJson }>();
    expect(removed.data.tags.map((t) => t.name)).toEqual(["Wholesale"]);
    const actions = await env.DB.prepare("SELECT action FROM audit_logs WHERE target_id = ? AND action LIKE 'contact.tag_%' AND actor_id = ?").bind(contactId, token.id).all<{ action: string }>();
    expect(actions.results.map((a) => a.action)).toEqual(["contact.tag_added", "contact.tag_added", "contact.tag_added", "contact.tag_removed"]);
  });
});

describe("another workspace", () => {
  it("answers 404 for this workspace's contacts and lists none of them", async () => {
    const other = api((await insertToken(await createWorkspace("Another brand"))).token);
    expect((await other.get(`/contacts/${contactId}`)).status).toBe(404);
    expect(await errorOf(await other.send("PATCH", `/contacts/${contactId}`, { fields: { api_plan: "Free" } }))).toBe("Contact not found");
    expect((await (await other.get("/contacts")).json<{ data: unknown[] }>()).data).toEqual([]);
    const theirs = await foreignContact();
    expect((await crm.get(`/contacts/${theirs.contactId}`)).status).toBe(404);
    expect((await crm.get("/contacts/not-a-contact")).status).toBe(404);
    expect((await getContact()).fields.api_plan).toBe("Gold");
  });
});
