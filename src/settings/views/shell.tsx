// The settings page shell: the app's layout with a left nav of sections (a
// scrolling tab row on phones) and a page header with an optional action.
import type { Child, FC } from "hono/jsx";
import { Layout } from "../../ui/layout";
import { hasRole } from "../../auth/middleware";
import type { Viewer } from "../context";
import { IconBack } from "./icons";
import { SETTINGS_NAV } from "./nav";

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
    title={`${title} · Settings`}
    user={{ name: viewer.name, email: viewer.email, role: viewer.role, availability: viewer.availability }}
    csrfToken={viewer.csrfToken}
    bodyClass="page-settings"
  >
    <link rel="stylesheet" href="/settings.css" />
    <div class="settings">
      <nav class="settings-nav" aria-label="Settings">
        <a class="settings-nav__back" href="/inbox">
          <IconBack />
          <span>Inbox</span>
        </a>
        <p class="settings-nav__title">Settings</p>
        <ul class="settings-nav__list">
          {SETTINGS_NAV.filter((item) => !item.minRole || hasRole(viewer.role, item.minRole)).map((item) => {
            const current = item.href === active;
            return (
              <li>
                <a class={`settings-nav__link${current ? " is-active" : ""}`} href={item.href} aria-current={current ? "page" : undefined}>
                  <item.icon />
                  <span>{item.label}</span>
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
