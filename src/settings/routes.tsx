// The settings sub-app, mounted at /settings: a session and CSRF for all of it,
// one sub-router per section (see views/nav.tsx), and the availability switch.
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { requireCsrf, requireSession } from "../auth/middleware";
import type { AppEnv } from "../env";
import { t } from "../ui/i18n";
import { apiTokenRoutes } from "./api-tokens-routes";
import { webhookRoutes } from "../outbound-webhooks/routes";
import { cannedRoutes } from "./canned-routes";
import { channelRoutes } from "./channels-routes";
import { isHtmx } from "./context";
import { profileRoutes } from "./profile-routes";
import { availabilityForm } from "./forms";
import { setAvailability, viewerAvailability } from "./queries/members";
import { teamRoutes } from "./team-routes";
import { tagRoutes } from "./tags-routes";
import { teamsRoutes } from "./teams-routes";
import { AvailabilityForm } from "../ui/availability";
import { drainQuietly } from "../assignment";
import { teamAssignmentRoutes } from "../assignment/routes";
import { workflowSettingsRoutes } from "../workflows/settings-routes";
import { csatSettingsRoutes } from "../csat/routes";
import { slaRoutes } from "../sla/routes";

/** Where a plain (no-JS) availability post returns to: the page it came from, if it is ours. */
function backTo(referer: string | undefined, requestUrl: string): string {
  if (!referer) return "/inbox";
  try {
    const from = new URL(referer);
    return from.origin === new URL(requestUrl).origin ? `${from.pathname}${from.search}` : "/inbox";
  } catch {
    return "/inbox";
  }
}

export const settingsRoutes = new Hono<AppEnv>()
  .use(requireSession(), requireCsrf())
  .get("/", (c) => c.redirect("/settings/team", 302))
  .post("/availability", async (c) => {
    const session = c.get("session");
    const parsed = availabilityForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? t("availability.invalid");
      if (!isHtmx(c)) throw new HTTPException(422, { message });
      const current = await viewerAvailability(c.env.DB, session.userId);
      return c.html(<AvailabilityForm availability={current} csrfToken={session.csrfToken} error={message} fragment />, 422);
    }
    await setAvailability(c.env.DB, session.workspaceId, session.userId, parsed.data.availability);
    // Online again: the team queues they belong to may have someone waiting for them.
    if (parsed.data.availability === "online") await drainQuietly(c.env, session.workspaceId, { forUser: session.userId });
    if (!isHtmx(c)) return c.redirect(backTo(c.req.header("referer"), c.req.url), 303);
    return c.html(<AvailabilityForm availability={parsed.data.availability} csrfToken={session.csrfToken} fragment />);
  })
  .route("/profile", profileRoutes)
  .route("/team", teamRoutes)
  .route("/teams", teamsRoutes)
  .route("/teams", teamAssignmentRoutes)
  .route("/canned-replies", cannedRoutes)
  .route("/tags", tagRoutes)
  .route("/channels", channelRoutes)
  .route("/api", apiTokenRoutes)
  .route("/webhooks", webhookRoutes)
  .route("/workflows", workflowSettingsRoutes)
  .route("/csat", csatSettingsRoutes)
  .route("/sla", slaRoutes);
