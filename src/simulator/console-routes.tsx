// GET /simulator/console: the fake LINE Developers Console page (see views/console-page.tsx).
// Provisioning itself is POST /simulator/control/channels (control.ts).
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { listChannels } from "./fake-channels";
import { simulatorStub } from "./simulator-do";
import { ConsolePage } from "./views/console-page";

export const consoleApp = new Hono<AppEnv>().get("/", async (c) => {
  const channels = await listChannels(c.env);
  const withEndpoints = await Promise.all(
    channels.map(async (channel) => ({ ...channel, ...(await simulatorStub(c.env, channel.channelId).endpointSetting()) })),
  );
  const links = (await Promise.all(channels.map(async (channel) => (await simulatorStub(c.env, channel.channelId).pendingLinkTokens()).map((l) => ({ ...l, channelName: channel.name }))))).flat();
  c.header("cache-control", "no-store");
  return c.html(<ConsolePage channels={withEndpoints} origin={new URL(c.req.url).origin} links={links} />);
});
