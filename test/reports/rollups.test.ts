// The numbers of a rollup equal a raw count of the same events: a seeded random
// stream of domain events is counted into the rollups by the listener, then the
// CSV a supervisor downloads is compared with counts taken straight from the
// event list — unfiltered, per local day, and filtered by channel, team, agent
// and tag. Durations and p50/p90 against hand-computed values.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { DomainEvent } from "../../src/conversations/events";
import { recordEvent, recordEvents } from "../../src/reports/recorder";
import { localDate, addDays } from "../../src/reports/zone";
import { domainEvent, message, parseCsv, prng, signIn, sum, type World, world } from "./helpers";

// Creating people hashes passwords: slow on a busy machine, not a timing assertion.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

const HOUR = 3_600_000;
const ZONE = "Asia/Tokyo";
let w: World;
const events: DomainEvent[] = [];
const now = Date.now();

beforeAll(async () => {
  w = await world("rollups", ZONE, 14, 42);
  const rnd = prng(99);
  for (const conv of w.conversations) {
    let at = now - 3 * 24 * HOUR + Math.floor(rnd() * 24 * HOUR);
    const step = () => (at += Math.floor(rnd() * 3 * HOUR) + 60_000);
    events.push(domainEvent(w, conv, "conversation.opened", { reason: "created" }, at));
    const agent = w.agents.find((a) => a.id === conv.assigneeId) ?? w.agents[0]!;
    for (let i = 0, k = 1 + Math.floor(rnd() * 5); i < k; i++) {
      events.push(domainEvent(w, conv, "message.received", { message: message("inbound", null, step()), redelivered: false, standby: false }, at));
      if (rnd() < 0.8) events.push(domainEvent(w, conv, "message.sent", { message: message("outbound", agent.id, step()), via: rnd() < 0.5 ? "reply" : "push" }, at, { kind: "agent", userId: agent.id, name: agent.name }));
      if (rnd() < 0.3) events.push(domainEvent(w, conv, "message.sent", { message: message("outbound", null, step()), via: "push" }, at, { kind: "automation", rule: "away" }));
    }
    if (rnd() < 0.5) {
      const to = w.agents[Math.floor(rnd() * w.agents.length)]!;
      events.push(domainEvent(w, conv, "conversation.assigned", { change: "assignee", assignee: { id: to.id, name: to.name }, team: conv.teamId ? { id: conv.teamId, name: "t" } : null, previousAssigneeId: null, previousTeamId: null }, step(), { kind: "agent", userId: to.id, name: to.name }));
    }
    if (rnd() < 0.7) {
      events.push(domainEvent(w, conv, "conversation.resolved", { previousStatus: "open" }, step(), { kind: "agent", userId: agent.id, name: agent.name }));
      if (rnd() < 0.4) {
        events.push(domainEvent(w, conv, "conversation.reopened", { previousStatus: "resolved" }, step()));
        events.push(domainEvent(w, conv, "conversation.opened", { reason: "reopened" }, at));
      }
    }
  }
  events.sort((a, b) => a.at - b.at);
  // Half the conversations are counted the way a burst is (the outbox hands a
  // listener several events of one conversation at once), the rest one by one:
  // both must give the same figures.
  const batched = new Set(w.conversations.filter((_c, i) => i % 2 === 0).map((c) => c.id));
  const pending = new Map<string, DomainEvent[]>();
  for (const e of events) {
    if (e.at >= now) continue;
    if (!batched.has(e.conversationId)) {
      await recordEvent(env.DB, e);
      continue;
    }
    const run = [...(pending.get(e.conversationId) ?? []), e];
    pending.set(e.conversationId, run.length === 3 ? [] : run);
    if (run.length === 3) await recordEvents(env.DB, run, contactOf(run));
  }
  for (const run of pending.values()) await recordEvents(env.DB, run, contactOf(run));
});

const contactOf = (run: DomainEvent[]) => run.findLast((e) => e.contactId !== null)?.contactId ?? null;

function range() {
  return `preset=custom&from=${addDays(localDate(now, ZONE), -4)}&to=${localDate(now, ZONE)}`;
}

