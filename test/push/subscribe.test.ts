// Settings → Profile's device routes as the browser script uses them: a
// subscription posted with the session's CSRF token, listed, tested, removed —
// only ever one's own — and the notification categories saved.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { type Agent, login, ORIGIN } from "../helpers/session";
import { createUser, createWorkspace, type TestUser } from "../helpers/users";
import { browserKeys } from "./browser-side";
import { PUSH_HOST, pushesTo, pushService, readPush, subscriptionExists } from "./helpers";

const ANDROID_CHROME = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

let aiko: TestUser;
let ben: TestUser;
let asAiko: Agent;
let asBen: Agent;

async function subscription(path = crypto.randomUUID()) {
  const keys = await browserKeys();
  return { keys, json: { endpoint: `https://${PUSH_HOST}/wpush/${path}`, expirationTime: null, keys: { p256dh: keys.p256dh, auth: keys.auth } } };
}

function postSubscription(agent: Agent, json: unknown, headers: Record<string, string> = {}) {
  return SELF.fetch(`${ORIGIN}/settings/profile/devices`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: agent.cookie, origin: ORIGIN, "content-type": "application/json", "x-csrf-token": agent.csrf, "user-agent": ANDROID_CHROME, ...headers },
    body: JSON.stringify(json),
  });
}

async function deviceIdFor(endpoint: string): Promise<string> {
  const row = await env.DB.prepare("SELECT id FROM push_subscriptions WHERE endpoint_hash = ?").bind(await sha256Hex(endpoint)).first<{ id: string }>();
  return row?.id ?? "";
}

beforeAll(async () => {
  const workspaceId = await createWorkspace("Push devices");
  aiko = await createUser({ workspaceId, role: "agent", name: "Aiko Tanaka" });
  ben = await createUser({ workspaceId, role: "agent", name: "Ben" });
  asAiko = await login(aiko.email, aiko.password);
  asBen = await login(ben.email, ben.password);
});

describe("subscribing a device", () => {
  it("needs a session and the CSRF token", async () => {
    const { json } = await subscription();
    const noSession = await SELF.fetch(`${ORIGIN}/settings/profile/devices`, { method: "POST", headers: { "content-type": "application/json", origin: ORIGIN }, body: JSON.stringify(json) });
    expect(noSession.status).toBe(401);
    expect((await postSubscription(asAiko, json, { "x-csrf-token": "not-the-token" })).status).toBe(403);
    expect(await deviceIdFor(json.endpoint)).toBe("");
  });

  it("saves the subscription with the device's name and language, and lists it", async () => {
    const { json } = await subscription();
    const res = await postSubscription(asAiko, json, { "accept-language": "th-TH" });
    expect(res.status).toBe(201);
    const html = await res.text();
    expect(html).toContain('id="push-devices"');
    expect(html).toContain("Chrome บน Android");
    expect(html).toContain(`data-endpoint-hash="${await sha256Hex(json.endpoint)}"`);
    expect(html).not.toContain(json.endpoint); // the endpoint is a capability: never rendered
    const row = await env.DB.prepare("SELECT user_id, label, locale, p256dh FROM push_subscriptions WHERE endpoint_hash = ?").bind(await sha256Hex(json.endpoint)).first();
    expect(row).toEqual({ user_id: aiko.id, label: "Chrome/Android", locale: "th", p256dh: json.keys.p256dh });
    const page = await (await asAiko.get("/settings/profile")).text();
    expect(page).toContain("Chrome on Android");
    expect(page).toContain("Send a test notification");
  });

  it("refuses keys it cannot use and endpoints that are not a push service", async () => {
    const { json } = await subscription();
    const badKeys = await postSubscription(asAiko, { ...json, keys: { p256dh: "abc", auth: json.keys.auth } });
    expect(badKeys.status).toBe(422);
    expect(await badKeys.text()).toContain("This browser sent a subscription linedesk cannot use.");
    for (const endpoint of ["http://push.example.com/x", "https://10.0.0.8/wpush/x", "https://user:pw@push.example.com/x", "javascript:alert(1)"]) {
      const res = await postSubscription(asAiko, { ...json, endpoint });
      expect(res.status, endpoint).toBe(422);
      expect(await res.text()).toContain("not one linedesk sends to");
    }
    // With the simulator on, a local push service stands in for the browser's (the browser test uses one).
    expect((await postSubscription(asAiko, { ...json, endpoint: "http://127.0.0.1:9/push/local" })).status).toBe(201);
    expect((await postSubscription(asAiko, "not json")).status).toBe(422);
  });

  it("a browser's subscription moves to whoever subscribes it last (one browser, one subscription)", async () => {
    const { json } = await subscription();
    await postSubscription(asAiko, json);
    const id = await deviceIdFor(json.endpoint);
    expect((await postSubscription(asBen, json)).status).toBe(201);
    expect(await env.DB.prepare("SELECT user_id FROM push_subscriptions WHERE id = ?").bind(id).first()).toEqual({ user_id: ben.id });
    expect(await (await asAiko.get("/settings/profile")).text()).not.toContain(`data-device-id="${id}"`);
  });
});

