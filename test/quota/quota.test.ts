// The monthly quota: synced from LINE (the simulator's quota endpoints), shown
// by the badge in its states, marked exhausted when LINE answers 429, refreshed
// after pushes at most once a minute, and synced for every channel by cron.
import { env, SELF } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { markQuotaExhausted, refreshQuotaSoon, syncQuota } from "../../src/quota/service";
import { runScheduled } from "../../src/scheduler";
import { channelRowId } from "../helpers/conversations";
import { routeLineToSimulator, textEvent, userId } from "../helpers/line";
import { type Agent, login, ORIGIN } from "../helpers/session";
import { customerWrites, sentMessages } from "../composer/helpers";

let agent: Agent;
let channelId: string;
let restore: (() => void) | null = null;
beforeAll(async () => {
  agent = await login();
  channelId = await channelRowId();
});
afterEach(() => restore?.());

function record(answer?: Parameters<typeof routeLineToSimulator>[0]) {
  const routed = routeLineToSimulator(answer);
  restore = routed.restore;
  return routed.calls;
}

async function setSimulatorQuota(limit: number, used: number) {
  const res = await SELF.fetch(`${ORIGIN}/simulator/control/quota`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ limit, used }) });
  expect(res.status).toBe(200);
}

async function channelRow() {
  return env.DB.prepare("SELECT quota_limit, quota_used, quota_checked_at, quota_exhausted_at FROM channels WHERE id = ?").bind(channelId).first<Record<string, number | null>>();
}

async function badge(): Promise<string> {
  const res = await agent.get("/inbox/quota", { headers: { "hx-request": "true" } });
  expect(res.status).toBe(200);
  return res.text();
}

