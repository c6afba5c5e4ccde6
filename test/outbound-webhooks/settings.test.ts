// Settings → Webhooks: admins and owners only, other workspaces' webhooks are
// 404, URL validation answers a 422 fragment, the secret is shown once (and
// again only by rotating it), every change is audited, the test event and
// redelivery reach the endpoint, and the delivery log pages by keyset.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { checkWebhookUrl } from "../../src/outbound-webhooks/forms";
import { login } from "../helpers/session";
import { auditActions, loginAs } from "../helpers/users";
import { deliveryLog, expectedSignature, newWorkspace, receiver, subscribe, subscriptionRow } from "./helpers";

async function adminOf(label: string, roles: Parameters<typeof newWorkspace>[1] = []) {
  const setup = await newWorkspace(label, roles);
  return { setup, admin: await login(setup.admin.email, setup.admin.password) };
}

const form = (url: string, events: string[] = ["message.received"], description = "") => {
  const body = new URLSearchParams({ url, description });
  for (const e of events) body.append("events", e);
  return body;
};

async function postForm(agent: Awaited<ReturnType<typeof login>>, path: string, body: URLSearchParams, htmx = true) {
  body.set("_csrf", agent.csrf);
  return agent.get(path, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://linedesk.test", ...(htmx ? { "hx-request": "true" } : {}) } });
}

describe("webhooks settings", () => {
  it("is for admins and owners: agents and supervisors get 403 and no nav entry; another workspace's webhook is a 404", async () => {
    const { setup, admin } = await adminOf("roles");
    const { subscription } = await subscribe(setup, ["message.received"]);
    expect((await admin.get("/settings/webhooks")).status).toBe(200);
    expect(await (await admin.get("/settings/team")).text()).toContain('href="/settings/webhooks"');
    for (const role of ["agent", "supervisor"] as const) {
      const person = await loginAs(role, { workspaceId: setup.workspaceId });
      expect((await person.get("/settings/webhooks")).status).toBe(403);
      expect((await person.get(`/settings/webhooks/${subscription.id}`)).status).toBe(403);
      expect((await postForm(person, "/settings/webhooks", form("https://example.com/x"))).status).toBe(403);
      expect(await (await person.get("/settings/team")).text()).not.toContain('href="/settings/webhooks"');
    }
    const owner = await loginAs("owner", { workspaceId: setup.workspaceId });
    expect((await owner.get(`/settings/webhooks/${subscription.id}`)).status).toBe(200);

    const stranger = (await adminOf("stranger")).admin;
    for (const path of ["", "/edit", "/deliveries"]) expect((await stranger.get(`/settings/webhooks/${subscription.id}${path}`)).status).toBe(404);
    for (const path of ["", "/enable", "/disable", "/delete", "/test", "/rotate-secret"]) {
      expect((await postForm(stranger, `/settings/webhooks/${subscription.id}${path}`, form("https://evil.example.com/"))).status).toBe(404);
    }
    expect((await stranger.get("/settings/webhooks/not-an-id")).status).toBe(404);
    expect(await subscriptionRow(subscription.id)).toMatchObject({ url: "https://hooks.test/hook", enabled: 1 });
  });

  it("refuses URLs that are not public HTTPS with a 422 form fragment that says why", async () => {
    const { setup, admin } = await adminOf("validation");
    const cases: Array<[string, string[], string]> = [
      ["http://example.com/hook", ["message.received"], "Use an https:// URL"],
      ["example.com/hook", ["message.received"], "Enter a full URL"],
      ["https://user:secret@example.com/hook", ["message.received"], "Leave the user name and password out of the URL"],
      ["https://10.0.0.7/hook", ["message.received"], "not reachable from the internet"],
      ["https://printer.local/hook", ["message.received"], "not reachable from the internet"],
      ["https://[fd00::1]/hook", ["message.received"], "not reachable from the internet"],
      ["https://intranet/hook", ["message.received"], "Use a full public host name"],
      ["https://example.com/hook", [], "Choose at least one event"],
      ["https://example.com/hook", ["message.deleted"], "Choose events from the list"],
    ];
    for (const [url, events, message] of cases) {
      const res = await postForm(admin, "/settings/webhooks", form(url, events));
      expect(res.status, url).toBe(422);
      const html = await res.text();
      expect(html, url).toMatch(/^<form id="webhook-form"/);
      expect(html, url).toContain(message);
      expect(html, url).toMatch(/aria-invalid="true"|aria-describedby="webhook-events-error"/);
    }
    // Without htmx the whole page comes back, with the typed URL kept.
    const page = await postForm(admin, "/settings/webhooks", form("ftp://files.example.com/x"), false);
    expect(page.status).toBe(422);
    const html = await page.text();
    expect(html).toContain("<!DOCTYPE html>");
    expect(html).toContain('value="ftp://files.example.com/x"');
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM webhook_subscriptions WHERE workspace_id = ?").bind(setup.workspaceId).first("n"))).toBe(0);

    // http:// to this machine is for local testing with the simulator only.
    expect(checkWebhookUrl("http://127.0.0.1:8899/hook", true)).toEqual({ url: "http://127.0.0.1:8899/hook" });
    expect(checkWebhookUrl("http://127.0.0.1:8899/hook", false)).toEqual({ error: "Use an https:// URL: events carry customer messages" });
    expect(checkWebhookUrl("https://localhost/hook", false)).toEqual({ error: "This address is not reachable from the internet; use a public host name" });
    expect(checkWebhookUrl("https://127.0.0.1/hook", false)).toEqual({ error: "This address is not reachable from the internet; use a public host name" });
    expect(checkWebhookUrl("https://hooks.example.com/in#frag", false)).toEqual({ url: "https://hooks.example.com/in" });
  });

  it("creates a webhook and shows its secret once; edits, switches off and on, rotates and deletes it, each audited", async () => {
    const { setup, admin } = await adminOf("lifecycle");
    const created = await postForm(admin, "/settings/webhooks", form("https://crm.example.com/linedesk", ["message.received", "conversation.resolved"], "CRM sync"));
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const html = await created.text();
    const secret = /value="(whsec_[A-Za-z0-9_-]{43})"/.exec(html)?.[1];
    expect(secret).toBeDefined();
    const id = /href="\/settings\/webhooks\/(wh_[0-9a-z]{20})"/.exec(html)?.[1] ?? "";
    expect(await subscriptionRow(id)).toMatchObject({ url: "https://crm.example.com/linedesk", description: "CRM sync", event_types: '["message.received","conversation.resolved"]', enabled: 1 });

    const detail = await (await admin.get(`/settings/webhooks/${id}`)).text();
    expect(detail).toContain("https://crm.example.com/linedesk");
    expect(detail).not.toContain(secret);
    expect(await (await admin.get("/settings/webhooks")).text()).toContain("CRM sync");

    const edited = await postForm(admin, `/settings/webhooks/${id}`, form("https://crm.example.com/v2", ["contact.followed"], "CRM v2"));
    expect(edited.headers.get("hx-redirect")).toBe(`/settings/webhooks/${id}`);
    expect(await subscriptionRow(id)).toMatchObject({ url: "https://crm.example.com/v2", event_types: '["contact.followed"]' });
    const badEdit = await postForm(admin, `/settings/webhooks/${id}`, form("not a url", ["contact.followed"]));
    expect(badEdit.status).toBe(422);
    expect(await subscriptionRow(id)).toMatchObject({ url: "https://crm.example.com/v2" });

    expect((await postForm(admin, `/settings/webhooks/${id}/disable`, new URLSearchParams(), false)).status).toBe(303);
    expect(await subscriptionRow(id)).toMatchObject({ enabled: 0, disabled_by: null });
    expect(await (await admin.get(`/settings/webhooks/${id}`)).text()).toContain("Switch on");
    await postForm(admin, `/settings/webhooks/${id}/enable`, new URLSearchParams(), false);
    expect(await subscriptionRow(id)).toMatchObject({ enabled: 1, disabled_reason: null });

    const rotated = await postForm(admin, `/settings/webhooks/${id}/rotate-secret`, new URLSearchParams(), false);
    const newSecret = /value="(whsec_[A-Za-z0-9_-]{43})"/.exec(await rotated.text())?.[1];
    expect(newSecret).toBeDefined();
    expect(newSecret).not.toBe(secret);

    expect((await postForm(admin, `/settings/webhooks/${id}/delete`, new URLSearchParams(), false)).headers.get("location")).toBe("/settings/webhooks");
    expect(await subscriptionRow(id)).toBeNull();
    expect((await auditActions(setup.workspaceId)).map((a) => a.action)).toEqual([
      "webhook.created",
      "webhook.updated",
      "webhook.disabled",
      "webhook.enabled",
      "webhook.secret_rotated",
      "webhook.deleted",
    ]);
  });

  it("sends a signed test event on request, and redelivers a logged event with the same id", async () => {
    const { setup, admin } = await adminOf("test-event");
    const { subscription, secret } = await subscribe(setup, ["message.received"]);
    const got = receiver((_r, i) => (i === 0 ? new Response("nope", { status: 500 }) : new Response("ok")));
    const res = await postForm(admin, `/settings/webhooks/${subscription.id}/test`, new URLSearchParams());
    const html = await res.text();
    expect(html).toContain("Not delivered: HTTP 500");
    expect(html).toContain('hx-target="#delivery-list"');
    expect(got[0]?.json).toMatchObject({ type: "ping", workspaceId: setup.workspaceId, data: { subscriptionId: subscription.id } });
    expect(got[0]?.headers["x-linedesk-signature"]).toBe(await expectedSignature(secret, got[0]?.headers["x-linedesk-timestamp"] ?? "", got[0]?.body ?? ""));

    const [first] = await deliveryLog(subscription.id);
    expect(first).toMatchObject({ trigger: "test", outcome: "failed", status_code: 500, next_attempt_at: null });
    const again = await postForm(admin, `/settings/webhooks/${subscription.id}/deliveries/${first?.id}/redeliver`, new URLSearchParams());
    expect(await again.text()).toContain("Delivered");
    expect(got).toHaveLength(2);
    expect(got[1]?.json.id).toBe(got[0]?.json.id);
    expect((await deliveryLog(subscription.id)).map((d) => [d.trigger, d.outcome])).toEqual([
      ["test", "failed"],
      ["redelivery", "delivered"],
    ]);
    expect((await auditActions(setup.workspaceId)).map((a) => a.action)).toEqual(["webhook.created", "webhook.tested", "webhook.redelivered"]);
    const missing = await postForm(admin, `/settings/webhooks/${subscription.id}/deliveries/${newId("whd")}/redeliver`, new URLSearchParams());
    expect(missing.status).toBe(404);
  });

  it("pages the delivery log newest first by keyset", async () => {
    const { setup, admin } = await adminOf("paging");
    const { subscription } = await subscribe(setup, ["message.received"]);
    const base = Date.now() - 60_000;
    const insert = env.DB.prepare(
      "INSERT INTO webhook_deliveries (id, workspace_id, subscription_id, event_id, event_type, attempt, outcome, status_code, duration_ms, created_at) VALUES (?, ?, ?, ?, 'message.received', 1, 'delivered', 200, 12, ?)",
    );
    // Pairs share a timestamp, so the id decides their order.
    await env.DB.batch(Array.from({ length: 30 }, (_, i) => insert.bind(newId("whd", base + Math.floor(i / 2)), setup.workspaceId, subscription.id, `evt_page_${String(i).padStart(2, "0")}`, base + Math.floor(i / 2))));
    const events = (html: string) => [...html.matchAll(/evt_page_(\d\d)/g)].map((m) => Number(m[1]));
    const page = await (await admin.get(`/settings/webhooks/${subscription.id}`)).text();
    const first = events(page);
    expect(first).toHaveLength(25);
    expect(first.slice(0, 2).sort()).toEqual([28, 29]);
    const cursor = /hx-get="\/settings\/webhooks\/wh_[0-9a-z]{20}\/deliveries\?cursor=([^"]+)"/.exec(page)?.[1] ?? "";
    const more = await (await admin.get(`/settings/webhooks/${subscription.id}/deliveries?cursor=${cursor}`, { headers: { "hx-request": "true" } })).text();
    const second = events(more);
    expect(second).toHaveLength(5);
    expect([...first, ...second].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(more).not.toContain("Show older deliveries");
  });
});
