// Finding conversations: view counts, full-text search (Japanese and Thai too),
// and bulk actions on a selection.
import { env, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { conversationOf, drainOutbox, editMeta, indexRow } from "../helpers/conversations";
import { postWebhook, routeLineToSimulator, textEvent, userId, webhookBody } from "../helpers/line";
import { type Agent, login } from "../helpers/session";

let agent: Agent;
beforeAll(async () => {
  agent = await login();
});

async function conversation(seed: string, text: string, name?: string) {
  routeLineToSimulator((call) =>
    name && call.path.startsWith("/v2/bot/profile/") ? new Response(JSON.stringify({ userId: userId(seed), displayName: name, language: "ja" }), { status: 200 }) : null,
  );
  expect((await postWebhook(webhookBody([textEvent(text, { userId: userId(seed) })]))).status).toBe(200);
  const c = await conversationOf({ type: "user", userId: userId(seed) });
  await drainOutbox(c.stub);
  return c;
}

const listIds = async (query: string) => [...(await (await agent.get(`/inbox/list?${query}`)).text()).matchAll(/id="conv-([0-9a-f]{64})"/g)].map((m) => m[1]);

/** The bulk bar's form post, as htmx sends it. */
const bulk = (fields: Array<[string, string]>) =>
  agent.get("/inbox/bulk", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "hx-request": "true", origin: "https://linedesk.test" }, body: new URLSearchParams([["_csrf", agent.csrf], ...fields]) });

describe("search", () => {
  it("finds conversations by words inside messages, in Japanese and Thai as well", async () => {
    const ja = await conversation("search-ja", "注文した商品がまだ届きません");
    const th = await conversation("search-th", "สินค้ายังไม่มาถึงครับ");
    const en = await conversation("search-en", "Where is my refund?");
    expect(await listIds(`q=${encodeURIComponent("まだ届き")}`)).toEqual([ja.id]);
    expect(await listIds(`q=${encodeURIComponent("ยังไม่มา")}`)).toEqual([th.id]);
    expect(await listIds("q=refund")).toEqual([en.id]);
    const none = await (await agent.get("/inbox/list?q=zzzzzz")).text();
    expect(none).toContain("No conversations match");
  });

  it("finds a contact by a two-character name", async () => {
    const c = await conversation("search-name", "hi", "田中 ゆき");
    expect(await listIds(`q=${encodeURIComponent("田中")}`)).toEqual([c.id]);
  });

  it("treats search text as text, not as a query language", async () => {
    await conversation("search-quote", 'say "hello" OR NOT');
    const res = await agent.get(`/inbox/list?q=${encodeURIComponent('"hello" OR')}`);
    expect(res.status).toBe(200);
  });
});

