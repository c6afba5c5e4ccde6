// The settings sections shown in the left nav, in order. Add a section by
// appending an entry here (and mounting its routes under /settings in routes.tsx).
// Labels are read per request (a function, or a getter on another feature's
// entry), so each reader sees them in their own language.
import type { FC } from "hono/jsx";
import type { Role } from "../forms";
import { contactFieldsNavEntry } from "../../contacts/nav";
import { automationNavEntries } from "../../automation/nav";
import { t } from "../../ui/i18n";
import { type IconProps, IconKey, IconReply, IconTag, IconUser, IconUsers } from "./icons";
import { webhooksNavEntry } from "../../outbound-webhooks/nav";
import { IconChannel } from "./channel-icons";
import { profileNavEntry } from "../profile-nav";
import { IconWorkflow } from "../../ui/icons";
import { csatNavEntry } from "../../csat/nav";
import { slaNavEntry } from "../../sla/nav";

/** A list icon for sections without their own. */
const IconList: FC<IconProps> = (p) => IconReply(p);

export interface SettingsNavItem {
  href: string;
  /** A function (or a getter) for a translated label: called while the page renders. */
  label: string | (() => string);
  icon: FC<IconProps>;
  /** Hidden from people below this role; everyone sees the item when absent. */
  minRole?: Role;
}

/** The nav entries, built per render so every label is in the reader's language. */
export function settingsNav(): SettingsNavItem[] {
  return [
    profileNavEntry,
    { href: "/settings/team", label: () => t("settings.nav.team"), icon: IconUser },
    { href: "/settings/teams", label: () => t("settings.nav.teams"), icon: IconUsers },
    { href: "/settings/canned-replies", label: () => t("settings.nav.canned"), icon: IconReply },
    { href: "/settings/tags", label: () => t("settings.nav.tags"), icon: IconTag },
    { href: "/settings/channels", label: () => t("settings.nav.channels"), icon: IconChannel, minRole: "admin" },
    { ...contactFieldsNavEntry, icon: IconList, minRole: "admin" },
    ...automationNavEntries,
    { href: "/settings/workflows", label: () => t("workflows.nav"), icon: IconWorkflow, minRole: "admin" },
    slaNavEntry,
    csatNavEntry,
    { href: "/settings/api", label: () => t("settings.nav.api"), icon: IconKey, minRole: "admin" },
    webhooksNavEntry,
  ];
}

export function navLabel(item: SettingsNavItem): string {
  return typeof item.label === "function" ? item.label() : item.label;
}
