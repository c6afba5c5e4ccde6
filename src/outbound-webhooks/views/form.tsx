// The subscription form (create and edit): endpoint URL, a description, and the
// events to send, grouped by what they are about. Re-rendered with the errors
// and status 422 when something is wrong.
import type { FC } from "hono/jsx";
import type { FieldErrors } from "../../settings/forms";
import { CsrfField, FieldError, FormAlert } from "../../settings/views/form-bits";
import { SettingsShell } from "../../settings/views/shell";
import type { Viewer } from "../../settings/context";
import { eventLabel, SUBSCRIBABLE_EVENTS } from "../catalog";
import { DESCRIPTION_MAX, type SubscriptionFormValues, URL_MAX } from "../forms";
import { WEBHOOKS_PATH } from "../nav";
import { IconPlus } from "./icons";
import { t } from "../../ui/i18n";

const GROUPS = [
  { title: "settings.webhooks.group.messages", prefix: ["message.", "postback."] },
  { title: "settings.webhooks.group.conversations", prefix: ["conversation."] },
  { title: "settings.webhooks.group.contacts", prefix: ["contact."] },
  { title: "csat.webhooksGroup", prefix: ["csat."] },
] as const;

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
      <FormAlert message={errors._form ?? (failed ? t("settings.webhooks.form.attention") : undefined)} />
      <div class="field">
        <label class="field__label" for="webhook-url">
          {t("settings.webhooks.form.url")}
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
          {t("settings.webhooks.form.urlHint")}
        </p>
        <FieldError id="webhook-url-error" message={errors.url} />
      </div>
      <div class="field">
        <label class="field__label" for="webhook-description">
          {t("settings.webhooks.form.description")} <span class="wh-optional">{t("settings.webhooks.form.optional")}</span>
        </label>
        <input
          id="webhook-description"
          class="input"
          name="description"
          value={values.description}
          maxlength={DESCRIPTION_MAX}
          placeholder={t("settings.webhooks.form.descriptionPlaceholder")}
          aria-invalid={errors.description ? "true" : undefined}
          aria-describedby={errors.description ? "webhook-description-error" : undefined}
        />
        <FieldError id="webhook-description-error" message={errors.description} />
      </div>
      <fieldset class="field wh-events" aria-describedby={errors.events ? "webhook-events-error" : undefined}>
        <legend class="field__label">{t("settings.webhooks.form.events")}</legend>
        <FieldError id="webhook-events-error" message={errors.events} />
        <div class="wh-events__groups">
          {GROUPS.map((group) => (
            <div class="wh-events__group">
              <p class="wh-events__title">{t(group.title)}</p>
              {SUBSCRIBABLE_EVENTS.filter((t) => group.prefix.some((p) => t.startsWith(p))).map((type) => (
                <label class="wh-check">
                  <input type="checkbox" name="events" value={type} checked={values.events.includes(type)} />
                  <span class="wh-check__text">
                    <span class="wh-check__label">{eventLabel(type).label}</span>
                    <code class="wh-check__type">{type}</code>
                    <span class="wh-check__hint">{eventLabel(type).hint}</span>
                  </span>
                </label>
              ))}
            </div>
          ))}
        </div>
      </fieldset>
      <div class="wh-form__actions">
        <a class="btn btn--ghost" href={subscriptionId ? `${WEBHOOKS_PATH}/${subscriptionId}` : WEBHOOKS_PATH}>
          {t("common.cancel")}
        </a>
        <button type="submit" class="btn btn--primary">
          {subscriptionId ? (
            t("settings.saveChanges")
          ) : (
            <>
              <IconPlus />
              {t("settings.webhooks.form.create")}
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
    title={form.subscriptionId ? t("settings.webhooks.form.editTitle") : t("settings.webhooks.form.newTitle")}
    lead={t("settings.webhooks.form.lead")}
  >
    <link rel="stylesheet" href="/webhooks.css" />
    <section class="card">
      <WebhookForm {...form} />
    </section>
  </SettingsShell>
);
