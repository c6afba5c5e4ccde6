// Merging contacts: the preview with per-field conflicts, the merge itself (what
// moves, the audit entry, the system line, the forwarding address), a message
// that arrives while the merge runs, and suggestions (review, dismiss).
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { drainOutbox, indexRow } from "../helpers/conversations";
import { postWebhook, textEvent, webhookBody } from "../helpers/line";
import { type Agent, login } from "../helpers/session";
import { cachedContact, customField, postForm, setField, threadTexts } from "./directory-helpers";
import { customerWrites, fakeProfile, workspaceId } from "./fixtures";

let admin: Agent;
beforeAll(async () => {
  admin = await login();
});

async function twoCustomers(seed: string) {
  const a = await customerWrites(`${seed}-a`, { displayName: `${seed} Aiko` }, (uid) => [textEvent("first channel hello", { userId: uid })]);
  const b = await customerWrites(`${seed}-b`, { displayName: `${seed} A.` }, (uid) => [textEvent("second channel hello", { userId: uid })]);
  return { a, b };
}

describe("merge preview and merge", () => {
  it("previews conflicts, refuses a merge without a choice, then merges everything into the survivor", async () => {
    const { a, b } = await twoCustomers("merge-main");
    const email = await customField("email", "Email");
    const plan = await customField("plan", "Plan");
    await setField(a.contactId, email, "aiko@example.com");
    await setField(b.contactId, email, "aiko@work.example");
    await setField(b.contactId, plan, "Gold");
    await admin.post(`/contacts/${a.contactId}/tags`, { name: "VIP", color: "violet" }, { htmx: true });
    await admin.post(`/contacts/${b.contactId}/tags`, { name: "Wholesale", color: "blue" }, { htmx: true });
    await admin.post(`/contacts/${b.contactId}/notes`, { body: "Asked about a refund on the other account" }, { htmx: true });

    const preview = await admin.get(`/contacts/merge?ids=${a.contactId}&ids=${b.contactId}&survivor=${a.contactId}`);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("Choose which value to keep");
    expect(html).toContain("aiko@example.com");
    expect(html).toContain("aiko@work.example");
    expect(html).toContain("Plan is taken over: Gold");

    const refused = await postForm(admin, "/contacts/merge", [["ids", a.contactId], ["ids", b.contactId], ["survivor", a.contactId]]);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Choose a value for Email");
    expect((await env.DB.prepare("SELECT merged_into_id FROM contacts WHERE id = ?").bind(b.contactId).first())?.merged_into_id).toBeNull();

    const merged = await postForm(admin, "/contacts/merge", [["ids", a.contactId], ["ids", b.contactId], ["survivor", a.contactId], [`field_${email}`, b.contactId]]);
    expect(merged.status).toBe(303);
    expect(merged.headers.get("location")).toBe(`/contacts/${a.contactId}?notice=merged&n=1`);

    // Identities, conversations, tags, notes and the chosen values are the survivor's now.
    const identities = await env.DB.prepare("SELECT count(*) AS n FROM contact_identities WHERE contact_id = ?").bind(a.contactId).first<{ n: number }>();
    expect(identities?.n).toBe(2);
    expect((await indexRow(b.conversationId))?.contact_id).toBe(a.contactId);
    const tags = await env.DB.prepare("SELECT t.name FROM contact_tags kt JOIN tags t ON t.id = kt.tag_id WHERE kt.contact_id = ? ORDER BY t.name").bind(a.contactId).all<{ name: string }>();
    expect(tags.results.map((r) => r.name)).toEqual(["VIP", "Wholesale"]);
    const values = await env.DB.prepare("SELECT field_id, value FROM contact_field_values WHERE contact_id = ?").bind(a.contactId).all<{ field_id: string; value: string }>();
    expect(Object.fromEntries(values.results.map((r) => [r.field_id, r.value]))).toEqual({ [email]: "aiko@work.example", [plan]: "Gold" });
    const page = await (await admin.get(`/contacts/${a.contactId}`)).text();
    expect(page).toContain("Asked about a refund on the other account");
    expect(page).toContain("first channel hello");
    expect(page).toContain("second channel hello");
    expect(page).toContain("Aiko (admin) merged merge-main A.");

    // The merged contact forwards; it left the directory.
    expect((await env.DB.prepare("SELECT merged_into_id FROM contacts WHERE id = ?").bind(b.contactId).first())?.merged_into_id).toBe(a.contactId);
    const old = await admin.get(`/contacts/${b.contactId}`);
    expect(old.status).toBe(302);
    expect(old.headers.get("location")).toBe(`/contacts/${a.contactId}`);
    // A panel left open on the merged contact follows it to the survivor, and acts on the survivor.
    const panel = await admin.get(`/contacts/${b.contactId}/panel?conversation=${b.conversationId}`, { headers: { "hx-request": "true" } });
    expect(panel.status).toBe(302);
    expect(panel.headers.get("location")).toBe(`/contacts/${a.contactId}/panel?conversation=${b.conversationId}`);
    await admin.post(`/contacts/${b.contactId}/tags`, { name: "Followed", color: "green" }, { htmx: true });
    const survivorTags = await env.DB.prepare("SELECT t.name FROM contact_tags kt JOIN tags t ON t.id = kt.tag_id WHERE kt.contact_id = ? ORDER BY t.name").bind(a.contactId).all<{ name: string }>();
    expect(survivorTags.results.map((r) => r.name)).toContain("Followed");
    const directory = await (await admin.get("/contacts?q=merge-main")).text();
    expect(directory).toContain(`/contacts/${a.contactId}`);
    expect(directory).not.toContain(`/contacts/${b.contactId}"`);

    // Audit entry and a system line in the moved conversation; its DO knows its new contact.
    const audit = await env.DB.prepare("SELECT actor_id, data FROM audit_logs WHERE action = 'contact.merged' AND target_id = ?").bind(a.contactId).first<{ actor_id: string; data: string }>();
    expect(JSON.parse(audit?.data ?? "{}")).toMatchObject({ merged: [b.contactId], choices: { [email]: b.contactId } });
    expect(await threadTexts(b.stub)).toContain("Aiko (admin) merged merge-main A. into this contact");
    expect(await cachedContact(b.stub)).toBe(a.contactId);
  }, 30_000);

  it("refuses to merge a contact of another workspace or one merged already", async () => {
    const { a, b } = await twoCustomers("merge-guard");
    const ok = await postForm(admin, "/contacts/merge", [["ids", a.contactId], ["ids", b.contactId], ["survivor", b.contactId]]);
    expect(ok.status).toBe(303);
    const again = await postForm(admin, "/contacts/merge", [["ids", a.contactId], ["ids", b.contactId], ["survivor", b.contactId]]);
    expect(again.status).toBe(409);
  }, 30_000);

  it("files a message that arrives during the merge under the survivor", async () => {
    const { a, b } = await twoCustomers("merge-race");
    const routed = fakeProfile({ displayName: "merge-race A." });
    try {
      // The customer writes on the merged contact's account while the merge runs.
      const [merge, hook] = await Promise.all([
        postForm(admin, "/contacts/merge", [["ids", a.contactId], ["ids", b.contactId], ["survivor", a.contactId]]),
        postWebhook(webhookBody([textEvent("written during the merge", { userId: b.uid })])),
      ]);
      expect(merge.status).toBe(303);
      expect(hook.status).toBe(200);
      await drainOutbox(b.stub);
    } finally {
      routed.restore();
    }
    expect((await indexRow(b.conversationId))?.contact_id).toBe(a.contactId);
    expect(await cachedContact(b.stub)).toBe(a.contactId);
    // An index write that still names the merged contact (a DO that had not heard yet) lands on the survivor.
    await env.DB.prepare("UPDATE conversations SET contact_id = ? WHERE id = ?").bind(b.contactId, b.conversationId).run();
    expect((await indexRow(b.conversationId))?.contact_id).toBe(a.contactId);
    const page = await (await admin.get(`/contacts/${a.contactId}`)).text();
    expect(page).toContain("written during the merge");
  }, 30_000);
});

