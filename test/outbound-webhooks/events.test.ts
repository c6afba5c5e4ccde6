// Domain events as a subscriber receives them: one per committed change, with
// the right origin (customer, agent, automation, API), none for a duplicate
// webhook and none for an ingest that rolled back.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { DOMAIN_EVENT_TYPES } from "../../src/conversations/events";
import { ingestEvents } from "../../src/conversations/inbound";
import { conversationKeyName } from "../../src/conversations/model";
import { ConversationRuntime } from "../../src/conversations/runtime";
import { sendText } from "../../src/conversations/service";
import { newId } from "../../src/lib/ids";
import { parseEvent } from "../../src/line/webhook-schema";
import { editMeta } from "../helpers/conversations";
import { textEvent, userId } from "../helpers/line";
import { customer, drainConversation, fakeLine, newWorkspace, type Received, receiver, runDeliveries, subscribe } from "./helpers";

let restore: (() => void) | null = null;
afterEach(() => restore?.());

const ALL = [...DOMAIN_EVENT_TYPES];
const types = (got: Received[]) => got.map((r) => r.json.type).sort();
const ofType = (got: Received[], type: string) => got.filter((r) => r.json.type === type);

describe("domain events", () => {
  it("a first message opens the conversation; follow, message and unfollow come from the customer; a redelivered duplicate emits nothing", async () => {
    restore = fakeLine().restore;
    const setup = await newWorkspace("customer");
    await subscribe(setup, ALL);
    const got = receiver();
    const yuki = customer(setup, "yuki");
    await yuki.follows();
    const hello = textEvent("hello, is the shop open?", { userId: yuki.uid });
    await yuki.post([hello]);
    await runDeliveries(setup.workspaceId);
    expect(types(got)).toEqual(["contact.followed", "conversation.opened", "message.received"]);
    const contact = await env.DB.prepare("SELECT contact_id FROM contact_identities WHERE line_user_id = ?").bind(yuki.uid).first<{ contact_id: string }>();
    for (const r of got) {
      expect(r.json.workspaceId).toBe(setup.workspaceId);
      expect(r.json.data).toMatchObject({ conversationId: yuki.id(), channelId: setup.channelId, contactId: contact?.contact_id, lineUserId: yuki.uid, origin: { kind: "customer" } });
    }
    expect(contact?.contact_id).toMatch(/^ct_/);
    expect(ofType(got, "conversation.opened")[0]?.json.data).toMatchObject({ reason: "created" });
    expect(ofType(got, "message.received")[0]?.json.data).toMatchObject({ message: { direction: "inbound", type: "text", text: "hello, is the shop open?" }, redelivered: false });

    // LINE redelivers the same event (same webhookEventId): stored once, announced once.
    await yuki.post([{ ...hello, deliveryContext: { isRedelivery: true } }]);
    await yuki.unfollows();
    await runDeliveries(setup.workspaceId);
    expect(types(got)).toEqual(["contact.followed", "contact.unfollowed", "conversation.opened", "message.received"]);
  });

  it("triage by an agent: assigned (assignee and team), priority, resolved, reopened; a customer's message reopens with the customer as origin", async () => {
    restore = fakeLine().restore;
    const setup = await newWorkspace("triage", ["agent"]);
    await subscribe(setup, ["conversation.assigned", "conversation.priority_changed", "conversation.resolved", "conversation.reopened", "conversation.opened"]);
    const got = receiver();
    const ken = customer(setup, "ken");
    await ken.says("my parcel is late");
    await runDeliveries(setup.workspaceId);
    got.length = 0;
    const agent = setup.people.agent!;
    const actor = { id: agent.id, name: agent.name };
    const teamId = newId("team");
    await env.DB.prepare("INSERT INTO teams (id, workspace_id, name, created_at) VALUES (?, ?, 'Billing', ?)").bind(teamId, setup.workspaceId, Date.now()).run();
    const stub = ken.stub();
    await stub.triage({ kind: "assign", assignee: { id: agent.id, name: agent.name } }, actor);
    await stub.triage({ kind: "team", team: { id: teamId, name: "Billing" } }, actor);
    await stub.triage({ kind: "priority", priority: 3 }, actor);
    await stub.triage({ kind: "status", status: "resolved" }, actor);
    await stub.triage({ kind: "status", status: "open" }, actor);
    await drainConversation(stub);
    await runDeliveries(setup.workspaceId);
    const byAgent = { kind: "agent", userId: agent.id, name: agent.name };
    expect(ofType(got, "conversation.assigned").map((r) => r.json.data).sort((a, b) => String(a.change).localeCompare(String(b.change)))).toEqual([
      expect.objectContaining({ change: "assignee", assignee: { id: agent.id, name: agent.name }, team: null, previousAssigneeId: null, origin: byAgent }),
      expect.objectContaining({ change: "team", assignee: { id: agent.id, name: agent.name }, team: { id: teamId, name: "Billing" }, previousTeamId: null, origin: byAgent }),
    ]);
    expect(ofType(got, "conversation.priority_changed").map((r) => r.json.data)).toEqual([expect.objectContaining({ priority: 3, previousPriority: 0, origin: byAgent })]);
    expect(ofType(got, "conversation.resolved").map((r) => r.json.data)).toEqual([expect.objectContaining({ previousStatus: "open", origin: byAgent })]);
    expect(ofType(got, "conversation.reopened").map((r) => r.json.data)).toEqual([expect.objectContaining({ previousStatus: "resolved", origin: byAgent })]);
    expect(ofType(got, "conversation.opened").map((r) => r.json.data)).toEqual([expect.objectContaining({ reason: "reopened", origin: byAgent })]);
    expect(got).toHaveLength(6);

    got.length = 0;
    await stub.triage({ kind: "status", status: "resolved" }, actor);
    await ken.says("still nothing arrived");
    await runDeliveries(setup.workspaceId);
    expect(ofType(got, "conversation.reopened").map((r) => r.json.data)).toEqual([expect.objectContaining({ previousStatus: "resolved", origin: { kind: "customer" } })]);
  });

  it("a snoozed conversation that wakes up is reopened by automation", async () => {
    restore = fakeLine().restore;
    const setup = await newWorkspace("snooze", ["agent"]);
    await subscribe(setup, ["conversation.reopened"]);
    const got = receiver();
    const mai = customer(setup, "mai");
    await mai.says("call me tomorrow");
    const agent = setup.people.agent!;
    await mai.stub().triage({ kind: "snooze", until: Date.now() + 3_600_000 }, { id: agent.id, name: agent.name });
    await runInDurableObject(mai.stub(), (_i: ConversationDO, state) => state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE kind = 'wake'"));
    await editMeta(mai.stub(), "triage", (triage) => triage && { ...triage, snoozedUntil: 1 });
    await drainConversation(mai.stub());
    await runDeliveries(setup.workspaceId);
    expect(got.map((r) => r.json.data)).toEqual([expect.objectContaining({ previousStatus: "snoozed", origin: { kind: "automation", rule: "snooze" } })]);
  });

  it("message.sent says reply or push and who sent it (agent, automation, API); message.failed carries LINE's reason", async () => {
    const lineAnswers = fakeLine((call) => (call.path === "/v2/bot/message/push" && JSON.stringify(call.body).includes("refused") ? Response.json({ message: "The request body has 1 error(s)" }, { status: 400 }) : null));
    restore = lineAnswers.restore;
    const setup = await newWorkspace("sent", ["agent"]);
    await subscribe(setup, ["message.sent", "message.failed"]);
    const got = receiver();
    const aom = customer(setup, "aom");
    await aom.says("do you ship to Chiang Mai?");
    const agent = setup.people.agent!;
    await sendText(env, aom.id(), { id: agent.id, name: agent.name }, "Yes, in 2 days");
    await sendText(env, aom.id(), { id: null, name: "linedesk API" }, "Tracking: TH123", { kind: "api", tokenId: "tok_01abcdefghjkmnpqrstv" });
    await aom.stub().send({ agent: { id: null, name: "Automation · Shipping" }, messages: [{ type: "text", text: "auto" }], preview: { type: "text", text: "auto" }, origin: { kind: "automation", rule: "Shipping" } });
    await sendText(env, aom.id(), { id: agent.id, name: agent.name }, "this will be refused");
    await drainConversation(aom.stub());
    await runDeliveries(setup.workspaceId);
    const sent = ofType(got, "message.sent").map((r) => r.json.data as { via: string; message: { text: string }; origin: unknown });
    expect(sent.map((d) => [d.message.text, d.via, d.origin]).sort()).toEqual(
      [
        ["Yes, in 2 days", "reply", { kind: "agent", userId: agent.id, name: agent.name }],
        ["Tracking: TH123", "push", { kind: "api", tokenId: "tok_01abcdefghjkmnpqrstv" }],
        ["auto", "push", { kind: "automation", rule: "Shipping" }],
      ].sort(),
    );
    expect(ofType(got, "message.failed").map((r) => r.json.data)).toEqual([
      expect.objectContaining({ reason: "LINE 400: The request body has 1 error(s)", message: expect.objectContaining({ text: "this will be refused", direction: "outbound" }) }),
    ]);
  });

  it("an ingest that rolls back stores nothing and emits nothing", async () => {
    const setup = await newWorkspace("rollback");
    const uid = userId("rollback");
    const source = { type: "user" as const, userId: uid };
    const id = env.CONVERSATIONS.idFromName(conversationKeyName({ channelId: setup.channelId, source }));
    const stub = env.CONVERSATIONS.get(id);
    const events = [textEvent("first", { userId: uid }), textEvent("second", { userId: uid })].map(parseEvent);
    const outcome = await runInDurableObject(stub, async (_i: ConversationDO, state) => {
      const rt = new ConversationRuntime(state, env);
      const insert = rt.store.insertReceived.bind(rt.store);
      let calls = 0;
      // The second message cannot be stored (a full disk, a bug): the batch must leave no trace.
      rt.store.insertReceived = (m) => {
        if (++calls === 2) throw new Error("disk full");
        return insert(m);
      };
      const error = await ingestEvents(rt, { conversation: { id: id.toString(), channelId: setup.channelId, workspaceId: setup.workspaceId, source }, events }).catch((e: unknown) => e);
      return {
        error: error instanceof Error ? error.message : null,
        messages: state.storage.sql.exec("SELECT COUNT(*) AS n FROM messages").one().n,
        jobs: state.storage.sql.exec("SELECT kind FROM outbox").toArray().map((r) => r.kind),
        events: state.storage.sql.exec("SELECT COUNT(*) AS n FROM events").one().n,
      };
    });
    expect(outcome).toEqual({ error: "disk full", messages: 0, jobs: [], events: 0 });
    expect(await runDurableObjectAlarm(stub)).toBe(false);
  });
});
