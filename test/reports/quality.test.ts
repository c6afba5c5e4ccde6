// The CSAT and SLA tabs read rollups counted from csat.rated and sla.recorded:
// a small hand-computed dataset (scores and averages worked out by hand), then a
// seeded random stream whose rollup figures must equal a raw count of the
// csat_responses and sla_events rows the same answers and targets left in D1 —
// in total, per agent and team, and filtered. The comments list pages by keyset.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { DomainEvent, EventData } from "../../src/conversations/events";
import { recordEvent } from "../../src/reports/recorder";
import { addDays, localDate } from "../../src/reports/zone";
import { domainEvent, parseCsv, prng, signIn, sum, type World, world } from "./helpers";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

const HOUR = 3_600_000;
const ZONE = "Asia/Tokyo";
const now = Date.now();
let seq = 0;

type Conv = World["conversations"][number];

/** A finished survey: the csat_responses row the survey leaves, and its csat.rated event. */
async function rated(w: World, conv: Conv, score: number, comment: string | null, at: number, agentId = conv.assigneeId, teamId = conv.teamId): Promise<DomainEvent> {
  const id = `csat_q_${++seq}_${Math.random().toString(36).slice(2, 8)}`;
  await env.DB.prepare(
    "INSERT INTO csat_responses (id, workspace_id, channel_id, conversation_id, contact_id, agent_id, team_id, trigger, language, status, score, comment, sent_at, rated_at) VALUES (?, ?, ?, ?, NULL, ?, ?, 'resolve', 'en', 'done', ?, ?, ?, ?)",
  )
    .bind(id, w.workspaceId, conv.channelId, conv.id, agentId, teamId, score, comment, at - HOUR, at)
    .run();
  const data: EventData["csat.rated"] = { responseId: id, score, comment, agentId, teamId, trigger: "resolve", sentAt: at - HOUR, ratedAt: at };
  return domainEvent(w, conv, "csat.rated", data, at + 60_000);
}

/** A met or breached SLA target: its sla_events row and its sla.recorded event. */
async function target(w: World, conv: Conv, kind: EventData["sla.recorded"]["kind"], outcome: "met" | "breached", at: number): Promise<DomainEvent> {
  const id = `slae_q_${++seq}_${Math.random().toString(36).slice(2, 8)}`;
  await env.DB.prepare("INSERT INTO sla_events (id, workspace_id, channel_id, conversation_id, policy_id, kind, outcome, assignee_id, team_id, started_at, due_at, at) VALUES (?, ?, ?, ?, 'pol_q', ?, ?, ?, ?, ?, ?, ?)")
    .bind(id, w.workspaceId, conv.channelId, conv.id, kind, outcome, conv.assigneeId, conv.teamId, at - HOUR, at - HOUR / 2, at)
    .run();
  return domainEvent(w, conv, "sla.recorded", { slaEventId: id, kind, outcome, policyId: "pol_q", assigneeId: conv.assigneeId, teamId: conv.teamId, startedAt: at - HOUR, dueAt: at - HOUR / 2 }, at, { kind: "automation", rule: "sla" });
}

async function csv(w: World, tab: string, filters = "") {
  const sup = await signIn(w.supervisor);
  const res = await sup.get(`/reports/export/${tab}?preset=custom&from=${addDays(localDate(now, ZONE), -6)}&to=${localDate(now, ZONE)}${filters}`);
  expect(res.status).toBe(200);
  return parseCsv(await res.text());
}

