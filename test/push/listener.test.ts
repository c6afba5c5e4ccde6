// Who a customer message notifies: the assignee's devices (Mine), else the
// conversation's team or everyone (Unassigned) — each person only for what they
// chose, in their own language, with "hide message text" respected, once per
// event and device even when the listener runs again.
import type { ConversationPort } from "../../src/conversations/port";
import { env } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DomainEventOf } from "../../src/conversations/events";
import { newId } from "../../src/lib/ids";
import { pushListener } from "../../src/push/listener";
import { pushSlaBreach } from "../../src/push/sla";
import { drainConversation, fakeLine, newWorkspace, type Setup } from "../outbound-webhooks/helpers";
import { customerOf as customer, pushesTo, pushService, readPush, subscribeDevice, type TestDevice } from "./helpers";

let setup: Setup;
let admin: TestDevice;
let agent: TestDevice;
let supervisor: TestDevice;

async function setPrefs(userId: string, prefs: Partial<Record<"mine" | "unassigned" | "mentions" | "sla" | "hide_text", number>>) {
  const row = { mine: 1, unassigned: 1, mentions: 1, sla: 1, hide_text: 0, ...prefs };
  await env.DB.prepare(
    "INSERT INTO notification_preferences (user_id, workspace_id, mine, unassigned, mentions, sla, hide_text, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (user_id) DO UPDATE SET mine = excluded.mine, unassigned = excluded.unassigned, mentions = excluded.mentions, sla = excluded.sla, hide_text = excluded.hide_text",
  )
    .bind(userId, setup.workspaceId, row.mine, row.unassigned, row.mentions, row.sla, row.hide_text)
    .run();
}

beforeAll(async () => {
  setup = await newWorkspace("Push", ["agent", "supervisor"]);
  const people = setup.people as Required<Setup["people"]>;
  await env.DB.prepare("UPDATE users SET language = 'ja' WHERE id = ?").bind(people.agent.id).run();
  admin = await subscribeDevice(setup.workspaceId, setup.admin.id);
  agent = await subscribeDevice(setup.workspaceId, people.agent.id);
  supervisor = await subscribeDevice(setup.workspaceId, people.supervisor.id);
});

// Every test starts from the defaults: everyone active, every category on, text shown.
beforeEach(async () => {
  await env.DB.prepare("DELETE FROM notification_preferences WHERE workspace_id = ?").bind(setup.workspaceId).run();
  await env.DB.prepare("UPDATE users SET active = 1 WHERE workspace_id = ?").bind(setup.workspaceId).run();
});

