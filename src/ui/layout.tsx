// The HTML document shell shared by every page (top bar, assets, toasts), plus
// the friendly error page and the htmx error toast that app.onError renders.
import type { Child, FC } from "hono/jsx";
import { raw } from "hono/html";
import type { Role } from "../db/roles";
import { type Availability, AvailabilityControl } from "./availability";
import { Avatar } from "./avatar";
import { clientMessages, localeContext, type MessageKey, t } from "./i18n";
import { IconAlert, IconBell, IconChart, IconLogout, IconSettings, IconUsers, LogoMark, Svg } from "./icons";

export interface LayoutProps {
  title: string;
  /** `role` admin/owner adds the Settings link; `availability` adds the online/away/offline select. */
  user?: { name: string; email: string; role?: Role; availability?: Availability } | null;
  /** The session's CSRF token: in `<meta name="csrf-token">` and the logout form. */
  csrfToken?: string;
  bodyClass?: string;
  /** Extra items for the top bar, before the agent menu (the inbox puts #live-status here). */
  topbarExtra?: Child;
  children?: Child;
}

/** A full HTML document. Text is escaped by hono/jsx; nothing here is raw except the doctype. */
export const Layout: FC<LayoutProps> = ({ title, user, csrfToken, bodyClass, topbarExtra, children }) => (
  <>
    {raw("<!DOCTYPE html>")}
    <html lang={localeContext().locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        {csrfToken ? <meta name="csrf-token" content={csrfToken} /> : null}
        <meta name="theme-color" content="#ffffff" />
        <title>{title === "linedesk" ? title : `${title} · linedesk`}</title>
        <link rel="icon" href="/icons/logo.svg" type="image/svg+xml" />
        <link rel="manifest" href="/manifest.webmanifest" />
        <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
        <link rel="stylesheet" href="/app.css" />
        <link rel="stylesheet" href="/triage.css" />
        <link rel="stylesheet" href="/workflows.css" />
        <link rel="stylesheet" href="/contacts.css" />
        <link rel="stylesheet" href="/composer.css" />
        <script type="application/json" id="i18n-messages">{raw(JSON.stringify(clientMessages()).replace(/</g, "\\u003c"))}</script>
        <script src="/i18n.js"></script>
        <script src="/vendor/htmx.min.js" defer></script>
        <script src="/live-socket.js" defer></script>
        <script src="/inbox-alerts.js" defer></script>
        <script src="/inbox-list.js" defer></script>
        <script src="/thread-header.js" defer></script>
        <script src="/inbox.js" defer></script>
        <script src="/thread-paging.js" defer></script>
        <script src="/inbox-ui.js" defer></script>
        <script src="/sla-badge.js" defer></script>
        <script src="/shortcuts.js" defer></script>
        <script src="/composer.js" defer></script>
        <script src="/composer-tools.js" defer></script>
        <script src="/contacts.js" defer></script>
        <script src="/pwa.js" defer></script>
      </head>
      <body class={bodyClass}>
        <a class="skip-link" href="#main">
          {t("common.skipToContent")}
        </a>
        <header class="topbar">
          <a class="brand" href={user ? "/inbox" : "/"} aria-label={t("common.home")}>
            <LogoMark />
            <span class="brand__name">linedesk</span>
          </a>
          {user ? (
            <nav class="topnav" aria-label={t("contacts.dir.nav")}>
              <a class="btn btn--ghost btn--sm topnav__link" href="/contacts" title={t("contacts.dir.nav")}>
                <IconUsers />
                <span class="btn__label">{t("contacts.dir.nav")}</span>
              </a>
            </nav>
          ) : null}
          <div class="topbar__spacer"></div>
          {topbarExtra}
          {user ? <NotificationBell /> : null}
          {user ? <AccountMenu user={user} csrfToken={csrfToken ?? ""} /> : null}
        </header>
        <main id="main" class="main">
          {children}
        </main>
        <div id="toasts" class="toasts" aria-live="polite"></div>
      </body>
    </html>
  </>
);

const STATUS_TITLES: Record<number, MessageKey> = {
  400: "error.title.400",
  401: "error.title.401",
  403: "error.title.403",
  404: "error.title.404",
  405: "error.title.405",
  409: "error.title.409",
  413: "error.title.413",
  422: "error.title.422",
  429: "error.title.429",
  500: "error.title.500",
  502: "error.title.502",
  503: "error.title.503",
};

export interface ErrorPageProps {
  status: number;
  message: string;
  user?: { name: string; email: string } | null;
  csrfToken?: string;
}

/** A finished-looking error page. `message` is shown as text; never pass a stack trace. */
export const ErrorPage: FC<ErrorPageProps> = ({ status, message, user, csrfToken }) => {
  const heading = STATUS_TITLES[status] ? t(STATUS_TITLES[status]) : t(status >= 500 ? "error.title.500" : "error.title.default");
  return (
    <Layout title={heading} user={user} csrfToken={csrfToken} bodyClass="page-error">
      <section class="error-card" aria-labelledby="error-title">
        <p class="error-card__code">{String(status)}</p>
        <h1 id="error-title" class="error-card__title">
          {heading}
        </h1>
        <p class="error-card__message">{message}</p>
        <div class="error-card__actions">
          <a class="btn btn--primary" href="/inbox">
            {t("common.backToInbox")}
          </a>
          {status === 401 ? (
            <a class="btn btn--ghost" href="/login">
              {t("common.signIn")}
            </a>
          ) : null}
        </div>
      </section>
    </Layout>
  );
};

export interface ErrorFragmentProps {
  message: string;
}

/**
 * An error toast for htmx requests. app.onError should send it with
 * `HX-Retarget: #toasts` and `HX-Reswap: beforeend` so it never replaces the
 * element that made the request (htmx 4 swaps 4xx/5xx responses).
 */
export const ErrorFragment: FC<ErrorFragmentProps> = ({ message }) => (
  <div class="toast toast--error" role="alert">
    <IconAlert />
    <span>{message}</span>
  </div>
);

/** The top bar's bell: unread count (live over the inbox socket), dropdown loaded when opened. */
const NotificationBell: FC = () => (
  <details class="nf-bell" hx-get="/notifications" hx-trigger="toggle" hx-target="find .nf-bell__menu" hx-swap="innerHTML">
    <summary class="btn btn--ghost btn--icon nf-bell__button" aria-label={t("common.notifications")} title={t("common.notifications")}>
      <IconBell />
      <span id="notification-count" class="nf-count" hidden hx-get="/notifications/count" hx-trigger="load" hx-swap="outerHTML"></span>
    </summary>
    <div class="nf-bell__menu"></div>
  </details>
);

/**
 * The signed-in agent's menu. At laptop width its items sit in the top bar
 * (Settings, availability, who, Log out); on phones they fold behind the avatar
 * into a popover (no script needed; Esc and a tap outside close it). Long names
 * are cut with an ellipsis, never widening the bar.
 */
const AccountMenu: FC<{ user: NonNullable<LayoutProps["user"]>; csrfToken: string }> = ({ user, csrfToken }) => (
  <div class="agent-menu">
    <button type="button" class="agent-menu__toggle btn btn--ghost btn--icon" popovertarget="account-menu" aria-label={t("inbox.account.open", { name: user.name })} title={user.name}>
      <Avatar name={user.name} size="sm" />
      <Svg class="agent-menu__chevron" d="m6 9 6 6 6-6" />
    </button>
    <div id="account-menu" class="agent-menu__panel" popover="auto" aria-label={t("inbox.account.label")}>
      {user.role && user.role !== "agent" ? (
        <a class="btn btn--ghost btn--sm agent-menu__item agent-menu__reports" href="/reports" title={t("reports.nav")}>
          <IconChart />
          <span class="btn__label">{t("reports.nav")}</span>
        </a>
      ) : null}
      {user.role ? (
        <a class="btn btn--ghost btn--sm agent-menu__item agent-menu__settings" href="/settings" title={t("common.settings")}>
          <IconSettings />
          <span class="btn__label">{t("common.settings")}</span>
        </a>
      ) : null}
      {user.availability ? <AvailabilityControl availability={user.availability} csrfToken={csrfToken} /> : null}
      <span class="agent-menu__who" title={`${user.name} · ${user.email}`}>
        <Avatar name={user.name} size="sm" />
        <span class="agent-menu__names">
          <span class="agent-menu__name">{user.name}</span>
          <span class="agent-menu__email">{user.email}</span>
        </span>
      </span>
      <form method="post" action="/logout" class="agent-menu__logout">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <button type="submit" class="btn btn--ghost btn--sm agent-menu__item" title={t("common.logOut")}>
          <IconLogout />
          <span class="btn__label">{t("common.logOut")}</span>
        </button>
      </form>
    </div>
  </div>
);
