// A channel's webhook with the fake LINE: the URL is set on LINE and LINE's test
// POSTs a signed verify body that linedesk accepts; the webhook refuses bodies for
// another bot once the bot user id is known, and a disabled channel takes nothing
// and sends nothing.
import { env, SELF } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { conversationKeyName } from "../../src/conversations/model";
import { verifySignature } from "../../src/lib/crypto";
import { auditActions, loginInNewWorkspace } from "../helpers/users";
import { textEvent, userId } from "../helpers/line";
import { addChannel, channelRow, insertUncheckedChannel, postSigned, provision, routeOwnOrigin } from "./channels-helpers";

let routing: ReturnType<typeof routeOwnOrigin>;
beforeEach(() => {
  routing = routeOwnOrigin();
});
afterEach(() => routing.restore());

function conversation(channelRowId: string, lineUserId: string) {
  return env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(conversationKeyName({ channelId: channelRowId, source: { type: "user", userId: lineUserId } })));
}

describe("webhook URL on LINE", () => {
  it("sets this channel's URL on LINE, and LINE's test reaches linedesk with a signed verify body", async () => {
    const owner = await loginInNewWorkspace();
    const fake = await provision("Webhook shop");
    const id = await addChannel(owner, fake);
    const url = `https://linedesk.test/webhooks/line/${fake.channelId}`;

    const before = await (await owner.get(`/settings/channels/${id}/webhook`, { headers: { "hx-request": "true" } })).text();
    expect(before).toContain("no webhook URL set");

    const set = await owner.post(`/settings/channels/${id}/webhook/set`, {}, { htmx: true });
    expect(set.status).toBe(200);
    const setHtml = await set.text();
    expect(setHtml).toMatch(/^<div id="channel-webhook-status"/);
    expect(setHtml).toContain("LINE now sends this channel&#39;s webhooks to linedesk");
    expect(setHtml).toContain(`<code>${url}</code> · Use webhook on`);

    const test = await owner.post(`/settings/channels/${id}/webhook/test`, {}, { htmx: true });
    const testHtml = await test.text();
    expect(testHtml).toContain("webhook-test--ok");
    expect(testHtml).toMatch(/Status code<\/dt><dd>200<\/dd>/);
    expect(testHtml).toMatch(/Reason<\/dt><dd>OK<\/dd>/);
    const verify = routing.seen.find((r) => r.url === url);
    expect(verify).toBeDefined();
    expect(JSON.parse(verify?.body ?? "{}")).toEqual({ destination: fake.botUserId, events: [] });
    expect(await verifySignature(fake.channelSecret, new TextEncoder().encode(verify?.body ?? ""), verify?.signature)).toBe(true);

    const actions = (await auditActions(owner.user.workspaceId)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["channel.webhook_set", "channel.webhook_tested"]));
  });

  it("shows LINE's failed test, with what a 401 means (a wrong channel secret in linedesk)", async () => {
    const owner = await loginInNewWorkspace();
    const fake = await provision();
    const id = await addChannel(owner, fake);
    await owner.post(`/settings/channels/${id}`, { name: "Wrong secret", channelSecret: "cd".repeat(16) });
    await owner.post(`/settings/channels/${id}/webhook/set`, {}, { htmx: true });
    const html = await (await owner.post(`/settings/channels/${id}/webhook/test`, {}, { htmx: true })).text();
    expect(html).toContain("webhook-test--failed");
    expect(html).toMatch(/Status code<\/dt><dd>401<\/dd>/);
    expect(html).toMatch(/Reason<\/dt><dd>ERROR_STATUS_CODE<\/dd>/);
    expect(html).toContain("the channel secret saved here is not this channel&#39;s");
  });

  it("delivers a customer's message from the fake LINE's phone to the URL set from Settings", async () => {
    const owner = await loginInNewWorkspace();
    const fake = await provision("Phone shop");
    const id = await addChannel(owner, fake);
    await owner.post(`/settings/channels/${id}/webhook/set`, {}, { htmx: true });
    // The phone runs on another origin (a second instance acting as LINE); only the endpoint matters.
    const phone = (path: string, body: unknown) =>
      SELF.fetch(`http://127.0.0.1:8812/simulator${path}?channel=${fake.channelId}`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) });
    const created: { ok: boolean; chatId: string } = await (await phone("/users", { displayName: "Nok", language: "th" })).json();
    const sent: { result: { delivery: string } } = await (await phone(`/chats/${created.chatId}/send`, { kind: "text", text: "สวัสดีค่ะ" })).json();
    expect(sent.result.delivery).toBe("ok 200");
    expect(routing.seen.map((r) => r.url)).toContain(`https://linedesk.test/webhooks/line/${fake.channelId}`);
    const texts = (await conversation(id, created.chatId).thread()).messages.map((m) => (m.body.type === "text" ? m.body.text : m.body.type));
    expect(texts).toContain("สวัสดีค่ะ");
  });

  it("works without JavaScript: the buttons answer with the whole channel page", async () => {
    const owner = await loginInNewWorkspace();
    const id = await addChannel(owner, await provision());
    const page = await owner.post(`/settings/channels/${id}/webhook/set`, {});
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<!DOCTYPE html>");
    expect(html).toContain("LINE now sends this channel&#39;s webhooks to linedesk");
  });
});

