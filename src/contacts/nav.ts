// Links the contacts feature contributes to other navigation (the settings nav).
import { type MessageKey, t } from "../ui/i18n";

/**
 * The custom contact fields admin page (admins and owners). `label` is read
 * when a page renders, in its reader's language; copying the entry at module
 * load would freeze it in English, so a nav should read `t(labelKey)` or keep
 * this object.
 */
export const contactFieldsNavEntry = {
  href: "/contacts/fields",
  labelKey: "contacts.nav.fields" as MessageKey,
  get label(): string {
    return t("contacts.nav.fields");
  },
} as const;
