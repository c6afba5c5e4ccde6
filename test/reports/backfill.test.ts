// The history backfill: rollups built from the conversation index, the audit
// log and recorded first responses equal a raw count of that history; chunks
// are counted once (running a step again changes nothing); progress is shown.
// And the hourly backlog snapshot equals a count of open conversations.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { backfillState, backfillStep, CHUNK, startBackfill } from "../../src/reports/backfill";
import { snapshotBacklog } from "../../src/reports/backlog";
import { createUser } from "../helpers/users";
import { parseCsv, signIn, sum, type World, world } from "./helpers";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const DAY = 86_400_000;
let w: World;
const now = Date.now();
const HISTORY = CHUNK + 37; // more than one chunk

beforeAll(async () => {
  w = await world("backfill", "UTC", 0, 1);
  const conv = env.DB.prepare(
    "INSERT INTO conversations (id, workspace_id, channel_id, source_type, source_id, title, status, bucket, assignee_id, team_id, last_message_preview, last_message_direction, last_activity_at, unread_count, last_seq, created_at) VALUES (?, ?, ?, 'user', ?, 'Old', ?, ?, ?, ?, '', 'inbound', ?, 0, 0, ?)",
  );
  const audit = env.DB.prepare("INSERT INTO audit_logs (id, workspace_id, actor_id, action, target_type, target_id, data, created_at) VALUES (?, ?, NULL, ?, 'conversation', ?, ?, ?)");
  const first = env.DB.prepare("INSERT INTO reporting_events (id, workspace_id, channel_id, conversation_id, kind, value_ms, created_at) VALUES (?, ?, ?, ?, 'first_response', ?, ?)");
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < HISTORY; i++) {
    const id = `bf-${i}-${w.workspaceId}`;
    const created = now - 5 * DAY + i * 60_000;
    const resolved = i % 3 === 0;
    statements.push(conv.bind(id, w.workspaceId, w.channels[i % 2], `U${i}`, resolved ? "resolved" : "open", resolved ? "resolved" : "active", i % 4 === 0 ? w.agents[0]!.id : null, i % 2 ? w.teams[0] : null, created, created));
    if (resolved) statements.push(audit.bind(`aud-bf-${i}-${w.workspaceId}`, w.workspaceId, "conversation.status", id, JSON.stringify({ from: "open", to: "resolved" }), created + 3_600_000));
    if (i % 5 === 0) statements.push(first.bind(`re-bf-${i}-${w.workspaceId}`, w.workspaceId, w.channels[i % 2], id, 120_000, created + 120_000));
  }
  await env.DB.batch(statements);
});

describe("history backfill", () => {
  it("builds opened, resolved and first responses from history, chunk by chunk, each chunk once", async () => {
    const started = await startBackfill(env.DB, w.workspaceId, now);
    expect(started).toMatchObject({ status: "running", phase: "conversations", total: HISTORY + Math.ceil(HISTORY / 3) + Math.ceil(HISTORY / 5) });
    // Starting again while it runs changes nothing.
    expect((await startBackfill(env.DB, w.workspaceId, now + 5)).started_at).toBe(started.started_at);

    let state = await backfillStep(env.DB, w.workspaceId, now);
    expect(state).toMatchObject({ phase: "conversations", processed: CHUNK });
    for (let i = 0; i < 10 && state?.status === "running"; i++) state = await backfillStep(env.DB, w.workspaceId, now);
    expect(state).toMatchObject({ status: "done", phase: "done", processed: started.total });
    await backfillStep(env.DB, w.workspaceId, now);

    const sup = await signIn(w.supervisor);
    const conv = parseCsv(await (await sup.get("/reports/export/conversations?preset=last7")).text());
    expect(sum(conv.get("Opened and resolved"), "Opened")).toBe(HISTORY);
    expect(sum(conv.get("Opened and resolved"), "Resolved")).toBe(Math.ceil(HISTORY / 3));
    const byTeam = conv.get("By team");
    expect(Number(byTeam?.find((r) => r.Team === "Team 1")?.Opened)).toBe(Math.floor(HISTORY / 2));
    const responses = parseCsv(await (await sup.get("/reports/export/responses?preset=last7")).text()).get("Response times");
    expect(responses?.find((r) => r.Measure === "First response" && r.Started === "Any time")).toMatchObject({ Count: String(Math.ceil(HISTORY / 5)), "Average (seconds)": "120" });
  });

  it("the panel shows progress to admins and the result when done", async () => {
    const admin = await signIn(await createUser({ role: "admin", workspaceId: w.workspaceId }));
    const html = await (await admin.get("/reports/conversations")).text();
    expect(html).toContain(`History built from ${(HISTORY + Math.ceil(HISTORY / 3) + Math.ceil(HISTORY / 5)).toLocaleString("en")} records`);
    expect((await backfillState(env.DB, w.workspaceId))?.status).toBe("done");
  });
});

describe("backlog snapshot", () => {
  it("equals a count of open conversations, in total, per channel and per agent", async () => {
    await snapshotBacklog(env.DB, w.workspaceId, "UTC", now);
    await snapshotBacklog(env.DB, w.workspaceId, "UTC", now);
    const raw = await env.DB.prepare("SELECT COUNT(*) AS n FROM conversations WHERE workspace_id = ? AND bucket = 'active'").bind(w.workspaceId).first<{ n: number }>();
    const rawChannel = await env.DB.prepare("SELECT COUNT(*) AS n FROM conversations WHERE workspace_id = ? AND bucket = 'active' AND channel_id = ?").bind(w.workspaceId, w.channels[1]).first<{ n: number }>();
    const sup = await signIn(w.supervisor);
    const rows = parseCsv(await (await sup.get("/reports/export/conversations?preset=today")).text()).get("Open conversations") ?? [];
    expect(Math.max(...rows.map((r) => Number(r.Open)))).toBe(raw?.n);
    expect(raw?.n).toBeGreaterThan(0);
    const perChannel = parseCsv(await (await sup.get(`/reports/export/conversations?preset=today&channel=${w.channels[1]}`)).text()).get("Open conversations") ?? [];
    expect(Math.max(...perChannel.map((r) => Number(r.Open)))).toBe(rawChannel?.n);
  });
});
