// The Hono app: global middleware, one sub-app per feature, one error mapper.
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HTTPException } from "hono/http-exception";
import { csrf } from "hono/csrf";
import { secureHeaders } from "hono/secure-headers";
import { apiRoutes } from "./api/routes";
import { automationRoutes } from "./automation/routes";
import { inviteRoutes } from "./auth/invites";
import { authRoutes } from "./auth/routes";
import { composerRoutes } from "./composer/routes";
import { publicMediaRoutes } from "./composer/media-routes";
import { contactRoutes } from "./contacts/routes";
import { notificationRoutes } from "./contacts/notification-routes";
import { type AppEnv, simulatorEnabled } from "./env";
import { inboxRoutes } from "./inbox/routes";
import { ErrorFragment, ErrorPage } from "./ui/layout";
import { quotaRoutes } from "./quota/routes";
import { reportRoutes } from "./reports/routes";
import { csatInboxRoutes } from "./csat/inbox-routes";
import { settingsRoutes } from "./settings/routes";
import { bootstrapped } from "./setup/bootstrapped";
import { setupDone } from "./setup/first-run";
import { setupRoutes } from "./setup/routes";
import { negotiateLanguage, t, withLocale } from "./ui/i18n";
import { simulatorApp } from "./simulator/routes";
import { offlineRoutes } from "./push/offline-page";
import { shortcutRoutes } from "./workflows/shortcut-routes";

export const app = new Hono<AppEnv>();

/** htmx swaps error responses too: send the error toast to #toasts instead of the request's target. */
function htmxError(c: Context<AppEnv>, message: string, status: ContentfulStatusCode) {
  c.header("HX-Retarget", "#toasts");
  c.header("HX-Reswap", "beforeend");
  return c.html(<ErrorFragment message={message} />, status);
}


// Every response speaks the reader's language: the browser's until the session says
// which language and time zone the agent chose (requireSession updates the context).
app.use(async function localeMiddleware(c, next) {
  const browser = negotiateLanguage(c.req.header("accept-language"));
  c.set("browserLocale", browser);
  await withLocale({ locale: browser ?? "en", timeZone: "UTC" }, () => next());
});

app.use(bootstrapped);

/** Machine endpoints: integrations and the fake LINE API — no pages, no browser forms (LINE's webhook has its own app, webhooks/app.ts). */
function machinePath(path: string): boolean {
  return path.startsWith("/api/") || path.startsWith("/simulator/line") || path === "/healthz";
}

/** Paths the first-run redirect leaves alone (the simulator is 404 anyway while it is off). */
function firstRunExempt(path: string): boolean {
  return path === "/setup" || path.startsWith("/simulator") || machinePath(path);
}

// First run in production: until /setup has created the owner, every page leads there.
app.use(async function firstRunMiddleware(c, next) {
  if (c.req.method !== "GET" || firstRunExempt(c.req.path) || (await setupDone(c.env.DB))) return next();
  return c.redirect("/setup", 302);
});

// Browser forms must come from our own pages: Origin (or Sec-Fetch-Site) is checked
// on every state-changing form post, on top of the session's CSRF token.
const sameOriginForms = csrf();
app.use(async function sameOriginMiddleware(c, next) {
  if (machinePath(c.req.path)) return next();
  try {
    await sameOriginForms(c, async () => {});
  } catch {
    throw new HTTPException(403, { message: t("error.crossSite") });
  }
  await next();
});

const securityHeaders = secureHeaders({
    // Media from LINE's sticker CDN and customers' https images; everything else is ours.
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", "data:", "blob:", "https:"],
      mediaSrc: ["'self'", "blob:", "https:"],
      connectSrc: ["'self'", "ws:", "wss:"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      // The service worker (public/sw.js) and the web app manifest are ours too.
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
    },
    crossOriginEmbedderPolicy: false,
});

app.use(async function securityHeadersMiddleware(c, next) {
  // A WebSocket upgrade answers with the Durable Object's 101, whose headers are immutable.
  if (c.req.header("upgrade")?.toLowerCase() === "websocket") return next();
  return securityHeaders(c, next);
});

app.get("/", (c) => c.redirect("/inbox"));
app.get("/healthz", (c) => c.json({ ok: true }));
app.route("/", authRoutes);
app.route("/", offlineRoutes);
app.route("/setup", setupRoutes);
app.route("/inbox", inboxRoutes);
app.route("/inbox", composerRoutes);
app.route("/inbox", quotaRoutes);
app.route("/inbox", shortcutRoutes);
app.route("/inbox", csatInboxRoutes);
app.route("/media", publicMediaRoutes);
app.route("/settings/automation", automationRoutes);
app.route("/settings", settingsRoutes);
app.route("/invite", inviteRoutes);
app.route("/contacts", contactRoutes);
app.route("/reports", reportRoutes);
app.route("/notifications", notificationRoutes);
app.route("/api/v1", apiRoutes);
app.use("/simulator/*", async function simulatorGate(c, next) {
  if (!simulatorEnabled(c.env)) throw new HTTPException(404, { message: t("error.notFound") });
  await next();
});
app.route("/simulator", simulatorApp);

app.notFound((c) => {
  if (c.req.path.startsWith("/api/")) return c.json({ error: "Not found" }, 404);
  if (c.req.header("hx-request")) return htmxError(c, t("error.notFound"), 404);
  return c.html(<ErrorPage status={404} message={t("error.pageNotFound")} />, 404);
});

app.onError((error, c) => {
  const status = error instanceof HTTPException ? error.status : 500;
  const message = error instanceof HTTPException ? error.message : t("error.generic");
  if (status >= 500 && !(error instanceof HTTPException)) console.error("request failed", c.req.method, c.req.path, error instanceof Error ? error.stack ?? error.message : error);
  if (error instanceof HTTPException && error.res) {
    // Keep headers (WWW-Authenticate, HX-Redirect) set on the exception's response.
    for (const [k, v] of error.res.headers) c.header(k, v);
  }
  if (c.req.path.startsWith("/api/") || c.req.path.startsWith("/simulator/line")) {
    return c.json({ error: message }, status);
  }
  if (c.req.header("hx-request")) return htmxError(c, message, status);
  return c.html(<ErrorPage status={status} message={message} />, status);
});
