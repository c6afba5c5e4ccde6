// Which fake LINE account the simulator phone is chatting with. A phone page picks it
// with `?channel=<channel id>` and remembers it in a cookie, so the page's plain forms
// (which do not repeat it) reach the same account; JSON callers can pass `?channel=`.
// Without either, it is the env channel (LINE_CHANNEL_*), as before.
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { localeContext } from "../ui/i18n";
import { channelForId, envChannel, type FakeChannel } from "./fake-channels";
import type { ChannelContext } from "./phone";
import { simulatorStub } from "./simulator-do";

const COOKIE = "sim_channel";
const CHANNEL_ID = /^[0-9A-Za-z_-]{1,64}$/;

/** The account the request is about: `?channel=`, else the remembered one, else the env channel. */
export async function phoneChannel(c: Context<AppEnv>): Promise<FakeChannel> {
  for (const candidate of [c.req.query("channel"), getCookie(c, COOKIE)]) {
    if (candidate && CHANNEL_ID.test(candidate)) {
      const channel = await channelForId(c.env, candidate);
      if (channel) return channel;
    }
  }
  return envChannel(c.env);
}

/** Remembers the account the phone page shows (only the simulator's paths see the cookie). */
export function rememberPhoneChannel(c: Context<AppEnv>, channelId: string): void {
  setCookie(c, COOKIE, channelId, { path: "/simulator", httpOnly: true, sameSite: "Lax", maxAge: 30 * 86_400 });
}

export async function phoneStub(c: Context<AppEnv>) {
  return simulatorStub(c.env, (await phoneChannel(c)).channelId);
}

/** What the phone's Durable Object needs to sign and deliver this account's webhooks (and the reader's language). */
export async function phoneContext(c: Context<AppEnv>): Promise<ChannelContext> {
  const channel = await phoneChannel(c);
  return { channelId: channel.channelId, channelSecret: channel.channelSecret, origin: new URL(c.req.url).origin, locale: localeContext().locale };
}
