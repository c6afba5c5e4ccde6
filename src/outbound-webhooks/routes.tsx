// /settings/webhooks (admins and owners): the list, creating, editing, switching
// on and off and deleting endpoints. One endpoint's page, its log, the test
// event, redelivery and secret rotation are in detail-routes.tsx.
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { requireRole } from "../auth/middleware";
import { type AppEnv, simulatorEnabled } from "../env";
import { changeContext, isHtmx, loadViewer, noStore } from "../settings/context";
import { fieldErrors } from "../settings/forms";
import { detailRoutes } from "./detail-routes";
import { dispatcherFor } from "./dispatcher-do";
import { cursorQuery, submittedValues, subscriptionForm } from "./forms";
import { WEBHOOKS_PATH } from "./nav";
import { formBody, loadSubscription, subscriptionId } from "./route-context";
import { createSubscription, deleteSubscription, listSubscriptions, setEnabled, updateSubscription } from "./subscriptions";
import { SecretBox, WebhookDetailPage } from "./views/detail-page";
import { WebhookForm, WebhookFormPage } from "./views/form";
import { WebhooksPage } from "./views/list-page";
import { t } from "../ui/i18n";

const NEW_VALUES = { url: "", description: "", events: ["message.received", "conversation.opened", "conversation.resolved"] };

export const webhookRoutes = new Hono<AppEnv>()
  .use(requireRole("admin"))
  .get("/", zValidator("query", cursorQuery), async (c) => {
    const viewer = await loadViewer(c);
    const { cursor } = c.req.valid("query");
    const list = await listSubscriptions(c.env.DB, viewer.workspaceId, cursor);
    return c.html(<WebhooksPage viewer={viewer} list={list} paged={Boolean(cursor)} now={Date.now()} />);
  })
  .get("/new", async (c) => c.html(<WebhookFormPage viewer={await loadViewer(c)} csrfToken={c.get("session").csrfToken} values={NEW_VALUES} />))
  .post("/", async (c) => {
    const body = await formBody(c);
    const parsed = subscriptionForm(simulatorEnabled(c.env)).safeParse(body);
    const csrfToken = c.get("session").csrfToken;
    if (!parsed.success) {
      const props = { csrfToken, values: submittedValues(body), errors: fieldErrors(parsed.error) };
      return c.html(isHtmx(c) ? <WebhookForm {...props} /> : <WebhookFormPage viewer={await loadViewer(c)} {...props} />, 422);
    }
    const { url, description, events } = parsed.data;
    const { subscription, secret } = await createSubscription(c.env.DB, c.env.APP_SECRET, changeContext(c), { url, description, eventTypes: events });
    // The secret is in this response only: never cached, never shown again.
    noStore(c);
    if (!isHtmx(c)) {
      const page = { sub: subscription, log: { items: [], nextCursor: null }, pending: 0, paged: false, secret: { value: secret, rotated: false }, now: Date.now() };
      return c.html(<WebhookDetailPage viewer={await loadViewer(c)} {...page} />, 201);
    }
    return c.html(
      <div id="webhook-form" class="wh-created">
        <SecretBox secret={secret} rotated={false} />
        <div class="wh-form__actions">
          <a class="btn btn--primary" href={`${WEBHOOKS_PATH}/${subscription.id}`}>
            {t("settings.webhooks.copiedOpen")}
          </a>
        </div>
      </div>,
      201,
    );
  })
  .get("/:id/edit", subscriptionId, async (c) => {
    const sub = await loadSubscription(c, c.req.valid("param").id);
    const values = { url: sub.url, description: sub.description, events: sub.eventTypes };
    return c.html(<WebhookFormPage viewer={await loadViewer(c)} csrfToken={c.get("session").csrfToken} subscriptionId={sub.id} values={values} />);
  })
  .post("/:id", subscriptionId, async (c) => {
    const sub = await loadSubscription(c, c.req.valid("param").id);
    const body = await formBody(c);
    const parsed = subscriptionForm(simulatorEnabled(c.env)).safeParse(body);
    if (!parsed.success) {
      const props = { csrfToken: c.get("session").csrfToken, subscriptionId: sub.id, values: submittedValues(body), errors: fieldErrors(parsed.error) };
      return c.html(isHtmx(c) ? <WebhookForm {...props} /> : <WebhookFormPage viewer={await loadViewer(c)} {...props} />, 422);
    }
    const { url, description, events } = parsed.data;
    await updateSubscription(c.env.DB, changeContext(c), sub, { url, description, eventTypes: events });
    const to = `${WEBHOOKS_PATH}/${sub.id}`;
    if (!isHtmx(c)) return c.redirect(to, 303);
    c.header("HX-Redirect", to);
    return c.body(null, 200);
  })
  .post("/:id/enable", subscriptionId, async (c) => {
    const sub = await loadSubscription(c, c.req.valid("param").id);
    await setEnabled(c.env.DB, changeContext(c), sub, true);
    return c.redirect(`${WEBHOOKS_PATH}/${sub.id}`, 303);
  })
  .post("/:id/disable", subscriptionId, async (c) => {
    const sub = await loadSubscription(c, c.req.valid("param").id);
    await setEnabled(c.env.DB, changeContext(c), sub, false);
    await dispatcherFor(c.env, sub.workspaceId).cancel(sub.id);
    return c.redirect(`${WEBHOOKS_PATH}/${sub.id}`, 303);
  })
  .post("/:id/delete", subscriptionId, async (c) => {
    const sub = await loadSubscription(c, c.req.valid("param").id);
    await dispatcherFor(c.env, sub.workspaceId).cancel(sub.id);
    await deleteSubscription(c.env.DB, changeContext(c), sub);
    return c.redirect(WEBHOOKS_PATH, 303);
  })
  .route("/", detailRoutes);

