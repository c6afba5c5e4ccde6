// The REST API on conversations: filtered keyset lists, one conversation,
// triage that reads in the thread and the audit log exactly like an agent's
// (actor "API · <token name>"), tags, and another workspace's ids as 404.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { newId } from "../../src/lib/ids";
import { ORIGIN } from "../helpers/session";
import { createUser, createWorkspace, demoWorkspaceId } from "../helpers/users";
import { type Api, api, customerConversation, errorOf, insertToken, type TestToken } from "./helpers";

interface ConversationJson {
  id: string;
  status: string;
  assignee: { id: string; name: string | null } | null;
  team: { id: string; name: string | null } | null;
  priority: number;
  pinned: boolean;
  snoozedUntil: string | null;
  tags: Array<{ id: string; name: string }>;
  lastActivityAt: string;
}

let workspaceId: string;
let token: TestToken;
let zendesk: Api;
let agentId: string;
const teamId = newId("team");
const tagId = newId("tag");

beforeAll(async () => {
  workspaceId = await demoWorkspaceId();
  token = await insertToken(workspaceId, { name: "Zendesk sync" });
  zendesk = api(token.token);
  agentId = (await createUser({ role: "agent", name: "Ploy" })).id;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO teams (id, workspace_id, name, created_at) VALUES (?, ?, 'Billing', 0)").bind(teamId, workspaceId),
    env.DB.prepare("INSERT INTO tags (id, workspace_id, name, color, created_at) VALUES (?, ?, 'Refund', 'red', 0)").bind(tagId, workspaceId),
  ]);
});

const lines = async (stub: DurableObjectStub<ConversationDO>) =>
  (await stub.thread()).messages.flatMap((m) => (m.body.type === "activity" ? [m.body.text] : []));
const auditOf = async (id: string) =>
  (await env.DB.prepare("SELECT action, actor_id FROM audit_logs WHERE target_id = ? ORDER BY created_at, id").bind(id).all<{ action: string; actor_id: string }>()).results;
const listIds = async (query: string) => (await (await zendesk.get(`/conversations?${query}`)).json<{ data: ConversationJson[] }>()).data.map((c) => c.id);

