// Work done after LINE gets its 200: profiles, media copied to R2, the index,
// and the live stream agents watch (with catch-up after a reconnect).
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { emit } from "../../src/conversations/emit";
import { runDueJobs } from "../../src/conversations/outbox-run";
import { AFTER_ACK_INTERVAL_MS } from "../../src/conversations/runtime";
import { allDueNow, conversationOf, drainOutbox, indexRow, runtimeOf } from "../helpers/conversations";
import { type LineCall, messageEvent, postWebhook, routeLineToSimulator, textEvent, userId, webhookBody } from "../helpers/line";
import { login } from "../helpers/session";

let restore: (() => void) | null = null;
afterEach(() => restore?.());

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

function fakeLine(profileName: string) {
  const routed = routeLineToSimulator((call: LineCall) => {
    if (call.path.startsWith("/v2/bot/profile/")) {
      return new Response(JSON.stringify({ userId: call.path.split("/").pop(), displayName: profileName, pictureUrl: "https://profile.line-scdn.net/abc", language: "th" }), { status: 200 });
    }
    if (call.path === "/v2/bot/message/9001/content") return new Response(PNG, { status: 200, headers: { "content-type": "image/png" } });
    if (call.path === "/v2/bot/message/9002/content") return new Response(JSON.stringify({ message: "Not found" }), { status: 404 });
    return null;
  });
  restore = routed.restore;
  return routed.calls;
}

/** A 1:1 conversation whose first message and all its after-ack work are done. */
async function settledConversation(key: string) {
  fakeLine("Somchai");
  const uid = userId(key);
  await postWebhook(webhookBody([textEvent("first", { userId: uid })]));
  const { stub } = await conversationOf({ type: "user", userId: uid });
  await drainOutbox(stub);
  return stub;
}

