// /reports: supervisors and above only; every tab renders with its filters;
// filters that make no sense answer 422 with what is wrong; the Logs tab
// searches the audit log and pages by keyset; CSV for every tab.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { REPORT_TABS } from "../../src/reports/tabs";
import { ORIGIN } from "../helpers/session";
import { createUser } from "../helpers/users";
import { parseCsv, signIn, type World, world } from "./helpers";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

let w: World;
beforeAll(async () => {
  w = await world("pages", "Asia/Bangkok", 3, 11);
  const stmt = env.DB.prepare("INSERT INTO audit_logs (id, workspace_id, actor_id, action, target_type, target_id, data, created_at) VALUES (?, ?, ?, ?, 'conversation', ?, ?, ?)");
  const now = Date.now();
  await env.DB.batch(Array.from({ length: 60 }, (_, i) => stmt.bind(`aud_pages_${String(i).padStart(3, "0")}`, w.workspaceId, w.agents[i % 3]!.id, i % 10 === 0 ? "conversation.tagged" : "conversation.status", `conv-${i}`, JSON.stringify({ to: "resolved" }), now - i * 60_000)));
});

describe("access", () => {
  it("agents are refused, supervisors see every tab and the Reports link, signed-out people go to login", async () => {
    const agent = await signIn(w.agents[0]!);
    expect((await agent.get("/reports/conversations")).status).toBe(403);
    expect((await agent.get("/reports/export/messages")).status).toBe(403);
    expect(await (await agent.get("/inbox")).text()).not.toContain('href="/reports"');

    const anonymous = await SELF.fetch(`${ORIGIN}/reports/conversations`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/login");

    const sup = await signIn(w.supervisor);
    expect(await (await sup.get("/inbox")).text()).toContain('href="/reports"');
    for (const tab of REPORT_TABS) {
      const res = await sup.get(`/reports/${tab.id}?preset=last30`);
      expect(res.status, tab.id).toBe(200);
      // Every query of a tab goes to D1 in one batch: one round trip, however many figures.
      const timing = /rows_read=\d+ queries=(\d+) round_trips=(\d+)/.exec(res.headers.get("server-timing") ?? "");
      expect(Number(timing?.[1]), tab.id).toBeGreaterThan(0);
      expect(Number(timing?.[2]), tab.id).toBe(1);
      const csv = await sup.get(`/reports/export/${tab.id}?preset=last30`);
      expect(csv.status, tab.id).toBe(200);
      expect(csv.headers.get("content-disposition")).toContain(`linedesk-${tab.id}-`);
    }
    // Only admins and owners build history.
    expect(await (await sup.get("/reports/conversations")).text()).not.toContain("/reports/backfill");
    expect((await sup.post("/reports/backfill", {})).status).toBe(403);
  });

  it("another workspace's supervisor sees none of this workspace's names or numbers", async () => {
    const other = await world("elsewhere", "UTC", 1, 2);
    const sup = await signIn(other.supervisor);
    const html = await (await sup.get("/reports/agents?preset=last30")).text();
    expect(html).not.toContain(w.agents[0]!.name);
    const logs = await (await sup.get("/reports/logs?preset=last30")).text();
    expect(logs).not.toContain("conv-1");
  });
});

describe("filters", () => {
  it("a custom range without dates, a reversed range, a too-long range or a bad preset answer 422 saying why", async () => {
    const sup = await signIn(w.supervisor);
    const missing = await sup.get("/reports/conversations?preset=custom");
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain("Choose both dates for a custom range.");
    const reversed = await sup.get("/reports/conversations?preset=custom&from=2026-05-10&to=2026-05-01");
    expect(reversed.status).toBe(422);
    expect(await reversed.text()).toContain("The start date is after the end date.");
    expect((await sup.get("/reports/conversations?preset=custom&from=2024-01-01&to=2026-01-01")).status).toBe(422);
    expect((await sup.get("/reports/conversations?preset=forever")).status).toBe(422);
    expect((await sup.get("/reports/conversations?channel=%27%20OR%201%3D1")).status).toBe(422);
    expect((await sup.get("/reports/nonsense")).status).toBe(404);
  });

  it("the form keeps the chosen filters and the tab links carry them", async () => {
    const sup = await signIn(w.supervisor);
    const html = await (await sup.get(`/reports/messages?preset=yesterday&channel=${w.channels[1]}&tag=${w.tags[0]}`)).text();
    expect(html).toContain(`href="/reports/agents?preset=yesterday&amp;channel=${w.channels[1]}&amp;tag=${w.tags[0]}"`);
    expect(html).toMatch(new RegExp(`<option value="${w.channels[1]}" selected`));
    expect(html).toContain("Days and hours in Asia/Bangkok");
  });
});

describe("logs", () => {
  it("newest first, 50 a page, then the next page by keyset; search and the person filter narrow it", async () => {
    const sup = await signIn(w.supervisor);
    const first = await (await sup.get("/reports/logs?preset=last7")).text();
    const ids = (html: string) => [...html.matchAll(/conversation conv-(\d+)/g)].map((m) => Number(m[1]));
    const page1 = ids(first);
    expect(page1.length).toBe(50);
    expect(page1.slice(0, 3)).toEqual([0, 1, 2]);
    const next = /href="(\/reports\/logs\?[^"]*before=[^"]+)"/.exec(first)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toBeTruthy();
    const page2 = ids(await (await sup.get(next ?? "")).text());
    expect(page2).toEqual(Array.from({ length: 10 }, (_, i) => 50 + i));

    const tagged = ids(await (await sup.get("/reports/logs?preset=last7&q=tagged")).text());
    expect(tagged).toEqual([0, 10, 20, 30, 40, 50]);
    const byAgent = ids(await (await sup.get(`/reports/logs?preset=last7&agent=${w.agents[1]!.id}`)).text());
    expect(byAgent.every((i) => i % 3 === 1)).toBe(true);
    // LIKE wildcards are searched as text.
    expect(ids(await (await sup.get("/reports/logs?preset=last7&q=%25")).text())).toEqual([]);

    const csv = parseCsv(await (await sup.get("/reports/export/logs?preset=last7&q=tagged")).text()).get("Audit log");
    expect(csv?.map((r) => r.Target)).toEqual([0, 10, 20, 30, 40, 50].map((i) => `conversation conv-${i}`));
    expect(csv?.[0]?.Who).toBe(w.agents[0]!.name);
  });

  it("CSV cells that a spreadsheet would run as formulas are defused", async () => {
    const sup = await signIn(w.supervisor);
    await env.DB.prepare("INSERT INTO audit_logs (id, workspace_id, actor_id, action, target_type, target_id, data, created_at) VALUES ('aud_formula', ?, NULL, '=HYPERLINK(\"x\")', 'conversation', 'c', NULL, ?)").bind(w.workspaceId, Date.now()).run();
    const text = await (await sup.get("/reports/export/logs?preset=last7&q=HYPERLINK")).text();
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(parseCsv(text).get("Audit log")?.[0]?.Who).toBe("Automation");
  });
});

describe("admins", () => {
  it("see the history panel", async () => {
    const admin = await createUser({ role: "admin", workspaceId: w.workspaceId });
    const html = await (await (await signIn(admin)).get("/reports/conversations")).text();
    expect(html).toContain('action="/reports/backfill"');
  });
});
