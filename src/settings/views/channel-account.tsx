// The channel page's account part: what LINE says about the Official Account
// (GET /v2/bot/info), the advice that follows, "Refresh from LINE", and the
// add-friend link with its QR code.
import type { FC } from "hono/jsx";
import { IconAlert } from "../../ui/icons";
import { addFriendUrl } from "../../line/account";
import { type Advice, channelAdvice } from "../channels-line";
import type { ChannelSummary } from "../channels-store";
import { IconDownload } from "../../ui/icons";
import { IconInfo, IconRefresh } from "./channel-icons";
import { ChannelPicture, CopyField, When } from "./channel-parts";
import { QrCode } from "./channel-qr";
import { CsrfField, FormAlert } from "./form-bits";
import { t } from "../../ui/i18n";
import { richText } from "./rich-text";

const AdviceList: FC<{ advice: Advice[] }> = ({ advice }) => (
  <ul class="advice-list">
    {advice.map((a) => (
      <li class={`advice advice--${a.level}`}>
        {a.level === "warning" ? <IconAlert /> : <IconInfo />}
        <div>
          <strong>{a.title}</strong>
          <p>{a.text}</p>
        </div>
      </li>
    ))}
  </ul>
);


/** Swapped whole (outerHTML) by "Refresh from LINE"; `error` shows LINE's refusal. */
export const ChannelAccountCard: FC<{ channel: ChannelSummary; csrfToken: string; error?: string; refreshed?: boolean }> = ({ channel, csrfToken, error, refreshed }) => {
  const action = `/settings/channels/${channel.id}/refresh`;
  return (
    <section id="channel-account" class="card" aria-labelledby="channel-account-title">
      <div class="card__head card__head--row">
        <h2 id="channel-account-title" class="card__title">
          {t("settings.channels.account.title")}
        </h2>
        <form method="post" action={action} hx-post={action} hx-target="#channel-account" hx-swap="outerHTML">
          <CsrfField token={csrfToken} />
          <button type="submit" class="btn btn--ghost btn--sm">
            <IconRefresh />
            {t("settings.channels.account.refresh")}
          </button>
        </form>
      </div>
      <FormAlert message={error} />
      {refreshed ? (
        <p class="channel-ok" role="status">
          {t("settings.channels.account.upToDate")}
        </p>
      ) : null}
      {channel.botInfoCheckedAt !== null ? (
        <div class="account">
          <div class="account__who">
            <ChannelPicture channel={channel} size="lg" />
            <div class="account__names">
              <strong class="account__name">{channel.botName}</strong>
              <span class="account__ids">
                {channel.basicId}
                {channel.premiumId ? ` · ${t("settings.channels.account.premium", { id: channel.premiumId })}` : ""}
              </span>
            </div>
          </div>
          <dl class="facts">
            <div>
              <dt>{t("settings.channels.account.chat")}</dt>
              <dd>{channel.chatMode ? t(`settings.channels.account.chatMode.${channel.chatMode}`) : "—"}</dd>
            </div>
            <div>
              <dt>{t("settings.channels.account.markAsRead")}</dt>
              <dd>{channel.markAsReadMode === "manual" ? t("settings.channels.account.readManual") : t("settings.channels.account.readAuto")}</dd>
            </div>
            <div>
              <dt>{t("settings.channels.account.botUserId")}</dt>
              <dd>
                <code>{channel.botUserId}</code>
              </dd>
            </div>
            <div>
              <dt>{t("settings.channels.account.checked")}</dt>
              <dd>
                <When at={channel.botInfoCheckedAt} />
              </dd>
            </div>
          </dl>
        </div>
      ) : null}
      <AdviceList advice={channelAdvice(channel)} />
    </section>
  );
};

/** The add-friend link (premium ID when the account has one, else the basic ID) and its QR code. */
export const ChannelFriendCard: FC<{ channel: ChannelSummary }> = ({ channel }) => {
  const id = channel.premiumId ?? channel.basicId;
  return (
    <section class="card channel-friend" aria-labelledby="channel-friend-title">
      <div class="card__head">
        <h2 id="channel-friend-title" class="card__title">
          {t("settings.channels.friend.title")}
        </h2>
        <p class="card__lead">{t("settings.channels.friend.lead")}</p>
      </div>
      {id ? (
        <div class="channel-friend__body">
          <div class="channel-friend__qr">
            <QrCode text={addFriendUrl(id)} label={t("settings.channels.friend.qrLabel", { name: channel.botName ?? channel.name, id })} />
          </div>
          <div class="channel-friend__text">
            <CopyField id="friend-link" label={t("settings.channels.friend.link")} value={addFriendUrl(id)} />
            <p class="field__hint">
              {channel.premiumId && channel.basicId
                ? richText("settings.channels.friend.opensBoth", { id: <strong>{id}</strong> }, { basicId: channel.basicId })
                : richText("settings.channels.friend.opens", { id: <strong>{id}</strong> })}
            </p>
            <a class="btn btn--ghost btn--sm" href={`/settings/channels/${channel.id}/qr.svg`} download={`line-add-friend-${id.replace(/[^A-Za-z0-9_-]/g, "")}.svg`}>
              <IconDownload />
              {t("settings.channels.friend.download")}
            </a>
          </div>
        </div>
      ) : (
        <p class="card__lead">{t("settings.channels.friend.unknown")}</p>
      )}
    </section>
  );
};
