// Settings → CSAT and Settings → SLA as an admin uses them: saving a channel's
// survey (texts per language), refusing bad input with a 422 fragment that says
// what is wrong, agents kept out, the Sheets key never shown back, and the CSV
// export of answers (formula-looking comments neutralised).
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { loginAs, loginInNewWorkspace } from "../helpers/users";
import { encryptSecret } from "../../src/lib/crypto";

const htmx = { htmx: true };

async function channelIn(workspaceId: string): Promise<string> {
  const id = newId("ch");
  await env.DB.prepare("INSERT INTO channels (id, workspace_id, name, line_channel_id, channel_secret_enc, access_token_enc, created_at) VALUES (?, ?, 'Cafe Mori OA', ?, ?, ?, ?)")
    .bind(id, workspaceId, `5${Date.now().toString().slice(-8)}${Math.floor(Math.random() * 90 + 10)}`, await encryptSecret(env.APP_SECRET, "s"), await encryptSecret(env.APP_SECRET, "t"), Date.now())
    .run();
  return id;
}

describe("Settings → CSAT", { timeout: 30_000 }, () => {
  it("saves a channel's survey and texts, and says what is wrong with 422", async () => {
    const admin = await loginInNewWorkspace("admin");
    const channelId = await channelIn(admin.user.workspaceId);
    const page = await (await admin.get("/settings/csat")).text();
    expect(page).toContain("Send the survey when a conversation is resolved");
    expect(page).toContain("Cafe Mori OA");

    const bad = await admin.post("/settings/csat", { channelId, onResolve: "on", minDaysBetween: "400", "thanks.ja": "x".repeat(301) }, htmx);
    expect(bad.status).toBe(422);
    const fragment = await bad.text();
    expect(fragment).toContain("Days must be a whole number from 0 to 365");
    expect(fragment).toContain("Each text can be at most 300 characters");
    expect(fragment).not.toContain("<html");

    const ok = await admin.post("/settings/csat", { channelId, onResolve: "on", minDaysBetween: "14", "thanks.ja": "ありがとうございました！" }, htmx);
    expect(ok.status).toBe(200);
    const row = await env.DB.prepare("SELECT on_resolve, only_if_agent_answered, min_days_between, texts FROM csat_settings WHERE channel_id = ?").bind(channelId).first<Record<string, unknown>>();
    expect(row).toMatchObject({ on_resolve: 1, only_if_agent_answered: 0, min_days_between: 14 });
    expect(JSON.parse(String(row?.texts))).toEqual({ ja: { thanks: "ありがとうございました！" } });
  });

  it("stores the Sheets key sealed and never shows it; refuses a key that is not a service account's", async () => {
    const admin = await loginInNewWorkspace("admin");
    const bad = await admin.post("/settings/csat/sheets", { key: "not json", spreadsheetId: "1AbCdEfGhIjK", sheetName: "CSAT" }, htmx);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Paste the whole JSON key of a service account");
    const key = JSON.stringify({ client_email: "csat@proj.iam.gserviceaccount.com", private_key: "-----BEGIN PRIVATE KEY-----\nMIIBVQ==\n-----END PRIVATE KEY-----\n" });
    const ok = await admin.post("/settings/csat/sheets", { key, spreadsheetId: "1AbCdEfGhIjK", sheetName: "CSAT" }, htmx);
    expect(ok.status).toBe(200);
    const html = await (await admin.get("/settings/csat")).text();
    expect(html).toContain("csat@proj.iam.gserviceaccount.com");
    expect(html).not.toContain("BEGIN PRIVATE KEY");
    // Saving again without a key keeps the stored one.
    expect((await admin.post("/settings/csat/sheets", { key: "", spreadsheetId: "1AbCdEfGhIjK", sheetName: "Answers" }, htmx)).status).toBe(200);
    const stored = await env.DB.prepare("SELECT sheet_name, private_key_enc FROM csat_sheets WHERE workspace_id = ?").bind(admin.user.workspaceId).first<Record<string, string>>();
    expect(stored?.sheet_name).toBe("Answers");
    expect(stored?.private_key_enc).toMatch(/^v1\./);
  });

  it("exports answers as CSV, newest first, formulas neutralised", async () => {
    const admin = await loginInNewWorkspace("admin");
    const ws = admin.user.workspaceId;
    const channelId = await channelIn(ws);
    const insert = (id: string, score: number, comment: string | null, at: number) =>
      env.DB.prepare("INSERT INTO csat_responses (id, workspace_id, channel_id, conversation_id, trigger, language, sent_via, status, score, comment, sent_at, rated_at) VALUES (?, ?, ?, 'conv1', 'resolve', 'en', 'reply', 'done', ?, ?, ?, ?)")
        .bind(id, ws, channelId, score, comment, at - 1000, at)
        .run();
    await insert("csat_a", 5, "Great, \"fast\" help", Date.UTC(2026, 10, 2));
    await insert("csat_b", 2, "=HYPERLINK(\"x\")", Date.UTC(2026, 10, 3));
    const res = await admin.get("/settings/csat/export.csv");
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("rated_at,score,comment,channel,agent,team,contact,conversation_id,trigger,sent_via,sent_at,response_id");
    expect(lines[1]).toBe(`2026-11-03T00:00:00.000Z,2,"'=HYPERLINK(""x"")",Cafe Mori OA,,,,conv1,resolve,reply,2026-11-02T23:59:59.000Z,csat_b`);
    expect(lines[2]).toContain(`5,"Great, ""fast"" help",Cafe Mori OA`);
    expect(lines).toHaveLength(3);
  });

  it("is for admins: agents get 403", async () => {
    const agent = await loginAs("agent");
    expect((await agent.get("/settings/csat")).status).toBe(403);
    expect((await agent.get("/settings/csat/export.csv")).status).toBe(403);
    expect((await agent.get("/settings/sla")).status).toBe(403);
  });
});

