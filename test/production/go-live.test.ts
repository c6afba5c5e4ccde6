// The whole production path with SIMULATOR unset, as a new team walks it: an empty
// database → /setup → add a LINE channel (checked against a fake LINE) → set and
// test its webhook on LINE → a customer's message arrives → create an API token →
// the REST API answers the customer.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { conversationKeyName } from "../../src/conversations/model";
import { drainOutbox } from "../helpers/conversations";
import { ORIGIN } from "../helpers/session";
import { customerWrites, fakeLineCalls, provisionFakeChannel } from "./fake-line";
import { completeSetup } from "./helpers";

describe("going live", () => {
  it("takes a new team from an empty database to answering a customer through the API", async () => {
    const owner = await completeSetup();

    // Settings → Channels: add the channel the LINE Developers Console created.
    const fake = await provisionFakeChannel("Sakura Shop JP");
    const added = await owner.post("/settings/channels", { name: "Japan", lineChannelId: fake.channelId, channelSecret: fake.channelSecret ?? "", accessToken: fake.accessToken ?? "" });
    expect(added.status).toBe(303);
    const channelPage = added.headers.get("location") ?? "";
    expect(channelPage).toMatch(/^\/settings\/channels\/ch_/);
    const page = await (await owner.get(channelPage)).text();
    expect(page).toContain("Sakura Shop JP");
    expect(page).toContain(fake.basicId);
    expect(page).not.toContain(fake.channelSecret ?? "-");
    expect(page).not.toContain(fake.accessToken ?? "-");
    expect(fakeLineCalls.some((c) => c.path === "/v2/bot/info")).toBe(true);

    // Set the webhook URL on LINE, then LINE's own test reaches linedesk.
    expect((await owner.post(`${channelPage}/webhook/set`, {}, { htmx: true })).status).toBe(200);
    expect(fakeLineCalls.find((c) => c.path === "/v2/bot/channel/webhook/endpoint" && c.method === "PUT")?.body).toEqual({ endpoint: `${ORIGIN}/webhooks/line/${fake.channelId}` });
    const tested = await (await owner.post(`${channelPage}/webhook/test`, {}, { htmx: true })).text();
    expect(tested).toContain("webhook-test--ok");

    // A customer writes from LINE: it lands in the inbox.
    const { chatId, delivery } = await customerWrites(fake.channelId, "山田 花子", "注文した傘はいつ届きますか？");
    expect(delivery).toBe("ok 200");
    const channelRow = await env.DB.prepare("SELECT id FROM channels WHERE line_channel_id = ?").bind(fake.channelId).first<{ id: string }>();
    const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(conversationKeyName({ channelId: channelRow?.id ?? "", source: { type: "user", userId: chatId } })));
    await drainOutbox(stub);
    const inbox = await (await owner.get("/inbox")).text();
    expect(inbox).toContain("山田 花子");
    const conversationId = (await env.DB.prepare("SELECT id FROM conversations").first<{ id: string }>())?.id ?? "";
    expect(conversationId).toMatch(/^[0-9a-f]{64}$/);

    // Settings → API: a read+write token, shown once.
    const created = await owner.post("/settings/api", { name: "Order system", scope: "read_write", expires: "never" });
    const token = /value="(ld_[A-Za-z0-9_-]{43})"/.exec(await created.text())?.[1];
    expect(token).toBeTruthy();

    // The integration reads the conversation and answers through the API.
    const api = (path: string, init: RequestInit = {}) => SELF.fetch(`${ORIGIN}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(init.headers ?? {}) } });
    const messages = (await (await api(`/conversations/${conversationId}/messages`)).json()) as { data: Array<{ body: { text?: string } }> };
    expect(messages.data.map((m) => m.body.text)).toContain("注文した傘はいつ届きますか？");
    const sent = await api(`/conversations/${conversationId}/messages`, { method: "POST", body: JSON.stringify({ text: "明日お届けします。" }) });
    expect(sent.status).toBe(201);
    expect(await sent.json()).toMatchObject({ data: { status: "sent", via: "reply" } });
    const reply = fakeLineCalls.find((c) => c.path === "/v2/bot/message/reply");
    expect(reply?.body).toMatchObject({ messages: [{ type: "text", text: "明日お届けします。" }] });
  });
});
