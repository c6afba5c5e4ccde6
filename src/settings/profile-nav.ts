// The Profile entry of the settings nav: first, for everyone signed in.
import type { SettingsNavItem } from "./views/nav";
import { IconProfile } from "./views/profile-icons";
import { t } from "../ui/i18n";

export const profileNavEntry: SettingsNavItem = {
  href: "/settings/profile",
  // A getter, so the label is read in the reader's language on every render.
  get label() {
    return t("pwa.nav.profile");
  },
  icon: IconProfile,
};
