// One channel's page (/settings/channels/:id): the LINE account and its advice, the
// webhook, the add-friend QR code, the write-only credentials, and disable / remove.
// Also the edit page. Secrets are never on these pages, only when they last changed.
import type { FC } from "hono/jsx";
import type { Viewer } from "../context";
import type { ChannelSummary } from "../channels-store";
import type { FieldErrors } from "../forms";
import { ChannelAccountCard, ChannelFriendCard } from "./channel-account";
import { ChannelForm } from "./channel-form";
import { CHANNELS_PATH } from "./channel-list";
import { When } from "./channel-parts";
import { ChannelWebhookCard, type WebhookStatusProps } from "./channel-webhook";
import { CsrfField, FieldError, FormAlert } from "./form-bits";
import { IconKey, IconPencil, IconPower, IconTrash } from "./icons";
import { SettingsShell } from "./shell";
import { t, tn } from "../../ui/i18n";
import { richText } from "./rich-text";

export interface ChannelUsage {
  conversations: number;
  contacts: number;
}

const CredentialsCard: FC<{ channel: ChannelSummary }> = ({ channel }) => (
  <section class="card" aria-labelledby="channel-credentials-title">
    <div class="card__head card__head--row">
      <h2 id="channel-credentials-title" class="card__title">
        {t("settings.channels.credentials.title")}
      </h2>
      <a class="btn btn--ghost btn--sm" href={`${CHANNELS_PATH}/${channel.id}/edit`}>
        <IconPencil />
        {t("settings.channels.credentials.edit")}
      </a>
    </div>
    <dl class="facts">
      <div>
        <dt>{t("settings.channels.form.lineId")}</dt>
        <dd>
          <code>{channel.lineChannelId}</code>
        </dd>
      </div>
      <div>
        <dt>{t("settings.channels.form.secret")}</dt>
        <dd class="secret-set">
          <IconKey /> {richText("settings.channels.secretSet", { when: <When at={channel.secretChangedAt} /> })}
        </dd>
      </div>
      <div>
        <dt>{t("settings.channels.form.token")}</dt>
        <dd class="secret-set">
          <IconKey /> {richText("settings.channels.secretSet", { when: <When at={channel.accessTokenChangedAt} /> })}
        </dd>
      </div>
      <div>
        <dt>{t("settings.channels.credentials.added")}</dt>
        <dd>
          <When at={channel.createdAt} />
        </dd>
      </div>
    </dl>
  </section>
);

export interface DangerProps {
  channel: ChannelSummary;
  csrfToken: string;
  usage: ChannelUsage;
  /** Comes from LINE_CHANNEL_* (bootstrap would re-create it after a removal). */
  fromEnv: boolean;
  confirmError?: string;
}

const DangerCard: FC<DangerProps> = ({ channel, csrfToken, usage, fromEnv, confirmError }) => {
  const disabled = channel.disabledAt !== null;
  const base = `${CHANNELS_PATH}/${channel.id}`;
  const used = usage.conversations > 0 || usage.contacts > 0;
  return (
    <section id="channel-danger" class="card channel-danger" aria-labelledby="channel-danger-title">
      <div class="card__head">
        <h2 id="channel-danger-title" class="card__title">
          {disabled ? t("settings.channels.danger.disabledTitle") : t("settings.channels.danger.title")}
        </h2>
        <p class="card__lead">
          {disabled
            ? richText("settings.channels.danger.disabledSince", { when: <When at={channel.disabledAt ?? 0} /> })
            : t("settings.channels.danger.lead")}
        </p>
      </div>
      <form method="post" action={`${base}/${disabled ? "enable" : "disable"}`} class="channel-danger__row">
        <CsrfField token={csrfToken} />
        <button type="submit" class={disabled ? "btn btn--primary btn--sm" : "btn btn--ghost btn--sm"}>
          <IconPower />
          {disabled ? t("settings.channels.danger.enable") : t("settings.channels.danger.disable")}
        </button>
      </form>
      <div class="channel-danger__remove">
        <h3 class="channel-danger__title">{t("settings.channels.danger.remove")}</h3>
        {fromEnv ? (
          <p class="card__lead">
            {richText("settings.channels.danger.fromEnv", { variables: <code>LINE_CHANNEL_*</code>, command: <code>wrangler secret delete LINE_CHANNEL_ID</code> })}
          </p>
        ) : used ? (
          <p class="card__lead">
            {t("settings.channels.danger.used", {
              conversations: tn("settings.channels.danger.conversations", usage.conversations),
              contacts: tn("settings.channels.danger.contacts", usage.contacts),
            })}
          </p>
        ) : (
          <form method="post" action={`${base}/delete`} class="channel-danger__confirm">
            <CsrfField token={csrfToken} />
            <p class="card__lead">{t("settings.channels.danger.unused")}</p>
            <div class="field">
              <label class="field__label" for="confirm-name">
                {t("settings.channels.danger.confirmName")}
              </label>
              <input
                id="confirm-name"
                class="input"
                name="confirmName"
                autocomplete="off"
                placeholder={channel.name}
                aria-invalid={confirmError ? "true" : undefined}
                aria-describedby={confirmError ? "confirm-name-error" : undefined}
              />
              <FieldError id="confirm-name-error" message={confirmError} />
            </div>
            <button type="submit" class="btn btn--danger-ghost btn--sm">
              <IconTrash />
              {t("settings.channels.danger.removeButton")}
            </button>
          </form>
        )}
      </div>
    </section>
  );
};

export interface ChannelPageProps {
  viewer: Viewer;
  channel: ChannelSummary;
  webhook: WebhookStatusProps;
  danger: Omit<DangerProps, "channel" | "csrfToken">;
  accountError?: string;
}

export const ChannelPage: FC<ChannelPageProps> = ({ viewer, channel, webhook, danger, accountError }) => (
  <SettingsShell
    viewer={viewer}
    active={CHANNELS_PATH}
    title={channel.name}
    lead={
      <>
        <a href={CHANNELS_PATH}>{t("settings.channels.title")}</a> · {t("settings.channels.lineChannel", { id: channel.lineChannelId })}
        {channel.disabledAt !== null ? ` · ${t("settings.channels.disabledLower")}` : ""}
      </>
    }
  >
    {channel.disabledAt !== null ? <FormAlert message={t("settings.channels.disabledAlert")} /> : null}
    <div class="channel-grid">
      <ChannelAccountCard channel={channel} csrfToken={viewer.csrfToken} error={accountError} />
      <ChannelFriendCard channel={channel} />
    </div>
    <ChannelWebhookCard channel={channel} csrfToken={viewer.csrfToken} status={webhook} />
    <CredentialsCard channel={channel} />
    <DangerCard channel={channel} csrfToken={viewer.csrfToken} {...danger} />
    <script src="/channels.js" defer></script>
  </SettingsShell>
);

export const ChannelEditPage: FC<{ viewer: Viewer; channel: ChannelSummary; values?: { name: string }; errors?: FieldErrors }> = ({ viewer, channel, values, errors }) => (
  <SettingsShell viewer={viewer} active={CHANNELS_PATH} title={t("settings.channels.editTitle", { name: channel.name })} lead={t("settings.channels.editLead")}>
    <section class="card" aria-labelledby="channel-edit-title">
      <div class="card__head">
        <h2 id="channel-edit-title" class="card__title">
          {t("settings.channels.details")}
        </h2>
      </div>
      <ChannelForm csrfToken={viewer.csrfToken} channel={channel} values={values} errors={errors} />
    </section>
  </SettingsShell>
);