describe("Settings → SLA", { timeout: 30_000 }, () => {
  it("adds a policy, lists it in order, refuses bad input with 422 and deletes", async () => {
    const admin = await loginInNewWorkspace("admin");
    expect(await (await admin.get("/settings/sla")).text()).toContain("No SLA policies yet");
    const bad = await admin.post("/settings/sla", { name: "", position: "10", firstResponseMinutes: "", nextResponseMinutes: "0", resolutionMinutes: "" }, htmx);
    expect(bad.status).toBe(422);
    const fragment = await bad.text();
    expect(fragment).toContain("Give the policy a name");
    expect(fragment).toContain("Minutes must be whole numbers from 1 to 525600");
    const none = await admin.post("/settings/sla", { name: "Nothing", position: "10" }, htmx);
    expect(none.status).toBe(422);
    expect(await none.text()).toContain("Set at least one target");
    const foreign = await admin.post("/settings/sla", { name: "Foreign", position: "1", teamId: "team_from_elsewhere", firstResponseMinutes: "5" }, htmx);
    expect(foreign.status).toBe(422);

    const ok = await admin.post("/settings/sla", { name: "Urgent first", position: "1", minPriority: "4", firstResponseMinutes: "15", resolutionMinutes: "240", businessHours: "on" }, htmx);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("hx-redirect")).toBe("/settings/sla");
    const page = await (await admin.get("/settings/sla")).text();
    expect(page).toContain("Urgent first");
    expect(page).toContain("First response 15 min");
    const id = String((await env.DB.prepare("SELECT id FROM sla_policies WHERE workspace_id = ?").bind(admin.user.workspaceId).first<{ id: string }>())?.id);
    const deleted = await admin.post(`/settings/sla/${id}/delete`, {}, htmx);
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toContain("No SLA policies yet");
  });
});
