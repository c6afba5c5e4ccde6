// The inbox as an agent uses it: list, open a thread, reply, errors that explain themselves.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { env, runInDurableObject } from "cloudflare:test";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { AFTER_ACK_INTERVAL_MS } from "../../src/conversations/runtime";
import { PAGE_SIZE } from "../../src/inbox/queries";
import { channelRowId, conversationOf, drainOutbox, indexRow, runtimeOf } from "../helpers/conversations";
import { demoWorkspaceId } from "../helpers/users";
import { messageEvent, postWebhook, routeLineToSimulator, textEvent, userId, webhookBody } from "../helpers/line";
import { type Agent, login } from "../helpers/session";

let agent: Agent;
let restore: (() => void) | null = null;
beforeAll(async () => {
  agent = await login();
});
afterEach(() => restore?.());

async function customerWrites(seed: string, events: unknown[]) {
  const uid = userId(seed);
  expect((await postWebhook(webhookBody(events))).status).toBe(200);
  const conversation = await conversationOf({ type: "user", userId: uid });
  await drainOutbox(conversation.stub);
  return { uid, ...conversation };
}

describe("inbox", () => {
  it("lists conversations with name, preview and unread count, newest first", async () => {
    const routed = routeLineToSimulator();
    restore = routed.restore;
    const older = await customerWrites("list-old", [textEvent("first customer", { userId: userId("list-old"), timestamp: Date.now() - 60_000 })]);
    const newer = await customerWrites("list-new", [textEvent("one", { userId: userId("list-new") }), textEvent("two", { userId: userId("list-new") })]);
    expect(await indexRow(newer.id)).toMatchObject({ unread_count: 2, last_message_preview: "two", status: "open" });
    const html = await (await agent.get("/inbox")).text();
    expect(html.indexOf(`conv-${newer.id}`)).toBeGreaterThan(-1);
    expect(html.indexOf(`conv-${newer.id}`)).toBeLessThan(html.indexOf(`conv-${older.id}`));
  });

  it("escapes customer text everywhere it is shown", async () => {
    const routed = routeLineToSimulator();
    restore = routed.restore;
    const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const { id } = await customerWrites("xss", [textEvent(evil, { userId: userId("xss") })]);
    const page = await (await agent.get(`/inbox/c/${id}`)).text();
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  it("opening a conversation clears its unread count and marks it read on LINE", async () => {
    const routed = routeLineToSimulator();
    restore = routed.restore;
    const { id, stub } = await customerWrites("open-read", [
      messageEvent({ type: "text", id: "7001", quoteToken: "q", text: "hello", markAsReadToken: "read-token-7001" }, { userId: userId("open-read") }),
    ]);
    expect(routed.calls.some((c) => c.path === "/v2/bot/chat/markAsRead")).toBe(false);
    expect((await agent.get(`/inbox/c/${id}`)).status).toBe(200);
    await agent.post(`/inbox/c/${id}/read`, {});
    await drainOutbox(stub);
    expect(await indexRow(id)).toMatchObject({ unread_count: 0 });
    expect(routed.calls.filter((c) => c.path === "/v2/bot/chat/markAsRead").map((c) => c.body)).toEqual([{ markAsReadToken: "read-token-7001" }]);
  });

  it("reading a busy conversation updates its row at once, not after the busy-chat interval", async () => {
    const { id, stub } = await customerWrites("read-at-once", [textEvent("one", { userId: userId("read-at-once") })]);
    await drainOutbox(stub);
    expect(await indexRow(id)).toMatchObject({ unread_count: 1 });
    // As if the row had just been written: the next message's index write waits for the interval.
    const far = Date.now() + 60_000;
    await runInDurableObject(stub, (instance: ConversationDO) => runtimeOf(instance).store.setMeta("indexedAt", far));
    await postWebhook(webhookBody([textEvent("two", { userId: userId("read-at-once") })]));
    const indexDue = () => runInDurableObject(stub, (_i, state) => Number(state.storage.sql.exec("SELECT next_at FROM outbox WHERE id = 'index'").one().next_at));
    expect(await indexDue()).toBe(far + AFTER_ACK_INTERVAL_MS);
    await agent.post(`/inbox/c/${id}/read`, {});
    expect(await indexDue()).toBeLessThanOrEqual(Date.now());
    await drainOutbox(stub);
    expect(await indexRow(id)).toMatchObject({ unread_count: 0 });
  });

  it("sends a reply from the composer and returns the new bubble for htmx", async () => {
    const routed = routeLineToSimulator((call) => (call.path.endsWith("/push") || call.path.endsWith("/reply") ? new Response(JSON.stringify({ sentMessages: [] }), { status: 200 }) : null));
    restore = routed.restore;
    const { id } = await customerWrites("compose", [textEvent("where is my parcel?", { userId: userId("compose") })]);
    const res = await agent.post(`/inbox/c/${id}/messages`, { text: "It arrives tomorrow <b>morning</b>" }, { htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("It arrives tomorrow &lt;b&gt;morning&lt;/b&gt;");
    expect(html).toContain('hx-target="#thread-messages"');
    expect(routed.calls.find((c) => c.path.endsWith("/reply"))?.body).toMatchObject({ messages: [{ type: "text", text: "It arrives tomorrow <b>morning</b>", sender: { name: "Aiko (admin)" } }] });
  });

  it("answers an empty reply with a 422 composer that says what is wrong", async () => {
    const routed = routeLineToSimulator();
    restore = routed.restore;
    const { id } = await customerWrites("empty", [textEvent("hi", { userId: userId("empty") })]);
    const res = await agent.post(`/inbox/c/${id}/messages`, { text: "   " }, { htmx: true });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Write a message before sending");
    const tooLong = await agent.post(`/inbox/c/${id}/messages`, { text: "あ".repeat(5001) }, { htmx: true });
    expect(tooLong.status).toBe(422);
    expect(await tooLong.text()).toContain("at most 5000 characters");
    expect(routed.calls.filter((c) => c.path.includes("/message/"))).toHaveLength(0);
  });

  it("answers 404 for an unknown or malformed conversation id, never 500", async () => {
    expect((await agent.get(`/inbox/c/${"b".repeat(64)}`)).status).toBe(404);
    expect((await agent.get("/inbox/c/not-an-id")).status).toBe(404);
    expect((await agent.post(`/inbox/c/${"b".repeat(64)}/messages`, { text: "hi" })).status).toBe(404);
  });

  it("paginates the list by keyset cursor", async () => {
    // The list reads only the D1 index: rows written straight into it are enough
    // (a webhook per conversation would make this test slow on a busy machine).
    const channelId = await channelRowId();
    const workspaceId = await demoWorkspaceId();
    const base = Date.now() - 3_600_000;
    await env.DB.batch(
      Array.from({ length: PAGE_SIZE + 2 }, (_, i) =>
        env.DB.prepare(
          `INSERT INTO conversations (id, workspace_id, channel_id, source_type, source_id, title, status, bucket, last_message_preview,
             last_message_direction, last_activity_at, unread_count, last_seq, created_at)
           VALUES (?, ?, ?, 'user', ?, ?, 'open', 'active', ?, 'inbound', ?, 1, 1, ?)`,
        ).bind(i.toString(16).padStart(64, "e"), workspaceId, channelId, userId(`page-${i}`), `Customer ${i}`, `msg ${i}`, base + i, base + i),
      ),
    );
    const first = await (await agent.get("/inbox")).text();
    const cursor = /cursor=([^"&]+)/.exec(first)?.[1];
    expect(cursor).toBeTruthy();
    const next = await (await agent.get(`/inbox?cursor=${cursor}`, { headers: { "hx-request": "true" } })).text();
    const ids = (html: string) => [...html.matchAll(/id="conv-([0-9a-f]{64})"/g)].map((m) => m[1]);
    const overlap = ids(first).filter((x) => ids(next).includes(x));
    expect(ids(next).length).toBeGreaterThan(0);
    expect(overlap).toEqual([]);
  });
});
