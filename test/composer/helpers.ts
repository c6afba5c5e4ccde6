// Helpers for the composer's tests: a customer conversation to answer, the LINE
// messages the app sent, multipart uploads the way htmx (or a plain form) posts
// them, and a conversation in another workspace.
import { env, SELF } from "cloudflare:test";
import { afterEach, expect } from "vitest";
import { db, schema } from "../../src/db/client";
import { conversationOf, drainOutbox } from "../helpers/conversations";
import { type LineCall, postWebhook, routeLineToSimulator, textEvent, userId, webhookBody } from "../helpers/line";
import { type Agent, ORIGIN } from "../helpers/session";

/**
 * For a test file: returns record(), which starts recording the app's LINE calls
 * for one test (routed to the simulator); the routing is restored after each test.
 */
export function lineRecorder(): () => LineCall[] {
  let restore: (() => void) | null = null;
  afterEach(() => restore?.());
  return () => {
    const routed = routeLineToSimulator();
    restore = routed.restore;
    return routed.calls;
  };
}

/** A customer writes (events default to one text); returns the conversation. */
export async function customerWrites(seed: string, events?: unknown[]) {
  const uid = userId(seed);
  const res = await postWebhook(webhookBody(events ?? [textEvent(`hello from ${seed}`, { userId: uid })]));
  expect(res.status).toBe(200);
  const conversation = await conversationOf({ type: "user", userId: uid });
  await drainOutbox(conversation.stub);
  return { uid, ...conversation };
}

/** The messages array of every reply/push call (what LINE was asked to deliver). */
export function sentMessages(calls: LineCall[]): Array<Record<string, unknown>> {
  const sends = calls.filter((c) => c.path === "/v2/bot/message/reply" || c.path === "/v2/bot/message/push");
  const last = sends[sends.length - 1];
  const body = last?.body as { messages?: Array<Record<string, unknown>> } | undefined;
  return body?.messages ?? [];
}

export interface UploadOptions {
  htmx?: boolean;
  /** Send the CSRF token as a form field (a plain browser form) instead of the header. */
  csrfInBody?: boolean;
  csrf?: string | null;
}

export function upload(agent: Agent, conversationId: string, fields: Array<[string, string | File]>, o: UploadOptions = {}) {
  const form = new FormData();
  if (o.csrfInBody) form.append("_csrf", o.csrf ?? agent.csrf);
  for (const [name, value] of fields) form.append(name, value);
  const headers: Record<string, string> = { cookie: agent.cookie, origin: ORIGIN };
  if (o.htmx !== false) headers["hx-request"] = "true";
  if (!o.csrfInBody && o.csrf !== null) headers["x-csrf-token"] = o.csrf ?? agent.csrf;
  return SELF.fetch(`${ORIGIN}/inbox/c/${conversationId}/compose/media`, { method: "POST", redirect: "manual", headers, body: form });
}

export const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
export const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0];
export const MP4_HEAD = [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32];

/** `size` bytes starting with `head`, the rest a recognisable pattern. */
export function bytes(head: number[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + 7) & 0xff;
  out.set(head.slice(0, size), 0);
  return out;
}

/** A workspace the demo admin does not belong to, with one conversation. */
export async function foreignConversation(): Promise<string> {
  const d = db(env.DB);
  const now = Date.now();
  const id = "f".repeat(64);
  await d.insert(schema.workspaces).values({ id: "ws_foreign", name: "Someone else", createdAt: now }).onConflictDoNothing();
  await d
    .insert(schema.channels)
    .values({ id: "ch_foreign", workspaceId: "ws_foreign", name: "Other OA", lineChannelId: "1888888888", channelSecretEnc: "x", accessTokenEnc: "x", createdAt: now })
    .onConflictDoNothing();
  await d
    .insert(schema.conversations)
    .values({
      id,
      workspaceId: "ws_foreign",
      channelId: "ch_foreign",
      sourceType: "user",
      sourceId: userId("foreign"),
      title: "Not yours",
      status: "open",
      lastMessagePreview: "secret",
      lastMessageDirection: "inbound",
      lastActivityAt: now,
      unreadCount: 1,
      lastSeq: 1,
      createdAt: now,
    })
    .onConflictDoNothing();
  return id;
}
