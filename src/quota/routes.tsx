// The quota badge's routes, mounted on /inbox:
//   GET  /inbox/quota        the badge fragment for the top bar. Reads D1; a
//                            channel never synced is synced inline once, one
//                            older than QUOTA_STALE_MS is refreshed in the
//                            background for the next poll.
//   POST /inbox/quota/check  "check now": asks LINE for every channel of the
//                            workspace (repeated clicks within 3 s ask once), answers the badge.
import { Hono } from "hono";
import type { Context } from "hono";
import { composerGuard, sessionOnce } from "../composer/guard";
import type { AppEnv } from "../env";
import { type ChannelQuota, checkQuotaNow, QUOTA_STALE_MS, refreshQuotaSoon, syncQuota, workspaceQuotas } from "./service";
import { QuotaBadge } from "./views/quota-badge";

async function badge(c: Context<AppEnv>, quotas: ChannelQuota[]) {
  c.header("cache-control", "no-store");
  return c.html(<QuotaBadge quotas={quotas} />);
}

export const quotaRoutes = new Hono<AppEnv>()
  .get("/quota", sessionOnce(), async (c) => {
    const now = Date.now();
    let quotas = await workspaceQuotas(c.env.DB, c.get("session").workspaceId);
    if (quotas.some((q) => q.checkedAt === null)) {
      const synced = await Promise.all(quotas.map((q) => (q.checkedAt === null ? syncQuota(c.env, q.channelId, now).catch(() => q) : q)));
      quotas = synced.filter((q): q is ChannelQuota => q !== null);
    }
    for (const q of quotas) {
      if (q.checkedAt !== null && now - q.checkedAt > QUOTA_STALE_MS) c.executionCtx.waitUntil(refreshQuotaSoon(c.env, q.channelId, now));
    }
    return badge(c, quotas);
  })
  .post("/quota/check", composerGuard(), async (c) => {
    const workspaceId = c.get("session").workspaceId;
    const now = Date.now();
    const before = await workspaceQuotas(c.env.DB, workspaceId);
    // checkQuotaNow never throws: a channel LINE cannot answer for keeps its last figures.
    await Promise.all(before.map((q) => checkQuotaNow(c.env, q.channelId, now)));
    return badge(c, await workspaceQuotas(c.env.DB, workspaceId));
  });
