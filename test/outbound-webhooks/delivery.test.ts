// Delivering events to a subscriber: the signed request, retries on the backoff
// schedule (times moved, never slept), giving up, switching a failing endpoint
// off with a notice to admins, and what a disabled endpoint no longer gets.
import { env, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import type { WebhookDispatcherDO } from "../../src/outbound-webhooks/dispatcher-do";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from "../../src/outbound-webhooks/policy";
import { login } from "../helpers/session";
import { auditActions } from "../helpers/users";
import { customer, deliveryLog, dispatcher, expectedSignature, fakeLine, newWorkspace, receiver, runDeliveries, runRetries, subscribe, subscriptionRow } from "./helpers";

let restore: (() => void) | null = null;
afterEach(() => restore?.());

const timeout = () => Promise.reject(new DOMException("The operation was aborted due to timeout", "TimeoutError"));

async function pendingRows(workspaceId: string) {
  return runInDurableObject(dispatcher(workspaceId), (_i: WebhookDispatcherDO, state) =>
    state.storage.sql.exec("SELECT attempts, next_at, state FROM deliveries WHERE state = 'pending'").toArray(),
  );
}

describe("webhook delivery", () => {
  it("POSTs the event as JSON, signed with HMAC-SHA256 of timestamp.body under the subscription's secret", async () => {
    restore = fakeLine().restore;
    const setup = await newWorkspace("signed");
    const { subscription, secret } = await subscribe(setup, ["message.received"], "/crm?source=linedesk");
    const got = receiver();
    const before = Math.floor(Date.now() / 1000);
    const nok = customer(setup, "nok");
    await nok.says("ราคาเท่าไหร่คะ");
    await runDeliveries(setup.workspaceId);
    expect(got).toHaveLength(1);
    const [request] = got;
    expect(request?.url).toBe("https://hooks.test/crm?source=linedesk");
    expect(request?.headers).toMatchObject({ "content-type": "application/json", "user-agent": "linedesk-webhooks/1", "x-linedesk-event": "message.received", "x-linedesk-delivery": request?.json.id });
    const timestamp = request?.headers["x-linedesk-timestamp"] ?? "";
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(request?.headers["x-linedesk-signature"]).toBe(await expectedSignature(secret, timestamp, request?.body ?? ""));
    expect(request?.headers["x-linedesk-signature"]).not.toBe(await expectedSignature("whsec_someone-else", timestamp, request?.body ?? ""));
    expect(request?.json).toMatchObject({ id: expect.stringMatching(/^evt_/), type: "message.received", workspaceId: setup.workspaceId, data: { message: { text: "ราคาเท่าไหร่คะ" } } });
    expect(new Date(request?.json.createdAt ?? "").toISOString()).toBe(request?.json.createdAt);
    // The secret is stored encrypted, never in clear.
    expect(String((await subscriptionRow(subscription.id))?.secret_enc)).not.toContain(secret);
    expect(await deliveryLog(subscription.id)).toEqual([
      expect.objectContaining({ event_id: request?.json.id, event_type: "message.received", attempt: 1, outcome: "delivered", status_code: 200, response_snippet: "ok", next_attempt_at: null, trigger: "auto" }),
    ]);
  });

  it("retries 5xx, 4xx, redirects and timeouts on the backoff schedule with the same event id, then counts the success", async () => {
    restore = fakeLine().restore;
    const setup = await newWorkspace("retry");
    const { subscription } = await subscribe(setup, ["message.received"]);
    const answers: Array<() => Response | Promise<Response>> = [
      () => new Response("upstream exploded", { status: 503 }),
      () => new Response(JSON.stringify({ error: "no such route" }), { status: 404 }),
      () => new Response(null, { status: 302, headers: { location: "https://elsewhere.test/" } }),
      timeout,
    ];
    const got = receiver((_r, i) => (answers[i] ?? (() => new Response("thanks")))());
    const lin = customer(setup, "lin");
    await lin.says("hello?");
    await runDeliveries(setup.workspaceId);
    let [row] = await pendingRows(setup.workspaceId);
    const log = await deliveryLog(subscription.id);
    expect(log[0]).toMatchObject({ attempt: 1, outcome: "retrying", status_code: 503, response_snippet: "upstream exploded" });
    expect(Number(log[0]?.next_attempt_at) - Number(log[0]?.created_at)).toBe(RETRY_DELAYS_MS[0]);
    expect(row).toMatchObject({ attempts: 1, state: "pending", next_at: log[0]?.next_attempt_at });

    // The alarm firing early sends nothing: the retry is not due yet.
    await runDeliveries(setup.workspaceId);
    expect(got).toHaveLength(1);

    for (let i = 0; i < 4; i++) await runRetries(setup.workspaceId);
    const attempts = await deliveryLog(subscription.id);
    expect(attempts.map((a) => [a.attempt, a.outcome, a.status_code])).toEqual([
      [1, "retrying", 503],
      [2, "retrying", 404],
      [3, "retrying", 302],
      [4, "retrying", null],
      [5, "delivered", 200],
    ]);
    expect(attempts.slice(0, 4).map((a) => Number(a.next_attempt_at) - Number(a.created_at))).toEqual(RETRY_DELAYS_MS.slice(0, 4));
    expect(attempts[2]?.error).toContain("redirects are not followed");
    expect(attempts[3]?.error).toBe("No answer within 10 s");
    expect(new Set(got.map((r) => r.headers["x-linedesk-delivery"])).size).toBe(1);
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
    expect(await subscriptionRow(subscription.id)).toMatchObject({ enabled: 1, consecutive_failures: 0, failing_since: null, last_outcome: "delivered", last_status_code: 200 });
    [row] = await pendingRows(setup.workspaceId);
    expect(row).toBeUndefined();
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts; a short outage does not switch the endpoint off`, async () => {
    restore = fakeLine().restore;
    const setup = await newWorkspace("give-up");
    const { subscription } = await subscribe(setup, ["message.received"]);
    const got = receiver(() => new Response("down for maintenance", { status: 500 }));
    const pim = customer(setup, "pim");
    await pim.says("anyone there?");
    await runDeliveries(setup.workspaceId);
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) await runRetries(setup.workspaceId);
    expect(got).toHaveLength(MAX_ATTEMPTS);
    const log = await deliveryLog(subscription.id);
    expect(log.at(-1)).toMatchObject({ attempt: MAX_ATTEMPTS, outcome: "failed", next_attempt_at: null });
    expect(await pendingRows(setup.workspaceId)).toEqual([]);
    expect(await subscriptionRow(subscription.id)).toMatchObject({ enabled: 1, consecutive_failures: MAX_ATTEMPTS, last_outcome: "failed" });
  });

  it("switches off an endpoint that has failed every attempt for 24 hours, tells the admins and owners, and sends it nothing more", async () => {
    restore = fakeLine().restore;
    const setup = await newWorkspace("auto-off", ["owner", "agent"]);
    const { subscription } = await subscribe(setup, ["message.received"]);
    // It has been failing since yesterday (4 attempts); one more failure crosses the line.
    await env.DB.prepare("UPDATE webhook_subscriptions SET consecutive_failures = 4, failing_since = ? WHERE id = ?").bind(Date.now() - 25 * 3_600_000, subscription.id).run();
    // The owner reads linedesk in Japanese: their notice is written in Japanese.
    await env.DB.prepare("UPDATE users SET language = 'ja' WHERE id = ?").bind(setup.people.owner!.id).run();
    const got = receiver(() => new Response("Bad gateway", { status: 502 }));
    const joy = customer(setup, "joy");
    await joy.says("first");
    await runDeliveries(setup.workspaceId);
    expect(await subscriptionRow(subscription.id)).toMatchObject({ enabled: 0, disabled_by: "auto", disabled_reason: "Every delivery failed for more than 24 hours (5 attempts in a row)" });
    expect((await deliveryLog(subscription.id)).map((a) => a.outcome)).toEqual(["failed"]);
    const { results: notified } = await env.DB.prepare("SELECT user_id, kind, body FROM notifications WHERE workspace_id = ? ORDER BY user_id").bind(setup.workspaceId).all<{ user_id: string; kind: string; body: string }>();
    expect(notified.map((n) => n.user_id).sort()).toEqual([setup.admin.id, setup.people.owner!.id].sort());
    expect(notified[0]?.kind).toBe("webhook_disabled");
    const bodyOf = (userId: string) => notified.find((n) => n.user_id === userId)?.body ?? "";
    expect(bodyOf(setup.admin.id)).toBe(
      "Webhook https://hooks.test/hook was switched off: Every delivery failed for more than 24 hours (5 attempts in a row). Fix the endpoint, then switch it on again in Settings → Webhooks.",
    );
    expect(bodyOf(setup.people.owner!.id)).toBe(
      "Webhook https://hooks.test/hook が停止されました：24時間以上すべての配信が失敗しました（5回連続）。エンドポイントを修正してから、設定 → Webhook でもう一度オンにしてください。",
    );
    expect((await auditActions(setup.workspaceId)).map((a) => a.action)).toContain("webhook.auto_disabled");

    await joy.says("second");
    await runRetries(setup.workspaceId);
    expect(got).toHaveLength(1);
    expect(await pendingRows(setup.workspaceId)).toEqual([]);

    // The admin sees the banner on the webhooks page and the notice under the bell.
    const admin = await login(setup.admin.email, setup.admin.password);
    const page = await (await admin.get("/settings/webhooks")).text();
    expect(page).toContain("A webhook was switched off because it kept failing.");
    expect(page).toContain("Every delivery failed for more than 24 hours");
    const bell = await (await admin.get("/notifications", { headers: { "hx-request": "true" } })).text();
    expect(bell).toContain("Webhook");
    expect(bell).toContain('href="/settings/webhooks"');
    // The stored (English) reason reads in the viewer's language.
    const owner = setup.people.owner!;
    const ownerPage = await (await (await login(owner.email, owner.password)).get("/settings/webhooks")).text();
    expect(ownerPage).toContain("失敗が続いたため、Webhookが1件停止されました。");
    expect(ownerPage).toContain("24時間以上すべての配信が失敗しました（5回連続）");
  });

  it("switches off at once on 410 Gone, without waiting for retries", async () => {
    restore = fakeLine().restore;
    const setup = await newWorkspace("gone");
    const { subscription } = await subscribe(setup, ["message.received"]);
    const got = receiver(() => new Response("gone", { status: 410 }));
    const bee = customer(setup, "bee");
    await bee.says("hi");
    await runDeliveries(setup.workspaceId);
    await runRetries(setup.workspaceId);
    expect(got).toHaveLength(1);
    expect(await subscriptionRow(subscription.id)).toMatchObject({ enabled: 0, disabled_reason: "The endpoint answered 410 Gone" });
  });

  it("a redelivery that succeeds settles the retry still waiting for that event", async () => {
    restore = fakeLine().restore;
    const setup = await newWorkspace("settle");
    const { subscription } = await subscribe(setup, ["message.received"]);
    const got = receiver((_r, i) => (i === 0 ? new Response("busy", { status: 503 }) : new Response("ok")));
    const fon = customer(setup, "fon");
    await fon.says("is my order packed?");
    await runDeliveries(setup.workspaceId);
    expect(await pendingRows(setup.workspaceId)).toHaveLength(1);
    const result = await dispatcher(setup.workspaceId).redeliver(setup.workspaceId, subscription.id, got[0]?.json.id ?? "");
    expect(result).toMatchObject({ outcome: "delivered", eventId: got[0]?.json.id });
    expect(await pendingRows(setup.workspaceId)).toEqual([]);
    await runRetries(setup.workspaceId);
    expect(got).toHaveLength(2);
  });

  it("a delivery queued before the endpoint was switched off is not sent, and says so in the log", async () => {
    restore = fakeLine().restore;
    const setup = await newWorkspace("off-meanwhile");
    const { subscription } = await subscribe(setup, ["message.received"]);
    const got = receiver();
    const tam = customer(setup, "tam");
    await tam.says("hello");
    await env.DB.prepare("UPDATE webhook_subscriptions SET enabled = 0 WHERE id = ?").bind(subscription.id).run();
    await runDeliveries(setup.workspaceId);
    expect(got).toHaveLength(0);
    expect(await deliveryLog(subscription.id)).toEqual([expect.objectContaining({ outcome: "cancelled", error: "Not sent: the webhook is switched off" })]);
  });
});