async function csv(tab: string, filters = "") {
  const sup = await signIn(w.supervisor);
  const res = await sup.get(`/reports/export/${tab}?${range()}${filters}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/csv");
  return parseCsv(await res.text());
}

/** Equal, and not trivially: the raw count must have something in it. */
function same(rollup: number, raw: number) {
  expect(raw).toBeGreaterThan(0);
  expect(rollup).toBe(raw);
}

const live = () => events.filter((e) => e.at < now);
const convOf = (e: DomainEvent) => w.conversations.find((c) => c.id === e.conversationId)!;
const count = (pred: (e: DomainEvent) => boolean) => live().filter(pred).length;
const opened = (e: DomainEvent) => e.type === "conversation.opened" && e.data.reason === "created";
const inbound = (e: DomainEvent) => e.type === "message.received";
const byAgent = (e: DomainEvent) => e.type === "message.sent" && e.origin.kind === "agent";

describe("rollups against raw counts", () => {
  it("counts every conversation and message event once, in total and per local day", async () => {
    const conv = await csv("conversations");
    const volume = conv.get("Opened and resolved");
    expect(sum(volume, "Opened")).toBe(count(opened));
    expect(sum(volume, "Resolved")).toBe(count((e) => e.type === "conversation.resolved"));
    expect(sum(volume, "Reopened")).toBe(count((e) => e.type === "conversation.reopened"));
    for (const row of volume ?? []) expect(Number(row.Opened)).toBe(count((e) => opened(e) && localDate(e.at, ZONE) === row.Day));

    const msgs = await csv("messages");
    const m = msgs.get("Messages");
    expect(sum(m, "From customers")).toBe(count(inbound));
    expect(sum(m, "Sent by agents")).toBe(count(byAgent));
    expect(sum(m, "Sent by automation")).toBe(count((e) => e.type === "message.sent" && e.origin.kind === "automation"));
    const quota = msgs.get("Replies and pushes");
    expect(sum(quota, "Pushes (use quota)")).toBe(count((e) => e.type === "message.sent" && e.data.via === "push"));
    expect(sum(quota, "Replies (free)")).toBe(count((e) => e.type === "message.sent" && e.data.via === "reply"));
    expect(count(opened)).toBeGreaterThan(5);
  });

  it("filtered by channel and tag, team, or agent: the same as counting only those events", async () => {
    const [channel, tag, team] = [w.channels[1]!, w.tags[0]!, w.teams[0]!];
    const a = await csv("messages", `&channel=${channel}&tag=${tag}`);
    same(sum(a.get("Messages"), "From customers"), count((e) => inbound(e) && convOf(e).channelId === channel && convOf(e).tagIds.includes(tag)));

    const b = await csv("conversations", `&team=${team}`);
    same(sum(b.get("Opened and resolved"), "Opened"), count((e) => opened(e) && convOf(e).teamId === team));

    const agent = w.agents[1]!;
    const c = await csv("conversations", `&agent=${agent.id}`);
    same(sum(c.get("Opened and resolved"), "Resolved"), count((e) => e.type === "conversation.resolved" && convOf(e).assigneeId === agent.id));

    const none = await csv("conversations", "&agent=-");
    same(sum(none.get("Opened and resolved"), "Opened"), count((e) => opened(e) && convOf(e).assigneeId === null));
  });

  it("the by-tag breakdown and the agents' leaderboard match raw counts per tag and per agent", async () => {
    const conv = await csv("conversations");
    for (const [i, tag] of w.tags.entries()) {
      const row = conv.get("By tag")?.find((r) => r.Tag === `tag-${i}-rollups`);
      same(Number(row?.Opened ?? 0), count((e) => opened(e) && convOf(e).tagIds.includes(tag)));
    }
    const agents = await csv("agents");
    for (const agent of w.agents) {
      const row = agents.get("Leaderboard")?.find((r) => r.Agent === agent.name);
      same(Number(row?.["Sent by agents"] ?? 0), count((e) => byAgent(e) && e.origin.kind === "agent" && e.origin.userId === agent.id));
      expect(Number(row?.Assigned ?? 0)).toBe(count((e) => e.type === "conversation.assigned" && e.data.assignee?.id === agent.id));
    }
  });
});

describe("durations", () => {
  it("first and next response and time to resolve, with average, p50 and p90 from the histogram", async () => {
    const d = await world("durations", "UTC", 1, 3);
    const conv = d.conversations[0]!;
    const agent = d.agents[0]!;
    const asAgent = { kind: "agent" as const, userId: agent.id, name: agent.name };
    const t0 = now - 5 * HOUR;
    const stream = [
      domainEvent(d, conv, "conversation.opened", { reason: "created" }, t0 - 60_000),
      domainEvent(d, conv, "message.received", { message: message("inbound", null, t0), redelivered: false, standby: false }, t0),
      // A second message while waiting does not restart the clock.
      domainEvent(d, conv, "message.received", { message: message("inbound", null, t0 + 60_000), redelivered: false, standby: false }, t0 + 60_000),
      domainEvent(d, conv, "message.sent", { message: message("outbound", agent.id, t0 + 180_000), via: "reply" }, t0 + 180_000, asAgent),
      domainEvent(d, conv, "message.received", { message: message("inbound", null, t0 + 600_000), redelivered: false, standby: false }, t0 + 600_000),
      // Automation answering does not stop the clock; the agent does.
      domainEvent(d, conv, "message.sent", { message: message("outbound", null, t0 + 601_000), via: "reply" }, t0 + 601_000, { kind: "automation", rule: "away" }),
      domainEvent(d, conv, "message.sent", { message: message("outbound", agent.id, t0 + 630_000), via: "push" }, t0 + 630_000, asAgent),
      domainEvent(d, conv, "conversation.resolved", { previousStatus: "open" }, t0 + HOUR, asAgent),
    ];
    for (const e of stream) await recordEvent(env.DB, e);
    const sup = await signIn(d.supervisor);
    const responses = parseCsv(await (await sup.get("/reports/export/responses?preset=last7")).text()).get("Response times") ?? [];
    const first = responses.find((r) => r.Measure === "First response" && r.Started === "Any time");
    const next = responses.find((r) => r.Measure === "Next response" && r.Started === "Any time");
    expect(first).toMatchObject({ Count: "1", "Average (seconds)": "180" });
    // One value in the 2–5 minute bucket: the median is read halfway through it.
    expect(first?.["Median (p50) (seconds)"]).toBe("210");
    expect(next).toMatchObject({ Count: "1", "Average (seconds)": "30" });
    // No business hours set: every wait started "in business hours".
    expect(responses.find((r) => r.Measure === "First response" && r.Started === "In business hours")?.Count).toBe("1");
    expect(responses.find((r) => r.Measure === "First response" && r.Started === "Outside business hours")?.Count).toBe("0");

    const resolutions = parseCsv(await (await sup.get("/reports/export/resolutions?preset=last7")).text()).get("Time to resolve")?.[0];
    expect(resolutions).toMatchObject({ Resolved: "1", Reopened: "0", "Average (seconds)": String(3600 + 60) });
  });
});