describe("quota", () => {
  it("syncs limit and usage from LINE's quota endpoints", async () => {
    const calls = record();
    await setSimulatorQuota(500, 120);
    const quota = await syncQuota(env, channelId, 1_000);
    expect(quota).toMatchObject({ limit: 500, used: 120, checkedAt: 1_000, exhaustedAt: null });
    expect(await channelRow()).toEqual({ quota_limit: 500, quota_used: 120, quota_checked_at: 1_000, quota_exhausted_at: null });
    expect(calls.map((c) => c.path).sort()).toEqual(["/v2/bot/message/quota", "/v2/bot/message/quota/consumption"]);
  });

  it("shows the badge as ok, warns near the limit (95 % or 10 left), and a clear limit-reached state", async () => {
    record();
    await setSimulatorQuota(500, 120);
    await syncQuota(env, channelId);
    let html = await badge();
    expect(html).toContain("quota-badge--ok");
    expect(html).toContain("120 / 500 messages this month");

    // 80 % is not "near the limit" any more: 100 pushes are still left.
    await setSimulatorQuota(500, 400);
    await syncQuota(env, channelId);
    expect(await badge()).toContain("quota-badge--ok");

    // The walk's case: 995 of 1,000 used.
    await setSimulatorQuota(1000, 995);
    await syncQuota(env, channelId);
    html = await badge();
    expect(html).toContain("quota-badge--warning");
    expect(html).toContain("5 messages left · 995 / 1,000");

    // A small plan: 90 % used, but only 10 left.
    await setSimulatorQuota(100, 90);
    await syncQuota(env, channelId);
    html = await badge();
    expect(html).toContain("quota-badge--warning");
    expect(html).toContain("10 messages left · 90 / 100");
    await setSimulatorQuota(100, 99);
    await syncQuota(env, channelId);
    expect(await badge()).toContain("1 message left · 99 / 100");

    await setSimulatorQuota(500, 500);
    await syncQuota(env, channelId);
    html = await badge();
    expect(html).toContain("quota-badge--exhausted");
    expect(html).toContain("Monthly limit reached · 500 / 500");
    expect((await channelRow())?.quota_exhausted_at).not.toBeNull();
  });

  it("shows an unlimited account as such", async () => {
    record((call) => (call.path === "/v2/bot/message/quota" ? Response.json({ type: "none" }) : null));
    await setSimulatorQuota(500, 42);
    await syncQuota(env, channelId);
    const html = await badge();
    expect(html).toContain("quota-badge--unlimited");
    expect(html).toContain("42 messages this month · no limit");
  });

  it("after LINE's 429 monthly-limit answer and markQuotaExhausted, the badge and the composer say so; a sync under the limit clears it", async () => {
    const calls = record();
    await setSimulatorQuota(300, 100);
    await syncQuota(env, channelId);
    // No reply token: the send is a push, and LINE has meanwhile run out.
    const { id } = await customerWrites("quota-429", [textEvent("late", { userId: userId("quota-429"), replyToken: null })]);
    await setSimulatorQuota(300, 300);
    const res = await agent.post(`/inbox/c/${id}/compose/text`, { text: "Are you still there?" }, { htmx: true });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("You have reached your monthly limit.");
    expect(sentMessages(calls)).toMatchObject([{ type: "text", text: "Are you still there?" }]);

    await markQuotaExhausted(env, channelId);
    // The stored figures (100 / 300) predate the refusal: the badge does not pair them with "limit reached".
    let html = await badge();
    expect(html).toContain("quota-badge--exhausted");
    expect(html).toContain('<span class="quota-pill__text">Monthly limit reached</span>');
    expect(html).not.toContain("100 / 300");
    const status = await (await agent.get(`/inbox/c/${id}/compose/status`)).text();
    expect(status).toContain("This month&#39;s LINE message limit is reached");
    expect(status).toContain("composer-status--blocked");

    await setSimulatorQuota(1000, 300);
    await syncQuota(env, channelId);
    expect((await channelRow())?.quota_exhausted_at).toBeNull();
    html = await badge();
    expect(html).toContain("300 / 1,000 messages this month");
    expect(html).not.toContain("Monthly limit reached");
  });

  it("keeps a 429 that came after a sync started: only a later sync showing room clears it", async () => {
    record();
    await setSimulatorQuota(1000, 2);
    await markQuotaExhausted(env, channelId, 5_000);
    // This sync began before LINE's refusal: its "2 / 1,000" is older news.
    await syncQuota(env, channelId, 4_000);
    expect((await channelRow())?.quota_exhausted_at).toBe(5_000);
    let html = await badge();
    expect(html).toContain("quota-badge--exhausted");
    expect(html).not.toContain("Monthly limit reached · 2 / 1,000");
    await syncQuota(env, channelId, 6_000);
    expect((await channelRow())?.quota_exhausted_at).toBeNull();
    html = await badge();
    expect(html).toContain("quota-badge--ok");
    expect(html).toContain("2 / 1,000 messages this month");
  });

  it("says in the composer how few messages are left before a push", async () => {
    record();
    await setSimulatorQuota(1000, 995);
    await syncQuota(env, channelId);
    const { id } = await customerWrites("quota-near", [textEvent("hi", { userId: userId("quota-near"), replyToken: null })]);
    const status = await (await agent.get(`/inbox/c/${id}/compose/status`)).text();
    expect(status).toContain("composer-status--near-limit");
    expect(status).toContain("only 5 messages left this month (limit 1,000)");
  });

  it("checks with LINE when a pill is pressed (a double press asks once), which needs the CSRF token", async () => {
    const calls = record();
    await setSimulatorQuota(1000, 10);
    await syncQuota(env, channelId);
    await setSimulatorQuota(1000, 996);
    calls.length = 0;
    const refused = await agent.post("/inbox/quota/check", {}, { htmx: true, csrf: null });
    expect(refused.status).toBe(403);
    expect(calls).toHaveLength(0);
    const res = await agent.post("/inbox/quota/check", {}, { htmx: true });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("4 messages left · 996 / 1,000");
    expect(calls.map((c) => c.path).sort()).toEqual(["/v2/bot/message/quota", "/v2/bot/message/quota/consumption"]);
    const again = await agent.post("/inbox/quota/check", {}, { htmx: true });
    expect(await again.text()).toContain("4 messages left · 996 / 1,000");
    expect(calls).toHaveLength(2);
  });

  it("refreshes after a push at most once a minute", async () => {
    const calls = record();
    await setSimulatorQuota(500, 10);
    await syncQuota(env, channelId, 10_000);
    calls.length = 0;
    expect(await refreshQuotaSoon(env, channelId, 30_000)).toBe(false);
    expect(calls).toHaveLength(0);
    await setSimulatorQuota(500, 11);
    expect(await refreshQuotaSoon(env, channelId, 70_000)).toBe(true);
    expect(await channelRow()).toMatchObject({ quota_used: 11, quota_checked_at: 70_000 });
    expect(await refreshQuotaSoon(env, "ch_does_not_exist", 200_000)).toBe(false);
  });

  it("a push from the composer has re-read the quota by the time it answers (the conversation does it inside the send)", async () => {
    record();
    await setSimulatorQuota(900, 40);
    const { id } = await customerWrites("quota-after-push", [textEvent("hi", { userId: userId("quota-after-push"), replyToken: null })]);
    await env.DB.prepare("UPDATE channels SET quota_checked_at = NULL, quota_used = NULL, quota_limit = NULL WHERE id = ?").bind(channelId).run();
    const res = await agent.post(`/inbox/c/${id}/compose/text`, { text: "We shipped it today" }, { htmx: true });
    expect(res.status).toBe(200);
    // The simulator counted the push: 41 of 900, read back inside the send (no background step to wait for).
    expect(await channelRow()).toMatchObject({ quota_limit: 900, quota_used: 41 });
  });

  it("syncs every channel from the scheduled job, and the first badge load syncs a channel never checked", async () => {
    const calls = record();
    await setSimulatorQuota(800, 77);
    await runScheduled({ scheduledTime: 5_000_000 }, env);
    expect(await channelRow()).toMatchObject({ quota_limit: 800, quota_used: 77, quota_checked_at: 5_000_000 });

    await env.DB.prepare("UPDATE channels SET quota_checked_at = NULL, quota_used = NULL, quota_limit = NULL WHERE id = ?").bind(channelId).run();
    calls.length = 0;
    expect(await badge()).toContain("77 / 800 messages this month");
    expect(calls.some((c) => c.path === "/v2/bot/message/quota")).toBe(true);
  });

  it("needs a session", async () => {
    const res = await SELF.fetch(`${ORIGIN}/inbox/quota`, { redirect: "manual", headers: { "hx-request": "true" } });
    expect(res.status).toBe(401);
  });
});
