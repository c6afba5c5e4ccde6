// What the push services' answers do: 201 is sent (the device's last success
// recorded); 404/410 remove the subscription; 429, 5xx and network failures are
// retried by the every-minute cron with backoff (Retry-After honoured) until the
// notification's TTL ends; other 4xx give up; a device failing ten times in a
// row is removed. Time moves by explicit `now`, never by sleeping.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { testNotification } from "../../src/push/content";
import { MAX_FAILURES_IN_A_ROW, type PushPlan, pushNow, retryDuePushes } from "../../src/push/deliveries";
import { devicesWanting } from "../../src/push/recipients";
import { runScheduled, EVERY_MINUTE } from "../../src/scheduler";
import { createUser, createWorkspace, type TestUser } from "../helpers/users";
import { pushesTo, pushService, queued, readPush, subscribeDevice, subscriptionExists } from "./helpers";

let workspaceId: string;
let person: TestUser;
const T0 = Date.UTC(2026, 10, 20, 3, 0, 0);

function plan(cause: string, ttlSeconds = 4 * 60 * 60): PushPlan {
  return { cause, category: "test", urgency: "normal", ttlSeconds, topic: null, render: testNotification };
}

async function pushTo(deviceId: string, cause: string, now: number, ttlSeconds?: number) {
  const devices = (await devicesWanting(env.DB, workspaceId, "test", { userIds: [person.id] })).filter((d) => d.subscriptionId === deviceId);
  return pushNow(env, plan(cause, ttlSeconds), devices, now);
}

beforeAll(async () => {
  workspaceId = await createWorkspace("Push deliveries");
  person = await createUser({ workspaceId, role: "agent", name: "Ploy" });
});

describe("push service answers", () => {
  it("201: sent, the payload is cleared and the device's last success recorded", async () => {
    const device = await subscribeDevice(workspaceId, person.id);
    const pushes = pushService();
    expect(await pushTo(device.id, "ok-1", T0)).toEqual({ sent: 1, retrying: 0, failed: 0, removed: 0 });
    expect(await readPush(pushesTo(pushes, device)[0]!, device)).toMatchObject({ title: "linedesk", body: "Notifications work on this device." });
    const [row] = await queued(device.id);
    expect(row).toMatchObject({ state: "sent", payload: null, attempts: 1, last_status: 201 });
    const sub = await env.DB.prepare("SELECT last_success_at, failures FROM push_subscriptions WHERE id = ?").bind(device.id).first();
    expect(sub).toEqual({ last_success_at: T0, failures: 0 });
  });

  it.each([404, 410])("%i: the expired subscription is removed and nothing more is queued for it", async (status) => {
    const device = await subscribeDevice(workspaceId, person.id);
    pushService(() => new Response("gone", { status }));
    expect((await pushTo(device.id, `gone-${status}`, T0)).removed).toBe(1);
    expect(await subscriptionExists(device.id)).toBe(false);
    expect((await queued(device.id)).map((r) => r.state)).toEqual(["dropped"]);
  });

  it("5xx: retried by the cron after the backoff, then sent", async () => {
    const device = await subscribeDevice(workspaceId, person.id);
    const pushes = pushService((_p, i) => new Response(null, { status: i === 0 ? 503 : 201 }));
    expect((await pushTo(device.id, "retry-503", T0)).retrying).toBe(1);
    expect(await queued(device.id)).toMatchObject([{ state: "pending", attempts: 1, next_attempt_at: T0 + 60_000, last_status: 503 }]);
    expect((await env.DB.prepare("SELECT failures FROM push_subscriptions WHERE id = ?").bind(device.id).first())?.failures).toBe(1);

    await retryDuePushes(env, T0 + 30_000); // not due yet
    expect(pushesTo(pushes, device)).toHaveLength(1);
    await retryDuePushes(env, T0 + 61_000);
    expect(pushesTo(pushes, device)).toHaveLength(2);
    expect(await queued(device.id)).toMatchObject([{ state: "sent", attempts: 2, payload: null }]);
    // The retry says how long is left of the notification's life.
    expect(Number(pushesTo(pushes, device)[1]?.headers.ttl)).toBe(4 * 60 * 60 - 61);
    expect((await env.DB.prepare("SELECT failures FROM push_subscriptions WHERE id = ?").bind(device.id).first())?.failures).toBe(0);
  });

  it("429 with Retry-After waits as long as the push service asks", async () => {
    const device = await subscribeDevice(workspaceId, person.id);
    pushService(() => new Response(null, { status: 429, headers: { "retry-after": "600" } }));
    await pushTo(device.id, "retry-429", T0);
    expect(await queued(device.id)).toMatchObject([{ state: "pending", next_attempt_at: T0 + 600_000 }]);
  });

  it("a refused connection is retried; a notification past its TTL is given up", async () => {
    const device = await subscribeDevice(workspaceId, person.id);
    const pushes = pushService(() => {
      throw new TypeError("connection refused");
    });
    await pushTo(device.id, "retry-net", T0, 120);
    expect(await queued(device.id)).toMatchObject([{ state: "pending", attempts: 1, next_attempt_at: T0 + 60_000 }]);
    await retryDuePushes(env, T0 + 60_000);
    // The next wait (5 minutes) ends after the 2-minute TTL: nothing more is tried.
    expect(await queued(device.id)).toMatchObject([{ state: "dropped", attempts: 2, payload: null }]);
    await retryDuePushes(env, T0 + 10 * 60_000);
    expect(pushesTo(pushes, device)).toHaveLength(2);
  });

  it("another 4xx gives up at once; ten failures in a row remove the device", async () => {
    const device = await subscribeDevice(workspaceId, person.id);
    pushService(() => new Response("bad jwt", { status: 403 }));
    expect((await pushTo(device.id, "fail-0", T0)).failed).toBe(1);
    expect(await queued(device.id)).toMatchObject([{ state: "dropped", last_status: 403 }]);
    for (let i = 1; i < MAX_FAILURES_IN_A_ROW; i++) await pushTo(device.id, `fail-${i}`, T0 + i);
    expect(await subscriptionExists(device.id)).toBe(false);
  });

  it("the every-minute cron runs the retries", async () => {
    const device = await subscribeDevice(workspaceId, person.id);
    const pushes = pushService((_p, i) => new Response(null, { status: i === 0 ? 500 : 201 }));
    const now = Date.now();
    await pushTo(device.id, "cron", now);
    await runScheduled({ scheduledTime: now + 61_000, cron: EVERY_MINUTE }, env);
    expect(pushesTo(pushes, device)).toHaveLength(2);
    expect((await queued(device.id))[0]?.state).toBe("sent");
  });
});
