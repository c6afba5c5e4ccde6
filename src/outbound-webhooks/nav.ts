// The webhooks entry of the settings nav (admins and owners only).
import type { SettingsNavItem } from "../settings/views/nav";
import { t } from "../ui/i18n";
import { IconWebhook } from "./views/icons";

export const WEBHOOKS_PATH = "/settings/webhooks";

export const webhooksNavEntry: SettingsNavItem = { href: WEBHOOKS_PATH, label: () => t("settings.nav.webhooks"), icon: IconWebhook, minRole: "admin" };
