// Small building blocks shared by the contact panel sections and the field admin
// page: htmx forms that also work as plain forms, section headings, labels.
import type { Child, FC } from "hono/jsx";
import { IconAlert } from "../../ui/icons";
import { localeContext, t } from "../../ui/i18n";
import { fullLabel } from "../../ui/time";

export const CsrfField: FC<{ token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;

export interface HxFormProps {
  action: string;
  csrfToken: string;
  /** htmx target; the form's own section by default. */
  target?: string;
  swap?: string;
  trigger?: string;
  confirm?: string;
  class?: string;
  id?: string;
  children?: Child;
}

/** A POST form that htmx submits in place and a browser without JS submits normally. */
export const HxForm: FC<HxFormProps> = ({ action, csrfToken, target = "closest .cp-section", swap = "outerHTML", trigger, confirm, class: className, id, children }) => (
  <form
    method="post"
    action={action}
    hx-post={action}
    hx-target={target}
    hx-swap={swap}
    hx-trigger={trigger}
    hx-sync={trigger ? "this:replace" : undefined}
    hx-confirm={confirm}
    class={className}
    id={id}
  >
    <CsrfField token={csrfToken} />
    {children}
  </form>
);

export const SectionTitle: FC<{ icon: Child; count?: number; children?: Child; id?: string }> = ({ icon, count, children, id }) => (
  <h3 class="cp-section__title" id={id}>
    {icon}
    <span>{children}</span>
    {count !== undefined && count > 0 ? <span class="cp-count">{String(count)}</span> : null}
  </h3>
);

export const FormError: FC<{ message?: string | null; id?: string }> = ({ message, id }) =>
  message ? (
    <p class="cp-error" role="alert" id={id}>
      <IconAlert />
      <span>{message}</span>
    </p>
  ) : null;

/** "3 Nov 2025, 14:05" in a <time> with the ISO instant. */
export const When: FC<{ at: number | null; timeZone?: string; empty?: string }> = ({ at, timeZone = localeContext().timeZone, empty = "—" }) =>
  at ? <time datetime={new Date(at).toISOString()}>{fullLabel(at, timeZone)}</time> : <span class="cp-muted">{empty}</span>;

const languageNames = new Map<string, Intl.DisplayNames | null>();

/** "th" → "Thai" (ไทย, タイ語… in the reader's language); unknown codes are shown as they are. */
export function languageName(code: string): string {
  const { locale } = localeContext();
  if (!languageNames.has(locale)) {
    try {
      languageNames.set(locale, new Intl.DisplayNames([locale], { type: "language" }));
    } catch {
      languageNames.set(locale, null);
    }
  }
  try {
    return languageNames.get(locale)?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The name to show for a contact LINE has not given us a profile for yet. */
export function contactName(displayName: string | null, lineUserId?: string | null): string {
  if (displayName) return displayName;
  return lineUserId ? t("contacts.lineUserEnding", { suffix: lineUserId.slice(-4) }) : t("contacts.lineUser");
}
