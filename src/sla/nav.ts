// The SLA entry of the settings nav (admins and owners).
import type { SettingsNavItem } from "../settings/views/nav";
import { t } from "../ui/i18n";
import { IconClock } from "../ui/icons";

export const SLA_PATH = "/settings/sla";
export const slaNavEntry: SettingsNavItem = { href: SLA_PATH, label: () => t("sla.settings.nav"), icon: IconClock, minRole: "admin" };
