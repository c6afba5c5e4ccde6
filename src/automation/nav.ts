// The automation sections of the settings nav (admins and owners only).
import type { SettingsNavItem } from "../settings/views/nav";
import { IconBot, IconClock, IconKey } from "./views/icons";

export const automationNavEntries: SettingsNavItem[] = [
  { href: "/settings/automation", label: "Business hours", icon: IconClock, minRole: "admin" },
  { href: "/settings/automation/messages", label: "Automatic messages", icon: IconBot, minRole: "admin" },
  { href: "/settings/automation/keywords", label: "Keyword replies", icon: IconKey, minRole: "admin" },
];