describe("the webhook's destination check", () => {
  it("refuses a body for another bot once the bot user id is known, storing nothing", async () => {
    const owner = await loginInNewWorkspace();
    const fake = await provision();
    const id = await addChannel(owner, fake);
    const customer = userId("dest-check");
    const foreign = await postSigned(fake.channelId, fake.channelSecret, { destination: `U${"f".repeat(32)}`, events: [textEvent("not for you", { userId: customer })] });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({ error: "The webhook's destination is not this channel's bot" });
    expect((await conversation(id, customer).thread()).messages).toHaveLength(0);

    const ours = await postSigned(fake.channelId, fake.channelSecret, { destination: fake.botUserId, events: [textEvent("for you", { userId: customer })] });
    expect(ours.status).toBe(200);
    expect((await conversation(id, customer).thread()).messages.map((m) => m.body)).toEqual([expect.objectContaining({ type: "text", text: "for you" })]);
  });

  it("accepts any destination while the bot user id is unknown (never checked with LINE)", async () => {
    const owner = await loginInNewWorkspace();
    const fake = await provision();
    await insertUncheckedChannel(owner.user.workspaceId, fake);
    const res = await postSigned(fake.channelId, fake.channelSecret, { destination: `U${"a".repeat(32)}`, events: [] });
    expect(res.status).toBe(200);
  });
});

describe("a disabled channel", () => {
  it("refuses webhooks (403 after the signature check) and sends nothing; enabling takes webhooks again", async () => {
    const owner = await loginInNewWorkspace();
    const fake = await provision();
    const id = await addChannel(owner, fake);
    const customer = userId("disabled-1");
    expect((await postSigned(fake.channelId, fake.channelSecret, { destination: fake.botUserId, events: [textEvent("before", { userId: customer })] })).status).toBe(200);

    await owner.post(`/settings/channels/${id}/disable`, {});
    const unsigned = await postSigned(fake.channelId, "0".repeat(32), { destination: fake.botUserId, events: [] });
    expect(unsigned.status).toBe(401);
    const refused = await postSigned(fake.channelId, fake.channelSecret, { destination: fake.botUserId, events: [textEvent("while off", { userId: customer })] });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: "This channel is disabled in linedesk" });

    const stub = conversation(id, customer);
    const sent = await stub.send({ agent: { id: null, name: "Agent" }, messages: [{ type: "text", text: "hello?" }], preview: { type: "text", text: "hello?" } });
    expect(sent.status).toBe("failed");
    expect(sent.error).toContain("is disabled in Settings → Channels, so nothing was sent");
    const texts = (await stub.thread()).messages.map((m) => (m.body.type === "text" ? m.body.text : m.body.type));
    expect(texts).toEqual(["before", "hello?"]);
    const fakeChat = await SELF.fetch(`https://linedesk.test/simulator/control/chats/${customer}/messages?channel=${fake.channelId}`);
    expect(((await fakeChat.json()) as { entries: unknown[] }).entries).toHaveLength(0);

    await owner.post(`/settings/channels/${id}/enable`, {});
    expect((await channelRow(id))?.disabled_at).toBeNull();
    expect((await postSigned(fake.channelId, fake.channelSecret, { destination: fake.botUserId, events: [textEvent("after", { userId: customer })] })).status).toBe(200);
  });
});
