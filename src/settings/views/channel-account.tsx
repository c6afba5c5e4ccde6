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
import { ChannelPicture, CopyField, timeLabel } from "./channel-parts";
import { QrCode } from "./channel-qr";
import { CsrfField, FormAlert } from "./form-bits";

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

const MODE_TEXT = {
  chat: "On — read manually (what linedesk needs)",
  bot: "Off — LINE marks messages read at once",
};

/** Swapped whole (outerHTML) by "Refresh from LINE"; `error` shows LINE's refusal. */
export const ChannelAccountCard: FC<{ channel: ChannelSummary; csrfToken: string; error?: string; refreshed?: boolean }> = ({ channel, csrfToken, error, refreshed }) => {
  const action = `/settings/channels/${channel.id}/refresh`;
  return (
    <section id="channel-account" class="card" aria-labelledby="channel-account-title">
      <div class="card__head card__head--row">
        <h2 id="channel-account-title" class="card__title">
          LINE account
        </h2>
        <form method="post" action={action} hx-post={action} hx-target="#channel-account" hx-swap="outerHTML">
          <CsrfField token={csrfToken} />
          <button type="submit" class="btn btn--ghost btn--sm">
            <IconRefresh />
            Refresh from LINE
          </button>
        </form>
      </div>
      <FormAlert message={error} />
      {refreshed ? (
        <p class="channel-ok" role="status">
          Up to date with LINE.
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
                {channel.premiumId ? ` · premium ${channel.premiumId}` : ""}
              </span>
            </div>
          </div>
          <dl class="facts">
            <div>
              <dt>Chat (Official Account Manager)</dt>
              <dd>{channel.chatMode ? MODE_TEXT[channel.chatMode] : "—"}</dd>
            </div>
            <div>
              <dt>Mark as read</dt>
              <dd>{channel.markAsReadMode === "manual" ? "Manual: when an agent opens the conversation" : "Automatic"}</dd>
            </div>
            <div>
              <dt>Bot user ID</dt>
              <dd>
                <code>{channel.botUserId}</code>
              </dd>
            </div>
            <div>
              <dt>Checked with LINE</dt>
              <dd>{timeLabel(channel.botInfoCheckedAt)}</dd>
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
          Add-friend link and QR code
        </h2>
        <p class="card__lead">Share them on your site, receipts or shop counter: customers who open them in LINE add the account.</p>
      </div>
      {id ? (
        <div class="channel-friend__body">
          <div class="channel-friend__qr">
            <QrCode text={addFriendUrl(id)} label={`QR code to add ${channel.botName ?? channel.name} (${id}) as a friend on LINE`} />
          </div>
          <div class="channel-friend__text">
            <CopyField id="friend-link" label="Add-friend link" value={addFriendUrl(id)} />
            <p class="field__hint">
              Opens <strong>{id}</strong> in LINE{channel.premiumId && channel.basicId ? ` (basic ID ${channel.basicId} works too)` : ""}.
            </p>
            <a class="btn btn--ghost btn--sm" href={`/settings/channels/${channel.id}/qr.svg`} download={`line-add-friend-${id.replace(/[^A-Za-z0-9_-]/g, "")}.svg`}>
              <IconDownload />
              Download QR code (SVG)
            </a>
          </div>
        </div>
      ) : (
        <p class="card__lead">Refresh from LINE to learn the account's ID; the link and QR code appear here.</p>
      )}
    </section>
  );
};