describe("removing and testing", () => {
  it("removes one's own device; another person's device is a 404 and stays", async () => {
    const { json } = await subscription();
    await postSubscription(asBen, json);
    const id = await deviceIdFor(json.endpoint);
    const foreign = await asAiko.post(`/settings/profile/devices/${id}/delete`, {}, { htmx: true });
    expect(foreign.status).toBe(404);
    expect(await subscriptionExists(id)).toBe(true);
    expect((await asBen.post(`/settings/profile/devices/${id}/delete`, {}, { htmx: true, csrf: "wrong" })).status).toBe(403);
    const removed = await asBen.post(`/settings/profile/devices/${id}/delete`, {}, { htmx: true });
    expect(removed.status).toBe(200);
    expect(await removed.text()).toContain("Removed: that device gets no more notifications");
    expect(await subscriptionExists(id)).toBe(false);
    // Without JavaScript the form goes back to the page.
    expect((await asBen.post(`/settings/profile/devices/psub_00000000000000000000/delete`, {})).status).toBe(404);
  });

  it("sends a test notification to one's own devices only, and says when a subscription expired", async () => {
    await env.DB.prepare("DELETE FROM push_subscriptions WHERE user_id = ?").bind(ben.id).run();
    const mine = await subscription();
    const theirs = await subscription();
    await postSubscription(asBen, mine.json);
    await postSubscription(asAiko, theirs.json);
    const pushes = pushService();
    const res = await asBen.post("/settings/profile/test", {}, { htmx: true });
    expect(await res.text()).toContain("Sent to 1 device.");
    const device = { id: "", endpoint: mine.json.endpoint, keys: mine.keys };
    expect(pushesTo(pushes, device)).toHaveLength(1);
    expect(await readPush(pushesTo(pushes, device)[0]!, device)).toMatchObject({ title: "linedesk", url: "/settings/profile", category: "test" });
    expect(pushes.some((p) => p.endpoint === theirs.json.endpoint)).toBe(false);

    pushService(() => new Response(null, { status: 410 }));
    const expired = await asBen.post("/settings/profile/test", {}, { htmx: true });
    expect(await expired.text()).toContain("subscription has expired, so it was removed");
    expect(await deviceIdFor(mine.json.endpoint)).toBe("");
    const none = await asBen.post("/settings/profile/test", {}, { htmx: true });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain("No device gets notifications yet");
  });
});

describe("notification categories", () => {
  it("saves Mine, Unassigned, @mentions, SLA and hide text, and shows them", async () => {
    const res = await asAiko.post("/settings/profile/notifications", { mine: "on", mentions: "on", hideText: "on" }, { htmx: true });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Notification settings saved.");
    expect(await env.DB.prepare("SELECT mine, unassigned, mentions, sla, hide_text FROM notification_preferences WHERE user_id = ?").bind(aiko.id).first()).toEqual({
      mine: 1,
      unassigned: 0,
      mentions: 1,
      sla: 0,
      hide_text: 1,
    });
    const page = await (await asAiko.get("/settings/profile")).text();
    expect(page).toMatch(/name="mine" checked/);
    expect(page).toMatch(/name="unassigned"\s*\/?>/);
    expect(page).toMatch(/name="hideText" checked/);
    // Without JavaScript: back to the page.
    const plain = await asAiko.post("/settings/profile/notifications", { unassigned: "on" });
    expect(plain.status).toBe(303);
    expect(await env.DB.prepare("SELECT mine, unassigned FROM notification_preferences WHERE user_id = ?").bind(aiko.id).first()).toEqual({ mine: 0, unassigned: 1 });
  });
});
