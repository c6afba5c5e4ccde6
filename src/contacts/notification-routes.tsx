// /notifications: the signed-in agent's notifications — the bell's dropdown
// fragment, its unread count badge, and marking them read. Only ever the
// session user's own rows.
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { requireCsrf, requireSession } from "../auth/middleware";
import type { AppEnv } from "../env";
import { t } from "../ui/i18n";
import { findNotification, markRead, recentNotifications, unreadCount } from "./queries/notifications";
import { markReadForm, notificationParam } from "./schemas";
import { NOTIFICATIONS_CHANGED, NotificationCount, NotificationMenu, notificationHref, NotificationsPage } from "./views/notifications";

const isHtmx = (c: Context<AppEnv>) => !!c.req.header("hx-request");

/** Fired on body after a change, so the count badge (wherever it is) reloads itself. */
const changed = (c: Context<AppEnv>) => c.header("HX-Trigger", JSON.stringify({ [NOTIFICATIONS_CHANGED]: { target: "body" } }));

async function menu(c: Context<AppEnv>) {
  const { userId, workspaceId, csrfToken, name, email, role } = c.get("session");
  const [notifications, unread] = await Promise.all([recentNotifications(c.env.DB, userId, workspaceId), unreadCount(c.env.DB, userId, workspaceId)]);
  const props = { notifications, unread, csrfToken, now: Date.now() };
  c.header("Cache-Control", "no-store");
  c.header("Vary", "HX-Request");
  if (isHtmx(c)) return c.html(<NotificationMenu {...props} />);
  return c.html(<NotificationsPage {...props} user={{ name, email, role }} />);
}

export const notificationRoutes = new Hono<AppEnv>()
  .use(requireSession(), requireCsrf())
  .get("/", (c) => menu(c))
  .get("/count", async (c) => {
    const { userId, workspaceId } = c.get("session");
    c.header("Cache-Control", "no-store");
    return c.html(<NotificationCount count={await unreadCount(c.env.DB, userId, workspaceId)} />);
  })
  .post("/read", async (c) => {
    const parsed = markReadForm.safeParse(await c.req.parseBody());
    if (!parsed.success) throw new HTTPException(404, { message: t("contacts.error.notificationNotFound") });
    const { userId, workspaceId } = c.get("session");
    if (parsed.data.id && !(await findNotification(c.env.DB, userId, workspaceId, parsed.data.id))) {
      throw new HTTPException(404, { message: t("contacts.error.notificationNotFound") });
    }
    await markRead(c.env.DB, userId, workspaceId, parsed.data.id);
    if (!isHtmx(c)) return c.redirect("/notifications", 303);
    changed(c);
    return menu(c);
  })
  .post("/:id/open", zValidator("param", notificationParam, (r) => {
    if (!r.success) throw new HTTPException(404, { message: t("contacts.error.notificationNotFound") });
  }), async (c) => {
    const { userId, workspaceId } = c.get("session");
    const notification = await findNotification(c.env.DB, userId, workspaceId, c.req.valid("param").id);
    if (!notification) throw new HTTPException(404, { message: t("contacts.error.notificationNotFound") });
    await markRead(c.env.DB, userId, workspaceId, notification.id);
    const to = notificationHref(notification) ?? "/notifications";
    if (!isHtmx(c)) return c.redirect(to, 303);
    c.header("HX-Redirect", to);
    return c.body(null, 200);
  });
