// Triage as agents use it: assign, resolve, reopen, snooze and wake, priority,
// pin, tags, notes — each visible in the thread, the audit log and the views.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { hashPassword } from "../../src/lib/crypto";
import { conversationOf, drainOutbox, editMeta, indexRow } from "../helpers/conversations";
import { postWebhook, routeLineToSimulator, textEvent, userId, webhookBody } from "../helpers/line";
import { type Agent, login } from "../helpers/session";

let agent: Agent;
let me: { id: string; workspace: string };
let colleague: string;

beforeAll(async () => {
  agent = await login();
  const row = await env.DB.prepare("SELECT id, workspace_id FROM users WHERE email = 'admin@linedesk.test'").first<{ id: string; workspace_id: string }>();
  me = { id: row!.id, workspace: row!.workspace_id };
  colleague = "usr_0000000000colleague1";
  await env.DB.prepare("INSERT INTO users (id, workspace_id, email, name, password_hash, role, created_at) VALUES (?, ?, 'ben@linedesk.test', 'Ben', ?, 'agent', 0)")
    .bind(colleague, me.workspace, await hashPassword("a-long-password"))
    .run();
  await env.DB.prepare("INSERT INTO teams (id, workspace_id, name, created_at) VALUES ('team_00000000000000thai01', ?, 'Thai-language', 0)").bind(me.workspace).run();
  await env.DB.prepare("INSERT INTO tags (id, workspace_id, name, color, created_at) VALUES ('tag_000000000000000vip01', ?, 'VIP', 'amber', 0)").bind(me.workspace).run();
  // Another workspace with its own agent: never assignable here.
  await env.DB.prepare("INSERT INTO workspaces (id, name, created_at) VALUES ('ws_0000000000000other01', 'Other', 0)").run();
  await env.DB.prepare("INSERT INTO users (id, workspace_id, email, name, password_hash, role, created_at) VALUES ('usr_000000000000outsider', 'ws_0000000000000other01', 'x@other.test', 'Outsider', 'x', 'agent', 0)").run();
});

async function conversation(seed: string, text = "hello") {
  routeLineToSimulator();
  expect((await postWebhook(webhookBody([textEvent(text, { userId: userId(seed) })]))).status).toBe(200);
  const c = await conversationOf({ type: "user", userId: userId(seed) });
  await drainOutbox(c.stub);
  return c;
}

const triage = (id: string, form: Record<string, string>) => agent.post(`/inbox/c/${id}/triage`, form, { htmx: true });
const listIds = async (query: string) => [...(await (await agent.get(`/inbox/list?${query}`)).text()).matchAll(/id="conv-([0-9a-f]{64})"/g)].map((m) => m[1]);
const lines = async (stub: DurableObjectStub<ConversationDO>) => (await stub.thread()).messages.filter((m) => m.body.type === "activity").map((m) => (m.body.type === "activity" ? m.body.text : ""));

