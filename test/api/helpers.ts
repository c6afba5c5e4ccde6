// REST API test helpers: tokens made directly in D1 (the Settings → API flow
// has its own tests), JSON requests with a bearer token, and a customer
// conversation created the real way (signed webhook → DO → D1 index).
import { env, SELF } from "cloudflare:test";
import { expect } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { newId } from "../../src/lib/ids";
import { generateApiToken, tokenPrefix } from "../../src/settings/api-tokens";
import { conversationOf, drainOutbox } from "../helpers/conversations";
import { postWebhook, textEvent, userId, webhookBody } from "../helpers/line";
import { ORIGIN } from "../helpers/session";

export interface TestToken {
  id: string;
  token: string;
  workspaceId: string;
}

export async function insertToken(workspaceId: string, options: { name?: string; scope?: "read" | "read_write"; expiresAt?: number | null } = {}): Promise<TestToken> {
  const token = generateApiToken();
  const id = newId("tok");
  await env.DB.prepare("INSERT INTO api_tokens (id, workspace_id, name, token_hash, scope, prefix, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    .bind(id, workspaceId, options.name ?? "Test integration", await sha256Hex(token), options.scope ?? "read_write", tokenPrefix(token), Date.now(), options.expiresAt ?? null)
    .run();
  return { id, token, workspaceId };
}

export interface Api {
  get(path: string): Promise<Response>;
  send(method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<Response>;
}

/** Requests to /api/v1 with `token` (JSON bodies). */
export function api(token: string): Api {
  const headers = { authorization: `Bearer ${token}` };
  return {
    get: (path) => SELF.fetch(`${ORIGIN}/api/v1${path}`, { headers }),
    send: (method, path, body) =>
      SELF.fetch(`${ORIGIN}/api/v1${path}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}

/** A customer (unique per seed) writes in; returns the conversation once it is in the D1 index. */
export async function customerConversation(seed: string, text = "Hello, is anyone there?") {
  expect((await postWebhook(webhookBody([textEvent(text, { userId: userId(seed) })]))).status).toBe(200);
  const c = await conversationOf({ type: "user", userId: userId(seed) });
  await drainOutbox(c.stub);
  return c;
}

export async function errorOf(res: Response): Promise<string> {
  return (await res.json<{ error: string }>()).error;
}
