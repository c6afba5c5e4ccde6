// GET /inbox/quota: the quota badge fragment for the top bar. Reads D1 only;
// a channel never synced is synced inline once, a stale one (over an hour)
// is refreshed in the background for the next poll.
import { Hono } from "hono";
import { sessionOnce } from "../composer/guard";
import type { AppEnv } from "../env";
import { type ChannelQuota, refreshQuotaSoon, syncQuota, workspaceQuotas } from "./service";
import { QuotaBadge } from "./views/quota-badge";

const STALE_MS = 60 * 60_000;

export const quotaRoutes = new Hono<AppEnv>().get("/quota", sessionOnce(), async (c) => {
  const now = Date.now();
  let quotas = await workspaceQuotas(c.env.DB, c.get("session").workspaceId);
  if (quotas.some((q) => q.checkedAt === null)) {
    const synced = await Promise.all(quotas.map((q) => (q.checkedAt === null ? syncQuota(c.env, q.channelId, now).catch(() => q) : q)));
    quotas = synced.filter((q): q is ChannelQuota => q !== null);
  }
  for (const q of quotas) {
    if (q.checkedAt !== null && now - q.checkedAt > STALE_MS) c.executionCtx.waitUntil(refreshQuotaSoon(c.env, q.channelId, now));
  }
  c.header("cache-control", "no-store");
  return c.html(<QuotaBadge quotas={quotas} />);
});
