// Tags and custom fields on a contact, and the admin page that defines the fields.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { textEvent } from "../helpers/line";
import { type Agent, login } from "../helpers/session";
import { addAgent, customerWrites, foreignContact, workspaceId } from "./fixtures";

let admin: Agent;
let contactId: string;
beforeAll(async () => {
  admin = await login();
  ({ contactId } = await customerWrites("tags-fields", { displayName: "Field tester" }, (uid) => [textEvent("hi", { userId: uid })]));
});

const htmx = { htmx: true };

async function tagNames(id: string): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = ? ORDER BY t.name").bind(id).all<{ name: string }>();
  return results.map((r) => r.name);
}

async function createField(form: Record<string, string>) {
  const res = await admin.post("/contacts/fields", form, htmx);
  expect(res.status, await res.clone().text()).toBe(200);
  const row = await env.DB.prepare("SELECT id FROM custom_fields WHERE label = ? ORDER BY created_at DESC").bind(form.label).first<{ id: string }>();
  if (!row) throw new Error("field not created");
  return row.id;
}

describe("contact tags", () => {
  it("creates a tag inline, reuses it by name in any case, and removes it", async () => {
    const res = await admin.post(`/contacts/${contactId}/tags`, { name: "VIP", color: "violet" }, htmx);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('class="cp-section cp-tags"');
    expect(html).toMatch(/cp-tag--violet[^>]*>\s*<span>VIP<\/span>/);
    expect(await tagNames(contactId)).toEqual(["VIP"]);
    // Same name, other case: the shared workspace tag is reused, not duplicated.
    const other = await customerWrites("tags-second", { displayName: "Second" }, (uid) => [textEvent("hi", { userId: uid })]);
    await admin.post(`/contacts/${other.contactId}/tags`, { name: "vip", color: "red" }, htmx);
    expect(await tagNames(other.contactId)).toEqual(["VIP"]);
    const tags = await env.DB.prepare("SELECT name, color, workspace_id FROM tags WHERE lower(name) = 'vip'").all<{ name: string; color: string; workspace_id: string }>();
    expect(tags.results).toEqual([{ name: "VIP", color: "violet", workspace_id: await workspaceId() }]);
    const tagId = (await env.DB.prepare("SELECT id FROM tags WHERE name = 'VIP'").first<{ id: string }>())?.id;
    const removed = await admin.post(`/contacts/${contactId}/tags/${tagId}/remove`, {}, htmx);
    expect(removed.status).toBe(200);
    expect(await removed.text()).toContain("No tags yet.");
    expect(await tagNames(contactId)).toEqual([]);
  });

  it("adds an existing tag by id with one click", async () => {
    await admin.post(`/contacts/${contactId}/tags`, { name: "Wholesale", color: "blue" }, htmx);
    const tagId = (await env.DB.prepare("SELECT id FROM tags WHERE name = 'Wholesale'").first<{ id: string }>())?.id ?? "";
    await admin.post(`/contacts/${contactId}/tags/${tagId}/remove`, {}, htmx);
    const res = await admin.post(`/contacts/${contactId}/tags`, { tag: tagId, color: "green" }, htmx);
    expect(res.status).toBe(200);
    expect(await tagNames(contactId)).toContain("Wholesale");
  });

  it("answers 422 with a clear message for an empty or too long name", async () => {
    const empty = await admin.post(`/contacts/${contactId}/tags`, { name: "  ", color: "green" }, htmx);
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Type a tag name");
    const long = await admin.post(`/contacts/${contactId}/tags`, { name: "x".repeat(33), color: "green" }, htmx);
    expect(long.status).toBe(422);
    expect(await long.text()).toContain("at most 32 characters");
    const color = await admin.post(`/contacts/${contactId}/tags`, { name: "Odd", color: "pink" }, htmx);
    expect(color.status).toBe(422);
  });

  it("answers 404 for another workspace's tag and refuses a missing CSRF token", async () => {
    const foreign = await foreignContact();
    const tagId = "tag_00000000000000000000";
    await env.DB.prepare("INSERT INTO tags (id, workspace_id, name, color, created_at) VALUES (?, ?, 'Theirs', 'red', ?)").bind(tagId, foreign.workspaceId, Date.now()).run();
    expect((await admin.post(`/contacts/${contactId}/tags`, { tag: tagId }, htmx)).status).toBe(404);
    expect((await admin.post(`/contacts/${contactId}/tags/${tagId}/remove`, {}, htmx)).status).toBe(404);
    expect((await admin.post(`/contacts/${contactId}/tags`, { name: "NoToken" }, { htmx: true, csrf: null })).status).toBe(403);
  });

  it("escapes tag names", async () => {
    const res = await admin.post(`/contacts/${contactId}/tags`, { name: `<i>x</i>"`, color: "grey" }, htmx);
    const html = await res.text();
    expect(html).not.toContain("<i>x</i>");
    expect(html).toContain("&lt;i&gt;x&lt;/i&gt;&quot;");
  });
});

