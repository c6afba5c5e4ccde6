// Notes on a contact with @mentions, and the notifications they create: only for
// the agents mentioned, listed, counted and marked read per user.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { openInboxFeed } from "../helpers/conversations";
import { textEvent } from "../helpers/line";
import { type Agent, login } from "../helpers/session";
import { addAgent, customerWrites, workspaceId } from "./fixtures";

let admin: Agent;
let contactId: string;
let conversationId: string;
beforeAll(async () => {
  admin = await login();
  ({ contactId, conversationId } = await customerWrites("notes", { displayName: "Nok" }, (uid) => [textEvent("where is my order?", { userId: uid })]));
});

const htmx = { htmx: true };
const hx = { headers: { "hx-request": "true" } };

async function notificationsOf(userId: string) {
  return (await env.DB.prepare("SELECT * FROM notifications WHERE user_id = ? ORDER BY created_at").bind(userId).all<Record<string, unknown>>()).results;
}

describe("contact notes", () => {
  it("adds notes, lists them newest first with author and time, and rejects empty ones", async () => {
    await admin.post(`/contacts/${contactId}/notes`, { body: "First: asked about delivery", conversation: conversationId }, htmx);
    const res = await admin.post(`/contacts/${contactId}/notes`, { body: "Second: refund approved", conversation: conversationId }, htmx);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('class="cp-section cp-notes"');
    expect(html.indexOf("Second: refund approved")).toBeLessThan(html.indexOf("First: asked about delivery"));
    expect(html).toContain("Aiko (admin)");
    expect(html).toMatch(/<time[^>]*class="cp-note__time"|class="cp-note__time"[^>]*datetime/);
    const empty = await admin.post(`/contacts/${contactId}/notes`, { body: "   \r\n ", conversation: conversationId }, htmx);
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Write a note before saving");
    const long = await admin.post(`/contacts/${contactId}/notes`, { body: "x".repeat(2001) }, htmx);
    expect(long.status).toBe(422);
    expect(await long.text()).toContain("at most 2,000 characters");
  });

  it("escapes note text", async () => {
    const res = await admin.post(`/contacts/${contactId}/notes`, { body: `<script>alert("n")</script>` }, htmx);
    const html = await res.text();
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert(&quot;n&quot;)&lt;/script&gt;");
  });

  it("notifies only the agent mentioned, never the author, linking to the conversation", async () => {
    const mika = await addAgent("Mika Tanaka");
    const ken = await addAgent("Ken Watanabe");
    const res = await admin.post(`/contacts/${contactId}/notes`, { body: "@Mika Tanaka can you call her back? cc @Aiko (admin)", conversation: conversationId }, htmx);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<strong class="cp-mention">@Mika Tanaka</strong>');
    const mine = await notificationsOf(mika.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: "mention", conversation_id: conversationId, contact_id: contactId, read_at: null });
    // The note's words are stored; the sentence around them is written in each reader's language.
    expect(String(mine[0]?.body)).toBe("@Mika Tanaka can you call her back? cc @Aiko (admin)");
    expect(await notificationsOf(ken.id)).toHaveLength(0);
    const adminId = (await env.DB.prepare("SELECT id FROM users WHERE email = 'admin@linedesk.test'").first<{ id: string }>())?.id ?? "";
    expect(await notificationsOf(adminId)).toHaveLength(0);
    // A unique first name works too; an e-mail address is not a mention.
    await admin.post(`/contacts/${contactId}/notes`, { body: "@ken please check. Mail mika@example.com" }, htmx);
    expect(await notificationsOf(ken.id)).toHaveLength(1);
    expect(await notificationsOf(mika.id)).toHaveLength(1);
  });

  it("suggests teammates while typing @ and completes the mention", async () => {
    await addAgent("Somsak Chai");
    const suggest = await admin.post(`/contacts/${contactId}/notes/mentions`, { body: "please ask @som", conversation: conversationId }, htmx);
    expect(suggest.status).toBe(200);
    const list = await suggest.text();
    expect(list).toContain("Somsak Chai");
    expect(list).not.toContain("Aiko (admin)");
    const somsak = /hx-vals="\{&quot;mention&quot;:&quot;([a-z0-9_]+)&quot;\}"[^>]*>[\s\S]*?Somsak Chai/.exec(list)?.[1];
    expect(somsak).toBeTruthy();
    const nothing = await admin.post(`/contacts/${contactId}/notes/mentions`, { body: "no mention here" }, htmx);
    expect(await nothing.text()).toBe("");
    const done = await admin.post(`/contacts/${contactId}/notes/complete`, { body: "please ask @som", conversation: conversationId, mention: somsak ?? "" }, htmx);
    expect(done.status).toBe(200);
    const form = await done.text();
    expect(form).toMatch(/<textarea[^>]*autofocus[^>]*>please ask @Somsak Chai <\/textarea>/);
    expect((await admin.post(`/contacts/${contactId}/notes/complete`, { body: "@x", mention: "usr_00000000000000000000" }, htmx)).status).toBe(404);
  });
});

