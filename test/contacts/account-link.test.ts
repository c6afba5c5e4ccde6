// LINE account linking against the simulator: an agent sends the "Link account"
// button (the app issues a link token), the business registers its nonce through
// the API, the customer finishes LINE's dialog, and the accountLink event marks
// the identity verified — which suggests a merge with another contact of the same
// customer id. Also the membership event and API on the contact.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { contactAttributes } from "../../src/contacts/attributes";
import { conversationOf, drainOutbox, indexRow } from "../helpers/conversations";
import { type Agent, login, ORIGIN } from "../helpers/session";
import { insertToken } from "../api/helpers";
import { postForm } from "./directory-helpers";
import { workspaceId } from "./fixtures";

let admin: Agent;
beforeAll(async () => {
  admin = await login();
  // The simulator's phone posts its webhooks to the page's origin: this worker.
  // (setup.ts already spies on fetch to route LINE calls: keep that implementation behind this one.)
  const spy = vi.spyOn(globalThis, "fetch");
  const previous = spy.getMockImplementation();
  if (!previous) throw new Error("LINE routing (setup.ts) is not installed");
  spy.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    return new URL(request.url).host === "linedesk.test" ? SELF.fetch(request) : previous(request);
  });
});

const json = { "content-type": "application/json", accept: "application/json" };

/** A customer created on the simulator's phone (a friend of the account) who writes once. */
async function phoneCustomer(displayName: string) {
  const created = (await (await SELF.fetch(`${ORIGIN}/simulator/users`, { method: "POST", headers: json, body: JSON.stringify({ displayName, language: "ja" }) })).json()) as { chatId: string };
  await SELF.fetch(`${ORIGIN}/simulator/chats/${created.chatId}/send`, { method: "POST", headers: json, body: JSON.stringify({ kind: "text", text: "会員登録しています" }) });
  const { id, stub } = await conversationOf({ type: "user", userId: created.chatId });
  await drainOutbox(stub);
  const contactId = String((await indexRow(id))?.contact_id ?? "");
  const identity = await env.DB.prepare("SELECT id FROM contact_identities WHERE contact_id = ?").bind(contactId).first<{ id: string }>();
  return { userId: created.chatId, conversationId: id, stub, contactId, identityId: identity?.id ?? "" };
}

async function linkUrlSentTo(userId: string): Promise<URL> {
  const entries = (await (await SELF.fetch(`${ORIGIN}/simulator/control/chats/${userId}/messages`)).json()) as Array<{ direction: string; item?: unknown; message?: unknown }>;
  const text = JSON.stringify(entries);
  const uri = /"uri":"([^"]+linkToken=[^"]+)"/.exec(text)?.[1];
  if (!uri) throw new Error(`no link button in ${text.slice(0, 400)}`);
  return new URL(uri);
}