describe("counts and bulk actions", () => {
  it("assigns, tags and resolves a selection at once", async () => {
    const a = await conversation("bulk-a", "one");
    const b = await conversation("bulk-b", "two");
    const ws = await env.DB.prepare("SELECT workspace_id FROM users WHERE email = 'admin@linedesk.test'").first<{ workspace_id: string }>();
    const tagId = `tag_${"0".repeat(15)}bulk1`;
    await env.DB.prepare("INSERT INTO tags (id, workspace_id, name, color, created_at) VALUES (?, ?, 'Bulk', 'blue', 0)").bind(tagId, ws!.workspace_id).run();
    const before = await (await agent.get("/inbox/counts")).json<Record<string, number>>();
    expect((await bulk([["ids", a.id], ["ids", b.id], ["action", "apply"], ["assignee", "me"], ["tag", `add:${tagId}`]])).status).toBe(200);
    expect(await indexRow(a.id)).toMatchObject({ assignee_id: expect.stringMatching(/^usr_/) });
    expect((await listIds(`tag=${tagId}`)).sort()).toEqual([a.id, b.id].sort());
    const mid = await (await agent.get("/inbox/counts")).json<Record<string, number>>();
    expect(mid.mine).toBe((before.mine ?? 0) + 2);
    expect((await bulk([["ids", a.id], ["ids", b.id], ["action", "resolve"]])).status).toBe(200);
    expect(await indexRow(b.id)).toMatchObject({ status: "resolved" });
    const after = await (await agent.get("/inbox/counts")).json<Record<string, number>>();
    expect(after.resolved).toBe((before.resolved ?? 0) + 2);
    expect(after.mine).toBe(before.mine);
  });

  it("takes a tag off a full page of 100 selected conversations, announcing it only where it was", async () => {
    const tagged = [];
    for (let i = 0; i < 18; i++) tagged.push(await conversation(`bulk-untag-${i}`, "hello"));
    const untouched = await conversation("bulk-untag-none", "hello");
    const ws = await env.DB.prepare("SELECT workspace_id FROM users WHERE email = 'admin@linedesk.test'").first<{ workspace_id: string }>();
    const tagId = `tag_${"0".repeat(15)}bulk2`;
    await env.DB.prepare("INSERT INTO tags (id, workspace_id, name, color, created_at) VALUES (?, ?, 'Follow-up', 'green', 0)").bind(tagId, ws!.workspace_id).run();
    // 100 ids (more than D1 binds in one statement): the 19 real ones, the rest unknown and ignored.
    const ids = [...tagged, untouched].map((c) => c.id);
    const page = [...ids, ...Array.from({ length: 100 - ids.length }, (_, i) => (i + 1).toString(16).padStart(64, "f"))];
    const post = (tag: string, only = page) => bulk([...only.map((id): [string, string] => ["ids", id]), ["action", "apply"], ["tag", tag]]);
    expect((await post(`add:${tagId}`, tagged.map((c) => c.id))).status).toBe(200);
    expect((await listIds(`tag=${tagId}`)).sort()).toEqual(tagged.map((c) => c.id).sort());
    // The other customer has the tag on their contact: their conversation shows under it too.
    await env.DB.prepare("INSERT INTO contact_tags (contact_id, tag_id) SELECT contact_id, ? FROM conversations WHERE id = ?").bind(tagId, untouched.id).run();
    expect(await listIds(`tag=${tagId}`)).toContain(untouched.id);
    for (const c of [...tagged, untouched]) await drainOutbox(c.stub);
    // Hold two conversations' event runs, so their outboxes still hold what the removal queued when read below.
    for (const c of [tagged[0]!, untouched]) await editMeta(c.stub, "eventsRanAt", () => Date.now() + 3_600_000);
    const res = await post(`remove:${tagId}`);
    expect(res.status).toBe(200);
    // The toast says what happened, and why one conversation still shows under the tag.
    expect(await res.text()).toContain("Updated 19 conversations. 1 still shows under “Follow-up”: its contact has the tag.");
    expect(await listIds(`tag=${tagId}`)).toEqual([untouched.id]);
    const tagEvents = (stub: DurableObjectStub) =>
      runInDurableObject(stub, (_i: ConversationDO, state) =>
        state.storage.sql
          .exec("SELECT payload FROM events ORDER BY seq")
          .toArray()
          .map((r) => (JSON.parse(String(r.payload)) as { event: { type: string; data: { tag: { id: string } } } }).event)
          .filter((e) => e.type.startsWith("tag.")),
      );
    expect((await tagEvents(tagged[0]!.stub)).map((e) => [e.type, e.data.tag.id])).toEqual([["tag.removed", tagId]]);
    expect(await tagEvents(untouched.stub)).toEqual([]);
    const audited = await env.DB.prepare("SELECT count(*) AS n FROM audit_logs WHERE action = 'conversation.untagged' AND data LIKE ?").bind(`%${tagId}%`).first<{ n: number }>();
    expect(audited?.n).toBe(19);
  });

  it("refuses a tag choice it does not know", async () => {
    const a = await conversation("bulk-badtag", "one");
    const res = await bulk([["ids", a.id], ["action", "apply"], ["tag", "rename:tag_x"]]);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Check the selection");
    const missing = await bulk([["ids", a.id], ["action", "apply"], ["tag", "remove:tag_000000000000000nope1"]]);
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain("That tag does not exist");
    const nothing = await bulk([["ids", a.id], ["action", "apply"], ["assignee", ""], ["tag", ""]]);
    expect(nothing.status).toBe(422);
    expect(await nothing.text()).toContain("Choose whom to assign them to, or a tag, then Apply.");
  });

  it("refuses an empty selection and more than 100 at once", async () => {
    const empty = await bulk([["action", "resolve"]]);
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Select at least one conversation");
    const many = await bulk([...Array.from({ length: 101 }, (_, i): [string, string] => ["ids", i.toString(16).padStart(64, "0")]), ["action", "resolve"]]);
    expect(many.status).toBe(422);
  });

  it("ignores ids from another workspace", async () => {
    await env.DB.prepare("INSERT OR IGNORE INTO workspaces (id, name, created_at) VALUES ('ws_00000000000000other2', 'Other', 0)").run();
    await env.DB.prepare("INSERT OR IGNORE INTO channels (id, workspace_id, name, line_channel_id, channel_secret_enc, access_token_enc, created_at) VALUES ('ch_x', 'ws_00000000000000other2', 'Other OA', '999', 'x', 'x', 0)").run();
    const foreign = "e".repeat(64);
    await env.DB.prepare(
      "INSERT INTO conversations (id, workspace_id, channel_id, source_type, source_id, title, status, last_message_preview, last_message_direction, last_activity_at, unread_count, last_seq, created_at) VALUES (?, 'ws_00000000000000other2', 'ch_x', 'user', 'Ux', 'X', 'open', '', 'inbound', 0, 0, 0, 0)",
    ).bind(foreign).run();
    const res = await bulk([["ids", foreign], ["action", "resolve"]]);
    expect(res.status).toBe(200);
    expect(await env.DB.prepare("SELECT status FROM conversations WHERE id = ?").bind(foreign).first()).toEqual({ status: "open" });
  });
});

