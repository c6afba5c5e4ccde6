// The settings page shell: the app's layout with a left nav of sections (a
// scrolling tab row on phones, scrolled so the current section shows) and a
// page header with an optional action.
import type { Child, FC } from "hono/jsx";
import { Layout } from "../../ui/layout";
import { hasRole } from "../../auth/middleware";
import { t } from "../../ui/i18n";
import type { Viewer } from "../context";
import { IconBack } from "./icons";
import { navLabel, settingsNav } from "./nav";

export interface SettingsShellProps {
  viewer: Viewer;
  /** The nav entry to highlight, e.g. "/settings/team". */
  active: string;
  title: string;
  lead?: Child;
  children?: Child;
}

export const SettingsShell: FC<SettingsShellProps> = ({ viewer, active, title, lead, children }) => (
  <Layout
    title={t("settings.shell.pageTitle", { title })}
    user={{ name: viewer.name, email: viewer.email, role: viewer.role, availability: viewer.availability }}
    csrfToken={viewer.csrfToken}
    bodyClass="page-settings"
  >
    <link rel="stylesheet" href="/settings.css" />
    <script src="/settings.js" defer></script>
    <div class="settings">
      <nav class="settings-nav" aria-label={t("settings.shell.nav")}>
        <a class="settings-nav__back" href="/inbox">
          <IconBack />
          <span>{t("settings.shell.inbox")}</span>
        </a>
        <p class="settings-nav__title">{t("common.settings")}</p>
        <ul class="settings-nav__list">
          <li class="settings-nav__inbox">
            <a class="settings-nav__link" href="/inbox">
              <IconBack />
              <span>{t("settings.shell.inbox")}</span>
            </a>
          </li>
          {settingsNav()
            .filter((item) => !item.minRole || hasRole(viewer.role, item.minRole))
            .map((item) => {
              const current = item.href === active;
              return (
                <li>
                  <a class={`settings-nav__link${current ? " is-active" : ""}`} href={item.href} aria-current={current ? "page" : undefined}>
                    <item.icon />
                    <span>{navLabel(item)}</span>
                  </a>
                </li>
              );
            })}
        </ul>
      </nav>
      <div class="settings-content">
        <header class="settings-head">
          <h1 class="settings-head__title">{title}</h1>
          {lead ? <p class="settings-head__lead">{lead}</p> : null}
        </header>
        {children}
      </div>
    </div>
  </Layout>
);