describe("custom field values", () => {
  it("validates each type (422 with the reason) and saves good values", async () => {
    const numberId = await createField({ label: "Orders", key: "orders", type: "number", options: "" });
    const dateId = await createField({ label: "Birthday", key: "birthday", type: "date", options: "" });
    const selectId = await createField({ label: "Tier", key: "tier", type: "select", options: "Bronze\nSilver\nGold" });
    const textId = await createField({ label: "Nickname", key: "nickname", type: "text", options: "" });
    const cases: Array<[string, string, string]> = [
      [numberId, "twelve", "Enter a number, like 42 or 3.5"],
      [dateId, "31/03/2025", "Enter a date as yyyy-mm-dd"],
      [dateId, "2025-02-30", "Enter a date as yyyy-mm-dd"],
      [selectId, "Platinum", "Choose one of: Bronze, Silver, Gold"],
      [textId, "x".repeat(501), "Text can have at most 500 characters"],
    ];
    for (const [fieldId, value, message] of cases) {
      const res = await admin.post(`/contacts/${contactId}/fields/${fieldId}`, { value }, htmx);
      expect(res.status, value).toBe(422);
      const html = await res.text();
      expect(html).toContain(message);
      expect(html).toContain('aria-invalid="true"');
    }
    const good: Array<[string, string, string]> = [
      [numberId, "1,250", "1250"],
      [dateId, "2025-03-31", "2025-03-31"],
      [selectId, "Gold", "Gold"],
      [textId, "  Nok  ", "Nok"],
      // A text value is one line: a newline typed into its wrapping box becomes a space.
      [textId, "99/123 Sukhumvit Soi 101/1\r\n  Bangkok 10260", "99/123 Sukhumvit Soi 101/1 Bangkok 10260"],
    ];
    for (const [fieldId, value, stored] of good) {
      const res = await admin.post(`/contacts/${contactId}/fields/${fieldId}`, { value }, htmx);
      expect(res.status, value).toBe(200);
      expect(await res.text()).toContain("cp-field__saved");
      const row = await env.DB.prepare("SELECT value FROM contact_field_values WHERE contact_id = ? AND field_id = ?").bind(contactId, fieldId).first<{ value: string }>();
      expect(row?.value).toBe(stored);
    }
    // The panel shows the saved values in their inputs.
    const panel = await (await admin.get(`/contacts/${contactId}/panel`, { headers: { "hx-request": "true" } })).text();
    expect(panel).toContain('value="2025-03-31"');
    expect(panel).toMatch(/<option value="Gold" selected/);
    expect(panel).toMatch(/<textarea[^>]*data-field-text[^>]*>99\/123 Sukhumvit Soi 101\/1 Bangkok 10260<\/textarea>/);
    // An empty value clears the field.
    await admin.post(`/contacts/${contactId}/fields/${textId}`, { value: "" }, htmx);
    expect(await env.DB.prepare("SELECT value FROM contact_field_values WHERE contact_id = ? AND field_id = ?").bind(contactId, textId).first()).toBeNull();
  });

  it("answers 404 for unknown fields and another workspace's contact", async () => {
    const fieldId = await createField({ label: "Store", key: "store", type: "text", options: "" });
    expect((await admin.post(`/contacts/${contactId}/fields/fld_00000000000000000000`, { value: "x" }, htmx)).status).toBe(404);
    const foreign = await foreignContact();
    expect((await admin.post(`/contacts/${foreign.contactId}/fields/${fieldId}`, { value: "x" }, htmx)).status).toBe(404);
  });
});

