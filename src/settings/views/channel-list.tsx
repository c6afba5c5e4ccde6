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
            {channel.basicId ?? "not checked with LINE"} · ID {channel.lineChannelId}
          </span>
        </span>
      </a>
      <span class="channel-row__tags">
        <ChannelStatusTags channel={channel} warnings={warnings} />
      </span>
      <div class="channel-row__webhook">
        <CopyField id={`webhook-${channel.id}`} label={`Webhook URL of ${channel.name}`} value={webhookUrlFor(origin, channel.lineChannelId)} hideLabel />
      </div>
      <a class="btn btn--ghost btn--sm channel-row__open" href={href}>
        Manage
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
    title="Channels"
    lead="The LINE Official Accounts this workspace answers. Each one has its own webhook URL; add one per country or brand."
  >
    <section class="card" aria-labelledby="channels-title">
      <div class="card__head card__head--row">
        <h2 id="channels-title" class="card__title">
          LINE channels
        </h2>
        <a class="btn btn--primary btn--sm" href={`${CHANNELS_PATH}/new`}>
          <IconPlus />
          Add a channel
        </a>
      </div>
      {paged ? (
        <p class="card__paging">
          <a href={CHANNELS_PATH}>Back to the start of the list</a>
        </p>
      ) : null}
      <ul id="channel-list" class="row-list">
        {items.map((channel) => (
          <ChannelRow channel={channel} origin={origin} />
        ))}
        {nextCursor ? (
          <li class="load-more">
            <a class="btn btn--ghost btn--sm" href={`${CHANNELS_PATH}?cursor=${encodeURIComponent(nextCursor)}`}>
              Show more channels
            </a>
          </li>
        ) : null}
      </ul>
      <div class="empty-state empty-state--inline">
        <span class="empty-state__icon">
          <IconChannel />
        </span>
        <strong>No LINE channel yet</strong>
        <span>Add your Messaging API channel to start receiving customers' messages.</span>
      </div>
    </section>
    <script src="/channels.js" defer></script>
  </SettingsShell>
);

export const ChannelNewPage: FC<{ viewer: Viewer } & Omit<ChannelFormProps, "csrfToken" | "channel">> = ({ viewer, values, errors }) => (
  <SettingsShell viewer={viewer} active={CHANNELS_PATH} title="Add a LINE channel" lead="Connect a Messaging API channel. linedesk checks the access token with LINE before it saves anything.">
    <section class="card" aria-labelledby="channel-new-title">
      <div class="card__head">
        <h2 id="channel-new-title" class="card__title">
          Channel details
        </h2>
        <p class="card__lead">
          From the <a href="https://developers.line.biz/console/" rel="noopener noreferrer" target="_blank">LINE Developers Console</a>. Don't have a channel yet? Create a LINE Official Account, then enable the Messaging API for it.
        </p>
      </div>
      <ChannelForm csrfToken={viewer.csrfToken} values={values} errors={errors} />
    </section>
  </SettingsShell>
);