describe("after the ack", () => {
  it("fetches the profile of a new contact once and files the contact in D1", async () => {
    const calls = fakeLine("Somchai");
    const uid = userId("profile");
    await postWebhook(webhookBody([textEvent("สวัสดีครับ", { userId: uid })]));
    await postWebhook(webhookBody([textEvent("มีสินค้าไหม", { userId: uid })]));
    const { id, stub } = await conversationOf({ type: "user", userId: uid });
    await drainOutbox(stub);
    expect(calls.filter((c) => c.path === `/v2/bot/profile/${uid}`)).toHaveLength(1);
    const row = await indexRow(id);
    expect(row).toMatchObject({ title: "Somchai", picture_url: "https://profile.line-scdn.net/abc", unread_count: 2 });
    const contact = await env.DB.prepare("SELECT c.display_name, c.language, i.line_user_id FROM contacts c JOIN contact_identities i ON i.contact_id = c.id WHERE c.id = ?").bind(row?.contact_id).first();
    expect(contact).toEqual({ display_name: "Somchai", language: "th", line_user_id: uid });
    const thread = await stub.thread();
    expect(thread.messages[0]?.senderName).toBe("Somchai");
  });

  it("moves the contact's last-seen time on every message, but rewrites the contact itself only when the profile changed", async () => {
    fakeLine("Kanya");
    const uid = userId("last-seen");
    const t0 = Date.now() - 60_000;
    await postWebhook(webhookBody([textEvent("hello", { userId: uid, timestamp: t0 })]));
    const { id, stub } = await conversationOf({ type: "user", userId: uid });
    await drainOutbox(stub);
    const contactId = (await indexRow(id))?.contact_id;
    const rows = () =>
      env.DB.prepare("SELECT c.display_name, c.updated_at, i.last_seen_at FROM contacts c JOIN contact_identities i ON i.contact_id = c.id WHERE c.id = ?")
        .bind(contactId)
        .first<{ display_name: string; updated_at: number; last_seen_at: number }>();
    const first = await rows();
    expect(first).toMatchObject({ display_name: "Kanya", last_seen_at: t0 });
    // The contact row is rewritten in a later index write than the one that created it;
    // make that write's mark recognisable.
    await env.DB.prepare("UPDATE contacts SET updated_at = 1 WHERE id = ?").bind(contactId).run();

    await postWebhook(webhookBody([textEvent("are you there?", { userId: uid, timestamp: t0 + 30_000 })]));
    await drainOutbox(stub);
    expect(await rows()).toEqual({ display_name: "Kanya", updated_at: 1, last_seen_at: t0 + 30_000 });
  });

  it("indexes a new customer once, already named, in the run that fetched the profile", async () => {
    fakeLine("Nattapong");
    const uid = userId("index-once");
    await postWebhook(webhookBody([textEvent("hello", { userId: uid })]));
    const { id, stub } = await conversationOf({ type: "user", userId: uid });
    await allDueNow(stub);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await indexRow(id)).toMatchObject({ title: "Nattapong", unread_count: 1 });
    // The profile fetch queued the index again; that run wrote it afterwards, so nothing is left to redo.
    const left = await runInDurableObject(stub, (_i: unknown, state: DurableObjectState) => state.storage.sql.exec("SELECT kind FROM outbox").toArray().map((r) => r.kind));
    expect(left).not.toContain("index");
  });

  it("in a busy chat, a message that lands during an index write is indexed one interval after that write began", async () => {
    const stub = await settledConversation("index-busy");
    const seen = await runInDurableObject(stub, async (instance: ConversationDO, state) => {
      const rt = runtimeOf(instance);
      // Only the index write is due: anything the first message left waits an hour.
      state.storage.sql.exec("UPDATE outbox SET next_at = next_at + 3600000 WHERE id != 'index'; UPDATE events SET next_at = next_at + 3600000");
      rt.queueIndex(Date.now(), { now: true });
      const began = Date.now();
      const run = runDueJobs(rt, began);
      // The write is waiting for D1 (its first await): the next message asks for the index again.
      rt.queueIndex();
      await run;
      return { began, ended: Date.now(), due: rt.store.jobAt("index") };
    });
    // Not at once (back-to-back writes for as long as the chat stays busy), and not lost.
    expect(seen.due).toBeGreaterThanOrEqual(seen.began + AFTER_ACK_INTERVAL_MS);
    expect(seen.due).toBeLessThanOrEqual(seen.ended + AFTER_ACK_INTERVAL_MS);
  });

  it("in a busy chat, an event emitted while its run's index write waits joins the next run, one interval after this one began", async () => {
    const stub = await settledConversation("events-busy");
    const seen = await runInDurableObject(stub, async (instance: ConversationDO, state) => {
      const rt = runtimeOf(instance);
      state.storage.sql.exec("UPDATE outbox SET next_at = next_at + 3600000; UPDATE events SET next_at = next_at + 3600000");
      // A quiet spell ends: the index and an event are due now (the last events ran long ago).
      rt.markEventsRan(Date.now() - 10 * AFTER_ACK_INTERVAL_MS);
      rt.queueIndex(Date.now(), { now: true });
      emit(rt, "contact.unfollowed", {}, { kind: "customer" });
      const began = Date.now();
      const run = runDueJobs(rt, began);
      // The run's first job, the index write, waits for D1: the next message's event comes in.
      const late = emit(rt, "contact.unfollowed", {}, { kind: "customer" });
      await run;
      const due = state.storage.sql.exec("SELECT next_at FROM events WHERE payload LIKE ?", `%${late.id}%`).one().next_at;
      return { began, ended: Date.now(), due: Number(due) };
    });
    // Not due at once (a second run straight after this one, twice a second while the chat
    // stays busy), and not lost.
    expect(seen.due).toBeGreaterThanOrEqual(seen.began + AFTER_ACK_INTERVAL_MS);
    expect(seen.due).toBeLessThanOrEqual(seen.ended + AFTER_ACK_INTERVAL_MS);
  });

  it("copies image content to R2 and serves it to a signed-in agent", async () => {
    fakeLine("Image sender");
    const uid = userId("media");
    await postWebhook(webhookBody([messageEvent({ type: "image", id: "9001", quoteToken: "q", contentProvider: { type: "line" } }, { userId: uid })]));
    const { id, stub } = await conversationOf({ type: "user", userId: uid });
    await drainOutbox(stub);
    const [image] = (await stub.thread()).messages;
    expect(image?.mediaKey).toBe(`content/${(await indexRow(id))?.channel_id}/${id}/${image?.id}`);
    const stored = await env.MEDIA.get(image?.mediaKey ?? "");
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(PNG);
    const agent = await login();
    const res = await agent.get(`/inbox/c/${id}/media/${image?.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
  });

  it("keeps the message when LINE no longer has its content, and says so", async () => {
    fakeLine("Late sender");
    const uid = userId("media-gone");
    await postWebhook(webhookBody([messageEvent({ type: "file", id: "9002", fileName: "menu.pdf", fileSize: 1200 }, { userId: uid })]));
    const { id, stub } = await conversationOf({ type: "user", userId: uid });
    await drainOutbox(stub);
    const [file] = (await stub.thread()).messages;
    expect(file).toMatchObject({ body: { type: "file", fileName: "menu.pdf" }, mediaKey: null });
    const agent = await login();
    const res = await agent.get(`/inbox/c/${id}/media/${file?.id}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("LINE no longer has this media");
  });

  it("pushes to the group id in group chats", async () => {
    fakeLine("Member");
    const groupId = `C${"b".repeat(32)}`;
    await postWebhook(webhookBody([textEvent("who is on duty?", { source: { type: "group", groupId, userId: userId("g-member") }, replyToken: null })]));
    const { id, stub } = await conversationOf({ type: "group", groupId });
    await drainOutbox(stub);
    const { sendText } = await import("../../src/conversations/service");
    const sends = routeLineToSimulator((call) => (call.path.endsWith("/push") ? new Response("{}", { status: 200 }) : null));
    expect(await sendText(env, id, { id: null, name: "Agent" }, "I am")).toMatchObject({ status: "sent", via: "push" });
    expect((await indexRow(id))?.title).toBe("Group chat");
    expect(sends.calls.find((c) => c.path === "/v2/bot/message/push")?.body).toMatchObject({ to: groupId, messages: [{ type: "text", text: "I am" }] });
  });
});

