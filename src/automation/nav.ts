// The automation sections of the settings nav (admins and owners only). Each
// label is a getter, read when a page renders, so it is in that reader's
// language; `labelKey` is there for a nav that translates keys itself.
import type { SettingsNavItem } from "../settings/views/nav";
import { type MessageKey, t } from "../ui/i18n";
import { IconBot, IconClock, IconKey } from "./views/icons";

function entry(href: string, labelKey: MessageKey, icon: SettingsNavItem["icon"]): SettingsNavItem & { labelKey: MessageKey } {
  return {
    href,
    labelKey,
    icon,
    minRole: "admin",
    get label() {
      return t(labelKey);
    },
  };
}

export const automationNavEntries: Array<SettingsNavItem & { labelKey: MessageKey }> = [
  entry("/settings/automation", "automation.nav.hours", IconClock),
  entry("/settings/automation/messages", "automation.nav.messages", IconBot),
  entry("/settings/automation/keywords", "automation.nav.keywords", IconKey),
];
