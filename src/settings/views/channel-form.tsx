// The add and edit forms of Settings → Channels. Secret fields are write-only: they
// are never filled in (not even after a failed save), and on edit an empty field
// keeps what is stored ("set · last changed …").
import type { FC } from "hono/jsx";
import type { ChannelFormValues } from "../channels-forms";
import { CHANNEL_NAME_MAX } from "../channels-forms";
import type { ChannelSummary } from "../channels-store";
import type { FieldErrors } from "../forms";
import { CsrfField, FieldError, FormAlert } from "./form-bits";
import { IconPlus } from "./icons";
import { When } from "./channel-parts";
import { t } from "../../ui/i18n";
import { richText } from "./rich-text";

export interface ChannelFormProps {
  csrfToken: string;
  /** Absent: the add form. */
  channel?: ChannelSummary;
  values?: Partial<ChannelFormValues>;
  errors?: FieldErrors;
}

const SecretField: FC<{ id: string; name: string; label: string; hint: string; changedAt?: number; error?: string; multiline?: boolean }> = (p) => {
  const describedBy = [`${p.id}-hint`, p.error ? `${p.id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class="field">
      <label class="field__label" for={p.id}>
        {p.label}
        {p.changedAt !== undefined ? <span class="secret-state">{richText("settings.channels.secretSet", { when: <When at={p.changedAt} /> })}</span> : null}
      </label>
      <input
        id={p.id}
        class="input input--mono"
        type="password"
        name={p.name}
        value=""
        autocomplete="off"
        spellcheck={false}
        required={p.changedAt === undefined}
        placeholder={p.changedAt !== undefined ? t("settings.channels.form.keepStored") : undefined}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={describedBy}
      />
      <p id={`${p.id}-hint`} class="field__hint">
        {p.hint}
      </p>
      <FieldError id={`${p.id}-error`} message={p.error} />
    </div>
  );
};

export const ChannelForm: FC<ChannelFormProps> = ({ csrfToken, channel, values = {}, errors = {} }) => {
  const action = channel ? `/settings/channels/${channel.id}` : "/settings/channels";
  return (
    <form id="channel-form" class="channel-form" method="post" action={action} hx-post={action} hx-target="#channel-form" hx-swap="outerHTML">
      <CsrfField token={csrfToken} />
      <FormAlert message={errors._form} />
      <div class="channel-form__grid">
        <div class="field">
          <label class="field__label" for="channel-name">
            {t("settings.channels.form.name")}
          </label>
          <input
            id="channel-name"
            class="input"
            name="name"
            value={values.name ?? channel?.name ?? ""}
            maxlength={CHANNEL_NAME_MAX}
            required
            placeholder={t("settings.channels.form.namePlaceholder")}
            aria-invalid={errors.name ? "true" : undefined}
            aria-describedby={errors.name ? "channel-name-hint channel-name-error" : "channel-name-hint"}
          />
          <p id="channel-name-hint" class="field__hint">
            {t("settings.channels.form.nameHint")}
          </p>
          <FieldError id="channel-name-error" message={errors.name} />
        </div>
        {channel ? (
          <div class="field">
            <span class="field__label">{t("settings.channels.form.lineId")}</span>
            <p class="channel-form__fixed">
              <code>{channel.lineChannelId}</code>
            </p>
            <p class="field__hint">{t("settings.channels.form.lineIdFixed")}</p>
          </div>
        ) : (
          <div class="field">
            <label class="field__label" for="channel-line-id">
              {t("settings.channels.form.lineId")}
            </label>
            <input
              id="channel-line-id"
              class="input input--mono"
              name="lineChannelId"
              value={values.lineChannelId ?? ""}
              inputmode="numeric"
              required
              autocomplete="off"
              placeholder="1234567890"
              aria-invalid={errors.lineChannelId ? "true" : undefined}
              aria-describedby={errors.lineChannelId ? "channel-line-id-hint channel-line-id-error" : "channel-line-id-hint"}
            />
            <p id="channel-line-id-hint" class="field__hint">
              {t("settings.channels.form.lineIdHint")}
            </p>
            <FieldError id="channel-line-id-error" message={errors.lineChannelId} />
          </div>
        )}
      </div>
      <SecretField
        id="channel-secret"
        name="channelSecret"
        label={t("settings.channels.form.secret")}
        hint={t("settings.channels.form.secretHint")}
        changedAt={channel?.secretChangedAt}
        error={errors.channelSecret}
      />
      <SecretField
        id="channel-token"
        name="accessToken"
        label={t("settings.channels.form.token")}
        hint={t("settings.channels.form.tokenHint")}
        changedAt={channel?.accessTokenChangedAt}
        error={errors.accessToken}
      />
      <p class="channel-form__note">{t("settings.channels.form.stored")}</p>
      <div class="channel-form__actions">
        <a class="btn btn--ghost" href={channel ? `/settings/channels/${channel.id}` : "/settings/channels"}>
          {t("common.cancel")}
        </a>
        <button type="submit" class="btn btn--primary">
          {channel ? (
            t("settings.channels.form.save")
          ) : (
            <>
              <IconPlus />
              {t("settings.channels.form.add")}
            </>
          )}
        </button>
      </div>
    </form>
  );
};
