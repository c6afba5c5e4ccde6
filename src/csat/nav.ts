// The CSAT entry of the settings nav (admins and owners).
import type { SettingsNavItem } from "../settings/views/nav";
import { t } from "../ui/i18n";
import { IconCheck } from "../ui/icons";

export const csatNavEntry: SettingsNavItem = { href: "/settings/csat", label: () => t("csat.nav"), icon: IconCheck, minRole: "admin" };
