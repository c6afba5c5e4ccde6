// A conversation assigned to an agent by someone else tells that agent: an
// `assigned` notification in the bell (in their language) and a push to their
// devices (Mine). Taking it yourself tells nobody; an automation's assignment
// says it was automatic; Mine switched off means no push, the bell still has it.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { renderNotificationFor } from "../../src/contacts/notify";
import { conversationKeyName } from "../../src/conversations/model";
import { postWebhook, textEvent, webhookBody } from "../helpers/line";
import { drainConversation, fakeLine, newWorkspace, type Setup } from "../outbound-webhooks/helpers";
import { customerOf, pushesTo, pushService, readPush, subscribeDevice, type TestDevice } from "./helpers";

let setup: Setup;
let agentDevice: TestDevice;
let adminDevice: TestDevice;
let yuki: ReturnType<typeof customerOf>;

const agent = () => setup.people.agent ?? setup.admin;

async function assignedRows() {
  const { results } = await env.DB.prepare("SELECT id, user_id, actor_id, conversation_id FROM notifications WHERE workspace_id = ? AND kind = 'assigned' ORDER BY created_at, id").bind(setup.workspaceId).all<{ id: string; user_id: string; actor_id: string | null; conversation_id: string }>();
  return results;
}

async function assign(to: { id: string; name: string } | null, actor: { id: string | null; name: string; origin?: { kind: "automation"; rule: string } }) {
  const pushes = pushService();
  await yuki.stub().triage({ kind: "assign", assignee: to }, actor);
  await drainConversation(yuki.stub());
  return pushes;
}

beforeAll(async () => {
  setup = await newWorkspace("Assigned", ["agent"]);
  await env.DB.prepare("UPDATE users SET name = 'Ploy Srisuk', language = 'th' WHERE id = ?").bind(agent().id).run();
  agentDevice = await subscribeDevice(setup.workspaceId, agent().id);
  adminDevice = await subscribeDevice(setup.workspaceId, setup.admin.id);
  fakeLine();
  pushService();
  yuki = customerOf(setup, "assigned");
  await yuki.says("Where is my order?");
});

describe("assigned notifications", () => {
  it("an admin assigns it: the agent's bell and devices say who, in the agent's language; the admin's devices stay quiet", async () => {
    const admin = { id: setup.admin.id, name: setup.admin.name };
    const pushes = await assign({ id: agent().id, name: "Ploy Srisuk" }, admin);
    const [row] = await assignedRows();
    expect(row).toMatchObject({ user_id: agent().id, actor_id: setup.admin.id, conversation_id: yuki.id() });
    const bell = await renderNotificationFor(env.DB, setup.workspaceId, agent().id, row?.id ?? "");
    expect(bell?.text).toBe(`${setup.admin.name} มอบหมายการสนทนากับ Yuki ให้คุณ`);
    expect(bell?.count).toBe(1);

    expect(pushesTo(pushes, adminDevice)).toHaveLength(0);
    const [push] = pushesTo(pushes, agentDevice);
    if (!push) throw new Error("the assignee got no push");
    expect(await readPush(push, agentDevice)).toMatchObject({ title: "มอบหมายให้คุณ · Yuki", body: `${setup.admin.name} มอบหมายบทสนทนานี้ให้คุณ`, url: `/inbox/c/${yuki.id()}`, category: "mine" });
    expect(push.headers.urgency).toBe("high");
  });

  it("taking it yourself tells nobody; an automation's assignment says it was automatic", async () => {
    await assign(null, { id: setup.admin.id, name: setup.admin.name });
    const before = (await assignedRows()).length;
    const self = await assign({ id: agent().id, name: "Ploy Srisuk" }, { id: agent().id, name: "Ploy Srisuk" });
    expect(await assignedRows()).toHaveLength(before);
    expect(self).toHaveLength(0);

    await assign(null, { id: setup.admin.id, name: setup.admin.name });
    const auto = await assign({ id: agent().id, name: "Ploy Srisuk" }, { id: null, name: "Round robin", origin: { kind: "automation", rule: "round_robin" } });
    const rows = await assignedRows();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)?.actor_id).toBeNull();
    const [push] = pushesTo(auto, agentDevice);
    if (!push) throw new Error("no push for an automatic assignment");
    expect((await readPush(push, agentDevice)).body).toBe("บทสนทนานี้ถูกมอบหมายให้คุณโดยอัตโนมัติ");
  });

  it("a group's conversation is named by the group in the bell", async () => {
    const groupId = `C${crypto.randomUUID().replaceAll("-", "")}`;
    const source = { type: "group" as const, groupId, userId: yuki.uid };
    const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(conversationKeyName({ channelId: setup.channelId, source })));
    expect((await postWebhook(webhookBody([textEvent("Can someone help our team?", { source })]), { channelId: setup.lineChannelId })).status).toBe(200);
    await drainConversation(stub);
    await stub.triage({ kind: "assign", assignee: { id: agent().id, name: "Ploy Srisuk" } }, { id: setup.admin.id, name: setup.admin.name });
    await drainConversation(stub);
    const row = (await assignedRows()).find((r) => r.conversation_id === stub.id.toString());
    const title = await env.DB.prepare("SELECT title FROM conversations WHERE id = ?").bind(stub.id.toString()).first<string>("title");
    expect(title).toBeTruthy();
    const bell = await renderNotificationFor(env.DB, setup.workspaceId, agent().id, row?.id ?? "");
    expect(bell?.text).toBe(`${setup.admin.name} มอบหมายการสนทนากับ ${title} ให้คุณ`);
  });

  it("Mine switched off: no push, the bell still has it", async () => {
    await env.DB.prepare("INSERT INTO notification_preferences (user_id, workspace_id, mine, unassigned, mentions, sla, hide_text, updated_at) VALUES (?, ?, 0, 1, 1, 1, 0, 0)").bind(agent().id, setup.workspaceId).run();
    await assign(null, { id: setup.admin.id, name: setup.admin.name });
    const before = (await assignedRows()).length;
    const pushes = await assign({ id: agent().id, name: "Ploy Srisuk" }, { id: setup.admin.id, name: setup.admin.name });
    expect(await assignedRows()).toHaveLength(before + 1);
    expect(pushesTo(pushes, agentDevice)).toHaveLength(0);
  });
});