describe("triage", () => {
  it("assigns, moves, prioritises, pins and resolves with the agent's system lines and audit entries", async () => {
    const { id, stub } = await customerConversation("api-conv-triage");
    const res = await zendesk.send("PATCH", `/conversations/${id}`, { assigneeId: agentId, teamId, priority: 3, pinned: true, status: "resolved" });
    expect(res.status).toBe(200);
    const { data } = await res.json<{ data: ConversationJson }>();
    expect(data).toMatchObject({ status: "resolved", assignee: { id: agentId, name: "Ploy" }, team: { id: teamId, name: "Billing" }, priority: 3, pinned: true });
    expect(await lines(stub)).toEqual([
      "API · Zendesk sync assigned the conversation to Ploy",
      "API · Zendesk sync moved the conversation to team Billing",
      "API · Zendesk sync set priority to High",
      "API · Zendesk sync pinned the conversation",
      "API · Zendesk sync resolved the conversation",
    ]);
    const audit = await auditOf(id);
    expect(audit.map((a) => a.action)).toEqual(["conversation.assigned", "conversation.team", "conversation.priority", "conversation.pinned", "conversation.status"]);
    expect(new Set(audit.map((a) => a.actor_id))).toEqual(new Set([token.id]));
    // Unassigning and taking the team off again.
    const cleared = await (await zendesk.send("PATCH", `/conversations/${id}`, { assigneeId: null, teamId: null, status: "open" })).json<{ data: ConversationJson }>();
    expect(cleared.data).toMatchObject({ assignee: null, team: null, status: "open" });
    expect((await lines(stub)).slice(-3)).toEqual(["API · Zendesk sync unassigned Ploy", "API · Zendesk sync removed the team Billing", "API · Zendesk sync opened the conversation"]);
  });

  it("snoozes until a time, and refuses a snooze in the past or without a time", async () => {
    const { id } = await customerConversation("api-conv-snooze");
    const until = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const res = await zendesk.send("PATCH", `/conversations/${id}`, { status: "snoozed", snoozedUntil: until });
    expect(res.status).toBe(200);
    expect((await res.json<{ data: ConversationJson }>()).data).toMatchObject({ status: "snoozed", snoozedUntil: until });
    const past = await zendesk.send("PATCH", `/conversations/${id}`, { status: "snoozed", snoozedUntil: "2020-01-01T00:00:00Z" });
    expect(past.status).toBe(422);
    expect(await errorOf(past)).toBe("snoozedUntil: Choose a time in the future to snooze until.");
    const missing = await zendesk.send("PATCH", `/conversations/${id}`, { status: "snoozed" });
    expect(missing.status).toBe(422);
    expect(await errorOf(missing)).toBe("snoozedUntil: snoozedUntil is required to snooze");
  });

  it("changes nothing when one field is wrong, and says which", async () => {
    const { id, stub } = await customerConversation("api-conv-invalid");
    const outsider = await createUser({ role: "agent", workspaceId: await createWorkspace("Elsewhere") });
    const foreign = await zendesk.send("PATCH", `/conversations/${id}`, { priority: 4, assigneeId: outsider.id });
    expect(foreign.status).toBe(422);
    expect(await errorOf(foreign)).toBe("assigneeId: That agent is not an active member of this workspace.");
    const team = await zendesk.send("PATCH", `/conversations/${id}`, { teamId: newId("team") });
    expect(await errorOf(team)).toBe("teamId: That team does not exist in this workspace.");
    expect((await zendesk.send("PATCH", `/conversations/${id}`, { priority: 9 })).status).toBe(422);
    expect(await errorOf(await zendesk.send("PATCH", `/conversations/${id}`, { colour: "red" }))).toContain("colour");
    expect(await errorOf(await zendesk.send("PATCH", `/conversations/${id}`, {}))).toContain("send at least one");
    expect(await lines(stub)).toEqual([]);
    expect(await auditOf(id)).toEqual([]);
  });

  it("answers 415 for a non-JSON body and 400 for malformed JSON", async () => {
    const { id } = await customerConversation("api-conv-415");
    const url = `${ORIGIN}/api/v1/conversations/${id}`;
    const formPost = await SELF.fetch(url, { method: "PATCH", headers: { authorization: `Bearer ${token.token}`, "content-type": "application/x-www-form-urlencoded" }, body: "status=resolved" });
    expect(formPost.status).toBe(415);
    const broken = await SELF.fetch(url, { method: "PATCH", headers: { authorization: `Bearer ${token.token}`, "content-type": "application/json" }, body: "{status:" });
    expect(broken.status).toBe(400);
    expect(await errorOf(broken)).toMatch(/JSON/);
  });
});

describe("tags", () => {
  it("adds and removes a tag, audited, and refuses unknown tags", async () => {
    const { id } = await customerConversation("api-conv-tags");
    const added = await zendesk.send("POST", `/conversations/${id}/tags`, { tagId });
    expect(added.status).toBe(200);
    expect((await added.json<{ data: Array<{ id: string; name: string }> }>()).data).toEqual([{ id: tagId, name: "Refund", color: "red" }]);
    expect(await listIds(`tag=${tagId}`)).toContain(id);
    const unknown = await zendesk.send("POST", `/conversations/${id}/tags`, { tagId: newId("tag") });
    expect(unknown.status).toBe(422);
    expect(await errorOf(unknown)).toBe("tagId: That tag does not exist in this workspace.");
    const removed = await zendesk.send("DELETE", `/conversations/${id}/tags/${tagId}`);
    expect((await removed.json<{ data: unknown[] }>()).data).toEqual([]);
    expect(await listIds(`tag=${tagId}`)).not.toContain(id);
    expect((await zendesk.send("DELETE", `/conversations/${id}/tags/${newId("tag")}`)).status).toBe(404);
    const audit = await auditOf(id);
    expect(audit).toEqual([
      { action: "conversation.tagged", actor_id: token.id },
      { action: "conversation.untagged", actor_id: token.id },
    ]);
  });
});

