// The subscription form (create and edit): endpoint URL, a description, and the
// events to send, grouped by what they are about. Re-rendered with the errors
// and status 422 when something is wrong.
import type { FC } from "hono/jsx";
import type { FieldErrors } from "../../settings/forms";
import { CsrfField, FieldError, FormAlert } from "../../settings/views/form-bits";
import { SettingsShell } from "../../settings/views/shell";
import type { Viewer } from "../../settings/context";
import { EVENT_LABELS, SUBSCRIBABLE_EVENTS } from "../catalog";
import { DESCRIPTION_MAX, type SubscriptionFormValues, URL_MAX } from "../forms";
import { WEBHOOKS_PATH } from "../nav";
import { IconPlus } from "./icons";

const GROUPS: Array<{ title: string; prefix: string }> = [
  { title: "Messages", prefix: "message." },
  { title: "Conversations", prefix: "conversation." },
  { title: "Contacts", prefix: "contact." },
];

export interface WebhookFormProps {
  csrfToken: string;
  /** Absent: the create form. */
  subscriptionId?: string;
  values: SubscriptionFormValues;
  errors?: FieldErrors;
}

export const WebhookForm: FC<WebhookFormProps> = ({ csrfToken, subscriptionId, values, errors = {} }) => {
  const action = subscriptionId ? `${WEBHOOKS_PATH}/${subscriptionId}` : WEBHOOKS_PATH;
  const describe = (field: string, hint: string) => [hint, errors[field] ? `webhook-${field}-error` : ""].filter(Boolean).join(" ");
  const failed = Object.keys(errors).length > 0;
  return (
    <form id="webhook-form" class="wh-form" method="post" action={action} hx-post={action} hx-target="#webhook-form" hx-swap="outerHTML">
      <CsrfField token={csrfToken} />
      <FormAlert message={errors._form ?? (failed ? "Some fields need attention." : undefined)} />
      <div class="field">
        <label class="field__label" for="webhook-url">
          Endpoint URL
        </label>
        <input
          id="webhook-url"
          class="input input--mono"
          name="url"
          type="url"
          value={values.url}
          maxlength={URL_MAX}
          required
          placeholder="https://example.com/hooks/linedesk"
          autocomplete="off"
          spellcheck={false}
          autofocus={!subscriptionId || Boolean(errors.url)}
          aria-invalid={errors.url ? "true" : undefined}
          aria-describedby={describe("url", "webhook-url-hint")}
        />
        <p id="webhook-url-hint" class="field__hint">
          HTTPS only. linedesk POSTs JSON here, signed with a secret only you and linedesk know.
        </p>
        <FieldError id="webhook-url-error" message={errors.url} />
      </div>
      <div class="field">
        <label class="field__label" for="webhook-description">
          Description <span class="wh-optional">(optional)</span>
        </label>
        <input
          id="webhook-description"
          class="input"
          name="description"
          value={values.description}
          maxlength={DESCRIPTION_MAX}
          placeholder="CRM sync"
          aria-invalid={errors.description ? "true" : undefined}
          aria-describedby={errors.description ? "webhook-description-error" : undefined}
        />
        <FieldError id="webhook-description-error" message={errors.description} />
      </div>
      <fieldset class="field wh-events" aria-describedby={errors.events ? "webhook-events-error" : undefined}>
        <legend class="field__label">Events to send</legend>
        <FieldError id="webhook-events-error" message={errors.events} />
        <div class="wh-events__groups">
          {GROUPS.map((group) => (
            <div class="wh-events__group">
              <p class="wh-events__title">{group.title}</p>
              {SUBSCRIBABLE_EVENTS.filter((t) => t.startsWith(group.prefix)).map((type) => (
                <label class="wh-check">
                  <input type="checkbox" name="events" value={type} checked={values.events.includes(type)} />
                  <span class="wh-check__text">
                    <span class="wh-check__label">{EVENT_LABELS[type].label}</span>
                    <code class="wh-check__type">{type}</code>
                    <span class="wh-check__hint">{EVENT_LABELS[type].hint}</span>
                  </span>
                </label>
              ))}
            </div>
          ))}
        </div>
      </fieldset>
      <div class="wh-form__actions">
        <a class="btn btn--ghost" href={subscriptionId ? `${WEBHOOKS_PATH}/${subscriptionId}` : WEBHOOKS_PATH}>
          Cancel
        </a>
        <button type="submit" class="btn btn--primary">
          {subscriptionId ? (
            "Save changes"
          ) : (
            <>
              <IconPlus />
              Create webhook
            </>
          )}
        </button>
      </div>
    </form>
  );
};

export const WebhookFormPage: FC<WebhookFormProps & { viewer: Viewer }> = ({ viewer, ...form }) => (
  <SettingsShell
    viewer={viewer}
    active={WEBHOOKS_PATH}
    title={form.subscriptionId ? "Edit webhook" : "New webhook"}
    lead="Choose where linedesk sends events and which ones. Deliveries are retried with backoff when your endpoint is down."
  >
    <link rel="stylesheet" href="/webhooks.css" />
    <section class="card">
      <WebhookForm {...form} />
    </section>
  </SettingsShell>
);
