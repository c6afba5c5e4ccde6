// The agent's own availability (online / away / offline) in the top bar: a
// select that saves on change with htmx, or with its Set button without JS.
import type { FC } from "hono/jsx";

/** An agent's availability: whether new conversations should reach them. */
export const AVAILABILITY = ["online", "away", "offline"] as const;
export type Availability = (typeof AVAILABILITY)[number];

export const AVAILABILITY_LABELS: Record<Availability, string> = { online: "Online", away: "Away", offline: "Offline" };

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
    title={error ?? "Your availability: whether new conversations should reach you"}
  >
    <input type="hidden" name="_csrf" value={csrfToken} />
    <span class="availability__dot" aria-hidden="true"></span>
    <label class="visually-hidden" for="availability-select">
      Your availability
    </label>
    <select id="availability-select" name="availability" class="availability__select" aria-invalid={error ? "true" : undefined}>
      {AVAILABILITY.map((a) => (
        <option value={a} selected={a === availability}>
          {AVAILABILITY_LABELS[a]}
        </option>
      ))}
    </select>
    {fragment ? null : (
      <noscript>
        <button type="submit" class="btn btn--ghost btn--xs">
          Set
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
