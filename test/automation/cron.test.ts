// Time-driven automation, driven through the Worker's scheduled() handler with
// explicit times and the conversations' alarms (no sleeps): opening/closing
// transitions across time zones, midnight and holidays; "we're open again";
// queue position updates; inactivity auto-resolve from the sweep and from the
// conversation's own timer.
import { forgetChannelAutomation } from "../../src/automation/settings";
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { demoOwnerId } from "../helpers/users";
import { ageConversation, ALWAYS_CLOSED, ALWAYS_OPEN, configure, customer, drain, fakeLine, newChannel, runCron, sends, sentTexts, setAgentsOnline, settingsRow } from "./helpers";

let restore: (() => void) | null = null;
afterEach(() => restore?.());

function line() {
  const routed = fakeLine();
  restore = routed.restore;
  return routed.calls;
}

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

async function agentAnswers(c: ReturnType<typeof customer>, text = "Hi, how can I help?") {
  await c.stub().send({ agent: { id: await demoOwnerId(), name: "Owner" }, messages: [{ type: "text", text }], preview: { type: "text", text } });
  await drain(c.stub());
}

describe("business hours transitions", () => {
  it("opens and closes on the channel's local clock, across UTC midnight, and closes for a holiday", async () => {
    line();
    const tokyo = await newChannel();
    await configure(tokyo, { timeZone: "Asia/Tokyo", weeklyHours: ALWAYS_CLOSED.map((d, i) => (i >= 1 && i <= 5 ? [{ start: 540, end: 1080 }] : d)) });
    const state = async () => {
      const row = await settingsRow(tokyo);
      return [row?.hours_state, row?.hours_state_since];
    };
    await runCron(at("2026-11-15T23:59:00Z")); // Mon 08:59 JST
    expect(await state()).toEqual(["closed", at("2026-11-15T23:59:00Z")]);
    await runCron(at("2026-11-16T00:00:00Z")); // Mon 09:00 JST, Sunday→Monday in UTC too
    expect(await state()).toEqual(["open", at("2026-11-16T00:00:00Z")]);
    await runCron(at("2026-11-16T08:59:00Z"));
    expect((await state())[0]).toBe("open");
    await runCron(at("2026-11-16T09:00:00Z")); // 18:00 JST
    expect(await state()).toEqual(["closed", at("2026-11-16T09:00:00Z")]);

    const allDay = await newChannel();
    await configure(allDay, { timeZone: "America/Los_Angeles", weeklyHours: ALWAYS_OPEN });
    await env.DB.prepare("INSERT INTO holidays (id, workspace_id, channel_id, name, start_date, end_date, created_at) VALUES (?, ?, ?, 'Thanksgiving', '2026-11-26', '2026-11-26', 0)")
      .bind(`hol_${"h".repeat(20)}`, allDay.workspaceId, allDay.id)
      .run();
    forgetChannelAutomation(); // written behind the settings module's back
    await runCron(at("2026-11-26T07:59:00Z")); // Wed 23:59 PST
    expect((await settingsRow(allDay))?.hours_state).toBe("open");
    await runCron(at("2026-11-26T08:00:00Z")); // Thanksgiving starts at local midnight
    expect((await settingsRow(allDay))?.hours_state).toBe("closed");
    await runCron(at("2026-11-27T08:00:00Z"));
    expect((await settingsRow(allDay))?.hours_state).toBe("open");
  });

  it("at opening, tells everyone who wrote while closed (and had no answer) that the team is back", async () => {
    const calls = line();
    const channel = await newChannel();
    await configure(channel, { weeklyHours: ALWAYS_CLOSED, awayEnabled: 1, awayText: "Closed", openAgainEnabled: 1, openAgainText: "We're open again, {{contact.name}}!" });
    const now = Date.now();
    await runCron(now - 60_000); // the cron learns: closed
    const waiting = customer(channel, "open-again");
    await waiting.says("are you there?");
    const answered = customer(channel, "answered");
    await answered.says("question");
    await agentAnswers(answered);
    const before = sends(calls).length;
    await configure(channel, { weeklyHours: ALWAYS_OPEN });
    await runCron(now + 60_000);
    await runCron(now + 120_000);
    const after = sends(calls).slice(before);
    expect(after).toEqual([{ via: "push", messages: [{ type: "text", text: "We're open again, Yuki!" }] }]);
    expect((await waiting.thread()).filter((m) => m.direction === "outbound").map((m) => m.agentName)).toEqual(["Automation · Away message", "Automation · We're open again"]);
  });
});

