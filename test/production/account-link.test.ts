// LINE account linking with SIMULATOR unset, from an empty database: the app
// talks to a fake LINE (test/production/fake-line.ts) that issues the link token
// and, when the customer finishes LINE's dialog, sends the accountLink event.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { conversationKeyName } from "../../src/conversations/model";
import { simulatorApp } from "../../src/simulator/routes";
import { drainOutbox } from "../helpers/conversations";
import { ORIGIN } from "../helpers/session";
import { customerWrites, fakeLineCalls, provisionFakeChannel } from "./fake-line";
import { completeSetup } from "./helpers";

describe("account linking in production", () => {
  it("verifies a customer's LINE identity with the business's customer id", async () => {
    const owner = await completeSetup();
    expect((await SELF.fetch(`${ORIGIN}/simulator/dialog/bot/accountLink?linkToken=x&nonce=y`)).status).toBe(404);
    const fake = await provisionFakeChannel("Sakura Shop TW");
    const added = await owner.post("/settings/channels", { name: "Taiwan", lineChannelId: fake.channelId, channelSecret: fake.channelSecret ?? "", accessToken: fake.accessToken ?? "" });
    const channelPage = added.headers.get("location") ?? "";
    expect((await owner.post(`${channelPage}/webhook/set`, {}, { htmx: true })).status).toBe(200);
    const { chatId } = await customerWrites(fake.channelId, "林 小美", "我想綁定會員");
    const channelRow = await env.DB.prepare("SELECT id FROM channels WHERE line_channel_id = ?").bind(fake.channelId).first<{ id: string }>();
    const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(conversationKeyName({ channelId: channelRow?.id ?? "", source: { type: "user", userId: chatId } })));
    await drainOutbox(stub);
    const identity = await env.DB.prepare("SELECT id, contact_id FROM contact_identities WHERE line_user_id = ?").bind(chatId).first<{ id: string; contact_id: string }>();
    expect(identity?.contact_id).toMatch(/^ct_/);

    // Contacts → Account linking: this channel's login page.
    const settings = await owner.get("/contacts/account-linking");
    expect(settings.status).toBe(200);
    expect((await owner.post("/contacts/account-linking", { workspace: "", [`channel_${channelRow?.id}`]: "https://tw.shop.example/login" })).status).toBe(303);
    const sent = await owner.post(`/contacts/${identity?.contact_id}/account-link`, { identity: identity?.id ?? "" });
    expect(sent.status).toBe(303);
    expect(fakeLineCalls.some((c) => c.method === "POST" && c.path === `/v2/bot/user/${chatId}/linkToken`)).toBe(true);
    const button = JSON.stringify(fakeLineCalls.filter((c) => c.path === "/v2/bot/message/reply" || c.path === "/v2/bot/message/push").map((c) => c.body));
    const uri = /"uri":"(https:\/\/tw\.shop\.example\/login\?linkToken=[^"]+)"/.exec(button)?.[1] ?? "";
    const linkToken = new URL(uri).searchParams.get("linkToken") ?? "";
    expect(linkToken).not.toBe("");

    // The business's server: an API token from Settings → API registers the nonce.
    const created = await owner.post("/settings/api", { name: "Member site", scope: "read_write", expires: "never" });
    const token = /value="(ld_[A-Za-z0-9_-]{43})"/.exec(await created.text())?.[1];
    const nonce = "cHJvZHVjdGlvbi1ub25jZS0wMDAx";
    const registered = await SELF.fetch(`${ORIGIN}/api/v1/account-links`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ nonce, customerId: "TW-88" }) });
    expect(registered.status).toBe(201);

    // The customer finishes LINE's dialog: LINE sends accountLink.
    const dialog = await simulatorApp.request(`/dialog/bot/accountLink?linkToken=${encodeURIComponent(linkToken)}&nonce=${nonce}`, {}, env);
    expect(dialog.status).toBe(200);
    await drainOutbox(stub);
    const verified = await env.DB.prepare("SELECT verified_customer_id FROM contact_identities WHERE id = ?").bind(identity?.id ?? "").first<{ verified_customer_id: string }>();
    expect(verified?.verified_customer_id).toBe("TW-88");
    expect(await (await owner.get(`/contacts/${identity?.contact_id}`)).text()).toContain("TW-88");
    expect(await (await owner.get("/contacts?verified=yes")).text()).toContain("林 小美");
  }, 60_000);
});
