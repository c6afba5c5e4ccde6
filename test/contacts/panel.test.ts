// The contact panel next to a conversation: who the customer is on LINE, their
// friend status and history — for a contact filed by a real signed webhook.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { event, textEvent } from "../helpers/line";
import { type Agent, login } from "../helpers/session";
import { customerWrites, foreignContact } from "./fixtures";

let agent: Agent;
beforeAll(async () => {
  agent = await login();
});

const htmx = { headers: { "hx-request": "true" } };

describe("contact panel", () => {
  it("shows the LINE profile, friend status per channel, first/last seen and history", async () => {
    const t0 = Date.UTC(2025, 2, 3, 9, 15);
    const { contactId, conversationId } = await customerWrites("panel-profile", { displayName: "Somchai P.", pictureUrl: "https://profile.line-scdn.net/somchai", language: "th" }, (uid) => [
      event("follow", { replyToken: "rt-follow-panel", follow: { isUnblocked: false } }, { userId: uid, timestamp: t0 }),
      textEvent("สวัสดีครับ มีสินค้าไหม", { userId: uid, timestamp: t0 + 60_000 }),
    ]);
    const res = await agent.get(`/contacts/${contactId}/panel?conversation=${conversationId}`, htmx);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("<html");
    expect(html).toContain('class="contact-panel"');
    expect(html).toContain("Somchai P.");
    expect(html).toContain('src="https://profile.line-scdn.net/somchai"');
    expect(html).toContain("Thai");
    expect(html).toContain("LINE Official Account");
    expect(html).toMatch(/cp-friend--following[^>]*>\s*Friend/);
    expect(html).toContain("Friend since");
    // In the agent's time zone: the demo workspace is in Asia/Tokyo (UTC+9).
    expect(html).toContain("3 Mar 2025, 18:15");
    expect(html).toContain("3 Mar 2025, 18:16");
    // History: this conversation, linked, marked as the current one.
    expect(html).toContain(`href="/inbox/c/${conversationId}"`);
    expect(html).toContain("This conversation");
    expect(html).toContain("สวัสดีครับ มีสินค้าไหม");
    // A close control the inbox script can hook, which is also a plain link back.
    expect(html).toMatch(new RegExp(`href="/inbox/c/${conversationId}"[^>]*data-close-panel`));
    // Forms carry the CSRF token.
    expect(html).toContain(`name="_csrf" value="${agent.csrf}"`);
  });

  it("marks a customer who blocked the account, with the date", async () => {
    const t0 = Date.UTC(2025, 4, 10, 12, 0);
    const { contactId } = await customerWrites("panel-blocked", { displayName: "Blocker" }, (uid) => [
      textEvent("bye", { userId: uid, timestamp: t0 }),
      event("unfollow", {}, { userId: uid, timestamp: t0 + 120_000 }),
    ]);
    const html = await (await agent.get(`/contacts/${contactId}/panel`, htmx)).text();
    expect(html).toMatch(/cp-friend--unfollowed[^>]*>\s*Blocked/);
    expect(html).toContain("10 May 2025, 21:02");
  });

  it("lists the contact's conversations newest first", async () => {
    const { contactId, conversationId } = await customerWrites("panel-history", { displayName: "Repeat buyer" }, (uid) => [textEvent("hello again", { userId: uid })]);
    // An older conversation of the same contact (e.g. on a second channel), written into the index.
    const channel = await env.DB.prepare("SELECT channel_id, workspace_id FROM conversations WHERE id = ?").bind(conversationId).first<{ channel_id: string; workspace_id: string }>();
    const olderId = "a".repeat(64);
    await env.DB.prepare(
      "INSERT INTO conversations (id, workspace_id, channel_id, source_type, source_id, contact_id, title, status, last_message_preview, last_message_direction, last_activity_at, unread_count, last_seq, created_at) VALUES (?, ?, ?, 'user', 'Uold', ?, 'Repeat buyer', 'resolved', 'thanks for the refund', 'inbound', ?, 0, 1, ?)",
    )
      .bind(olderId, channel?.workspace_id, channel?.channel_id, contactId, Date.now() - 86_400_000 * 30, Date.now())
      .run();
    const html = await (await agent.get(`/contacts/${contactId}/panel?conversation=${conversationId}`, htmx)).text();
    const newer = html.indexOf(`href="/inbox/c/${conversationId}"`);
    const older = html.indexOf(`href="/inbox/c/${olderId}"`);
    expect(newer).toBeGreaterThan(-1);
    expect(older).toBeGreaterThan(newer);
    expect(html).toContain("Resolved");
    expect(html).toContain("thanks for the refund");
  });

  it("answers 404 for another workspace's contact and for unknown ids", async () => {
    const { contactId } = await foreignContact();
    for (const path of [`/contacts/${contactId}/panel`, "/contacts/ct_00000000000000000000/panel", "/contacts/not-an-id/panel"]) {
      const res = await agent.get(path, htmx);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain("Not yours");
    }
    const tag = await agent.post(`/contacts/${contactId}/tags`, { name: "stolen" }, { htmx: true });
    expect(tag.status).toBe(404);
    const note = await agent.post(`/contacts/${contactId}/notes`, { body: "hi" }, { htmx: true });
    expect(note.status).toBe(404);
  });

  it("answers 404 when the conversation named belongs to no conversation of this workspace", async () => {
    const { contactId } = await customerWrites("panel-bad-conv", { displayName: "Someone" }, (uid) => [textEvent("hi", { userId: uid })]);
    expect((await agent.get(`/contacts/${contactId}/panel?conversation=${"f".repeat(64)}`, htmx)).status).toBe(404);
  });

  it("escapes the customer's LINE name and status message", async () => {
    const evil = `<img src=x onerror=alert(1)>"Mallory"`;
    const { contactId } = await customerWrites("panel-xss", { displayName: evil }, (uid) => [textEvent("<script>alert(2)</script>", { userId: uid })]);
    await env.DB.prepare("UPDATE contacts SET status_message = ? WHERE id = ?").bind("<b>bold</b>", contactId).run();
    const html = await (await agent.get(`/contacts/${contactId}/panel`, htmx)).text();
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<script>alert(2)");
    expect(html).not.toContain("<b>bold</b>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;&quot;Mallory&quot;");
    expect(html).toContain("&lt;b&gt;bold&lt;/b&gt;");
  });

  it("renders a full page when opened without htmx, and asks strangers to sign in", async () => {
    const { contactId } = await customerWrites("panel-page", { displayName: "Page view" }, (uid) => [textEvent("hi", { userId: uid })]);
    const page = await agent.get(`/contacts/${contactId}/panel`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<!DOCTYPE html>");
    expect(html).toContain('href="/contacts.css"');
    const anonymous = await SELF.fetch(`https://linedesk.test/contacts/${contactId}/panel`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/login");
  });
});
