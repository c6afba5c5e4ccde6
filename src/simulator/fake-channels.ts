// The fake LINE's channels, the way the LINE Developers Console knows them: channel
// id, secret, access token, bot name, basic id and bot user id. The env channel
// (LINE_CHANNEL_*) exists implicitly; others are provisioned with
// POST /simulator/control/channels and kept by the registry (one LineSimulatorDO
// named REGISTRY_NAME). A channel is found by its access token, as LINE does.
import type { Bindings } from "../env";
import { randomToken, toHex } from "../lib/crypto";
import { botUserIdFor } from "./line-ids";
import { simulatorStub } from "./simulator-do";

/** The Durable Object name of the registry; channel ids are digits, so it cannot clash. */
export const REGISTRY_NAME = "fake-line-console";
export const DEFAULT_ACCOUNT_NAME = "linedesk demo";
export const DEFAULT_BASIC_ID = "@linedesk";

export type ChatMode = "chat" | "bot";

export interface FakeChannel {
  channelId: string;
  /** Null only for an env channel without LINE_CHANNEL_SECRET (webhooks cannot be signed). */
  channelSecret: string | null;
  accessToken: string | null;
  name: string;
  basicId: string;
  botUserId: string;
  /** LINE OA Manager's "Chat" switch: chat → markAsReadMode manual, bot → auto (per messaging-api.yml). */
  chatMode: ChatMode;
  /** True for the channel from LINE_CHANNEL_*. */
  fromEnv: boolean;
  createdAt: number;
}

/** The channel whose simulator answers by default: LINE_CHANNEL_ID, or "simulator" when unset. */
export function simulatorChannelId(env: Pick<Bindings, "LINE_CHANNEL_ID">): string {
  return env.LINE_CHANNEL_ID || "simulator";
}

export async function envChannel(env: Bindings): Promise<FakeChannel> {
  const channelId = simulatorChannelId(env);
  return {
    channelId,
    channelSecret: env.LINE_CHANNEL_SECRET || null,
    accessToken: env.LINE_CHANNEL_ACCESS_TOKEN || null,
    name: DEFAULT_ACCOUNT_NAME,
    basicId: DEFAULT_BASIC_ID,
    botUserId: await botUserIdFor(channelId),
    chatMode: "chat",
    fromEnv: true,
    createdAt: 0,
  };
}

function registry(env: Bindings) {
  return simulatorStub(env, REGISTRY_NAME);
}

// Provisioned channels never change, so lookups are cached per isolate (misses are not).
const byToken = new Map<string, FakeChannel>();
const byId = new Map<string, FakeChannel>();

function remember(channel: FakeChannel): FakeChannel {
  if (byId.size > 1000) {
    byId.clear();
    byToken.clear();
  }
  byId.set(channel.channelId, channel);
  if (channel.accessToken) byToken.set(channel.accessToken, channel);
  return channel;
}

/** The channel an access token belongs to (Bearer auth of the fake API), or null. */
export async function channelForToken(env: Bindings, token: string): Promise<FakeChannel | null> {
  if (env.LINE_CHANNEL_ACCESS_TOKEN && token === env.LINE_CHANNEL_ACCESS_TOKEN) return envChannel(env);
  const hit = byToken.get(token);
  if (hit) return hit;
  const found = await registry(env).registered({ token });
  return found ? remember(found) : null;
}

export async function channelForId(env: Bindings, channelId: string): Promise<FakeChannel | null> {
  if (channelId === simulatorChannelId(env)) return envChannel(env);
  const hit = byId.get(channelId);
  if (hit) return hit;
  const found = await registry(env).registered({ channelId });
  return found ? remember(found) : null;
}

/** The env channel first, then provisioned ones, oldest first. */
export async function listChannels(env: Bindings): Promise<FakeChannel[]> {
  return [await envChannel(env), ...(await registry(env).registeredChannels()).filter((ch) => ch.channelId !== simulatorChannelId(env))];
}

/** 10 digits starting with 2, like recent LINE channel ids. */
function newChannelId(): string {
  const n = crypto.getRandomValues(new Uint32Array(2));
  return `2${String((n[0] ?? 0) % 100_000).padStart(5, "0")}${String((n[1] ?? 0) % 10_000).padStart(4, "0")}`;
}

/** LINE basic ids: @ + 3 digits + 5 lowercase letters. */
function newBasicId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const digits = Array.from(bytes.slice(0, 3), (b) => String(b % 10)).join("");
  const letters = Array.from(bytes.slice(3), (b) => String.fromCharCode(97 + (b % 26))).join("");
  return `@${digits}${letters}`;
}

/** Creates a channel as the LINE Developers Console would: new id, 32-hex secret, long-lived token. */
export async function provisionChannel(env: Bindings, input: { name: string; chatMode: ChatMode }, now = Date.now()): Promise<FakeChannel> {
  const channelId = newChannelId();
  const channel: FakeChannel = {
    channelId,
    channelSecret: toHex(crypto.getRandomValues(new Uint8Array(16))),
    accessToken: randomToken(96),
    name: input.name,
    basicId: newBasicId(),
    botUserId: await botUserIdFor(channelId),
    chatMode: input.chatMode,
    fromEnv: false,
    createdAt: now,
  };
  await registry(env).register(channel);
  await simulatorStub(env, channelId).configure({ name: channel.name, basicId: channel.basicId, chatMode: channel.chatMode });
  return remember(channel);
}