describe("queue position", () => {
  it("tells waiting customers their place and expected wait, and updates it when it changes materially", async () => {
    const calls = line();
    const channel = await newChannel();
    await configure(channel, { weeklyHours: ALWAYS_OPEN, queueEnabled: 1, queueText: "You're #{{position}}, wait {{wait}}.", queueMaxUpdates: 1 });
    await setAgentsOnline(channel.workspaceId, 1);
    for (let i = 0; i < 3; i++) {
      await env.DB.prepare("INSERT INTO reporting_events (id, workspace_id, channel_id, conversation_id, kind, value_ms, created_at) VALUES (?, ?, ?, 'seed', 'first_response', 600000, ?)")
        .bind(`rev_seed${i}${"0".repeat(13)}`, channel.workspaceId, channel.id, Date.now() - 60_000)
        .run();
    }
    const [a, b, c] = [customer(channel, "q-a"), customer(channel, "q-b"), customer(channel, "q-c")];
    await a.says("hi");
    await b.says("hello");
    await c.says("hey");
    expect(sentTexts(calls)).toEqual(["You're #1, wait about 10 minutes.", "You're #2, wait about 20 minutes.", "You're #3, wait about 30 minutes."]);
    expect(sends(calls).every((s) => s.via === "reply")).toBe(true);

    await agentAnswers(a);
    const before = calls.length;
    await runCron(Date.now() + 4 * 60_000);
    expect(sentTexts(calls.slice(before))).toEqual(["You're #1, wait about 10 minutes.", "You're #2, wait about 20 minutes."]);
    const queued = await env.DB.prepare("SELECT conversation_id, updates_sent FROM automation_queue WHERE channel_id = ? ORDER BY waiting_since").bind(channel.id).all();
    expect(queued.results).toEqual([
      { conversation_id: b.id(), updates_sent: 1 },
      { conversation_id: c.id(), updates_sent: 1 },
    ]);
    const frt = await env.DB.prepare("SELECT value_ms FROM reporting_events WHERE conversation_id = ? AND kind = 'first_response'").bind(a.id()).all();
    expect(frt.results).toHaveLength(1);

    // At most queueMaxUpdates updates, however much changes.
    await agentAnswers(b);
    const again = calls.length;
    await runCron(Date.now() + 10 * 60_000);
    expect(sentTexts(calls.slice(again))).toEqual([]);
    await setAgentsOnline(channel.workspaceId, 0);
  });
});

describe("inactivity auto-resolve", () => {
  it("the sweep resolves open conversations 24 h after the agent's last answer, with a system line", async () => {
    line();
    const channel = await newChannel();
    await configure(channel, { autoResolveEnabled: 1, autoResolveHours: 24 });
    const quiet = customer(channel, "resolve-quiet");
    await quiet.says("question");
    await agentAnswers(quiet, "Here is the answer");
    const replied = customer(channel, "resolve-replied");
    await replied.says("question");
    await agentAnswers(replied);
    await replied.says("thanks, one more thing");
    const snoozed = customer(channel, "resolve-snoozed");
    await snoozed.says("question");
    await agentAnswers(snoozed);
    await snoozed.stub().triage({ kind: "snooze", until: Date.now() + 48 * HOUR }, { id: null, name: "Owner" });

    const sweepAt = Math.ceil((Date.now() + 25 * HOUR) / (15 * 60_000)) * 15 * 60_000;
    await runCron(sweepAt);
    expect((await quiet.stub().thread()).triage.status).toBe("resolved");
    expect((await quiet.thread()).at(-1)?.body).toMatchObject({ type: "activity", text: "Automation (no reply for 24 h) resolved the conversation" });
    expect((await replied.stub().thread()).triage.status).toBe("open");
    expect((await snoozed.stub().thread()).triage.status).toBe("snoozed");
  });

  it("runs on the conversation's own alarm once an agent answer is seen", async () => {
    line();
    const channel = await newChannel();
    await configure(channel, { autoResolveEnabled: 1, autoResolveHours: 2 });
    const c = customer(channel, "resolve-alarm");
    await c.says("question");
    await agentAnswers(c);
    await c.stub().automation({ kind: "sync" }); // what the automation listener does when an agent's message.sent arrives
    const timer = "timer:automation:auto-resolve"; // the listener's timer on the conversation's alarm
    const jobs = await runInDurableObject(c.stub(), (_i: ConversationDO, state) => state.storage.sql.exec("SELECT id FROM outbox").toArray().map((r) => r.id));
    expect(jobs).toContain(timer);
    await ageConversation(c.stub(), 3 * HOUR);
    await runInDurableObject(c.stub(), (_i: ConversationDO, state) => state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE id = ?", timer));
    await runDurableObjectAlarm(c.stub());
    expect((await c.stub().thread()).triage.status).toBe("resolved");
  });
});
