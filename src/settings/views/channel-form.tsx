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
import { dateLabel } from "./channel-parts";

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
        {p.changedAt !== undefined ? <span class="secret-state">set · last changed {dateLabel(p.changedAt)}</span> : null}
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
        placeholder={p.changedAt !== undefined ? "Leave empty to keep the stored value" : undefined}
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
            Name in linedesk
          </label>
          <input
            id="channel-name"
            class="input"
            name="name"
            value={values.name ?? channel?.name ?? ""}
            maxlength={CHANNEL_NAME_MAX}
            required
            placeholder="e.g. Thailand, or the brand name"
            aria-invalid={errors.name ? "true" : undefined}
            aria-describedby={errors.name ? "channel-name-hint channel-name-error" : "channel-name-hint"}
          />
          <p id="channel-name-hint" class="field__hint">
            Agents see it in the inbox's channel filter.
          </p>
          <FieldError id="channel-name-error" message={errors.name} />
        </div>
        {channel ? (
          <div class="field">
            <span class="field__label">LINE channel ID</span>
            <p class="channel-form__fixed">
              <code>{channel.lineChannelId}</code>
            </p>
            <p class="field__hint">Fixed: it is part of the webhook URL. To connect another channel, add it.</p>
          </div>
        ) : (
          <div class="field">
            <label class="field__label" for="channel-line-id">
              LINE channel ID
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
              LINE Developers Console → your Messaging API channel → Basic settings.
            </p>
            <FieldError id="channel-line-id-error" message={errors.lineChannelId} />
          </div>
        )}
      </div>
      <SecretField
        id="channel-secret"
        name="channelSecret"
        label="Channel secret"
        hint="Basic settings → Channel secret. linedesk checks every webhook's signature with it."
        changedAt={channel?.secretChangedAt}
        error={errors.channelSecret}
      />
      <SecretField
        id="channel-token"
        name="accessToken"
        label="Channel access token"
        hint="Messaging API tab → Channel access token (long-lived) → Issue. Checked with LINE when you save."
        changedAt={channel?.accessTokenChangedAt}
        error={errors.accessToken}
      />
      <p class="channel-form__note">Both are stored encrypted and never shown again. To rotate one, paste the new value here.</p>
      <div class="channel-form__actions">
        <a class="btn btn--ghost" href={channel ? `/settings/channels/${channel.id}` : "/settings/channels"}>
          Cancel
        </a>
        <button type="submit" class="btn btn--primary">
          {channel ? (
            "Check with LINE and save"
          ) : (
            <>
              <IconPlus />
              Check with LINE and add
            </>
          )}
        </button>
      </div>
    </form>
  );
};
