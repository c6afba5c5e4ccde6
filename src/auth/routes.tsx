// Sign in and sign out. The login form is protected by a double-submit CSRF
// cookie (there is no session yet); logout by the session's CSRF token.
import { zValidator } from "@hono/zod-validator";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { db, schema } from "../db/client";
import { DEMO_ADMIN } from "../db/demo-admin";
import { type AppEnv, simulatorEnabled } from "../env";
import { LoginPage } from "./views/login";
import { randomToken, verifyPassword } from "../lib/crypto";
import { requireCsrf, requireSession, sameSecret } from "./middleware";
import { createSession, destroySession, SESSION_COOKIE, SESSION_TTL_MS } from "./session";
import { clearAccount, lockedMessage, lockedUntil, recordFailure, throttleKeys } from "./throttle";
import { t } from "../ui/i18n";

const LOGIN_CSRF_COOKIE = "ld_login_csrf";

const loginForm = z.object({
  email: z.string().trim().toLowerCase().email({ error: () => t("auth.login.emailInvalid") }).max(254),
  password: z.string().min(1, { error: () => t("auth.login.passwordMissing") }).max(200),
  _csrf: z.string().min(1),
  next: z.string().optional(),
});

const NEXT_BASE = "https://linedesk.invalid";

/**
 * Only same-site paths are allowed as a post-login destination. Browsers read
 * `/\evil.com` as `//evil.com` and drop tabs and newlines (`/\t/evil.com`), so
 * backslashes and control characters are refused outright and what is left must
 * resolve to our own origin.
 */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(next)) return "/inbox";
  try {
    const url = new URL(next, NEXT_BASE);
    if (url.origin !== NEXT_BASE || next.startsWith("//")) return "/inbox";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/inbox";
  }
}

export const authRoutes = new Hono<AppEnv>()
  .get("/login", (c) => {
    const csrfToken = randomToken(24);
    setCookie(c, LOGIN_CSRF_COOKIE, csrfToken, { httpOnly: true, sameSite: "Lax", path: "/login", secure: isHttps(c.req.url) });
    const next = c.req.query("next");
    return c.html(<LoginPage csrfToken={csrfToken} next={next ? safeNext(next) : undefined} />);
  })
  .post(
    "/login",
    zValidator("form", loginForm, (result, c) => {
      if (!result.success) {
        const form = result.data as Partial<Record<string, unknown>>;
        const message = result.error.issues[0]?.message ?? t("error.title.422");
        return c.html(<LoginPage csrfToken={getCookie(c, LOGIN_CSRF_COOKIE) ?? ""} email={String(form.email ?? "")} error={message} />, 422);
      }
    }),
    async (c) => {
      const form = c.req.valid("form");
      const cookieToken = getCookie(c, LOGIN_CSRF_COOKIE);
      if (!cookieToken || !(await sameSecret(cookieToken, form._csrf))) {
        const csrfToken = randomToken(24);
        setCookie(c, LOGIN_CSRF_COOKIE, csrfToken, { httpOnly: true, sameSite: "Lax", path: "/login", secure: isHttps(c.req.url) });
        return c.html(<LoginPage csrfToken={csrfToken} email={form.email} error={t("auth.login.expired")} />, 403);
      }
      const keys = await throttleKeys(c, "login", form.email);
      const now = Date.now();
      const until = await lockedUntil(c.env.DB, keys, now);
      if (until) {
        c.header("Retry-After", String(Math.ceil((until - now) / 1000)));
        return c.html(<LoginPage csrfToken={form._csrf} email={form.email} error={lockedMessage(until, now)} next={form.next} />, 429);
      }
      const user = await db(c.env.DB).select().from(schema.users).where(eq(schema.users.email, form.email)).get();
      // Hash even when the user does not exist so timing does not reveal which emails are registered.
      const ok = await verifyPassword(form.password, user?.passwordHash ?? "pbkdf2$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
      // The demo admin exists only for the simulator: a database once seeded in demo mode keeps the row, never the login.
      const demoRefused = !simulatorEnabled(c.env) && (user?.demo === 1 || form.email === DEMO_ADMIN.email);
      if (!user || !ok || user.active !== 1 || demoRefused) {
        await recordFailure(c.env.DB, keys, now);
        return c.html(<LoginPage csrfToken={form._csrf} email={form.email} error={t("auth.login.mismatch")} next={form.next} />, 422);
      }
      await clearAccount(c.env.DB, keys);
      const { token } = await createSession(c.env.DB, user);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: "Lax",
        path: "/",
        secure: isHttps(c.req.url),
        maxAge: SESSION_TTL_MS / 1000,
      });
      deleteCookie(c, LOGIN_CSRF_COOKIE, { path: "/login" });
      return c.redirect(safeNext(form.next), 303);
    },
  )
  .post("/logout", requireSession(), requireCsrf(), async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await destroySession(c.env.DB, token);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/login", 303);
  });

function isHttps(url: string): boolean {
  return url.startsWith("https:");
}
