// Settings → Profile (/settings/profile), for everyone signed in: language and
// time zone (a plain form; the page comes back in the new language), push
// devices (subscribe from public/profile.js with the CSRF header, remove, test)
// and notification categories. Session and CSRF come from the settings app.
import { zValidator } from "@hono/zod-validator";
import type { Context } from "hono";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { type AppEnv, simulatorEnabled } from "../env";
import { testNotification } from "../push/content";
import { pushNow } from "../push/deliveries";
import { deviceLabel } from "../push/device-label";
import { acceptableEndpoint } from "../push/endpoint";
import { loadPreferences, savePreferences } from "../push/preferences";
import { devicesWanting } from "../push/recipients";
import { listDevices, MAX_DEVICES, removeDevice, saveSubscription } from "../push/subscriptions";
import { vapidKeys } from "../push/vapid";
import { localeContext, t, tn } from "../ui/i18n";
import { isHtmx, loadViewer, noStore } from "./context";
import { deviceParam, preferencesForm, profileForm, subscriptionJson } from "./profile-forms";
import { loadProfile, saveProfile } from "./profile-store";
import { type DevicesCardProps, DevicesCard, PreferencesCard } from "./views/profile-notifications";
import { type LanguageCardProps, PROFILE_PATH, ProfilePage } from "./views/profile-page";

type Ctx = Context<AppEnv>;

async function vapidPublicKey(c: Ctx): Promise<string | null> {
  const keys = vapidKeys(c.env);
  return keys ? (await keys).publicKey : null;
}

async function devicesProps(c: Ctx, notice?: DevicesCardProps["notice"]): Promise<DevicesCardProps> {
  const s = c.get("session");
  return { csrfToken: s.csrfToken, devices: await listDevices(c.env.DB, s.workspaceId, s.userId), vapidPublicKey: await vapidPublicKey(c), notice, now: Date.now() };
}

async function renderPage(c: Ctx, language: Partial<LanguageCardProps> = {}, status: 200 | 201 | 404 | 422 = 200, notice?: DevicesCardProps["notice"]) {
  const s = c.get("session");
  const [viewer, profile, devices, preferences] = await Promise.all([loadViewer(c), loadProfile(c.env.DB, s.workspaceId, s.userId), devicesProps(c, notice), loadPreferences(c.env.DB, s.userId)]);
  noStore(c);
  return c.html(
    <ProfilePage
      viewer={viewer}
      language={{ csrfToken: s.csrfToken, profile, browserLocale: c.get("browserLocale"), now: Date.now(), ...language }}
      devices={devices}
      preferences={{ csrfToken: s.csrfToken, preferences }}
    />,
    status,
  );
}

/** The devices card (htmx and profile.js swap it); a plain form post (no JavaScript) gets the whole page with the notice. */
async function devicesAnswer(c: Ctx, notice: DevicesCardProps["notice"], status: 200 | 201 | 404 | 422 = 200) {
  if (!isHtmx(c) && c.req.header("content-type")?.includes("form")) return renderPage(c, {}, status, notice);
  noStore(c);
  return c.html(<DevicesCard {...await devicesProps(c, notice)} />, status);
}

export const profileRoutes = new Hono<AppEnv>()
  .get("/", (c) => renderPage(c, { saved: c.req.query("saved") === "1" }))
  .post("/", async (c) => {
    const s = c.get("session");
    const body = await c.req.parseBody();
    const parsed = profileForm.safeParse(body);
    if (!parsed.success) {
      const errors: { language?: string; timeZone?: string } = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === "language" || field === "timeZone") && !errors[field]) errors[field] = issue.message;
      }
      const typed = { language: typeof body.language === "string" ? body.language : "", timeZone: typeof body.timeZone === "string" ? body.timeZone : "" };
      return renderPage(c, { errors, values: typed }, 422);
    }
    await saveProfile(c.env.DB, s.workspaceId, s.userId, parsed.data);
    // The next request loads the new language and time zone with the session.
    return c.redirect(`${PROFILE_PATH}?saved=1`, 303);
  })
  .post("/notifications", async (c) => {
    const s = c.get("session");
    const parsed = preferencesForm.safeParse(await c.req.parseBody());
    // Checkboxes cannot be invalid in a way a person can fix: anything odd is a bad request.
    if (!parsed.success) throw new HTTPException(400, { message: t("error.generic") });
    await savePreferences(c.env.DB, { workspaceId: s.workspaceId, userId: s.userId }, parsed.data);
    if (!isHtmx(c)) return c.redirect(PROFILE_PATH, 303);
    return c.html(<PreferencesCard csrfToken={s.csrfToken} preferences={parsed.data} saved />);
  })
  .post("/devices", async (c) => {
    const s = c.get("session");
    if (!vapidKeys(c.env)) return devicesAnswer(c, { kind: "error", text: t("pwa.notify.notConfigured") }, 422);
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      json = null;
    }
    const parsed = subscriptionJson.safeParse(json);
    if (!parsed.success) return devicesAnswer(c, { kind: "error", text: t("pwa.device.invalid") }, 422);
    if (!acceptableEndpoint(parsed.data.endpoint, simulatorEnabled(c.env))) return devicesAnswer(c, { kind: "error", text: t("pwa.device.badEndpoint") }, 422);
    const saved = await saveSubscription(c.env.DB, { workspaceId: s.workspaceId, userId: s.userId }, {
      endpoint: parsed.data.endpoint,
      p256dh: parsed.data.keys.p256dh,
      auth: parsed.data.keys.auth,
      label: deviceLabel(c.req.header("user-agent")),
      locale: localeContext().locale,
    });
    if (!saved.ok) return devicesAnswer(c, { kind: "error", text: t("pwa.device.tooMany", { count: MAX_DEVICES }) }, 422);
    return devicesAnswer(c, { kind: "ok", text: t("pwa.device.saved") }, 201);
  })
  .post("/devices/:id/delete", zValidator("param", deviceParam, (r) => {
    if (!r.success) throw new HTTPException(404, { message: t("pwa.device.notFound") });
  }), async (c) => {
    const s = c.get("session");
    const removed = await removeDevice(c.env.DB, s.workspaceId, s.userId, c.req.valid("param").id);
    if (!removed) return devicesAnswer(c, { kind: "error", text: t("pwa.device.notFound") }, 404);
    return devicesAnswer(c, { kind: "ok", text: t("pwa.device.removed") });
  })
  .post("/test", async (c) => {
    const s = c.get("session");
    if (!vapidKeys(c.env)) return devicesAnswer(c, { kind: "error", text: t("pwa.notify.notConfigured") }, 422);
    const devices = await devicesWanting(c.env.DB, s.workspaceId, "test", { userIds: [s.userId] });
    if (!devices.length) return devicesAnswer(c, { kind: "error", text: t("pwa.test.none") }, 422);
    const result = await pushNow(c.env, {
      cause: `test:${crypto.randomUUID()}`,
      category: "test",
      urgency: "high",
      ttlSeconds: 300,
      topic: null,
      render: testNotification,
    }, devices);
    const total = devices.length;
    if (result.sent === total) return devicesAnswer(c, { kind: "ok", text: tn("pwa.test.sent", total) });
    if (result.sent > 0) return devicesAnswer(c, { kind: "ok", text: t("pwa.test.partial", { sent: result.sent, total }) });
    if (result.removed > 0) return devicesAnswer(c, { kind: "error", text: t("pwa.test.removed") });
    return devicesAnswer(c, { kind: "error", text: t("pwa.test.failed") });
  });
