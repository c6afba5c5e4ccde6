// Settings → Channels: admins add, edit, rotate, refresh, disable and remove LINE
// channels (checked against the fake LINE's bot info); agents and supervisors get
// 403, other workspaces' channels 404; secrets are write-only; all of it audited.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { decryptSecret } from "../../src/lib/crypto";
import { botUserIdFor } from "../../src/simulator/line-ids";
import { auditActions, loginAs, loginInNewWorkspace } from "../helpers/users";
import { addChannel, channelRow, insertUncheckedChannel, provision } from "./channels-helpers";

describe("who may manage channels", () => {
  it("is admins and owners: agents and supervisors get 403 and no nav entry", async () => {
    for (const role of ["agent", "supervisor"] as const) {
      const person = await loginAs(role);
      expect((await person.get("/settings/channels")).status).toBe(403);
      expect((await person.get("/settings/channels/new")).status).toBe(403);
      expect((await person.post("/settings/channels", { name: "x", lineChannelId: "1234567", channelSecret: "0".repeat(32), accessToken: "t".repeat(30) })).status).toBe(403);
      expect(await (await person.get("/settings/team")).text()).not.toContain('href="/settings/channels"');
    }
    const admin = await loginAs("admin");
    expect((await admin.get("/settings/channels")).status).toBe(200);
    expect(await (await admin.get("/settings/team")).text()).toContain('href="/settings/channels"');
  });

  it("answers 404 for another workspace's channel, whatever the action", async () => {
    const owner = await loginInNewWorkspace();
    const id = await addChannel(owner, await provision("Theirs"));
    const stranger = await loginInNewWorkspace();
    expect((await stranger.get(`/settings/channels/${id}`)).status).toBe(404);
    expect((await stranger.get(`/settings/channels/${id}/edit`)).status).toBe(404);
    expect((await stranger.get(`/settings/channels/${id}/qr.svg`)).status).toBe(404);
    for (const action of ["", "/refresh", "/disable", "/delete", "/webhook/set", "/webhook/test"]) {
      expect((await stranger.post(`/settings/channels/${id}${action}`, { name: "Mine now", confirmName: "Theirs" })).status).toBe(404);
    }
    expect((await channelRow(id))?.name).toBe(`Channel ${(await channelRow(id))?.line_channel_id}`);
  });
});

describe("adding a channel", () => {
  it("checks the token with LINE, stores LINE's bot info and encrypted secrets, and audits", async () => {
    const owner = await loginInNewWorkspace();
    const fake = await provision("Bangkok store");
    const id = await addChannel(owner, fake, "Thailand");
    const row = await channelRow(id);
    expect(row).toMatchObject({
      name: "Thailand", line_channel_id: fake.channelId, bot_user_id: await botUserIdFor(fake.channelId), bot_name: "Bangkok store",
      basic_id: fake.basicId, chat_mode: "chat", mark_as_read_mode: "manual", disabled_at: null,
    });
    expect(row?.channel_secret_enc).not.toContain(fake.channelSecret);
    expect(await decryptSecret(env.APP_SECRET, String(row?.channel_secret_enc))).toBe(fake.channelSecret);
    expect(await decryptSecret(env.APP_SECRET, String(row?.access_token_enc))).toBe(fake.accessToken);
    const page = await (await owner.get(`/settings/channels/${id}`)).text();
    expect(page).toContain("Bangkok store");
    expect(page).toContain(fake.basicId);
    expect(page).toContain(`https://linedesk.test/webhooks/line/${fake.channelId}`);
    expect(page).toContain(`https://line.me/R/ti/p/${encodeURIComponent(fake.basicId)}`);
    expect(page).toMatch(/<svg class="qr"[^>]*role="img"/);
    expect((await auditActions(owner.user.workspaceId)).map((a) => a.action)).toContain("channel.created");
  });

  it("refuses a token LINE rejects with 422 and LINE's reason, and saves nothing", async () => {
    const owner = await loginInNewWorkspace();
    const fake = await provision();
    const res = await owner.post("/settings/channels", { name: "Broken", lineChannelId: fake.channelId, channelSecret: fake.channelSecret, accessToken: `${fake.accessToken}x` }, { htmx: true });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/^<form id="channel-form"/);
    expect(html).toContain("LINE refused this access token: Authentication failed");
    expect(html).toContain('value="Broken"');
    expect(html).not.toContain(fake.channelSecret);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM channels WHERE line_channel_id = ?").bind(fake.channelId).first("n")).toBe(0);
  });

  it.each([
    [{ lineChannelId: "abc" }, "A LINE channel ID is a number"],
    [{ channelSecret: "not-hex" }, "A channel secret is 32 characters"],
    [{ accessToken: "" }, "Paste a channel access token"],
    [{ name: "" }, "Give the channel a name"],
  ])("explains a bad field (%j) with 422", async (change, message) => {
    const owner = await loginInNewWorkspace();
    const fake = await provision();
    const res = await owner.post("/settings/channels", { name: "Form", lineChannelId: fake.channelId, channelSecret: fake.channelSecret, accessToken: fake.accessToken, ...change });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(message);
  });

  it("refuses a LINE channel that is already connected, and the same bot under another channel id", async () => {
    const owner = await loginInNewWorkspace();
    const fake = await provision();
    await addChannel(owner, fake);
    const again = await owner.post("/settings/channels", { name: "Twice", lineChannelId: fake.channelId, channelSecret: fake.channelSecret, accessToken: fake.accessToken });
    expect(await again.text()).toContain("already connected to linedesk");
    const sameBot = await owner.post("/settings/channels", { name: "Twin", lineChannelId: "1234567890123", channelSecret: fake.channelSecret, accessToken: fake.accessToken });
    expect(sameBot.status).toBe(422);
    expect(await sameBot.text()).toContain(`which is already connected as “Channel ${fake.channelId}”`);
  });
});

