// Away, no-agent and greeting messages as customers meet them: once per
// conversation (not once per message), again after a quiet period or after
// the channel opened in between, the manual away switch, follows and unblocks.
import { forgetChannelAutomation } from "../../src/automation/settings";
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { event } from "../helpers/line";
import { ageConversation, ALWAYS_CLOSED, ALWAYS_OPEN, configure, customer, fakeLine, newChannel, sends, sentTexts, setAgentsOnline } from "./helpers";

let restore: (() => void) | null = null;
afterEach(() => restore?.());

function line(name?: string) {
  const routed = fakeLine(name);
  restore = routed.restore;
  return routed.calls;
}

const HOUR = 3_600_000;

describe("away message", () => {
  it("answers the first message while closed, once — not once per message", async () => {
    const calls = line();
    const channel = await newChannel();
    await configure(channel, { weeklyHours: ALWAYS_CLOSED, awayEnabled: 1, awayText: "Closed now, {{contact.name}}. Back {{next_open}}." });
    const c = customer(channel, "away-once");
    await c.says("hello?");
    await c.says("anyone there?");
    await c.says("hello???");
    expect(sends(calls)).toEqual([{ via: "reply", messages: [{ type: "text", text: "Closed now, Yuki. Back soon." }] }]);
    const out = (await c.thread()).filter((m) => m.direction === "outbound");
    expect(out.map((m) => m.agentName)).toEqual(["Automation · Away message"]);
  });

  it("names the next opening time in the channel's time zone", async () => {
    const calls = line();
    const channel = await newChannel();
    // Open only on a date long past: the next opening is next week's Monday.
    await configure(channel, { weeklyHours: ALWAYS_CLOSED.map((d, i) => (i === 1 ? [{ start: 540, end: 541 }] : d)), timeZone: "Asia/Tokyo", awayEnabled: 1, awayText: "Back {{next_open}}" });
    const c = customer(channel, "away-next");
    await c.says("hi");
    expect(sentTexts(calls)[0]).toMatch(/^Back \d{1,2}\/\d{1,2} \(Mon\) 09:00$/);
  });

  it("is sent again after the quiet period, or when the channel opened in between", async () => {
    const calls = line();
    const channel = await newChannel();
    await configure(channel, { weeklyHours: ALWAYS_CLOSED, awayEnabled: 1, awayText: "We're away", quietMinutes: 240 });
    const c = customer(channel, "away-quiet");
    await c.says("first");
    await ageConversation(c.stub(), 3 * HOUR);
    await c.says("three hours later"); // within the quiet period: still the same visit
    await ageConversation(c.stub(), 5 * HOUR);
    await c.says("five hours later"); // quiet for 5 h > 4 h: a new visit
    expect(sentTexts(calls)).toEqual(["We're away", "We're away"]);

    // Open all of yesterday, closed today (a holiday): a new closed period even without quiet.
    await configure(channel, { weeklyHours: ALWAYS_OPEN, quietMinutes: 7 * 24 * 60 });
    const today = new Date().toISOString().slice(0, 10);
    await env.DB.prepare("INSERT INTO holidays (id, workspace_id, channel_id, name, start_date, end_date, created_at) VALUES (?, ?, ?, 'Today', ?, ?, ?)")
      .bind(`hol_${"t".repeat(20)}`, channel.workspaceId, channel.id, today, addDay(today, 1), Date.now())
      .run();
    forgetChannelAutomation(); // written behind the settings module's back
    await configure(channel, { timeZone: "UTC" });
    await c.says("again soon after");
    expect(sentTexts(calls)).toHaveLength(2);
    await ageConversation(c.stub(), 30 * HOUR);
    await c.says("the next day");
    expect(sentTexts(calls)).toEqual(["We're away", "We're away", "We're away"]);
  });

  it("the manual away switch closes an open channel", async () => {
    const calls = line();
    const channel = await newChannel();
    await configure(channel, { weeklyHours: ALWAYS_OPEN, awayNow: 1, awayEnabled: 1, awayText: "Away today" });
    await customer(channel, "away-switch").says("hi");
    expect(sentTexts(calls)).toEqual(["Away today"]);
  });

  it("is not sent in group chats", async () => {
    const calls = line();
    const channel = await newChannel();
    await configure(channel, { weeklyHours: ALWAYS_CLOSED, awayEnabled: 1, awayText: "Away" });
    const c = customer(channel, "away-group");
    await c.send([{ ...event("message", { replyToken: "rt-g", message: { type: "text", id: "901", text: "hi all", quoteToken: "q" } }), source: { type: "group", groupId: `C${"9".repeat(32)}`, userId: c.uid } }]);
    expect(sends(calls)).toEqual([]);
  });
});

describe("no agent available", () => {
  it("tells the customer when nobody is online during opening hours, once", async () => {
    const calls = line();
    const channel = await newChannel();
    await configure(channel, { weeklyHours: ALWAYS_OPEN, noAgentEnabled: 1, noAgentText: "Nobody is online right now." });
    await setAgentsOnline(channel.workspaceId, 0);
    const c = customer(channel, "no-agent");
    await c.says("hi");
    await c.says("hello?");
    await setAgentsOnline(channel.workspaceId, 1);
    await customer(channel, "no-agent-2").says("hi");
    expect(sentTexts(calls)).toEqual(["Nobody is online right now."]);
    await setAgentsOnline(channel.workspaceId, 0);
  });
});

describe("greeting", () => {
  it("greets a new friend by name, and says welcome back on an unblock", async () => {
    const calls = line("Aiko");
    const channel = await newChannel("Café Sakura");
    await configure(channel, { greetingEnabled: 1, greetingText: "Hi {{contact.name}}, welcome to {{channel.name}}!", greetingUnblockedText: "Welcome back, {{contact.name}}!" });
    const c = customer(channel, "greet");
    await c.follows();
    await c.follows(true);
    expect(sends(calls).map((s) => [s.via, s.messages[0]?.text])).toEqual([
      ["reply", "Hi Aiko, welcome to Café Sakura!"],
      ["reply", "Welcome back, Aiko!"],
    ]);
    const out = (await c.thread()).filter((m) => m.direction === "outbound");
    expect(out.map((m) => m.agentName)).toEqual(["Automation · Greeting", "Automation · Greeting (unblocked)"]);
  });

  it("only on the first follow when asked to", async () => {
    const calls = line();
    const channel = await newChannel();
    await configure(channel, { greetingEnabled: 1, greetingFirstOnly: 1, greetingText: "Nice to meet you!" });
    const c = customer(channel, "greet-once");
    await c.follows();
    await c.follows(true);
    await c.follows(false);
    expect(sentTexts(calls)).toEqual(["Nice to meet you!"]);
  });
});

function addDay(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