describe("listing", () => {
  it("filters by status, assignee, team, tag, channel and activity time", async () => {
    const a = await customerConversation("api-conv-list-a");
    const b = await customerConversation("api-conv-list-b");
    await zendesk.send("PATCH", `/conversations/${a.id}`, { assigneeId: agentId, teamId, status: "follow_up" });
    await zendesk.send("POST", `/conversations/${a.id}/tags`, { tagId });
    expect(await listIds("status=follow_up")).toContain(a.id);
    expect(await listIds("status=follow_up")).not.toContain(b.id);
    expect(await listIds(`assignee=${agentId}`)).toEqual([a.id]);
    expect(await listIds("assignee=none")).toContain(b.id);
    expect(await listIds("assignee=none")).not.toContain(a.id);
    expect(await listIds(`team=${teamId}`)).toEqual([a.id]);
    expect(await listIds(`tag=${tagId}&status=follow_up`)).toEqual([a.id]);
    const channel = await env.DB.prepare("SELECT channel_id FROM conversations WHERE id = ?").bind(b.id).first<{ channel_id: string }>();
    expect(await listIds(`channel=${channel?.channel_id}`)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await listIds(`channel=${newId("ch")}`)).toEqual([]);
    const row = (await (await zendesk.get(`/conversations/${b.id}`)).json<{ data: ConversationJson }>()).data;
    expect(await listIds(`updatedSince=${encodeURIComponent(row.lastActivityAt)}`)).toContain(b.id);
    expect(await listIds(`updatedSince=${encodeURIComponent(new Date(Date.parse(row.lastActivityAt) + 1).toISOString())}`)).not.toContain(b.id);
  });

  it("pages with a keyset cursor and rejects bad queries with 400", async () => {
    await customerConversation("api-conv-page-1");
    await customerConversation("api-conv-page-2");
    await customerConversation("api-conv-page-3");
    const seen: string[] = [];
    let cursor: string | null = "";
    for (let i = 0; i < 50 && cursor !== null; i++) {
      const page: { data: ConversationJson[]; nextCursor: string | null } = await (await zendesk.get(`/conversations?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`)).json();
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((c) => c.id));
      cursor = page.nextCursor;
    }
    const all = await env.DB.prepare("SELECT COUNT(*) AS n FROM conversations WHERE workspace_id = ?").bind(workspaceId).first<{ n: number }>();
    expect(seen.length).toBe(all?.n);
    expect(new Set(seen).size).toBe(seen.length);
    const bad = await zendesk.get("/conversations?status=closed");
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatch(/^status: /);
    expect((await zendesk.get("/conversations?limit=0")).status).toBe(400);
    expect((await zendesk.get("/conversations?updatedSince=yesterday")).status).toBe(400);
  });
});

describe("another workspace", () => {
  it("sees none of this workspace's conversations: lists are empty and ids are 404", async () => {
    const { id } = await customerConversation("api-conv-foreign");
    // Its owner reads it first, so where it belongs is kept in memory: that must not open it to others.
    expect((await zendesk.get(`/conversations/${id}/messages`)).status).toBe(200);
    const other = api((await insertToken(await createWorkspace("Other shop"), { name: "Their bot" })).token);
    expect((await (await other.get("/conversations")).json<{ data: unknown[] }>()).data).toEqual([]);
    for (const res of [
      await other.get(`/conversations/${id}`),
      await other.get(`/conversations/${id}/messages`),
      await other.get(`/conversations/${id}/notes`),
      await other.send("PATCH", `/conversations/${id}`, { status: "resolved" }),
      await other.send("POST", `/conversations/${id}/messages`, { text: "hi" }),
      await other.send("POST", `/conversations/${id}/tags`, { tagId }),
    ]) {
      expect(res.status).toBe(404);
      expect(await errorOf(res)).toBe("Conversation not found");
    }
    expect((await (await zendesk.get(`/conversations/${id}`)).json<{ data: ConversationJson }>()).data.status).toBe("open");
    expect((await zendesk.get("/conversations/not-an-id")).status).toBe(404);
  });
});
