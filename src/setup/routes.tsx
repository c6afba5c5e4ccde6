// /setup — first run in production. While the database has no user it creates the
// workspace and its owner (guarded by the SETUP_KEY secret, throttled per client,
// CSRF by a double-submit cookie as on /login), then signs the owner in. Once a
// user exists it answers 404 for good.
import { type Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { sameSecret } from "../auth/middleware";
import { passwordProblem } from "../auth/password-strength";
import { createSession, SESSION_COOKIE, SESSION_TTL_MS } from "../auth/session";
import { lockedMessage, lockedUntil, recordFailure, throttleKeys } from "../auth/throttle";
import { resetBootstrap } from "../db/seed";
import type { AppEnv } from "../env";
import { randomToken } from "../lib/crypto";
import { t } from "../ui/i18n";
import { setupDone, createFirstOwner } from "./first-run";
import { setupForm, typedValues, type SetupValues } from "./forms";
import { SetupLockedPage, SetupPage } from "./views/setup-page";

const SETUP_CSRF_COOKIE = "ld_setup_csrf";
/** Where the new owner lands: connecting a LINE channel is the next step. */
export const AFTER_SETUP = "/settings/channels";

function isHttps(url: string): boolean {
  return url.startsWith("https:");
}

function formPage(c: Context<AppEnv>, values: SetupValues, errors: Record<string, string>, status: 200 | 403 | 422 | 429) {
  const csrfToken = randomToken(24);
  setCookie(c, SETUP_CSRF_COOKIE, csrfToken, { httpOnly: true, sameSite: "Strict", path: "/setup", secure: isHttps(c.req.url) });
  return c.html(<SetupPage csrfToken={csrfToken} values={values} errors={errors} />, status);
}

async function closedOnceDone(c: Context<AppEnv>): Promise<void> {
  if (await setupDone(c.env.DB)) throw new HTTPException(404, { message: t("error.pageNotFound") });
}

export const setupRoutes = new Hono<AppEnv>()
  .use(async function setupNoStore(c, next) {
    await next();
    c.header("Cache-Control", "no-store");
  })
  .get("/", async (c) => {
    await closedOnceDone(c);
    if (!c.env.SETUP_KEY) return c.html(<SetupLockedPage />, 503);
    return formPage(c, {}, {}, 200);
  })
  .post("/", async (c) => {
    await closedOnceDone(c);
    if (!c.env.SETUP_KEY) return c.html(<SetupLockedPage />, 503);
    const body = await c.req.parseBody();
    const values = typedValues(body);
    const cookie = getCookie(c, SETUP_CSRF_COOKIE);
    const sent = typeof body._csrf === "string" ? body._csrf : "";
    if (!cookie || !sent || !(await sameSecret(cookie, sent))) {
      return formPage(c, values, { _form: t("setup.error.expired") }, 403);
    }
    const now = Date.now();
    const keys = await throttleKeys(c, "setup");
    const until = await lockedUntil(c.env.DB, keys, now);
    if (until) {
      c.header("Retry-After", String(Math.ceil((until - now) / 1000)));
      return formPage(c, values, { _form: lockedMessage(until, now) }, 429);
    }
    const parsed = setupForm.safeParse(body);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "_form")] ??= issue.message;
      return formPage(c, values, errors, 422);
    }
    const form = parsed.data;
    if (!(await sameSecret(form.setupKey, c.env.SETUP_KEY))) {
      await recordFailure(c.env.DB, keys, now);
      return formPage(c, values, { setupKey: t("setup.error.keyWrong") }, 422);
    }
    const weak = passwordProblem(form.password, [form.name, form.email, form.workspaceName]);
    if (weak) return formPage(c, values, { password: weak }, 422);
    const created = await createFirstOwner(c.env.DB, { workspaceName: form.workspaceName, timeZone: form.timeZone, language: form.language, name: form.name, email: form.email, password: form.password }, now);
    if (!created) throw new HTTPException(404, { message: t("error.pageNotFound") });
    // The env-variable channel (if any) joins the new workspace on the next request.
    resetBootstrap();
    const { token } = await createSession(c.env.DB, { id: created.userId, workspaceId: created.workspaceId }, now);
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: "Lax", path: "/", secure: isHttps(c.req.url), maxAge: SESSION_TTL_MS / 1000 });
    return c.redirect(AFTER_SETUP, 303);
  });