describe("LINE account linking", () => {
  it("refuses to send a link before the login page is set", async () => {
    await env.DB.prepare("UPDATE workspaces SET account_link_url = NULL").run();
    const customer = await phoneCustomer("連携 まだ");
    const res = await postForm(admin, `/contacts/${customer.contactId}/account-link`, [["identity", customer.identityId]]);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Set the login page for account linking first");
  });

  it("sends the button, and LINE's accountLink event verifies the identity with the business's customer id", async () => {
    const saved = await postForm(admin, "/contacts/account-linking", [["workspace", "https://shop.example/line/login?from=line"]]);
    expect(saved.status).toBe(303);
    const customer = await phoneCustomer("連携 花子");
    const sent = await postForm(admin, `/contacts/${customer.contactId}/account-link`, [["identity", customer.identityId]]);
    expect(sent.status).toBe(303);

    // The customer got a button to the business's login page, with LINE's link token.
    const url = await linkUrlSentTo(customer.userId);
    expect(url.origin + url.pathname).toBe("https://shop.example/line/login");
    expect(url.searchParams.get("from")).toBe("line");
    const linkToken = url.searchParams.get("linkToken") ?? "";
    expect(linkToken).toMatch(/^LT/);

    // The business's server registers its nonce for its customer, then sends the customer to LINE.
    const token = await insertToken(await workspaceId());
    const api = (body: unknown) => SELF.fetch(`${ORIGIN}/api/v1/account-links`, { method: "POST", headers: { authorization: `Bearer ${token.token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    const nonce = "bm9uY2UtZm9yLWhhbmFrby0xMjM0NQ";
    expect((await api({ nonce, customerId: "CUST-1001" })).status).toBe(201);
    expect((await api({ nonce, customerId: "CUST-9999" })).status).toBe(409);
    expect((await api({ nonce: "short", customerId: "x" })).status).toBe(422);
    const dialog = await SELF.fetch(`${ORIGIN}/simulator/dialog/bot/accountLink?linkToken=${encodeURIComponent(linkToken)}&nonce=${nonce}`);
    expect(dialog.status).toBe(200);
    await drainOutbox(customer.stub);

    const identity = await env.DB.prepare("SELECT verified_customer_id FROM contact_identities WHERE id = ?").bind(customer.identityId).first<{ verified_customer_id: string | null }>();
    expect(identity?.verified_customer_id).toBe("CUST-1001");
    const page = await (await admin.get(`/contacts/${customer.contactId}`)).text();
    expect(page).toContain("Verified: CUST-1001");
    expect(page).toContain("Account linked: CUST-1001");
    expect((await contactAttributes(env.DB, await workspaceId(), customer.contactId))?.verifiedCustomerId).toBe("CUST-1001");
    // LINE's link token is used once.
    expect((await SELF.fetch(`${ORIGIN}/simulator/dialog/bot/accountLink?linkToken=${encodeURIComponent(linkToken)}&nonce=${nonce}`)).status).toBe(400);

    // The same customer links from another LINE identity: a merge suggestion, not a merge.
    const twin = await phoneCustomer("Hanako R.");
    await postForm(admin, `/contacts/${twin.contactId}/account-link`, [["identity", twin.identityId]]);
    const twinToken = (await linkUrlSentTo(twin.userId)).searchParams.get("linkToken") ?? "";
    const nonce2 = "c2Vjb25kLW5vbmNlLWZvci1oYW5ha28";
    expect((await api({ nonce: nonce2, customerId: "CUST-1001" })).status).toBe(201);
    await SELF.fetch(`${ORIGIN}/simulator/control/account-link`, { method: "POST", headers: json, body: JSON.stringify({ linkToken: twinToken, nonce: nonce2, result: "ok" }) });
    await drainOutbox(twin.stub);
    const suggestions = await (await admin.get("/contacts/suggestions")).text();
    expect(suggestions).toContain("Same verified customer id: CUST-1001");
    expect((await env.DB.prepare("SELECT merged_into_id FROM contacts WHERE id = ?").bind(twin.contactId).first())?.merged_into_id).toBeNull();
  }, 60_000);

  it("ignores a failed link and a nonce nobody registered", async () => {
    const customer = await phoneCustomer("連携 失敗");
    await postForm(admin, `/contacts/${customer.contactId}/account-link`, [["identity", customer.identityId]]);
    const linkToken = (await linkUrlSentTo(customer.userId)).searchParams.get("linkToken") ?? "";
    await SELF.fetch(`${ORIGIN}/simulator/control/account-link`, { method: "POST", headers: json, body: JSON.stringify({ linkToken, nonce: "never-registered-nonce", result: "ok" }) });
    await drainOutbox(customer.stub);
    const identity = await env.DB.prepare("SELECT verified_customer_id FROM contact_identities WHERE id = ?").bind(customer.identityId).first<{ verified_customer_id: string | null }>();
    expect(identity?.verified_customer_id).toBeNull();
  }, 30_000);
});

describe("LINE membership", () => {
  it("shows the plan from LINE's membership API on the contact and in the directory's member filter", async () => {
    const customer = await phoneCustomer("会員 太郎");
    const joined = await SELF.fetch(`${ORIGIN}/simulator/control/membership`, { method: "POST", headers: json, body: JSON.stringify({ userId: customer.userId, type: "joined", membershipId: 3189, title: "Gold Plan" }) });
    expect(joined.status).toBe(200);
    await drainOutbox(customer.stub);
    expect(await (await admin.get(`/contacts/${customer.contactId}`)).text()).toContain("Member: Gold Plan");
    expect(await (await admin.get("/contacts?member=yes")).text()).toContain(`/contacts/${customer.contactId}"`);
    expect((await contactAttributes(env.DB, await workspaceId(), customer.contactId))?.membership).toEqual({ membershipId: 3189, plan: "Gold Plan", status: "joined" });
    await SELF.fetch(`${ORIGIN}/simulator/control/membership`, { method: "POST", headers: json, body: JSON.stringify({ userId: customer.userId, type: "left", membershipId: 3189 }) });
    await drainOutbox(customer.stub);
    expect(await (await admin.get(`/contacts/${customer.contactId}`)).text()).toContain("Left membership Gold Plan");
    expect(await (await admin.get("/contacts?member=yes")).text()).not.toContain(`/contacts/${customer.contactId}"`);
  }, 30_000);
});