describe("write-only secrets and editing", () => {
  it("never puts the secret or token into any page, and keeps them when the fields stay empty", async () => {
    const owner = await loginInNewWorkspace();
    const fake = await provision();
    const id = await addChannel(owner, fake, "Japan");
    for (const path of ["/settings/channels", `/settings/channels/${id}`, `/settings/channels/${id}/edit`]) {
      const html = await (await owner.get(path)).text();
      expect(html).not.toContain(fake.channelSecret);
      expect(html).not.toContain(fake.accessToken);
    }
    expect(await (await owner.get(`/settings/channels/${id}/edit`)).text()).toContain("set · last changed");
    const before = await channelRow(id);
    const res = await owner.post(`/settings/channels/${id}`, { name: "Japan (Tokyo)", channelSecret: "", accessToken: "" });
    expect(res.status).toBe(303);
    const after = await channelRow(id);
    expect(after).toMatchObject({ name: "Japan (Tokyo)", channel_secret_enc: before?.channel_secret_enc, access_token_enc: before?.access_token_enc });
    const audit = (await auditActions(owner.user.workspaceId)).filter((a) => a.action === "channel.updated");
    expect(JSON.parse(audit[0]?.data ?? "{}")).toMatchObject({ changed: ["name"], from: "Japan", to: "Japan (Tokyo)" });
  });

  it("rotates the secret on edit, and refuses a token LINE rejects", async () => {
    const owner = await loginInNewWorkspace();
    const fake = await provision();
    const id = await addChannel(owner, fake);
    const newSecret = "ab".repeat(16);
    expect((await owner.post(`/settings/channels/${id}`, { name: "Rotated", channelSecret: newSecret })).status).toBe(303);
    const row = await channelRow(id);
    expect(await decryptSecret(env.APP_SECRET, String(row?.channel_secret_enc))).toBe(newSecret);
    const bad = await owner.post(`/settings/channels/${id}`, { name: "Rotated", accessToken: "revoked-token-0123456789abcdef" }, { htmx: true });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("LINE refused this access token");
    expect(await decryptSecret(env.APP_SECRET, String((await channelRow(id))?.access_token_enc))).toBe(fake.accessToken);
    const changed = (await auditActions(owner.user.workspaceId)).filter((a) => a.action === "channel.updated").map((a) => JSON.parse(a.data ?? "{}").changed);
    expect(changed).toEqual([["name", "channel secret"]]);
  });
});

