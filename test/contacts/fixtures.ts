// Contacts test fixtures: a contact created the real way (signed webhook →
// ConversationDO → outbox drained into D1), extra agents, and a foreign workspace.
import { env } from "cloudflare:test";
import { expect } from "vitest";
import { hashPassword } from "../../src/lib/crypto";
import { newId } from "../../src/lib/ids";
import { conversationOf, drainOutbox, indexRow } from "../helpers/conversations";
import { type LineCall, postWebhook, routeLineToSimulator, userId, webhookBody } from "../helpers/line";
import { type Agent, login } from "../helpers/session";

export interface Profile {
  displayName: string;
  pictureUrl?: string;
  language?: string;
  statusMessage?: string;
}

/** Answers LINE profile calls with `profile`; everything else goes to the simulator. */
export function fakeProfile(profile: Profile) {
  return routeLineToSimulator((call: LineCall) =>
    call.path.startsWith("/v2/bot/profile/") ? new Response(JSON.stringify({ userId: call.path.split("/").pop(), ...profile }), { status: 200 }) : null,
  );
}

/** A customer writes in (events built for their LINE user id); returns the filed contact and conversation. */
export async function customerWrites(seed: string, profile: Profile, events: (uid: string) => unknown[]) {
  const routed = fakeProfile(profile);
  try {
    const uid = userId(seed);
    expect((await postWebhook(webhookBody(events(uid)))).status).toBe(200);
    const { id, stub } = await conversationOf({ type: "user", userId: uid });
    await drainOutbox(stub);
    const row = await indexRow(id);
    const contactId = String(row?.contact_id ?? "");
    expect(contactId).toMatch(/^ct_/);
    return { uid, conversationId: id, contactId, stub };
  } finally {
    routed.restore();
  }
}

export async function workspaceId(): Promise<string> {
  const row = await env.DB.prepare("SELECT workspace_id FROM users WHERE email = ?").bind("admin@linedesk.test").first<{ workspace_id: string }>();
  if (!row) throw new Error("demo admin missing: sign in first");
  return row.workspace_id;
}

/** Adds a user to the demo workspace (or `workspace`) and signs them in. */
export async function addAgent(name: string, role: "admin" | "supervisor" | "agent" = "agent", workspace?: string): Promise<Agent & { id: string }> {
  const id = newId("usr");
  const email = `${id}@linedesk.test`;
  const password = "agent-password-123";
  await env.DB.prepare("INSERT INTO users (id, workspace_id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .bind(id, workspace ?? (await workspaceId()), email, name, await hashPassword(password), role, Date.now())
    .run();
  return { id, ...(await login(email, password)) };
}

/** A second workspace with one contact (never reachable from the demo workspace). */
export async function foreignContact(): Promise<{ workspaceId: string; contactId: string }> {
  const ws = newId("ws");
  const contactId = newId("ct");
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare("INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)").bind(ws, "Other shop", now),
    env.DB.prepare("INSERT INTO contacts (id, workspace_id, display_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)").bind(contactId, ws, "Not yours", now, now),
  ]);
  return { workspaceId: ws, contactId };
}

export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("no _csrf in fragment");
  return match[1];
}
