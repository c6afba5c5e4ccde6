// The fake LINE knows several channels, as LINE does: each is found by its access
// token, provisioned from the console (POST /simulator/control/channels), answers
// bot info and its own webhook endpoint (get, set, test), and its phone posts signed
// webhooks to that endpoint. The env channel is there implicitly.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { botInfoSchema } from "../../src/line/account";
import { verifySignature } from "../../src/lib/crypto";
import { botUserIdFor } from "../../src/simulator/line-ids";
import { ORIGIN, TOKEN, captureWebhooks, firstEvent, phone, simulator } from "./helpers";

const sim = simulator("1888000001");
let appStatus = 200;
let hooks: ReturnType<typeof captureWebhooks>;
beforeEach(() => {
  appStatus = 200;
  hooks = captureWebhooks(() => appStatus);
});
afterEach(() => hooks.restore());

interface Provisioned {
  channelId: string;
  channelSecret: string;
  accessToken: string;
  basicId: string;
  botUserId: string;
  name: string;
  chatMode: string;
}

async function provision(body: Record<string, string> = {}): Promise<Provisioned> {
  const res = await sim.request("/control/channels", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return res.json();
}

function lineCall(token: string, method: string, path: string, body?: unknown) {
  return sim.request(`/line${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe("the fake LINE Developers Console", () => {
  it("provisions channels with LINE-shaped credentials and lists them after the env channel", async () => {
    const shop = await provision({ name: "Shop TH", chatMode: "bot" });
    expect(shop).toMatchObject({ name: "Shop TH", chatMode: "bot" });
    expect(shop.channelId).toMatch(/^2\d{9}$/);
    expect(shop.channelSecret).toMatch(/^[0-9a-f]{32}$/);
    expect(shop.accessToken.length).toBeGreaterThan(100);
    expect(shop.basicId).toMatch(/^@\d{3}[a-z]{5}$/);
    expect(shop.botUserId).toBe(await botUserIdFor(shop.channelId));
    const list: { channels: Array<{ channelId: string; fromEnv: boolean }> } = await (await sim.request("/control/channels")).json();
    expect(list.channels.map((c) => [c.channelId, c.fromEnv])).toEqual([
      ["1888000001", true],
      [shop.channelId, false],
    ]);
    const page = await (await sim.request("/console")).text();
    expect(page).toContain("Shop TH");
    expect(page).toContain(shop.channelSecret);
    expect(page).toContain(shop.accessToken);
  });

  it("refuses a bad provisioning request", async () => {
    const res = await sim.request("/control/channels", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ chatMode: "maybe" }) });
    expect(res.status).toBe(400);
  });
});

describe("channels are told apart by their access token", () => {
  it("answers bot info per channel in messaging-api.yml's shape, and 401 for unknown tokens", async () => {
    const shop = await provision({ name: "Shop TH", chatMode: "bot" });
    const mine = await lineCall(shop.accessToken, "GET", "/v2/bot/info");
    expect(mine.status).toBe(200);
    const info = botInfoSchema.parse(await mine.json());
    expect(info).toMatchObject({ userId: shop.botUserId, basicId: shop.basicId, displayName: "Shop TH", chatMode: "bot", markAsReadMode: "auto" });
    expect(info.pictureUrl).toBe(`${ORIGIN}/simulator/accounts/${shop.channelId}.svg`);
    const envInfo = botInfoSchema.parse(await (await lineCall(TOKEN, "GET", "/v2/bot/info")).json());
    expect(envInfo).toMatchObject({ userId: await botUserIdFor("1888000001"), basicId: "@linedesk", chatMode: "chat", markAsReadMode: "manual" });
    const unknown = await lineCall("no-such-token", "GET", "/v2/bot/info");
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ message: expect.stringContaining("Authentication failed") });
  });

  it("keeps each channel's customers and quota apart", async () => {
    const shop = await provision();
    const customer = `U${"5".repeat(32)}`;
    const push = await lineCall(shop.accessToken, "POST", "/v2/bot/message/push", { to: customer, messages: [{ type: "text", text: "only here" }] });
    expect(push.status).toBe(200);
    const used = async (token: string) => ((await (await lineCall(token, "GET", "/v2/bot/message/quota/consumption")).json()) as { totalUsage: number }).totalUsage;
    expect(await used(shop.accessToken)).toBe(1);
    expect(await used(TOKEN)).toBe(0);
    const theirs: { entries: unknown[] } = await (await sim.request(`/control/chats/${customer}/messages?channel=${shop.channelId}`)).json();
    const envs: { entries: unknown[] } = await (await sim.request(`/control/chats/${customer}/messages`)).json();
    expect([theirs.entries.length, envs.entries.length]).toEqual([1, 0]);
  });
});

describe("webhook endpoint per channel", () => {
  it("starts unset, takes an https URL (or a local http one), and refuses anything else", async () => {
    const shop = await provision();
    expect(await (await lineCall(shop.accessToken, "GET", "/v2/bot/channel/webhook/endpoint")).json()).toEqual({ endpoint: "", active: false });
    const bad = await lineCall(shop.accessToken, "PUT", "/v2/bot/channel/webhook/endpoint", { endpoint: "http://example.com/hook" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ message: "Invalid webhook endpoint URL", details: [{ property: "endpoint" }] });
    const local = await lineCall(shop.accessToken, "PUT", "/v2/bot/channel/webhook/endpoint", { endpoint: "http://127.0.0.1:8811/webhooks/line/1" });
    expect(local.status).toBe(200);
    const set = await lineCall(shop.accessToken, "PUT", "/v2/bot/channel/webhook/endpoint", { endpoint: "https://desk.example/webhooks/line/42" });
    expect([set.status, await set.json()]).toEqual([200, {}]);
    expect(await (await lineCall(shop.accessToken, "GET", "/v2/bot/channel/webhook/endpoint")).json()).toEqual({ endpoint: "https://desk.example/webhooks/line/42", active: true });
    // The env channel's endpoint is its own.
    expect(await (await lineCall(TOKEN, "GET", "/v2/bot/channel/webhook/endpoint")).json()).toEqual({ endpoint: "", active: false });
  });

  it("tests the endpoint by POSTing a signed verify body, and reports the answer like LINE", async () => {
    const shop = await provision();
    const noUrl = await lineCall(shop.accessToken, "POST", "/v2/bot/channel/webhook/test", {});
    expect(noUrl.status).toBe(400);
    await lineCall(shop.accessToken, "PUT", "/v2/bot/channel/webhook/endpoint", { endpoint: "https://desk.example/webhooks/line/42" });
    const ok = await lineCall(shop.accessToken, "POST", "/v2/bot/channel/webhook/test");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ success: true, timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), statusCode: 200, reason: "OK", detail: expect.stringContaining("200") });
    const hook = hooks.last();
    expect(hook.url).toBe("https://desk.example/webhooks/line/42");
    expect(JSON.parse(hook.rawBody)).toEqual({ destination: shop.botUserId, events: [] });
    expect(await verifySignature(shop.channelSecret, new TextEncoder().encode(hook.rawBody), hook.headers.get("x-line-signature"))).toBe(true);

    appStatus = 500;
    const other = await lineCall(shop.accessToken, "POST", "/v2/bot/channel/webhook/test", { endpoint: "https://other.example/webhooks/line/7" });
    expect(await other.json()).toMatchObject({ success: false, statusCode: 500, reason: "ERROR_STATUS_CODE" });
    expect(hooks.last().url).toBe("https://other.example/webhooks/line/7");
  });
});

describe("the phone chats with the account it picked", () => {
  it("signs and sends a channel's webhooks to its endpoint, or to this origin when none is set", async () => {
    const shop = await provision({ name: "Shop JP" });
    const user = await phone(sim, `/users?channel=${shop.channelId}`, { displayName: "Aki", language: "ja" });
    expect(user.ok).toBe(true);
    let hook = hooks.last();
    expect(hook.url).toBe(`${ORIGIN}/webhooks/line/${shop.channelId}`);
    expect(hook.body.destination).toBe(shop.botUserId);
    expect(await verifySignature(shop.channelSecret, new TextEncoder().encode(hook.rawBody), hook.headers.get("x-line-signature"))).toBe(true);

    await lineCall(shop.accessToken, "PUT", "/v2/bot/channel/webhook/endpoint", { endpoint: "https://prod.example/webhooks/line/99" });
    const sent = await phone(sim, `/chats/${user.chatId}/send?channel=${shop.channelId}`, { kind: "text", text: "こんにちは" });
    expect(sent).toMatchObject({ ok: true, result: { delivery: "ok 200" } });
    hook = hooks.last();
    expect(hook.url).toBe("https://prod.example/webhooks/line/99");
    expect(firstEvent(hook)).toMatchObject({ type: "message", message: { type: "text", text: "こんにちは" } });

    // The env account does not know that customer.
    expect(await phone(sim, `/chats/${user.chatId}/send`, { kind: "text", text: "hi" })).toMatchObject({ ok: false, error: "Unknown chat" });
  });

  it("remembers the picked account for the page's plain forms, and offers the switch", async () => {
    const shop = await provision({ name: "Shop KR" });
    const page = await sim.request(`/?channel=${shop.channelId}`);
    const cookie = /sim_channel=[^;]+/.exec(page.headers.get("set-cookie") ?? "")?.[0];
    expect(cookie).toBe(`sim_channel=${shop.channelId}`);
    const html = await page.text();
    expect(html).toContain(`data-channel="${shop.channelId}"`);
    expect(html).toMatch(new RegExp(`<option value="${shop.channelId}" selected="">Shop KR`));
    const created = await sim.request("/users", { method: "POST", headers: { "content-type": "application/json", accept: "application/json", cookie: cookie ?? "" }, body: JSON.stringify({ displayName: "Min", language: "ko" }) });
    expect(((await created.json()) as { ok: boolean }).ok).toBe(true);
    expect(hooks.last().url).toBe(`${ORIGIN}/webhooks/line/${shop.channelId}`);
  });

  it("names the account in profile picture URLs so they resolve", async () => {
    const shop = await provision();
    const user = await phone(sim, `/users?channel=${shop.channelId}`, { displayName: "Pim", language: "th" });
    const profile: { pictureUrl: string } = await (await lineCall(shop.accessToken, "GET", `/v2/bot/profile/${user.chatId}`)).json();
    expect(profile.pictureUrl).toBe(`${ORIGIN}/simulator/avatars/${user.chatId}.svg?channel=${shop.channelId}`);
    const svg = await (await sim.request(`/avatars/${user.chatId}.svg?channel=${shop.channelId}`)).text();
    expect(svg).toContain(">P<");
  });
});