describe("customer messages", () => {
  it("an unassigned conversation notifies everyone who wants Unassigned, each in their language", async () => {
    fakeLine();
    await setPrefs(setup.people.supervisor?.id ?? "", { unassigned: 0 });
    const pushes = pushService();
    const yuki = customer(setup, "unassigned");
    await yuki.says("Is my order 注文 shipped yet?");

    expect(pushesTo(pushes, supervisor)).toHaveLength(0);
    const [toAdmin] = pushesTo(pushes, admin);
    const [toAgent] = pushesTo(pushes, agent);
    if (!toAdmin || !toAgent) throw new Error("admin and agent should each get one push");
    expect(await readPush(toAdmin, admin)).toEqual({ title: "Yuki · Unassigned", body: "Is my order 注文 shipped yet?", url: `/inbox/c/${yuki.id()}`, tag: `conversation-${yuki.id()}`, category: "unassigned" });
    expect((await readPush(toAgent, agent)).title).toBe("Yuki · 未割り当て");
    expect(toAdmin.headers.urgency).toBe("normal");
    expect(Number(toAdmin.headers.ttl)).toBeGreaterThan(3 * 60 * 60);
    expect(toAdmin.headers.topic).toMatch(/^[0-9a-f]{32}$/);
    expect(toAdmin.headers["content-encoding"]).toBe("aes128gcm");
    expect(toAdmin.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=/);
  });

  it("an assigned conversation notifies only the assignee (Mine), urgently", async () => {
    fakeLine();
    const yuki = customer(setup, "mine");
    await yuki.says("hello");
    const agentUser = setup.people.agent ?? setup.admin;
    await yuki.stub().triage({ kind: "assign", assignee: { id: agentUser.id, name: agentUser.name } }, { id: setup.admin.id, name: setup.admin.name });
    // The assignment's own push ("Assigned to you", test/push/assigned.test.ts) goes out first.
    await drainConversation(yuki.stub());
    const pushes = pushService();
    await yuki.says("Can I change the size to M?");
    expect(pushes.map((p) => p.endpoint)).toEqual([agent.endpoint]);
    const [toAgent] = pushes;
    if (!toAgent) throw new Error("no push");
    expect(await readPush(toAgent, agent)).toMatchObject({ title: "Yuki", body: "Can I change the size to M?", category: "mine" });
    expect(toAgent.headers.urgency).toBe("high");

    // Mine switched off: nothing.
    await setPrefs(agentUser.id, { mine: 0 });
    const none = pushService();
    await yuki.says("Hello?");
    expect(none).toHaveLength(0);
  });

  it("an unassigned conversation of a team notifies that team's members only", async () => {
    fakeLine();
    const teamId = newId("team");
    await env.DB.prepare("INSERT INTO teams (id, workspace_id, name, created_at) VALUES (?, ?, 'Thai desk', 0)").bind(teamId, setup.workspaceId).run();
    await env.DB.prepare("INSERT INTO team_members (team_id, user_id) VALUES (?, ?)").bind(teamId, setup.people.supervisor?.id).run();
    const somchai = customer(setup, "team");
    await somchai.says("สวัสดีครับ");
    await somchai.stub().triage({ kind: "team", team: { id: teamId, name: "Thai desk" } }, { id: setup.admin.id, name: setup.admin.name });
    const pushes = pushService();
    await somchai.says("ขอบคุณครับ");
    expect(pushes.map((p) => p.endpoint)).toEqual([supervisor.endpoint]);
  });

  it("hide message text: the push says who wrote, never what", async () => {
    fakeLine();
    await setPrefs(setup.admin.id, { hide_text: 1 });
    const pushes = pushService();
    await customer(setup, "hidden").says("My card number is 4111 1111 1111 1111");
    const [toAdmin] = pushesTo(pushes, admin);
    if (!toAdmin) throw new Error("no push");
    const payload = await readPush(toAdmin, admin);
    expect(payload).toMatchObject({ title: "Yuki · Unassigned", body: "New message" });
    expect(JSON.stringify(payload)).not.toContain("4111");
  });

  it("says what kind of message it was when there is no text, and skips deactivated people", async () => {
    fakeLine();
    await env.DB.prepare("UPDATE users SET active = 0 WHERE id = ?").bind(setup.people.supervisor?.id).run();
    const pushes = pushService();
    const yuki = customer(setup, "sticker");
    await yuki.post([
      {
        type: "message",
        timestamp: Date.now(),
        mode: "active",
        webhookEventId: `01STICKER${Date.now()}`.slice(0, 26).padEnd(26, "0"),
        deliveryContext: { isRedelivery: false },
        source: { type: "user", userId: yuki.uid },
        replyToken: `rt-sticker-${Date.now()}`,
        message: { type: "sticker", id: String(Date.now()), packageId: "446", stickerId: "1988", stickerResourceType: "STATIC", quoteToken: "q" },
      },
    ]);
    expect(pushesTo(pushes, supervisor)).toHaveLength(0);
    const [toAdmin] = pushesTo(pushes, admin);
    if (!toAdmin) throw new Error("no push");
    expect((await readPush(toAdmin, admin)).body).toBe("Sent a sticker");
    const [toAgent] = pushesTo(pushes, agent);
    if (!toAgent) throw new Error("no push to the agent");
    expect((await readPush(toAgent, agent)).body).toBe("スタンプが送信されました");
  });

  it("a retried event pushes once per device", async () => {
    fakeLine();
    const yuki = customer(setup, "retry");
    await yuki.says("first");
    const event: DomainEventOf<"message.received"> = {
      id: newId("evt"),
      type: "message.received",
      at: Date.now(),
      workspaceId: setup.workspaceId,
      channelId: setup.channelId,
      conversationId: yuki.id(),
      sourceType: "user",
      contactId: "ct_known",
      lineUserId: yuki.uid,
      origin: { kind: "customer" },
      data: {
        message: { id: "msg_x", direction: "inbound", type: "text", text: "again", body: { type: "text", text: "again" }, lineMessageId: null, senderLineUserId: yuki.uid, agentId: null, agentName: null, createdAt: Date.now() },
        redelivered: false,
        standby: false,
      },
    };
    const pushes = pushService();
    // The push listener reads nothing of the conversation: a port that refuses every call proves it.
    const conversation = new Proxy({}, { get: () => { throw new Error("the push listener should not use the conversation port"); } }) as ConversationPort;
    const ctx = { env, contactId: async () => "ct_known", conversation, memory: new Map<string, unknown>() };
    await pushListener.handle(event, ctx);
    await pushListener.handle(event, ctx);
    expect(pushesTo(pushes, admin)).toHaveLength(1);
    expect(pushesTo(pushes, agent)).toHaveLength(1);
    // Standby messages (another channel answers) and agents' own words notify nobody.
    const quiet = pushService();
    await pushListener.handle({ ...event, id: newId("evt"), data: { ...event.data, standby: true } }, ctx);
    await pushListener.handle({ ...event, id: newId("evt"), origin: { kind: "agent", userId: setup.admin.id, name: "Admin" } }, ctx);
    expect(quiet).toHaveLength(0);
  });
});

describe("SLA breaches (wired now, sent once SLA policies exist)", () => {
  it("goes to the assignee and the supervisors who chose SLA breaches, once per breach", async () => {
    fakeLine();
    const yuki = customer(setup, "sla");
    await yuki.says("still waiting");
    const agentUser = setup.people.agent ?? setup.admin;
    await yuki.stub().triage({ kind: "assign", assignee: { id: agentUser.id, name: agentUser.name } }, { id: setup.admin.id, name: setup.admin.name });
    const pushes = pushService();
    const breach = { workspaceId: setup.workspaceId, conversationId: yuki.id(), breachId: "first-response-1" };
    expect((await pushSlaBreach(env, breach)).sent).toBe(2);
    expect((await pushSlaBreach(env, breach)).sent).toBe(0);
    // Supervisors hear of every breach too; the admin (neither) does not.
    expect(pushes.map((p) => p.endpoint).sort()).toEqual([agent.endpoint, supervisor.endpoint].sort());
    const toAgent = pushesTo(pushes, agent)[0];
    if (!toAgent) throw new Error("no push to the assignee");
    expect(await readPush(toAgent, agent)).toMatchObject({ title: "SLA 違反 · Yuki", category: "sla", url: `/inbox/c/${yuki.id()}` });
    await setPrefs(agentUser.id, { sla: 0 });
    await setPrefs(setup.people.supervisor?.id ?? "", { sla: 0 });
    expect((await pushSlaBreach(env, { ...breach, breachId: "first-response-2" })).sent).toBe(0);
  });
});
