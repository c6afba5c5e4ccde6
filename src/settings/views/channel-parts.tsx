// Small pieces the channel views share: dates, the account picture, status tags
// and the copy field (public/channels.js adds the Copy button's clipboard call).
import type { FC } from "hono/jsx";
import { Avatar } from "../../ui/avatar";
import type { ChannelSummary } from "../channels-store";
import { IconCopy } from "./channel-icons";

const dates = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const times = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });

/** "3 Nov 2026" (UTC: the same for every admin reading an audit trail). */
export function dateLabel(ts: number): string {
  return dates.format(ts);
}

/** "3 Nov 2026, 14:05 UTC". */
export function timeLabel(ts: number): string {
  return `${times.format(ts)} UTC`;
}

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
    {channel.disabledAt !== null ? <span class="tag tag--inactive">Disabled</span> : <span class="tag tag--on">Active</span>}
    {warnings > 0 ? <span class="tag tag--warn">{warnings === 1 ? "1 warning" : `${warnings} warnings`}</span> : null}
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
      <button type="button" class="btn btn--ghost btn--sm copy-field__btn" data-copy={`#${id}`} aria-label={`Copy ${label.toLowerCase()}`}>
        <IconCopy />
        <span class="copy-field__label">Copy</span>
      </button>
    </div>
  </div>
);