describe("live stream", () => {
  async function openSocket(stub: DurableObjectStub, after: number, agent = { id: "usr_a", name: "Aiko" }) {
    const res = await stub.fetch(`https://conversation/live?after=${after}&user=${agent.id}&name=${encodeURIComponent(agent.name)}`, { headers: { upgrade: "websocket" } });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    const frames: Array<{ type: string; seq?: number; html?: string }> = [];
    ws.addEventListener("message", (e) => frames.push(JSON.parse(String(e.data))));
    ws.accept();
    return { ws, frames };
  }

  const until = async (check: () => boolean) => {
    for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  };

  it("replays what a reconnecting agent missed, then streams new messages", async () => {
    fakeLine("Live customer");
    const uid = userId("live");
    await postWebhook(webhookBody([textEvent("one", { userId: uid }), textEvent("two", { userId: uid }), textEvent("three", { userId: uid })]));
    const { stub } = await conversationOf({ type: "user", userId: uid });
    const { ws, frames } = await openSocket(stub, 1);
    await until(() => frames.some((f) => f.type === "ready"));
    const thread = () => frames.filter((f) => f.type === "message" || f.type === "ready");
    expect(thread().map((f) => [f.type, f.seq])).toEqual([["message", 2], ["message", 3], ["ready", 3]]);
    expect(thread()[0]?.html).toContain("two");
    await postWebhook(webhookBody([textEvent("four <b>", { userId: uid })]));
    await until(() => thread().length > 3);
    expect(thread()[3]).toMatchObject({ type: "message", seq: 4 });
    expect(thread()[3]?.html).toContain("four &lt;b&gt;");
    ws.close(1000, "done");
  });

  it("shows who else is viewing and warns when another agent is typing; the customer sees LINE's loading animation", async () => {
    const calls = fakeLine("Typing customer");
    const uid = userId("presence");
    await postWebhook(webhookBody([textEvent("hello?", { userId: uid })]));
    const { stub } = await conversationOf({ type: "user", userId: uid });
    const aiko = await openSocket(stub, 0, { id: "usr_a", name: "Aiko" });
    const ben = await openSocket(stub, 0, { id: "usr_b", name: "Ben" });
    const last = (frames: Array<{ type: string; html?: string }>) => frames.filter((f) => f.type === "presence").at(-1)?.html ?? "";
    await until(() => last(aiko.frames).includes("Ben"));
    expect(last(aiko.frames)).toContain("Also viewing: Ben");
    ben.ws.send(JSON.stringify({ type: "typing" }));
    await until(() => last(aiko.frames).includes("typing"));
    expect(last(aiko.frames)).toContain("Ben is typing a reply");
    expect(last(ben.frames)).not.toContain("Ben is typing");
    await until(() => calls.some((c) => c.path === "/v2/bot/chat/loading/start"));
    expect(calls.filter((c) => c.path === "/v2/bot/chat/loading/start").map((c) => c.body)).toEqual([{ chatId: uid, loadingSeconds: 20 }]);
    // Typing again right away does not call LINE again (rate-limited).
    ben.ws.send(JSON.stringify({ type: "idle" }));
    ben.ws.send(JSON.stringify({ type: "typing" }));
    await until(() => false);
    expect(calls.filter((c) => c.path === "/v2/bot/chat/loading/start")).toHaveLength(1);
    ben.ws.close(1000, "bye");
    await until(() => !last(aiko.frames).includes("Ben"));
    expect(last(aiko.frames)).not.toContain("Ben");
    aiko.ws.close(1000, "bye");
  });
});

