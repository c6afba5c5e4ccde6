// A push service in this isolate (https://push.test/…, and push.example for a
// second one — never the network): it records every push the app sends, reads
// it with the subscribing browser's keys, and answers what a test asks (201,
// 410, 503…). Devices are subscribed directly in D1 or through the profile routes.
import { forgetWorkspaceFeatures } from "../../src/db/workspace-features";
import { env, runDurableObjectAlarm } from "cloudflare:test";
import { vi } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { newId } from "../../src/lib/ids";
import { postWebhook, textEvent, webhookBody } from "../helpers/line";
import { customer, drainConversation, type Setup } from "../outbound-webhooks/helpers";
import { type BrowserKeys, browserKeys, decryptPush } from "./browser-side";

export const PUSH_HOST = "push.test";

export interface ReceivedPush {
  endpoint: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

type Answer = (push: ReceivedPush, index: number) => Response;
let answer: Answer = () => new Response(null, { status: 201 });
let received: ReceivedPush[] = [];
let installed = false;

/** Starts recording pushes for one test; `answerWith` answers each (default 201 Created). */
export function pushService(answerWith?: Answer): ReceivedPush[] {
  if (!installed) {
    installed = true;
    const spy = vi.mocked(globalThis.fetch);
    const previous = spy.getMockImplementation();
    spy.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (new URL(request.url).host !== PUSH_HOST) return previous ? previous(input, init) : new Response("no route", { status: 599 });
      const push: ReceivedPush = { endpoint: request.url, headers: Object.fromEntries(request.headers), body: new Uint8Array(await request.arrayBuffer()) };
      received.push(push);
      return answer(push, received.length - 1);
    });
  }
  received = [];
  answer = answerWith ?? (() => new Response(null, { status: 201 }));
  return received;
}

export interface TestDevice {
  id: string;
  endpoint: string;
  keys: BrowserKeys;
}

let seq = 0;

/** A browser's subscription for `userId`, stored as the profile route would (label, locale). */
export async function subscribeDevice(workspaceId: string, userId: string, options: { locale?: string | null; label?: string } = {}): Promise<TestDevice> {
  const keys = await browserKeys();
  const endpoint = `https://${PUSH_HOST}/wpush/${userId}/${++seq}-${crypto.randomUUID()}`;
  const id = newId("psub");
  await env.DB.prepare(
    "INSERT INTO push_subscriptions (id, workspace_id, user_id, endpoint, endpoint_hash, p256dh, auth, label, locale, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  )
    .bind(id, workspaceId, userId, endpoint, await sha256Hex(endpoint), keys.p256dh, keys.auth, options.label ?? "Chrome/Android", options.locale ?? null, Date.now())
    .run();
  // Written behind the app's back: tell this isolate's listeners (db/workspace-features.ts).
  forgetWorkspaceFeatures(workspaceId);
  return { id, endpoint, keys };
}

/** The notification a push carried, read with the device's keys. */
export async function readPush(push: ReceivedPush, device: TestDevice): Promise<{ title: string; body: string; url: string; tag: string; category: string; quiet?: boolean }> {
  return JSON.parse((await decryptPush(push.body, device.keys)).plaintext);
}

/** Pushes that went to one device. */
export function pushesTo(received: ReceivedPush[], device: TestDevice): ReceivedPush[] {
  return received.filter((p) => p.endpoint === device.endpoint);
}

export async function subscriptionExists(id: string): Promise<boolean> {
  return (await env.DB.prepare("SELECT id FROM push_subscriptions WHERE id = ?").bind(id).first()) !== null;
}

export async function queued(subscriptionId: string) {
  const { results } = await env.DB.prepare("SELECT * FROM push_deliveries WHERE subscription_id = ? ORDER BY created_at").bind(subscriptionId).all<Record<string, unknown>>();
  return results;
}

/**
 * A customer of `setup` whose messages are worked off as in production: the
 * first alarm runs the outbox in its natural order (profile, events, index),
 * then the rest is drained with the throttled index write made due.
 */
export function customerOf(setup: Setup, seed: string) {
  const base = customer(setup, seed);
  return {
    ...base,
    async post(events: unknown[]): Promise<void> {
      const res = await postWebhook(webhookBody(events), { channelId: setup.lineChannelId });
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      await runDurableObjectAlarm(base.stub());
      await drainConversation(base.stub());
    },
    says(text: string) {
      return this.post([textEvent(text, { userId: base.uid })]);
    },
  };
}