describe("merge suggestions", () => {
  it("suggests contacts sharing an email field, links to the preview, and forgets a dismissed pair", async () => {
    const { a, b } = await twoCustomers("suggest-mail");
    const email = await customField("email", "Email");
    await setField(a.contactId, email, "Same.Person@example.com");
    await setField(b.contactId, email, "same.person@example.com ");
    const page = await (await admin.get("/contacts/suggestions")).text();
    expect(page).toContain("Same email: same.person@example.com");
    expect(page).toContain(`/contacts/merge?ids=${[a.contactId, b.contactId].sort().join("&amp;ids=")}`);
    // Suggested only: nothing was merged.
    expect((await env.DB.prepare("SELECT merged_into_id FROM contacts WHERE id = ?").bind(b.contactId).first())?.merged_into_id).toBeNull();
    const dismissed = await postForm(admin, "/contacts/suggestions/dismiss", [["ids", a.contactId], ["ids", b.contactId]]);
    expect(dismissed.status).toBe(303);
    expect(await (await admin.get("/contacts/suggestions")).text()).not.toContain("same.person@example.com");
  }, 30_000);

  it("lists suggestions for more contacts than one statement can look up at once (D1 binds 100)", async () => {
    const email = await customField("email", "Email");
    const ws = await workspaceId();
    const now = Date.now();
    const statements = [];
    // 40 people, each imported three times: 120 contacts in 40 suggestions.
    for (let person = 0; person < 40; person++) {
      for (let copy = 0; copy < 3; copy++) {
        const id = `ct_bulkdupe${String(person).padStart(3, "0")}${copy}${"0".repeat(8)}`;
        statements.push(
          env.DB.prepare("INSERT INTO contacts (id, workspace_id, display_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)").bind(id, ws, `Dupe ${person}`, now, now),
          env.DB.prepare("INSERT INTO contact_field_values (contact_id, field_id, value, updated_at) VALUES (?, ?, ?, ?)").bind(id, email, `dupe-${person}@example.com`, now),
        );
      }
    }
    await env.DB.batch(statements);
    const res = await admin.get("/contacts/suggestions");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("Same email: dupe-0@example.com");
    expect(page).toContain("Same email: dupe-39@example.com");
    expect(page).toContain("ct_bulkdupe039200000000");
  }, 30_000);

  it("suggests contacts with the same verified customer id and the same name and picture", async () => {
    const ws = await workspaceId();
    const a = await customerWrites("sug-ver-a", { displayName: "Verified One" }, (uid) => [textEvent("hi", { userId: uid })]);
    const b = await customerWrites("sug-ver-b", { displayName: "Verified Two" }, (uid) => [textEvent("hi", { userId: uid })]);
    await env.DB.prepare("UPDATE contact_identities SET verified_customer_id = 'CUST-777' WHERE contact_id IN (?, ?)").bind(a.contactId, b.contactId).run();
    const c = await customerWrites("suggest-pic-a", { displayName: "Same Pic", pictureUrl: "https://profile.line-scdn.net/same-pic" }, (uid) => [textEvent("hi", { userId: uid })]);
    const d = await customerWrites("suggest-pic-b", { displayName: "Same Pic", pictureUrl: "https://profile.line-scdn.net/same-pic" }, (uid) => [textEvent("hi", { userId: uid })]);
    const page = await (await admin.get("/contacts/suggestions")).text();
    expect(page).toContain("Same verified customer id: CUST-777");
    expect(page).toContain("Same name and picture: Same Pic");
    expect(page).toContain(c.contactId);
    expect(page).toContain(d.contactId);
    expect(ws).toBeTruthy();
  }, 30_000);
});