describe("LINE's account settings", () => {
  it("warns when LINE marks messages read automatically (Chat off)", async () => {
    const owner = await loginInNewWorkspace();
    const id = await addChannel(owner, await provision("Bot only", "bot"));
    const page = await (await owner.get(`/settings/channels/${id}`)).text();
    expect(page).toContain("Messages are marked read the moment they arrive");
    expect(page).not.toContain("Chat is also on");
    expect(page).toContain("No LINE API can read these switches");
    expect(await (await owner.get("/settings/channels")).text()).toContain("1 warning");
  });

  it("notes that Chat is on (manual read), without the read warning", async () => {
    const owner = await loginInNewWorkspace();
    const id = await addChannel(owner, await provision("Chatty", "chat"));
    const page = await (await owner.get(`/settings/channels/${id}`)).text();
    expect(page).toContain("Chat is also on in the LINE Official Account Manager");
    expect(page).not.toContain("marked read the moment");
  });

  it("refreshes a channel that was never checked (like the env one) from LINE", async () => {
    const owner = await loginInNewWorkspace();
    const fake = await provision("Env-like");
    const id = await insertUncheckedChannel(owner.user.workspaceId, fake);
    expect(await (await owner.get(`/settings/channels/${id}`)).text()).toContain("Not checked with LINE yet");
    const res = await owner.post(`/settings/channels/${id}/refresh`, {}, { htmx: true });
    expect(res.status).toBe(200);
    const card = await res.text();
    expect(card).toMatch(/^<section id="channel-account"/);
    expect(card).toContain("Env-like");
    expect(card).not.toContain("Not checked with LINE yet");
    expect((await channelRow(id))?.bot_user_id).toBe(fake.botUserId);
    expect((await auditActions(owner.user.workspaceId)).map((a) => a.action)).toContain("channel.bot_info_refreshed");
  });
});

describe("disabling and removing", () => {
  it("disables and enables a channel, with audit entries", async () => {
    const owner = await loginInNewWorkspace();
    const id = await addChannel(owner, await provision());
    expect((await owner.post(`/settings/channels/${id}/disable`, {})).status).toBe(303);
    expect((await channelRow(id))?.disabled_at).not.toBeNull();
    expect(await (await owner.get("/settings/channels")).text()).toContain("Disabled");
    await owner.post(`/settings/channels/${id}/enable`, {});
    expect((await channelRow(id))?.disabled_at).toBeNull();
    const actions = (await auditActions(owner.user.workspaceId)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["channel.disabled", "channel.enabled"]));
  });

  it("removes an unused channel only when its name is typed", async () => {
    const owner = await loginInNewWorkspace();
    const id = await addChannel(owner, await provision(), "Pop-up store");
    const wrong = await owner.post(`/settings/channels/${id}/delete`, { confirmName: "pop up" });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("Type “Pop-up store” to remove this channel.");
    expect(await channelRow(id)).not.toBeNull();
    expect((await owner.post(`/settings/channels/${id}/delete`, { confirmName: "pop-up store" })).status).toBe(303);
    expect(await channelRow(id)).toBeNull();
    expect((await auditActions(owner.user.workspaceId)).map((a) => a.action)).toContain("channel.removed");
  });

  it("refuses to remove a channel that has conversations, and the env channel", async () => {
    const owner = await loginInNewWorkspace();
    const id = await addChannel(owner, await provision(), "Busy");
    await env.DB.prepare(
      `INSERT INTO conversations (id, workspace_id, channel_id, source_type, source_id, title, status, last_message_preview, last_message_direction, last_activity_at, unread_count, last_seq, created_at)
       VALUES (?, ?, ?, 'user', 'U1', 'A customer', 'open', 'hi', 'inbound', 1, 1, 1, 1)`,
    ).bind(`conv-${id}`, owner.user.workspaceId, id).run();
    expect(await (await owner.get(`/settings/channels/${id}`)).text()).toContain("so it cannot be removed");
    expect((await owner.post(`/settings/channels/${id}/delete`, { confirmName: "Busy" })).status).toBe(409);
    expect(await channelRow(id)).not.toBeNull();

    const admin = await loginAs("admin");
    const envChannel = await env.DB.prepare("SELECT id FROM channels WHERE line_channel_id = ?").bind(env.LINE_CHANNEL_ID).first<{ id: string }>();
    expect((await admin.post(`/settings/channels/${envChannel?.id}/delete`, { confirmName: "LINE Official Account" })).status).toBe(409);
  });
});