describe("CSAT and SLA, hand-computed", () => {
  let w: World;
  beforeAll(async () => {
    w = await world("quality-hand", ZONE, 2, 5);
    const [a, b] = w.agents;
    const [c1, c2] = w.conversations as [Conv, Conv];
    const t = now - 2 * HOUR;
    // Aiko: 5, 4, 2 → average 11/3 = 3.67, CSAT 2/3 = 66.7 %. Ben: 5, 1 → 3.0, 50 %. Together: 17/5 = 3.4, 60 %.
    const events = [
      await rated(w, c1, 5, "Fast and kind", t, a!.id, w.teams[0]!),
      await rated(w, c1, 4, null, t + 1000, a!.id, w.teams[0]!),
      await rated(w, c1, 2, "=cmd|' /C calc'!A0", t + 2000, a!.id, w.teams[0]!),
      await rated(w, c2, 5, null, t + 3000, b!.id, null),
      await rated(w, c2, 1, "Nobody answered", t + 4000, b!.id, null),
      await target(w, { ...c1, assigneeId: a!.id, teamId: w.teams[0]! }, "first_response", "met", t),
      await target(w, { ...c1, assigneeId: a!.id, teamId: w.teams[0]! }, "next_response", "breached", t + 1000),
      await target(w, { ...c1, assigneeId: a!.id, teamId: w.teams[0]! }, "resolution", "met", t + 2000),
      await target(w, { ...c2, assigneeId: b!.id, teamId: null }, "first_response", "breached", t + 3000),
      await target(w, { ...c2, assigneeId: b!.id, teamId: null }, "first_response", "met", t + 4000),
    ];
    for (const e of events) await recordEvent(env.DB, e);
    // A redelivered event changes nothing.
    await recordEvent(env.DB, events[0]!);
  });

  it("the CSAT tab: distribution, average, CSAT %, per agent and team, comments newest first, formulas defused", async () => {
    const c = await csv(w, "csat");
    expect(c.get("Customer satisfaction")?.[0]).toMatchObject({ Ratings: "5", "Average score": "3.4", "CSAT %": "60", "With a comment": "3" });
    const dist = c.get("Score distribution") ?? [];
    expect(dist.map((r) => [r.Score, r.Ratings, r.Share])).toEqual([
      ["5", "2", "40"],
      ["4", "1", "20"],
      ["3", "0", "0"],
      ["2", "1", "20"],
      ["1", "1", "20"],
    ]);
    const [a, b] = w.agents;
    expect(c.get("By agent")?.find((r) => r.Agent === a!.name)).toMatchObject({ Ratings: "3", "Average score": "3.67", "CSAT %": "66.7" });
    expect(c.get("By agent")?.find((r) => r.Agent === b!.name)).toMatchObject({ Ratings: "2", "Average score": "3", "CSAT %": "50" });
    expect(c.get("By team")?.find((r) => r.Team === "No team")).toMatchObject({ Ratings: "2" });
    expect(sum(c.get("CSAT over time"), "Ratings")).toBe(5);
    const comments = c.get("Comments") ?? [];
    expect(comments.map((r) => r.Comment)).toEqual(["Nobody answered", "'=cmd|' /C calc'!A0", "Fast and kind"]);

    const agents = await csv(w, "agents");
    expect(agents.get("Leaderboard")?.find((r) => r.Agent === a!.name)).toMatchObject({ "CSAT ratings": "3", "Average score": "3.67", "CSAT %": "66.7" });

    const onlyBen = await csv(w, "csat", `&agent=${b!.id}`);
    expect(onlyBen.get("Customer satisfaction")?.[0]).toMatchObject({ Ratings: "2", "Average score": "3", "CSAT %": "50" });
    expect(onlyBen.get("Comments")?.map((r) => r.Comment)).toEqual(["Nobody answered"]);
  });

  it("the SLA tab: met and breached per target kind, over time, by team and agent", async () => {
    const s = await csv(w, "sla");
    const targets = s.get("Targets met and breached") ?? [];
    expect(targets.map((r) => [r.Target, r.Met, r.Breached, r["Met %"]])).toEqual([
      ["First response", "2", "1", "66.7"],
      ["Next response", "0", "1", "0"],
      ["Resolution", "1", "0", "100"],
      ["All targets", "3", "2", "60"],
    ]);
    expect(sum(s.get("Met and breached over time"), "Breached")).toBe(2);
    const [a, b] = w.agents;
    expect(s.get("By agent")?.find((r) => r.Agent === a!.name)).toMatchObject({ Met: "2", Breached: "1", "Next response breached": "1", "First response breached": "0" });
    expect(s.get("By agent")?.find((r) => r.Agent === b!.name)).toMatchObject({ Met: "1", Breached: "1", "First response breached": "1" });
    expect(s.get("By team")?.find((r) => r.Team === "Team 1")).toMatchObject({ Met: "2", Breached: "1" });
  });

  it("the pages render the new tabs with their charts and the comments pager", async () => {
    const sup = await signIn(w.supervisor);
    const page = await (await sup.get("/reports/csat?preset=last7")).text();
    expect(page).toContain('class="rchart__svg"');
    expect(page).toContain("Nobody answered");
    const sla = await sup.get("/reports/sla?preset=last7");
    expect(sla.status).toBe(200);
    expect(await sla.text()).toContain("Targets met and breached");
  });
});

