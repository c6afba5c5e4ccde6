// Automatic assignment with SIMULATOR unset, from an empty database: the owner
// sets up, adds a channel and a team, turns on round robin on the team page and
// goes online; a customer's conversation moved to the team is assigned to them.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { conversationKeyName } from "../../src/conversations/model";
import { drainOutbox } from "../helpers/conversations";
import { customerWrites, provisionFakeChannel } from "./fake-line";
import { completeSetup } from "./helpers";

describe("assignment in production", () => {
  it("assigns a team's new conversation to its online member by the team's policy", { timeout: 60_000 }, async () => {
    const owner = await completeSetup();
    const fake = await provisionFakeChannel("Sakura Shop JP");
    const added = await owner.post("/settings/channels", { name: "Japan", lineChannelId: fake.channelId, channelSecret: fake.channelSecret ?? "", accessToken: fake.accessToken ?? "" });
    expect(added.status).toBe(303);
    expect((await owner.post(`${added.headers.get("location")}/webhook/set`, {}, { htmx: true })).status).toBe(200);

    expect((await owner.post("/settings/teams", { name: "Support" })).status).toBe(303);
    const team = await env.DB.prepare("SELECT id FROM teams WHERE name = 'Support'").first<{ id: string }>();
    const me = await env.DB.prepare("SELECT id, name FROM users").first<{ id: string; name: string }>();
    if (!team || !me) throw new Error("setup");
    expect((await owner.post(`/settings/teams/${team.id}/members`, { userId: me.id })).status).toBe(303);
    expect((await owner.post(`/settings/teams/${team.id}/assignment`, { mode: "round_robin", capacity: "5" })).status).toBe(303);
    const page = await (await owner.get(`/settings/teams/${team.id}`)).text();
    expect(page).toMatch(/value="round_robin" checked/);
    expect((await owner.post("/settings/availability", { availability: "online" })).status).toBe(303);

    const { chatId, delivery } = await customerWrites(fake.channelId, "山田 花子", "返品したいです");
    expect(delivery).toBe("ok 200");
    const channel = await env.DB.prepare("SELECT id FROM channels WHERE line_channel_id = ?").bind(fake.channelId).first<{ id: string }>();
    const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(conversationKeyName({ channelId: channel?.id ?? "", source: { type: "user", userId: chatId } })));
    await drainOutbox(stub);
    await stub.triage({ kind: "team", team: { id: team.id, name: "Support" } }, { id: me.id, name: me.name });
    await drainOutbox(stub);

    const { triage, messages } = await stub.thread({ limit: 5 });
    expect(triage).toMatchObject({ teamId: team.id, assigneeId: me.id });
    expect(messages.some((m) => m.body.type === "activity" && m.body.text === `Assigned to ${me.name} by round robin (Support)`)).toBe(true);
  });
});