describe("search at scale", () => {
  it("lists a common word found in more than 100 conversations (D1 binds at most 100 parameters)", async () => {
    const ws = await env.DB.prepare("SELECT workspace_id FROM users WHERE email = 'admin@linedesk.test'").first<{ workspace_id: string }>();
    const channel = await env.DB.prepare("SELECT id FROM channels WHERE workspace_id = ?").bind(ws!.workspace_id).first<{ id: string }>();
    const statements = [];
    for (let i = 0; i < 150; i++) {
      const id = `a${i.toString(16).padStart(63, "0")}`;
      statements.push(
        env.DB.prepare(
          "INSERT INTO conversations (id, workspace_id, channel_id, source_type, source_id, title, status, last_message_preview, last_message_direction, last_activity_at, unread_count, last_seq, created_at) VALUES (?1, ?2, ?3, 'user', ?1, 'Bulk customer', 'open', 'about my delivery', 'inbound', ?4, 0, 1, 0)",
        ).bind(id, ws!.workspace_id, channel!.id, 1_000 + i),
        env.DB.prepare("INSERT INTO conversation_search (conversation_id, workspace_id, doc_id, content) VALUES (?1, ?2, 'm1', 'question about my delivery')").bind(id, ws!.workspace_id),
      );
    }
    await env.DB.batch(statements);
    const res = await agent.get("/inbox/list?q=delivery");
    expect(res.status).toBe(200);
    const ids = [...(await res.text()).matchAll(/id="conv-([0-9a-f]{64})"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(30);
    // Newest activity first among the matches.
    expect(ids[0]).toBe(`a${(149).toString(16).padStart(63, "0")}`);
  });
});

describe("filter counts", () => {
  it("counts active conversations per team, tag and channel for the Filters menu", async () => {
    const c = await conversation("filter-count", "hello");
    const ws = await env.DB.prepare("SELECT workspace_id FROM users WHERE email = 'admin@linedesk.test'").first<{ workspace_id: string }>();
    const teamId = `team_${"0".repeat(13)}count01`;
    await env.DB.prepare("INSERT INTO teams (id, workspace_id, name, created_at) VALUES (?, ?, 'Counting team', 0)").bind(teamId, ws!.workspace_id).run();
    expect((await agent.post(`/inbox/c/${c.id}/triage`, { team: teamId }, { htmx: true })).status).toBe(200);
    const html = await (await agent.get("/inbox/filters", { headers: { "hx-request": "true" } })).text();
    expect(html).toContain("Counting team (1)");
    expect(html).toMatch(/LINE Official Account \(\d+\)/);
  });
});