describe("CSAT and SLA rollups against raw counts", () => {
  let w: World;
  const events: DomainEvent[] = [];
  beforeAll(async () => {
    w = await world("quality-raw", ZONE, 10, 17);
    const rnd = prng(23);
    const kinds = ["first_response", "next_response", "resolution"] as const;
    for (const conv of w.conversations) {
      for (let i = 0, k = 1 + Math.floor(rnd() * 4); i < k; i++) {
        const at = now - Math.floor(rnd() * 5 * 24 * HOUR) - 120_000;
        events.push(await rated(w, conv, 1 + Math.floor(rnd() * 5), rnd() < 0.4 ? `comment ${i}` : null, at));
        events.push(await target(w, conv, kinds[Math.floor(rnd() * 3)]!, rnd() < 0.3 ? "breached" : "met", at));
      }
    }
    for (const e of events) await recordEvent(env.DB, e);
  });

  async function raw(sql: string, ...params: unknown[]) {
    return (await env.DB.prepare(sql).bind(...params).first<{ n: number }>())?.n ?? 0;
  }

  it("ratings per score, per agent and filtered by tag equal counts of csat_responses", async () => {
    const c = await csv(w, "csat");
    const dist = c.get("Score distribution") ?? [];
    for (const score of [1, 2, 3, 4, 5]) expect(Number(dist.find((r) => r.Score === String(score))?.Ratings)).toBe(await raw("SELECT COUNT(*) AS n FROM csat_responses WHERE workspace_id = ? AND score = ?", w.workspaceId, score));
    const total = await raw("SELECT COUNT(*) AS n FROM csat_responses WHERE workspace_id = ?", w.workspaceId);
    expect(total).toBeGreaterThan(10);
    expect(Number(c.get("Customer satisfaction")?.[0]?.Ratings)).toBe(total);
    for (const agent of w.agents) {
      const n = await raw("SELECT COUNT(*) AS n FROM csat_responses WHERE workspace_id = ? AND agent_id = ?", w.workspaceId, agent.id);
      expect(Number(c.get("By agent")?.find((r) => r.Agent === agent.name)?.Ratings ?? 0)).toBe(n);
    }
    const tag = w.tags[0]!;
    const tagged = await csv(w, "csat", `&tag=${tag}`);
    const n = await raw("SELECT COUNT(*) AS n FROM csat_responses r JOIN conversation_tags t ON t.conversation_id = r.conversation_id AND t.tag_id = ? WHERE r.workspace_id = ?", tag, w.workspaceId);
    expect(n).toBeGreaterThan(0);
    expect(Number(tagged.get("Customer satisfaction")?.[0]?.Ratings)).toBe(n);
    const commented = await raw("SELECT COUNT(*) AS n FROM csat_responses r JOIN conversation_tags t ON t.conversation_id = r.conversation_id AND t.tag_id = ? WHERE r.workspace_id = ? AND r.comment IS NOT NULL", tag, w.workspaceId);
    expect(tagged.get("Comments")).toHaveLength(commented);
  });

  it("met and breached per kind, per team and per channel equal counts of sla_events", async () => {
    const s = await csv(w, "sla");
    const label = { first_response: "First response", next_response: "Next response", resolution: "Resolution" } as const;
    for (const [kind, name] of Object.entries(label)) {
      const row = s.get("Targets met and breached")?.find((r) => r.Target === name);
      for (const outcome of ["met", "breached"] as const)
        expect(Number(row?.[outcome === "met" ? "Met" : "Breached"])).toBe(await raw("SELECT COUNT(*) AS n FROM sla_events WHERE workspace_id = ? AND kind = ? AND outcome = ?", w.workspaceId, kind, outcome));
    }
    for (const team of w.teams) {
      const n = await raw("SELECT COUNT(*) AS n FROM sla_events WHERE workspace_id = ? AND team_id = ? AND outcome = 'breached'", w.workspaceId, team);
      expect(Number(s.get("By team")?.find((r) => r.Team === (team === w.teams[0] ? "Team 1" : "Team 2"))?.Breached ?? 0)).toBe(n);
    }
    const channel = w.channels[1]!;
    const byChannel = await csv(w, "sla", `&channel=${channel}`);
    const met = await raw("SELECT COUNT(*) AS n FROM sla_events WHERE workspace_id = ? AND channel_id = ? AND outcome = 'met'", w.workspaceId, channel);
    expect(met).toBeGreaterThan(0);
    expect(Number(byChannel.get("Targets met and breached")?.find((r) => r.Target === "All targets")?.Met)).toBe(met);
  });

  it("the comments list pages by keyset: every comment once, newest first", async () => {
    const sup = await signIn(w.supervisor);
    // More comments than one page holds (25), some at the same instant: the (rated_at, id) key keeps them apart.
    for (let i = 0; i < 30; i++) await rated(w, w.conversations[i % 3]!, 3, `extra ${i}`, now - HOUR - Math.floor(i / 2) * 1000);
    const total = await raw("SELECT COUNT(*) AS n FROM csat_responses WHERE workspace_id = ? AND comment IS NOT NULL", w.workspaceId);
    const seen: string[] = [];
    let url = "/reports/csat?preset=custom&from=" + addDays(localDate(now, ZONE), -6) + "&to=" + localDate(now, ZONE);
    for (let page = 0; page < 10 && url; page++) {
      const html = await (await sup.get(url)).text();
      const section = html.slice(html.indexOf('id="rsec-comments"'));
      seen.push(...[...section.matchAll(/<td class="rtable__comment">([^<]*)<\/td>/g)].map((m) => m[1] ?? ""));
      const next = /href="(\/reports\/csat\?[^"]*before=[^"]+)"/.exec(html)?.[1];
      url = next ? next.replace(/&amp;/g, "&") : "";
    }
    expect(total).toBeGreaterThan(0);
    expect(seen).toHaveLength(total);
  });
});
