// SLA targets on the conversation's own alarm: a customer message starts the
// first-response and resolution clocks (the inbox row shows when it is due), an
// agent's answer meets the response target, a later message starts the
// next-response one, resolving meets resolution. Past due, the alarm records a
// breach once: an sla_events row, a thread line, the row marked, and a push to
// the assignee and the supervisors. Time is moved by rewriting stored times,
// never by waiting.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { createPolicy, type PolicyInput } from "../../src/sla/policies";
import { editMeta, indexRow } from "../helpers/conversations";
import { customer, drainConversation, fakeLine, newWorkspace, type Setup } from "../outbound-webhooks/helpers";
import { fireWorkflowTimer, publishedWorkflow } from "../workflows/helpers";
import { pushesTo, pushService, readPush, subscribeDevice } from "../push/helpers";

const MIN = 60_000;

function policy(input: Partial<PolicyInput>): PolicyInput {
  return { name: "Standard", position: 10, channelId: null, teamId: null, minPriority: null, tagId: null, firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null, businessHours: 0, ...input };
}

async function slaEvents(conversationId: string) {
  const { results } = await env.DB.prepare("SELECT kind, outcome, started_at, due_at, at FROM sla_events WHERE conversation_id = ? ORDER BY at, kind").bind(conversationId).all<Record<string, number | string>>();
  return results;
}

/** Moves every running SLA clock `ms` into the past and runs the alarm as if it were due. */
async function timePasses(stub: DurableObjectStub<ConversationDO>, ms: number) {
  await editMeta(stub, "sla", (sla) => {
    if (!sla) return sla;
    for (const t of Object.values(sla.targets as Record<string, { startedAt: number }>)) t.startedAt -= ms;
    return sla;
  });
  await runInDurableObject(stub, (_i: ConversationDO, state) => {
    state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE kind IN ('sla', 'index')");
  });
  await runDurableObjectAlarm(stub);
  await drainConversation(stub);
}

async function answer(setup: Setup, stub: DurableObjectStub<ConversationDO>, text = "On it!") {
  const agent = setup.people.agent ?? setup.admin;
  await stub.send({ agent: { id: agent.id, name: agent.name }, messages: [{ type: "text", text }], preview: { type: "text", text } });
  await drainConversation(stub);
}

