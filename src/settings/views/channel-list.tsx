// Settings → Channels: every LINE Official Account of the workspace with its
// status and webhook URL (keyset-paged), and the page that adds one.
import type { FC } from "hono/jsx";
import type { Viewer } from "../context";
import { channelAdvice, webhookUrlFor } from "../channels-line";
import type { ChannelSummary } from "../channels-store";
import { ChannelForm, type ChannelFormProps } from "./channel-form";
import { IconChannel } from "./channel-icons";
import { ChannelPicture, ChannelStatusTags, CopyField } from "./channel-parts";
import { IconPlus } from "./icons";
import { SettingsShell } from "./shell";
import { t } from "../../ui/i18n";
import { richText } from "./rich-text";

export const CHANNELS_PATH = "/settings/channels";

const ChannelRow: FC<{ channel: ChannelSummary; origin: string }> = ({ channel, origin }) => {
  const warnings = channelAdvice(channel).filter((a) => a.level === "warning").length;
  const href = `${CHANNELS_PATH}/${channel.id}`;
  return (
    <li id={`channel-${channel.id}`} class={`channel-row${channel.disabledAt !== null ? " channel-row--disabled" : ""}`}>
      <a class="channel-row__who" href={href}>
        <ChannelPicture channel={channel} />
        <span class="channel-row__text">
          <span class="channel-row__name">{channel.name}</span>
          <span class="channel-row__meta">
            {channel.botName ? `${channel.botName} · ` : ""}
            {channel.basicId ?? t("settings.channels.notChecked")} · {t("settings.channels.idLabel", { id: channel.lineChannelId })}
          </span>
        </span>
      </a>
      <span class="channel-row__tags">
        <ChannelStatusTags channel={channel} warnings={warnings} />
      </span>
      <div class="channel-row__webhook">
        <CopyField id={`webhook-${channel.id}`} label={t("settings.channels.webhookOf", { name: channel.name })} value={webhookUrlFor(origin, channel.lineChannelId)} hideLabel />
      </div>
      <a class="btn btn--ghost btn--sm channel-row__open" href={href}>
        {t("settings.channels.manage")}
      </a>
    </li>
  );
};

export interface ChannelListPageProps {
  viewer: Viewer;
  items: ChannelSummary[];
  nextCursor: string | null;
  paged: boolean;
  origin: string;
}

export const ChannelListPage: FC<ChannelListPageProps> = ({ viewer, items, nextCursor, paged, origin }) => (
  <SettingsShell
    viewer={viewer}
    active={CHANNELS_PATH}
    title={t("settings.channels.title")}
    lead={t("settings.channels.lead")}
  >
    <section class="card" aria-labelledby="channels-title">
      <div class="card__head card__head--row">
        <h2 id="channels-title" class="card__title">
          {t("settings.channels.listTitle")}
        </h2>
        <a class="btn btn--primary btn--sm" href={`${CHANNELS_PATH}/new`}>
          <IconPlus />
          {t("settings.channels.addButton")}
        </a>
      </div>
      {paged ? (
        <p class="card__paging">
          <a href={CHANNELS_PATH}>{t("settings.backToStart")}</a>
        </p>
      ) : null}
      <ul id="channel-list" class="row-list">
        {items.map((channel) => (
          <ChannelRow channel={channel} origin={origin} />
        ))}
        {nextCursor ? (
          <li class="load-more">
            <a class="btn btn--ghost btn--sm" href={`${CHANNELS_PATH}?cursor=${encodeURIComponent(nextCursor)}`}>
              {t("settings.channels.more")}
            </a>
          </li>
        ) : null}
      </ul>
      <div class="empty-state empty-state--inline">
        <span class="empty-state__icon">
          <IconChannel />
        </span>
        <strong>{t("settings.channels.empty")}</strong>
        <span>{t("settings.channels.emptyHint")}</span>
      </div>
    </section>
    <script src="/channels.js" defer></script>
  </SettingsShell>
);

export const ChannelNewPage: FC<{ viewer: Viewer } & Omit<ChannelFormProps, "csrfToken" | "channel">> = ({ viewer, values, errors }) => (
  <SettingsShell viewer={viewer} active={CHANNELS_PATH} title={t("settings.channels.addTitle")} lead={t("settings.channels.addLead")}>
    <section class="card" aria-labelledby="channel-new-title">
      <div class="card__head">
        <h2 id="channel-new-title" class="card__title">
          {t("settings.channels.details")}
        </h2>
        <p class="card__lead">
          {richText("settings.channels.detailsLead", {
            console: (
              <a href="https://developers.line.biz/console/" rel="noopener noreferrer" target="_blank">
                LINE Developers Console
              </a>
            ),
          })}
        </p>
      </div>
      <ChannelForm csrfToken={viewer.csrfToken} values={values} errors={errors} />
    </section>
  </SettingsShell>
);
