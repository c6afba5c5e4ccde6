// Helpers for the outbound webhook tests: a workspace and LINE channel of
// their own per test (so no other test's events reach its endpoints), a
// receiver that answers the app's deliveries in-process (https://hooks.test —
// never the network), subscriptions, customers, and the conversation's and the
// dispatcher's alarms run on demand with stored times moved instead of slept.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { drainOutbox } from "../helpers/conversations";
import { vi } from "vitest";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { conversationKeyName } from "../../src/conversations/model";
import { encryptSecret } from "../../src/lib/crypto";
import { newId } from "../../src/lib/ids";
import type { WebhookDispatcherDO } from "../../src/outbound-webhooks/dispatcher-do";
import { createSubscription } from "../../src/outbound-webhooks/subscriptions";
import { CHANNEL_SECRET, event, type LineCall, postWebhook, routeLineToSimulator, textEvent, userId, webhookBody } from "../helpers/line";
import { createUser, createWorkspace, type TestRole, type TestUser } from "../helpers/users";

export const HOOKS_HOST = "hooks.test";

export interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
  json: { id: string; type: string; createdAt: string; workspaceId: string; data: Record<string, unknown> };
}

type Answer = (request: Received, index: number) => Response | Promise<Response>;
let answer: Answer = () => new Response("ok", { status: 200 });
let received: Received[] = [];
let installed = false;

/**
 * Answers every request to https://hooks.test/... in this isolate (the app's
 * deliveries run here, alarms included); everything else keeps its routing.
 */
export function receiver(answerWith?: Answer): Received[] {
  if (!installed) {
    installed = true;
    const spy = vi.mocked(globalThis.fetch);
    const previous = spy.getMockImplementation();
    spy.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (new URL(request.url).host !== HOOKS_HOST) return previous ? previous(input, init) : new Response("no route", { status: 599 });
      const body = await request.text();
      const got: Received = { url: request.url, headers: Object.fromEntries(request.headers), body, json: JSON.parse(body) };
      received.push(got);
      return answer(got, received.length - 1);
    });
  }
  received = [];
  answer = answerWith ?? (() => new Response("ok", { status: 200 }));
  return received;
}

/** HMAC-SHA256 hex, computed here the way a receiver would. */
export async function expectedSignature(secret: string, timestamp: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${timestamp}.${body}`)));
  return `sha256=${Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

let seq = 0;

export interface Setup {
  workspaceId: string;
  channelId: string;
  lineChannelId: string;
  people: Partial<Record<TestRole, TestUser>>;
  admin: TestUser;
}

/** A workspace with an admin (and people in `roles`) and one LINE channel. */
export async function newWorkspace(label: string, roles: TestRole[] = []): Promise<Setup> {
  const workspaceId = await createWorkspace(`Webhooks ${label}`);
  const people: Setup["people"] = {};
  for (const role of ["admin", ...roles] as const) people[role] = await createUser({ role, workspaceId, name: `${label} ${role}` });
  const lineChannelId = `4${String(Date.now()).slice(-6)}${String(++seq).padStart(3, "0")}`;
  const channelId = newId("ch");
  await env.DB.prepare("INSERT INTO channels (id, workspace_id, name, line_channel_id, channel_secret_enc, access_token_enc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .bind(channelId, workspaceId, `OA ${label}`, lineChannelId, await encryptSecret(env.APP_SECRET, CHANNEL_SECRET), await encryptSecret(env.APP_SECRET, env.LINE_CHANNEL_ACCESS_TOKEN ?? ""), Date.now())
    .run();
  return { workspaceId, channelId, lineChannelId, people, admin: people.admin as TestUser };
}

export async function subscribe(setup: Setup, events: string[], path = "/hook") {
  return createSubscription(env.DB, env.APP_SECRET, { workspaceId: setup.workspaceId, actorId: setup.admin.id }, { url: `https://${HOOKS_HOST}${path}`, description: "", eventTypes: events });
}

/** LINE answered in-process: reply and push succeed, profiles have a name. */
export function fakeLine(answerCall?: (call: LineCall) => Response | null) {
  return routeLineToSimulator((call) => {
    const own = answerCall?.(call);
    if (own) return own;
    if (call.path === "/v2/bot/message/reply" || call.path === "/v2/bot/message/push") return Response.json({ sentMessages: [] });
    if (call.path.startsWith("/v2/bot/profile/")) return Response.json({ userId: call.path.split("/").pop(), displayName: "Yuki" });
    return null;
  });
}

export function customer(setup: Setup, seed: string) {
  const uid = userId(`${seed}-${++seq}`);
  const source = { type: "user" as const, userId: uid };
  const stub = () => env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(conversationKeyName({ channelId: setup.channelId, source })));
  return {
    uid,
    stub,
    id: () => stub().id.toString(),
    async post(events: unknown[]): Promise<void> {
      const res = await postWebhook(webhookBody(events), { channelId: setup.lineChannelId });
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      await drainConversation(stub());
    },
    says(text: string, o: Parameters<typeof textEvent>[1] = {}) {
      return this.post([textEvent(text, { userId: uid, ...o })]);
    },
    follows() {
      return this.post([event("follow", { replyToken: `rt-follow-${++seq}`, follow: { isUnblocked: false } }, { userId: uid })]);
    },
    unfollows() {
      return this.post([event("unfollow", {}, { userId: uid })]);
    },
  };
}

/** Runs a conversation's alarm until its outbox is empty (see drainOutbox). */
export function drainConversation(stub: DurableObjectStub<ConversationDO>, rounds = 8): Promise<void> {
  return drainOutbox(stub, rounds);
}

export function dispatcher(workspaceId: string): DurableObjectStub<WebhookDispatcherDO> {
  return env.WEBHOOK_DISPATCHERS.get(env.WEBHOOK_DISPATCHERS.idFromName(workspaceId));
}

/** Runs the dispatcher's alarm once (what is due now is sent). */
export async function runDeliveries(workspaceId: string): Promise<void> {
  await runDurableObjectAlarm(dispatcher(workspaceId));
}

/** Makes every waiting delivery due now, as if its backoff had passed, and runs the alarm. */
export async function runRetries(workspaceId: string): Promise<void> {
  const stub = dispatcher(workspaceId);
  await runInDurableObject(stub, (_i: WebhookDispatcherDO, state) => state.storage.sql.exec("UPDATE deliveries SET next_at = 0 WHERE state = 'pending'"));
  await runDurableObjectAlarm(stub);
}

export async function deliveryLog(subscriptionId: string) {
  const { results } = await env.DB.prepare("SELECT * FROM webhook_deliveries WHERE subscription_id = ? ORDER BY created_at, id").bind(subscriptionId).all<Record<string, unknown>>();
  return results;
}

export async function subscriptionRow(subscriptionId: string) {
  return env.DB.prepare("SELECT * FROM webhook_subscriptions WHERE id = ?").bind(subscriptionId).first<Record<string, unknown>>();
}
