// Deleting a team: its conversations leave it everywhere — the index at once and
// each conversation's own state (a system line), so a later index write cannot
// bring the deleted team back.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { indexRow } from "../helpers/conversations";
import { login } from "../helpers/session";
import { activityLines, drainConversation, moveToTeam, newCustomer, teamSetup } from "../assignment/helpers";

describe("deleting a team", () => {
  it("takes the team off its conversations, in their own state too", { timeout: 30_000 }, async () => {
    const s = await teamSetup(1, { mode: "manual", capacity: null }, "Wholesale");
    const c = await newCustomer(s);
    await moveToTeam(s, c);
    expect((await c.stub().thread({ limit: 1 })).triage.teamId).toBe(s.teamId);

    const admin = await login(s.admin.email, s.admin.password);
    expect((await admin.post(`/settings/teams/${s.teamId}/delete`, {}, { htmx: true })).status).toBe(200);
    expect(await env.DB.prepare("SELECT 1 FROM teams WHERE id = ?").bind(s.teamId).first()).toBeNull();
    expect((await c.stub().thread({ limit: 1 })).triage.teamId).toBeNull();
    expect(await activityLines(c)).toContain(`${s.admin.name} removed the team Wholesale`);

    // The customer writes again: the index write that follows keeps the team off.
    await c.says("Any news?");
    await drainConversation(c.stub());
    expect((await indexRow(c.id()))?.team_id).toBeNull();
  });
});
