// Small pieces the channel views share: dates, the account picture, status tags
// and the copy field (public/channels.js adds the Copy button's clipboard call).
import type { FC } from "hono/jsx";
import { Avatar } from "../../ui/avatar";
import { t, tn } from "../../ui/i18n";
import { fullLabel, TimeLabel } from "../../ui/time";
import type { ChannelSummary } from "../channels-store";
import { IconCopy } from "./channel-icons";

/** A date and time in the reader's language and time zone ("3 Nov 2026, 14:05"), with the exact instant in `datetime`. */
export const When: FC<{ at: number }> = ({ at }) => <TimeLabel at={at} label={fullLabel(at)} />;

/**
 * The account's LINE picture. LINE serves pictures over https; anything else (a
 * local fake LINE on another port) is blocked by our CSP, so initials stand in.
 */
export const ChannelPicture: FC<{ channel: Pick<ChannelSummary, "name" | "botName" | "botPictureUrl">; size?: "md" | "lg" }> = ({ channel, size = "md" }) => {
  const url = channel.botPictureUrl && channel.botPictureUrl.startsWith("https://") ? channel.botPictureUrl : null;
  return <Avatar name={channel.botName ?? channel.name} pictureUrl={url} size={size} />;
};

export const ChannelStatusTags: FC<{ channel: ChannelSummary; warnings: number }> = ({ channel, warnings }) => (
  <>
    {channel.disabledAt !== null ? <span class="tag tag--inactive">{t("settings.channels.disabled")}</span> : <span class="tag tag--on">{t("settings.channels.active")}</span>}
    {warnings > 0 ? <span class="tag tag--warn">{tn("settings.channels.warnings", warnings)}</span> : null}
  </>
);

/** A read-only value with a Copy button (selecting the field works without JavaScript). */
export const CopyField: FC<{ id: string; label: string; value: string; hideLabel?: boolean }> = ({ id, label, value, hideLabel }) => (
  <div class="copy-field">
    <label class={hideLabel ? "visually-hidden" : "field__label"} for={id}>
      {label}
    </label>
    <div class="copy-field__row">
      <input id={id} class="input input--mono copy-field__input" type="text" readonly value={value} spellcheck={false} />
      <button type="button" class="btn btn--ghost btn--sm copy-field__btn" data-copy={`#${id}`} aria-label={t("settings.channels.copyLabel", { label })}>
        <IconCopy />
        <span class="copy-field__label">{t("settings.channels.copy")}</span>
      </button>
    </div>
  </div>
);