describe("field definitions admin", () => {
  it("adds, edits, reorders and deletes fields", async () => {
    const page = await admin.get("/contacts/fields");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Contact fields");
    const a = await createField({ label: "Member since", key: "", type: "date", options: "" });
    expect((await env.DB.prepare("SELECT key FROM custom_fields WHERE id = ?").bind(a).first<{ key: string }>())?.key).toBe("member_since");
    const b = await createField({ label: "Channel source", key: "channel_source", type: "select", options: "Shop, Ads, Friend" });
    const order = async () => (await env.DB.prepare("SELECT id FROM custom_fields WHERE id IN (?, ?) ORDER BY position").bind(a, b).all<{ id: string }>()).results.map((r) => r.id);
    expect(await order()).toEqual([a, b]);
    const moved = await admin.post(`/contacts/fields/${b}/move`, { direction: "up" }, htmx);
    expect(moved.status).toBe(200);
    expect(await order()).toEqual([b, a]);
    const edit = await admin.get(`/contacts/fields?edit=${b}`, { headers: { "hx-request": "true" } });
    expect(await edit.text()).toContain("Save field");
    const saved = await admin.post(`/contacts/fields/${b}`, { label: "Source", key: "source", type: "select", options: "Shop\nAds" }, htmx);
    expect(saved.status).toBe(200);
    expect(await env.DB.prepare("SELECT key, label, options FROM custom_fields WHERE id = ?").bind(b).first()).toEqual({ key: "source", label: "Source", options: '["Shop","Ads"]' });
    await admin.post(`/contacts/${contactId}/fields/${b}`, { value: "Ads" }, htmx);
    const deleted = await admin.post(`/contacts/fields/${b}/delete`, {}, htmx);
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toContain("Field “Source” deleted.");
    expect(await env.DB.prepare("SELECT id FROM custom_fields WHERE id = ?").bind(b).first()).toBeNull();
    expect(await env.DB.prepare("SELECT value FROM contact_field_values WHERE field_id = ?").bind(b).first()).toBeNull();
    const audit = await env.DB.prepare("SELECT action FROM audit_logs WHERE target_id = ? ORDER BY created_at").bind(b).all<{ action: string }>();
    expect(audit.results.map((r) => r.action)).toEqual(["contact_field.created", "contact_field.moved", "contact_field.updated", "contact_field.deleted"]);
  });

  it("answers 422 with clear messages for a bad definition", async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ label: "Bad key", key: "Bad Key", type: "text", options: "" }, "Use only lowercase letters a–z, digits and _ in the key"],
      [{ label: "", key: "empty_label", type: "text", options: "" }, "Give the field a label"],
      [{ label: "สมาชิก", key: "", type: "text", options: "" }, "Give the field a key"],
      [{ label: "Size", key: "size", type: "select", options: "" }, "List at least one option for a select field"],
      [{ label: "Size", key: "size", type: "select", options: "S\ns" }, "Each option must be different"],
      [{ label: "Kind", key: "kind", type: "color", options: "" }, "Choose a field type"],
    ];
    for (const [form, message] of cases) {
      const res = await admin.post("/contacts/fields", form, htmx);
      expect(res.status, JSON.stringify(form)).toBe(422);
      expect(await res.text()).toContain(message);
    }
    await createField({ label: "Unique", key: "unique_key", type: "text", options: "" });
    const dup = await admin.post("/contacts/fields", { label: "Again", key: "unique_key", type: "text", options: "" }, htmx);
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain("Another field already uses the key “unique_key”");
  });

  it("is for admins only: agents and supervisors get 403, and see no manage link", async () => {
    const agent = await addAgent("Ken Agent", "agent");
    const supervisor = await addAgent("Sue Supervisor", "supervisor");
    for (const who of [agent, supervisor]) {
      expect((await who.get("/contacts/fields")).status).toBe(403);
      expect((await who.post("/contacts/fields", { label: "Nope", key: "nope", type: "text", options: "" }, htmx)).status).toBe(403);
    }
    const fieldId = await createField({ label: "Admin only", key: "admin_only", type: "text", options: "" });
    expect((await agent.post(`/contacts/fields/${fieldId}/delete`, {}, htmx)).status).toBe(403);
    expect((await agent.post(`/contacts/fields/${fieldId}/move`, { direction: "up" }, htmx)).status).toBe(403);
    expect(await env.DB.prepare("SELECT id FROM custom_fields WHERE id = ?").bind(fieldId).first()).not.toBeNull();
    expect(await env.DB.prepare("SELECT id FROM custom_fields WHERE key = 'nope'").first()).toBeNull();
    // Agents still fill in values from the panel.
    expect((await agent.post(`/contacts/${contactId}/fields/${fieldId}`, { value: "ok" }, htmx)).status).toBe(200);
    const panel = await (await agent.get(`/contacts/${contactId}/panel`, { headers: { "hx-request": "true" } })).text();
    expect(panel).not.toContain('href="/contacts/fields"');
  });

  it("answers 404 for another workspace's field", async () => {
    const foreign = await foreignContact();
    const id = "fld_00000000000000000001";
    await env.DB.prepare("INSERT INTO custom_fields (id, workspace_id, key, label, type, position, created_at) VALUES (?, ?, 'theirs', 'Theirs', 'text', 0, ?)").bind(id, foreign.workspaceId, Date.now()).run();
    expect((await admin.post(`/contacts/fields/${id}/delete`, {}, htmx)).status).toBe(404);
    expect((await admin.get(`/contacts/fields?edit=${id}`)).status).toBe(404);
    expect((await admin.post(`/contacts/${contactId}/fields/${id}`, { value: "x" }, htmx)).status).toBe(404);
  });
});
