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
import { dateLabel } from "./channel-parts";
import { ChannelWebhookCard, type WebhookStatusProps } from "./channel-webhook";
import { CsrfField, FieldError, FormAlert } from "./form-bits";
import { IconKey, IconPencil, IconPower, IconTrash } from "./icons";
import { SettingsShell } from "./shell";

export interface ChannelUsage {
  conversations: number;
  contacts: number;
}

const CredentialsCard: FC<{ channel: ChannelSummary }> = ({ channel }) => (
  <section class="card" aria-labelledby="channel-credentials-title">
    <div class="card__head card__head--row">
      <h2 id="channel-credentials-title" class="card__title">
        Credentials
      </h2>
      <a class="btn btn--ghost btn--sm" href={`${CHANNELS_PATH}/${channel.id}/edit`}>
        <IconPencil />
        Edit or rotate
      </a>
    </div>
    <dl class="facts">
      <div>
        <dt>LINE channel ID</dt>
        <dd>
          <code>{channel.lineChannelId}</code>
        </dd>
      </div>
      <div>
        <dt>Channel secret</dt>
        <dd class="secret-set">
          <IconKey /> set · last changed {dateLabel(channel.secretChangedAt)}
        </dd>
      </div>
      <div>
        <dt>Channel access token</dt>
        <dd class="secret-set">
          <IconKey /> set · last changed {dateLabel(channel.accessTokenChangedAt)}
        </dd>
      </div>
      <div>
        <dt>Added</dt>
        <dd>{dateLabel(channel.createdAt)}</dd>
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
          {disabled ? "Disabled" : "Disable or remove"}
        </h2>
        <p class="card__lead">
          {disabled
            ? `Disabled since ${dateLabel(channel.disabledAt ?? 0)}: webhooks from LINE are refused (403) and nothing is sent; its conversations stay readable.`
            : "Disabling stops the channel at once: webhooks from LINE are refused (403) and no message is sent. Its conversations stay readable, and you can enable it again."}
        </p>
      </div>
      <form method="post" action={`${base}/${disabled ? "enable" : "disable"}`} class="channel-danger__row">
        <CsrfField token={csrfToken} />
        <button type="submit" class={disabled ? "btn btn--primary btn--sm" : "btn btn--ghost btn--sm"}>
          <IconPower />
          {disabled ? "Enable the channel" : "Disable the channel"}
        </button>
      </form>
      <div class="channel-danger__remove">
        <h3 class="channel-danger__title">Remove</h3>
        {fromEnv ? (
          <p class="card__lead">
            This channel comes from the <code>LINE_CHANNEL_*</code> variables and would be created again on the next start. Delete those variables first
            (<code>wrangler secret delete LINE_CHANNEL_ID</code> …), or disable it here.
          </p>
        ) : used ? (
          <p class="card__lead">
            It has {usage.conversations} conversation{usage.conversations === 1 ? "" : "s"} and {usage.contacts} contact{usage.contacts === 1 ? "" : "s"}, so it cannot be
            removed: their history would lose its channel. Disable it instead.
          </p>
        ) : (
          <form method="post" action={`${base}/delete`} class="channel-danger__confirm">
            <CsrfField token={csrfToken} />
            <p class="card__lead">No conversation uses it yet. Its business hours and keyword rules are removed with it. Type its name to confirm.</p>
            <div class="field">
              <label class="field__label" for="confirm-name">
                Channel name
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
              Remove the channel
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
        <a href={CHANNELS_PATH}>Channels</a> · LINE channel {channel.lineChannelId}
        {channel.disabledAt !== null ? " · disabled" : ""}
      </>
    }
  >
    {channel.disabledAt !== null ? <FormAlert message="This channel is disabled: LINE's webhooks are refused and nothing is sent." /> : null}
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
  <SettingsShell viewer={viewer} active={CHANNELS_PATH} title={`Edit ${channel.name}`} lead="Rename the channel or rotate its credentials. Saving checks the access token with LINE again.">
    <section class="card" aria-labelledby="channel-edit-title">
      <div class="card__head">
        <h2 id="channel-edit-title" class="card__title">
          Channel details
        </h2>
      </div>
      <ChannelForm csrfToken={viewer.csrfToken} channel={channel} values={values} errors={errors} />
    </section>
  </SettingsShell>
);
