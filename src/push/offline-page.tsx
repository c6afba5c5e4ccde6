// GET /offline.html: the page the service worker (public/sw.js) shows when a
// navigation fails. Public and generic — it holds no one's data, so it may be
// cached — rendered in the language the SW asks for (`?lang=`, the page's
// language when it cached it), else the browser's.
import { Hono } from "hono";
import { raw } from "hono/html";
import type { AppEnv } from "../env";
import { LANGUAGE_CODES, type LanguageCode } from "../lib/locales";
import { setLocaleContext, t } from "../ui/i18n";
import { LogoMark } from "../ui/icons";

const IconCloudOff = () => (
  <svg class="icon offline-card__icon" viewBox="0 0 24 24" width="40" height="40" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
    <path d="M22.61 16.95A5 5 0 0 0 18 10h-1.26a8 8 0 0 0-7.05-6M5 5a8 8 0 0 0 4 15h9a5 5 0 0 0 1.7-.3" />
    <path d="M1 1l22 22" />
  </svg>
);

export const OfflinePage = ({ locale }: { locale: LanguageCode }) => (
  <>
    {raw("<!DOCTYPE html>")}
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#ffffff" />
        <title>{`${t("pwa.offline.title")} · linedesk`}</title>
        <link rel="icon" href="/icons/logo.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/app.css" />
        <link rel="stylesheet" href="/pwa.css" />
        <script src="/offline.js" defer></script>
      </head>
      <body class="page-offline">
        <main class="offline">
          <div class="offline__brand">
            <LogoMark />
            <span class="brand__name">linedesk</span>
          </div>
          <section class="offline-card" aria-labelledby="offline-title">
            <IconCloudOff />
            <h1 id="offline-title" class="offline-card__title">
              {t("pwa.offline.title")}
            </h1>
            <p class="offline-card__text">{t("pwa.offline.body")}</p>
            <button type="button" class="btn btn--primary" id="offline-retry">
              {t("pwa.offline.retry")}
            </button>
          </section>
        </main>
      </body>
    </html>
  </>
);

export const offlineRoutes = new Hono<AppEnv>().get("/offline.html", (c) => {
  const asked = c.req.query("lang");
  const locale = LANGUAGE_CODES.find((code) => code === asked) ?? c.get("browserLocale") ?? "en";
  setLocaleContext({ locale });
  // Shared and generic: the service worker keeps it; browsers may revalidate.
  c.header("Cache-Control", "public, max-age=0, must-revalidate");
  return c.html(<OfflinePage locale={locale} />);
});
