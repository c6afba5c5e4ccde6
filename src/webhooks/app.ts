// LINE's webhook as an app of its own: the Worker entry sends /webhooks/* here
// before the page app (language, first-run redirect, form origin check, CSP and
// its router of every page), none of which applies to machine traffic. This is
// the hot path: every customer message comes through it.
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { bootstrapped } from "../setup/bootstrapped";
import { t } from "../ui/i18n";
import { webhookRoutes } from "./routes";

export const WEBHOOK_PREFIX = "/webhooks/";

export const webhookApp = new Hono<AppEnv>();

webhookApp.use(bootstrapped);
webhookApp.route("/webhooks", webhookRoutes);
webhookApp.notFound((c) => c.json({ error: "Not found" }, 404));
webhookApp.onError((error, c) => {
  if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
  console.error("webhook failed", c.req.path, error instanceof Error ? error.stack ?? error.message : error);
  return c.json({ error: t("error.generic") }, 500);
});
