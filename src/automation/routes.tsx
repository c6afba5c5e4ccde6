// The automation settings, mounted at /settings/automation: business hours and
// holidays (/), the automatic messages (/messages) and keyword replies
// (/keywords). Admins and owners only; every change needs the CSRF token.
import { Hono } from "hono";
import { requireCsrf, requireRole, requireSession } from "../auth/middleware";
import type { AppEnv } from "../env";
import { hoursRoutes } from "./hours-routes";
import { keywordRoutes } from "./keyword-routes";
import { messagesRoutes } from "./messages-routes";

export const automationRoutes = new Hono<AppEnv>()
  .use(requireSession(), requireCsrf(), requireRole("admin"))
  .route("/messages", messagesRoutes)
  .route("/keywords", keywordRoutes)
  .route("/", hoursRoutes);