describe("notifications", () => {
  async function mentionedAgent(name: string) {
    const agent = await addAgent(name);
    await admin.post(`/contacts/${contactId}/notes`, { body: `@${name} over to you`, conversation: conversationId }, htmx);
    const [n] = await notificationsOf(agent.id);
    return { agent, id: String(n?.id) };
  }

  it("lists, counts and reads only the signed-in agent's notifications", async () => {
    const { agent: noi, id } = await mentionedAgent("Noi Srisuk");
    const bystander = await addAgent("Bystander Bee");
    const count = await noi.get("/notifications/count", hx);
    expect(await count.text()).toMatch(/id="notification-count"[^>]*data-count="1"/);
    expect(await (await bystander.get("/notifications/count", hx)).text()).toMatch(/data-count="0" hidden/);
    const menu = await (await noi.get("/notifications", hx)).text();
    expect(menu).toContain("Aiko (admin) mentioned you in a note on Nok");
    expect(menu).toContain(`href="/inbox/c/${conversationId}"`);
    expect(menu).toContain(`hx-post="/notifications/${id}/open"`);
    expect(menu).toContain("Mark all read");
    const other = await (await bystander.get("/notifications", hx)).text();
    expect(other).not.toContain("mentioned you");
    expect(other).toContain("all caught up");
    // Someone else's notification: 404, and it stays unread.
    expect((await bystander.post(`/notifications/${id}/open`, {}, htmx)).status).toBe(404);
    expect((await bystander.post("/notifications/read", { id }, htmx)).status).toBe(404);
    expect((await notificationsOf(noi.id))[0]?.read_at).toBeNull();
    // Opening it marks it read and sends the browser to the conversation.
    const open = await noi.post(`/notifications/${id}/open`, {}, htmx);
    expect(open.status).toBe(200);
    expect(open.headers.get("hx-redirect")).toBe(`/inbox/c/${conversationId}`);
    expect((await notificationsOf(noi.id))[0]?.read_at).not.toBeNull();
    expect(await (await noi.get("/notifications/count", hx)).text()).toContain('data-count="0"');
    // Still listed as recent, no longer unread.
    const after = await (await noi.get("/notifications", hx)).text();
    expect(after).toContain("mentioned you");
    expect(after).not.toContain("is-unread");
  });

  it("marks all read for this agent only", async () => {
    const { agent: a } = await mentionedAgent("Anan Kaew");
    await admin.post(`/contacts/${contactId}/notes`, { body: "@Anan Kaew and another", conversation: conversationId }, htmx);
    const { agent: b } = await mentionedAgent("Busaba Thong");
    const res = await a.post("/notifications/read", {}, htmx);
    expect(res.status).toBe(200);
    expect(res.headers.get("hx-trigger")).toContain("notifications-changed");
    expect(await res.text()).not.toContain("is-unread");
    expect((await notificationsOf(a.id)).every((n) => n.read_at !== null)).toBe(true);
    expect((await notificationsOf(b.id)).every((n) => n.read_at === null)).toBe(true);
    // Without htmx: a plain form post redirects back.
    const plain = await b.post("/notifications/read", {});
    expect(plain.status).toBe(303);
  });

  it("escapes notification text", async () => {
    const agent = await addAgent("Escape Tester");
    await admin.post(`/contacts/${contactId}/notes`, { body: `@Escape Tester <img src=x onerror=alert(1)>`, conversation: conversationId }, htmx);
    const menu = await (await agent.get("/notifications", hx)).text();
    expect(menu).not.toContain("<img src=x");
    expect(menu).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("pushes a new mention live to the mentioned agent's open inboxes only", async () => {
    const listen = async (userId: string) => openInboxFeed<{ type: string; html?: string; count?: number }>(await workspaceId(), userId);
    const pim = await addAgent("Pim Live");
    const other = await addAgent("Other Live");
    const pimSocket = await listen(pim.id);
    const otherSocket = await listen(other.id);
    await admin.post(`/contacts/${contactId}/notes`, { body: "@Pim Live <b>urgent</b>", conversation: conversationId }, htmx);
    const notification = () => pimSocket.frames.find((f) => f.type === "notification");
    for (let i = 0; i < 100 && !notification(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(notification()).toMatchObject({ type: "notification", count: 1 });
    expect(notification()?.html).toMatch(/^<li class="nf-item is-unread" id="nf-ntf_/);
    expect(notification()?.html).toContain("mentioned you in a note on Nok");
    expect(notification()?.html).toContain("&lt;b&gt;urgent&lt;/b&gt;");
    expect(otherSocket.frames.some((f) => f.type === "notification")).toBe(false);
    pimSocket.ws.close(1000, "done");
    otherSocket.ws.close(1000, "done");
  });

  it("requires a session", async () => {
    const { SELF } = await import("cloudflare:test");
    const res = await SELF.fetch("https://linedesk.test/notifications/count", { headers: { "hx-request": "true" } });
    expect(res.status).toBe(401);
  });
});