describe("assignment", () => {
  it("assigns, reassigns and unassigns with a system line and an audit entry each", async () => {
    const { id, stub } = await conversation("assign");
    expect((await triage(id, { assignee: me.id })).status).toBe(200);
    expect(await indexRow(id)).toMatchObject({ assignee_id: me.id });
    expect(await listIds("view=mine")).toContain(id);
    expect(await listIds("view=unassigned")).not.toContain(id);
    await triage(id, { assignee: colleague });
    await triage(id, { assignee: "none" });
    expect(await lines(stub)).toEqual(["Aiko (admin) took the conversation", "Aiko (admin) assigned the conversation to Ben", "Aiko (admin) unassigned Ben"]);
    const audit = await env.DB.prepare("SELECT action FROM audit_logs WHERE target_id = ? ORDER BY created_at, id").bind(id).all<{ action: string }>();
    expect(audit.results.map((r) => r.action)).toEqual(["conversation.assigned", "conversation.assigned", "conversation.unassigned"]);
    expect(await listIds("view=unassigned")).toContain(id);
  });

  it("refuses an agent from another workspace with a 422 that says why", async () => {
    const { id } = await conversation("assign-foreign");
    const res = await triage(id, { assignee: "usr_000000000000outsider" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("not an active member of this workspace");
    expect(await indexRow(id)).toMatchObject({ assignee_id: null });
  });

  it("assigns a team and filters the list by it", async () => {
    const { id } = await conversation("team");
    await triage(id, { team: "team_00000000000000thai01" });
    expect(await listIds("team=team_00000000000000thai01")).toEqual([id]);
  });

  it("rejects stale forms (no CSRF token) and unknown conversations", async () => {
    const { id } = await conversation("stale");
    expect((await agent.post(`/inbox/c/${id}/triage`, { status: "resolved" }, { csrf: "old-token" })).status).toBe(403);
    expect((await triage("f".repeat(64), { status: "resolved" })).status).toBe(404);
  });
});

describe("status", () => {
  it("resolves, and a new customer message reopens with a system line", async () => {
    const { id, stub } = await conversation("resolve");
    await triage(id, { status: "resolved" });
    expect(await listIds("view=resolved")).toContain(id);
    expect(await listIds("view=all")).not.toContain(id);
    await postWebhook(webhookBody([textEvent("one more question", { userId: userId("resolve") })]));
    await drainOutbox(stub);
    expect(await indexRow(id)).toMatchObject({ status: "open" });
    expect((await lines(stub)).at(-1)).toBe("Reopened: the customer wrote again");
  });

  it("snoozes until a time and wakes on the conversation's alarm", async () => {
    const { id, stub } = await conversation("snooze");
    await triage(id, { snooze: "1h" });
    expect(await indexRow(id)).toMatchObject({ status: "snoozed" });
    expect(await listIds("view=snoozed")).toContain(id);
    // Time passes: make the wake job due, as the alarm would be after an hour.
    await runInDurableObject(stub, (_i: ConversationDO, state) => {
      state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE kind = 'wake'");
    });
    await editMeta(stub, "triage", (triage) => triage && { ...triage, snoozedUntil: 1 });
    await runDurableObjectAlarm(stub);
    await drainOutbox(stub);
    expect(await indexRow(id)).toMatchObject({ status: "open", snoozed_until: null });
    expect((await lines(stub)).at(-1)).toBe("Snooze ended: back in the inbox");
  });

  it("rejects a custom snooze in the past", async () => {
    const { id } = await conversation("snooze-past");
    const res = await triage(id, { snooze_until: "2020-01-01T09:00", tz_offset: "0" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Choose a time in the future");
  });

  it("marks for follow-up and lists it in the Follow-up view", async () => {
    const { id } = await conversation("follow");
    await triage(id, { status: "follow_up" });
    expect(await listIds("view=follow_up")).toEqual([id]);
  });
});

describe("priority, pin and tags", () => {
  it("lists pinned conversations first in every view", async () => {
    const older = await conversation("pin-old");
    await conversation("pin-new");
    await triage(older.id, { pinned: "1" });
    expect((await listIds("view=all"))[0]).toBe(older.id);
    expect(await listIds("view=pinned")).toEqual([older.id]);
    await triage(older.id, { priority: "4" });
    expect(await indexRow(older.id)).toMatchObject({ priority: 4, pinned: 1 });
  });

  it("tags a conversation and filters by the tag; both changes are events for the listeners", async () => {
    const { id, stub } = await conversation("tagged");
    // Hold the conversation's event run an hour, so its outbox still has what the changes queued when read below.
    await editMeta(stub, "eventsRanAt", () => Date.now() + 3_600_000);
    await triage(id, { add_tag: "tag_000000000000000vip01" });
    expect(await listIds("tag=tag_000000000000000vip01")).toEqual([id]);
    await triage(id, { remove_tag: "tag_000000000000000vip01" });
    expect(await listIds("tag=tag_000000000000000vip01")).toEqual([]);
    const tagEvents = await runInDurableObject(stub, (_i: ConversationDO, state) =>
      state.storage.sql
        .exec("SELECT payload FROM events ORDER BY seq")
        .toArray()
        .map((r) => (JSON.parse(String(r.payload)) as { event: { type: string; origin: { kind: string } } }).event)
        .filter((e) => e.type.startsWith("tag.")),
    );
    expect(tagEvents.map((e) => [e.type, e.origin.kind])).toEqual([
      ["tag.added", "agent"],
      ["tag.removed", "agent"],
    ]);
  });
});

describe("notes", () => {
  it("keeps a private note in the thread and never sends it to LINE", async () => {
    const { id, stub } = await conversation("note");
    const routed = routeLineToSimulator();
    const res = await agent.post(`/inbox/c/${id}/notes`, { text: "VIP — refund approved by <b>Ken</b>" }, { htmx: true });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("VIP — refund approved by &lt;b&gt;Ken&lt;/b&gt;");
    const note = (await stub.thread()).messages.at(-1);
    expect(note).toMatchObject({ direction: "note", body: { type: "note", text: "VIP — refund approved by <b>Ken</b>" }, agentName: "Aiko (admin)" });
    expect(routed.calls.filter((c) => c.path.includes("/message/"))).toEqual([]);
    expect((await agent.post(`/inbox/c/${id}/notes`, { text: " " }, { htmx: true })).status).toBe(422);
  });
});