describe("SLA timers", { timeout: 30_000 }, () => {
  it("due, met by the answer, next response, met by resolving", async () => {
    const setup = await newWorkspace("SLA met", ["agent"]);
    await createPolicy(env.DB, setup.workspaceId, policy({ firstResponseMinutes: 10, nextResponseMinutes: 5, resolutionMinutes: 60 }));
    fakeLine();
    const c = customer(setup, "sla-met");
    const t0 = Date.now() - 2 * MIN;
    await c.says("Where is my parcel?", { timestamp: t0 });
    expect(await indexRow(c.id())).toMatchObject({ sla_due_at: t0 + 10 * MIN, sla_breached_at: null });

    await answer(setup, c.stub());
    const [first] = await slaEvents(c.id());
    expect(first).toMatchObject({ kind: "first_response", outcome: "met", started_at: t0, due_at: t0 + 10 * MIN });
    expect((await indexRow(c.id()))?.sla_due_at).toBe(t0 + 60 * MIN);

    const t1 = Date.now() - MIN;
    await c.says("And the invoice?", { timestamp: t1 });
    expect((await indexRow(c.id()))?.sla_due_at).toBe(t1 + 5 * MIN);
    await answer(setup, c.stub(), "Sent by mail.");
    const agent = setup.people.agent ?? setup.admin;
    await c.stub().triage({ kind: "status", status: "resolved" }, { id: agent.id, name: agent.name });
    await drainConversation(c.stub());
    expect((await slaEvents(c.id())).map((e) => `${e.kind}:${e.outcome}`).sort()).toEqual(["first_response:met", "next_response:met", "resolution:met"]);
    expect(await indexRow(c.id())).toMatchObject({ sla_due_at: null, sla_breached_at: null });
    // Each outcome reached the reports' rollup once, through the sla.recorded event.
    const rollup = await env.DB.prepare("SELECT SUM(first_met) AS f, SUM(next_met) AS n, SUM(resolution_met) AS r, SUM(first_breached + next_breached + resolution_breached) AS b FROM report_sla WHERE workspace_id = ? AND grain = 'h' AND tag_id = '*' AND channel_id = '*' AND team_id = '*' AND agent_id = '*'")
      .bind(setup.workspaceId)
      .first();
    expect(rollup).toEqual({ f: 1, n: 1, r: 1, b: 0 });
  });

  it("a tag added later brings its policy's target at once, and taking it off ends it (no new message needed)", async () => {
    const setup = await newWorkspace("SLA tag", ["agent"]);
    const tagId = `tag_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
    await env.DB.prepare("INSERT INTO tags (id, workspace_id, name, color, created_at) VALUES (?, ?, 'VIP', 'violet', 0)").bind(tagId, setup.workspaceId).run();
    await createPolicy(env.DB, setup.workspaceId, policy({ name: "VIP", tagId, firstResponseMinutes: 5 }));
    fakeLine();
    const c = customer(setup, "sla-tag");
    const t0 = Date.now() - MIN;
    await c.says("Hello?", { timestamp: t0 });
    expect((await indexRow(c.id()))?.sla_due_at).toBeNull();

    await env.DB.prepare("INSERT INTO conversation_tags (conversation_id, tag_id, workspace_id, last_activity_at) VALUES (?, ?, ?, ?)").bind(c.id(), tagId, setup.workspaceId, t0).run();
    await c.stub().tagChanged("tag.added", { id: tagId, name: "VIP" }, "conversation", { id: setup.admin.id, name: setup.admin.name });
    await drainConversation(c.stub());
    expect((await indexRow(c.id()))?.sla_due_at).toBe(t0 + 5 * MIN);

    await env.DB.prepare("DELETE FROM conversation_tags WHERE conversation_id = ? AND tag_id = ?").bind(c.id(), tagId).run();
    await c.stub().tagChanged("tag.removed", { id: tagId, name: "VIP" }, "conversation", { id: setup.admin.id, name: setup.admin.name });
    await drainConversation(c.stub());
    expect((await indexRow(c.id()))?.sla_due_at).toBeNull();
  });

  it("a workflow that tags the customer later brings that tag's policy at once", async () => {
    const setup = await newWorkspace("SLA workflow tag", ["agent"]);
    const tagId = `tag_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
    await env.DB.prepare("INSERT INTO tags (id, workspace_id, name, color, created_at) VALUES (?, ?, 'VIP', 'violet', 0)").bind(tagId, setup.workspaceId).run();
    await createPolicy(env.DB, setup.workspaceId, policy({ name: "VIP", tagId, firstResponseMinutes: 5 }));
    // Ten minutes after a customer first writes, the workflow marks them VIP (a contact tag).
    const channel = { id: setup.channelId, lineChannelId: setup.lineChannelId, workspaceId: setup.workspaceId };
    await publishedWorkflow(channel, "VIP later", { type: "conversation.opened", channelIds: [] }, [
      { id: "wait", type: "wait", minutes: 10, next: "tag" },
      { id: "tag", type: "updateContact", addTags: ["vip"], removeTags: [], next: null },
    ]);
    fakeLine();
    const c = customer(setup, "sla-workflow");
    const t0 = Date.now() - MIN;
    await c.says("Hello?", { timestamp: t0 });
    expect((await indexRow(c.id()))?.sla_due_at).toBeNull();
    // The same customer's other conversation (as a contact merge leaves it) hears of the tag as well.
    const sibling = customer(setup, "sla-workflow-sibling");
    await sibling.says("And another thing");
    await env.DB.prepare("UPDATE conversations SET contact_id = ? WHERE id = ?").bind((await indexRow(c.id()))?.contact_id, sibling.id()).run();
    await editMeta(sibling.stub(), "eventsRanAt", () => Date.now() + 3_600_000);

    await fireWorkflowTimer(c.stub());
    await drainConversation(c.stub());
    expect((await indexRow(c.id()))?.sla_due_at).toBe(t0 + 5 * MIN);
    const heard = await runInDurableObject(sibling.stub(), (_i: ConversationDO, state) =>
      state.storage.sql
        .exec("SELECT payload FROM events ORDER BY seq")
        .toArray()
        .map((r) => (JSON.parse(String(r.payload)) as { event: { type: string; data: { target: string; tag: { name: string } }; origin: { kind: string } } }).event)
        .filter((e) => e.type.startsWith("tag.")),
    );
    expect(heard.map((e) => [e.type, e.data.target, e.data.tag.name, e.origin.kind])).toEqual([["tag.added", "contact", "VIP", "automation"]]);
  });

  it("the alarm records a breach once, marks the row, writes a thread line and tells the assignee and supervisors", async () => {
    const setup = await newWorkspace("SLA breach", ["agent", "supervisor"]);
    await createPolicy(env.DB, setup.workspaceId, policy({ firstResponseMinutes: 15 }));
    const agent = setup.people.agent ?? setup.admin;
    const supervisor = setup.people.supervisor ?? setup.admin;
    const agentDevice = await subscribeDevice(setup.workspaceId, agent.id);
    const supervisorDevice = await subscribeDevice(setup.workspaceId, supervisor.id);
    const adminDevice = await subscribeDevice(setup.workspaceId, setup.admin.id);
    // Message notifications go to the in-isolate push service too (never the network).
    pushService();
    fakeLine();
    const c = customer(setup, "sla-breach");
    await c.says("Hello? My order is wrong");
    await c.stub().triage({ kind: "assign", assignee: { id: agent.id, name: agent.name } }, { id: setup.admin.id, name: setup.admin.name });
    await drainConversation(c.stub());
    const pushes = pushService();
    expect(await slaEvents(c.id())).toEqual([]);

    await timePasses(c.stub(), 16 * MIN);
    const events = await slaEvents(c.id());
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "first_response", outcome: "breached" });
    expect((await indexRow(c.id()))?.sla_breached_at).toBeTypeOf("number");
    const thread = await c.stub().thread();
    expect(thread.messages.filter((m) => m.body.type === "activity" && m.body.action === "sla")).toHaveLength(1);
    expect(pushesTo(pushes, agentDevice)).toHaveLength(1);
    expect(pushesTo(pushes, supervisorDevice)).toHaveLength(1);
    expect(pushesTo(pushes, adminDevice)).toHaveLength(0);
    const [toAgent] = pushesTo(pushes, agentDevice);
    if (toAgent) expect((await readPush(toAgent, agentDevice)).category).toBe("sla");

    // Running again changes nothing; the late answer is not counted as met.
    await timePasses(c.stub(), MIN);
    await answer(setup, c.stub());
    expect(await slaEvents(c.id())).toHaveLength(1);
    expect(pushes).toHaveLength(2);
  });

  it("the first matching policy by position applies (a new priority at once), and no policy means nothing is due", async () => {
    const setup = await newWorkspace("SLA order", ["agent"]);
    await createPolicy(env.DB, setup.workspaceId, policy({ name: "Urgent", position: 1, minPriority: 4, firstResponseMinutes: 5 }));
    await createPolicy(env.DB, setup.workspaceId, policy({ name: "Everyone else", position: 2, channelId: setup.channelId, firstResponseMinutes: 120 }));
    fakeLine();
    const c = customer(setup, "sla-order");
    const t0 = Date.now();
    await c.says("hi", { timestamp: t0 });
    expect((await indexRow(c.id()))?.sla_due_at).toBe(t0 + 120 * MIN);
    // Marking it urgent brings the urgent policy's target at once, before any new message.
    await c.stub().triage({ kind: "priority", priority: 4 }, { id: setup.admin.id, name: setup.admin.name });
    await drainConversation(c.stub());
    expect((await indexRow(c.id()))?.sla_due_at).toBe(t0 + 5 * MIN);

    const other = await newWorkspace("SLA none");
    const d = customer(other, "sla-none");
    await d.says("hi");
    expect((await indexRow(d.id()))?.sla_due_at).toBeNull();
  });

  it("business hours: a message late on Friday is due on Monday morning, after a holiday on Tuesday", async () => {
    const setup = await newWorkspace("SLA hours", ["agent"]);
    await createPolicy(env.DB, setup.workspaceId, policy({ firstResponseMinutes: 30, businessHours: 1 }));
    const nineToSix = [{ start: 540, end: 1080 }];
    await env.DB.prepare("INSERT INTO automation_settings (channel_id, workspace_id, time_zone, weekly_hours, created_at, updated_at) VALUES (?, ?, 'Asia/Tokyo', ?, 0, 0)")
      .bind(setup.channelId, setup.workspaceId, JSON.stringify([[], nineToSix, nineToSix, nineToSix, nineToSix, nineToSix, []]))
      .run();
    fakeLine();
    // Friday 2026-11-20 17:50 JST = 08:50 UTC: 10 minutes today, 20 on Monday from 09:00.
    const friday = Date.UTC(2026, 10, 20, 8, 50);
    const c = customer(setup, "sla-hours");
    await c.says("Before the weekend!", { timestamp: friday });
    const [breach] = await slaEvents(c.id());
    expect(breach).toMatchObject({ kind: "first_response", outcome: "breached", due_at: Date.UTC(2026, 10, 23, 0, 20) });

    await env.DB.prepare("INSERT INTO holidays (id, workspace_id, channel_id, name, start_date, end_date, created_at) VALUES (?, ?, ?, 'Labour Thanksgiving', '2026-11-23', '2026-11-23', 0)")
      .bind(`hol_${setup.channelId}`, setup.workspaceId, setup.channelId)
      .run();
    const { addBusinessMinutes } = await import("../../src/sla/clock");
    const { scheduleOf } = await import("../../src/automation/settings");
    const schedule = scheduleOf({ timeZone: "Asia/Tokyo", weeklyHours: [[], nineToSix, nineToSix, nineToSix, nineToSix, nineToSix, []], awayNow: 0 }, [{ startDate: "2026-11-23", endDate: "2026-11-23" }]);
    expect(addBusinessMinutes(schedule, friday, 30)).toBe(Date.UTC(2026, 10, 24, 0, 20));
    expect(addBusinessMinutes(schedule, Date.UTC(2026, 10, 24, 1, 0), 60)).toBe(Date.UTC(2026, 10, 24, 2, 0));
  });
});
