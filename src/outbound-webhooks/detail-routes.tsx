// /settings/webhooks/:id — one endpoint's page with its delivery log (keyset
// pages), the test event, redelivery of a logged event, and secret rotation.
// Mounted inside routes.tsx, behind its admin guard.
import { zValidator } from "@hono/zod-validator";
import type { Context } from "hono";
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { changeContext, isHtmx, loadViewer, noStore, notFound } from "../settings/context";
import { findDelivery, listDeliveries } from "./deliveries";
import { dispatcherFor } from "./dispatcher-do";
import { cursorQuery } from "./forms";
import { WEBHOOKS_PATH } from "./nav";
import { deliveryId, loadSubscription, subscriptionId } from "./route-context";
import { audit, rotateSecret, type Subscription } from "./subscriptions";
import { WebhookDetailPage } from "./views/detail-page";
import { DeliveryRow, DeliveryRows, TestResult } from "./views/delivery-log";

async function detailPage(c: Context<AppEnv>, sub: Subscription, options: { cursor?: string; secret?: { value: string; rotated: boolean } } = {}) {
  const [log, pending, viewer] = await Promise.all([
    listDeliveries(c.env.DB, sub.id, options.cursor),
    dispatcherFor(c.env, sub.workspaceId).pending(sub.id),
    loadViewer(c),
  ]);
  return <WebhookDetailPage viewer={viewer} sub={sub} log={log} pending={pending} paged={Boolean(options.cursor)} now={Date.now()} {...(options.secret ? { secret: options.secret } : {})} />;
}

async function auditManual(c: Context<AppEnv>, action: string, sub: Subscription, data: Record<string, unknown>) {
  await audit(c.env.DB, changeContext(c), action, sub.id, { url: sub.url, ...data }, Date.now());
}

export const detailRoutes = new Hono<AppEnv>()
  .get("/:id", subscriptionId, zValidator("query", cursorQuery), async (c) => {
    const sub = await loadSubscription(c, c.req.valid("param").id);
    return c.html(await detailPage(c, sub, { cursor: c.req.valid("query").cursor }));
  })
  .get("/:id/deliveries", subscriptionId, zValidator("query", cursorQuery), async (c) => {
    const sub = await loadSubscription(c, c.req.valid("param").id);
    const { cursor } = c.req.valid("query");
    if (!isHtmx(c)) return c.redirect(`${WEBHOOKS_PATH}/${sub.id}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`, 303);
    const log = await listDeliveries(c.env.DB, sub.id, cursor);
    return c.html(<DeliveryRows subscriptionId={sub.id} {...log} csrfToken={c.get("session").csrfToken} now={Date.now()} />);
  })
  .post("/:id/test", subscriptionId, async (c) => {
    const sub = await loadSubscription(c, c.req.valid("param").id);
    const attempt = await dispatcherFor(c.env, sub.workspaceId).ping(sub.workspaceId, sub.id);
    if (!attempt) throw notFound("webhook");
    await auditManual(c, "webhook.tested", sub, { outcome: attempt.outcome, status: attempt.result.statusCode });
    if (!isHtmx(c)) return c.redirect(`${WEBHOOKS_PATH}/${sub.id}`, 303);
    const row = await findDelivery(c.env.DB, sub.id, attempt.deliveryId);
    return c.html(
      <>
        <TestResult attempt={attempt} />
        {row ? (
          <hx-partial hx-target="#delivery-list" hx-swap="afterbegin">
            <DeliveryRow delivery={row} csrfToken={c.get("session").csrfToken} now={Date.now()} />
          </hx-partial>
        ) : null}
      </>,
    );
  })
  .post("/:id/deliveries/:deliveryId/redeliver", deliveryId, async (c) => {
    const { id, deliveryId: logId } = c.req.valid("param");
    const sub = await loadSubscription(c, id);
    const logged = await findDelivery(c.env.DB, sub.id, logId);
    if (!logged) throw notFound("delivery");
    const attempt = await dispatcherFor(c.env, sub.workspaceId).redeliver(sub.workspaceId, sub.id, logged.eventId);
    if (!attempt) {
      if (!isHtmx(c)) return c.redirect(`${WEBHOOKS_PATH}/${sub.id}`, 303);
      c.header("HX-Retarget", "#webhook-test-result");
      c.header("HX-Reswap", "innerHTML");
      return c.html(<TestResult attempt={null} />, 410);
    }
    await auditManual(c, "webhook.redelivered", sub, { event: logged.eventId, outcome: attempt.outcome, status: attempt.result.statusCode });
    if (!isHtmx(c)) return c.redirect(`${WEBHOOKS_PATH}/${sub.id}`, 303);
    const row = await findDelivery(c.env.DB, sub.id, attempt.deliveryId);
    return c.html(row ? <DeliveryRow delivery={row} csrfToken={c.get("session").csrfToken} now={Date.now()} /> : "");
  })
  .post("/:id/rotate-secret", subscriptionId, async (c) => {
    const sub = await loadSubscription(c, c.req.valid("param").id);
    const secret = await rotateSecret(c.env.DB, c.env.APP_SECRET, changeContext(c), sub);
    noStore(c);
    return c.html(await detailPage(c, sub, { secret: { value: secret, rotated: true } }));
  });
