// Helpers for the Settings → Channels tests: fake LINE channels provisioned in the
// simulator's console, adding them through the settings form, signed webhooks for
// them, and letting the fake LINE reach this app's own origin (its webhook tests).
import { env, SELF } from "cloudflare:test";
import { vi } from "vitest";
import { signBody } from "../../src/lib/crypto";
import { newId } from "../../src/lib/ids";
import { encryptSecret } from "../../src/lib/crypto";
import type { Agent } from "../helpers/session";
import { ORIGIN } from "../helpers/session";

export interface FakeLineChannel {
  channelId: string;
  channelSecret: string;
  accessToken: string;
  basicId: string;
  botUserId: string;
  name: string;
}

/** A new channel on the fake LINE, as its LINE Developers Console would create it. */
export async function provision(name = "Test shop", chatMode: "chat" | "bot" = "chat"): Promise<FakeLineChannel> {
  const res = await SELF.fetch(`${ORIGIN}/simulator/control/channels`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name, chatMode }) });
  if (res.status !== 201) throw new Error(`provisioning failed: ${res.status}`);
  return res.json();
}

/** Adds a fake channel through the settings form; returns our channel row id. */
export async function addChannel(admin: Agent, fake: FakeLineChannel, name = `Channel ${fake.channelId}`): Promise<string> {
  const res = await admin.post("/settings/channels", { name, lineChannelId: fake.channelId, channelSecret: fake.channelSecret, accessToken: fake.accessToken });
  const id = /\/settings\/channels\/(ch_[0-9a-z]{20})$/.exec(res.headers.get("location") ?? "")?.[1];
  if (res.status !== 303 || !id) throw new Error(`channel not added (${res.status}): ${(await res.text()).slice(0, 300)}`);
  return id;
}

/** A channel row as LINE_CHANNEL_* bootstrap writes it: never checked with LINE. */
export async function insertUncheckedChannel(workspaceId: string, fake: FakeLineChannel): Promise<string> {
  const id = newId("ch");
  await env.DB.prepare("INSERT INTO channels (id, workspace_id, name, line_channel_id, channel_secret_enc, access_token_enc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .bind(id, workspaceId, "LINE Official Account", fake.channelId, await encryptSecret(env.APP_SECRET, fake.channelSecret), await encryptSecret(env.APP_SECRET, fake.accessToken), Date.now())
    .run();
  return id;
}

export async function channelRow(id: string) {
  return env.DB.prepare("SELECT * FROM channels WHERE id = ?").bind(id).first<Record<string, string | number | null>>();
}

/** POSTs a webhook body for a LINE channel id, signed with `secret`. */
export async function postSigned(lineChannelId: string, secret: string, body: unknown): Promise<Response> {
  const text = JSON.stringify(body);
  return SELF.fetch(`${ORIGIN}/webhooks/line/${lineChannelId}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-line-signature": await signBody(secret, text) },
    body: text,
  });
}

/**
 * The fake LINE POSTs webhook tests (and phone messages) to the URL it was given:
 * https://linedesk.test/... is this app, so send those to SELF. Other requests keep
 * the routing test/helpers/setup.ts installed. Returns what it saw and a restore.
 */
export function routeOwnOrigin() {
  const spy = vi.mocked(globalThis.fetch);
  const previous = spy.getMockImplementation();
  const seen: Array<{ url: string; signature: string | null; body: string }> = [];
  spy.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).host === "linedesk.test") {
      const body = await request.clone().text();
      seen.push({ url: request.url, signature: request.headers.get("x-line-signature"), body });
      return SELF.fetch(request.url, { method: request.method, headers: request.headers, body: request.method === "GET" ? undefined : body });
    }
    if (!previous) throw new Error("no fetch routing installed");
    return previous(input, init);
  });
  return { seen, restore: () => previous && spy.mockImplementation(previous) };
}
