// The agent's own availability (online / away / offline) in the top bar: a
// select that saves on change with htmx, or with its Set button without JS.
import type { FC } from "hono/jsx";
import { t } from "./i18n";

/** An agent's availability: whether new conversations should reach them. */
export const AVAILABILITY = ["online", "away", "offline"] as const;
export type Availability = (typeof AVAILABILITY)[number];

/** "Online", "Away", "Offline" in the reader's language. */
export function availabilityLabel(a: Availability): string {
  return t(`availability.${a}`);
}

export interface AvailabilityFormProps {
  availability: Availability;
  csrfToken: string;
  /** htmx responses omit the no-JS button: fragments parse <noscript> content as markup. */
  fragment?: boolean;
  error?: string;
}

export const AvailabilityForm: FC<AvailabilityFormProps> = ({ availability, csrfToken, fragment, error }) => (
  <form
    id="availability"
    class={`availability availability--${availability}`}
    method="post"
    action="/settings/availability"
    hx-post="/settings/availability"
    hx-trigger="change"
    hx-target="this"
    hx-swap="outerHTML"
    title={error ?? t("availability.hint")}
  >
    <input type="hidden" name="_csrf" value={csrfToken} />
    <span class="availability__dot" aria-hidden="true"></span>
    <label class="visually-hidden" for="availability-select">
      {t("availability.label")}
    </label>
    <select id="availability-select" name="availability" class="availability__select" aria-invalid={error ? "true" : undefined}>
      {AVAILABILITY.map((a) => (
        <option value={a} selected={a === availability}>
          {availabilityLabel(a)}
        </option>
      ))}
    </select>
    {fragment ? null : (
      <noscript>
        <button type="submit" class="btn btn--ghost btn--xs">
          {t("availability.set")}
        </button>
      </noscript>
    )}
  </form>
);

/** For the layout's top bar: the form plus its stylesheet (the inbox page does not load settings.css). */
export const AvailabilityControl: FC<{ availability: Availability; csrfToken: string }> = (props) => (
  <>
    <link rel="stylesheet" href="/settings.css" />
    <AvailabilityForm {...props} />
  </>
);