describe("a busy conversation's runs", () => {
  it("work through a search backlog a batch per run, the next at once rather than an interval later", async () => {
    fakeLine("Backlog");
    const uid = userId("search-backlog");
    await postWebhook(webhookBody(Array.from({ length: 230 }, (_, i) => textEvent(`parcel ${i}`, { userId: uid }))));
    const { id, stub } = await conversationOf({ type: "user", userId: uid });
    const documents = async () => (await env.DB.prepare("SELECT count(*) AS n FROM conversation_search WHERE conversation_id = ? AND doc_id != 'title'").bind(id).first<{ n: number }>())?.n;
    await allDueNow(stub);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await documents()).toBe(200);
    const indexDue = await runInDurableObject(stub, (_i: unknown, state: DurableObjectState) => Number(state.storage.sql.exec("SELECT next_at FROM outbox WHERE id = 'index'").one().next_at));
    expect(indexDue).toBeLessThanOrEqual(Date.now());
    await drainOutbox(stub);
    expect(await documents()).toBe(230);
  });

  it("wakes once for its index write and its events when they fall due a little apart, but keeps a retry's backoff and other jobs' times", async () => {
    const stub = await settledConversation("busy-one-wake");
    const left = await runInDurableObject(stub, async (instance: ConversationDO, state) => {
      const rt = runtimeOf(instance);
      const now = Date.now();
      // The events are due now; the index write a little later (it began a moment after the last run).
      emit(rt, "contact.unfollowed", {}, { kind: "customer" });
      state.storage.sql.exec("UPDATE events SET next_at = ?", now);
      rt.store.enqueue("index", "index", {}, now + AFTER_ACK_INTERVAL_MS / 2);
      // Not pulled in: a failed event waiting out its backoff, and a job of another kind due soon.
      const retried = emit(rt, "contact.unfollowed", {}, { kind: "customer" });
      state.storage.sql.exec("UPDATE events SET next_at = ?, attempts = 1 WHERE payload LIKE ?", now + 200, `%${retried.id}%`);
      rt.store.enqueue("read", "markAsRead", { token: "t" }, now + 200);
      await runDueJobs(rt, now);
      return {
        jobs: state.storage.sql.exec("SELECT id FROM outbox ORDER BY id").toArray().map((r) => String(r.id)),
        events: state.storage.sql.exec("SELECT payload FROM events").toArray().map((r) => (JSON.parse(String(r.payload)) as { event: { id: string } }).event.id),
        retried: retried.id,
      };
    });
    expect(left.jobs).not.toContain("index");
    expect(left.jobs).toContain("read");
    expect(left.events).toEqual([left.retried]);
  });
});
