// What the customer will see, drawn like LINE: the customer's message (or a
// follow) on the right, the account's bubbles on the left (text, sticker,
// image, video, audio, location, a sketch of a flex bubble, a coupon ticket)
// and the quick-reply chips under the last one. hono/jsx escapes all text.
import type { FC } from "hono/jsx";
import type { QuickReplyButton } from "../../conversations/model";
import type { StickerUrl } from "../../line/stickers";
import { t } from "../../ui/i18n";
import { IconPin } from "../../ui/icons";
import { IconPlay, IconTicket } from "./icons";
import type { ReplyMessage } from "../replies";

export interface LinePreviewProps {
  channelName: string;
  /** The customer's side: a text bubble, or a line like "Yuki added you as a friend". */
  trigger?: { kind: "text" | "event"; text: string };
  messages: ReplyMessage[];
  quickReplies?: QuickReplyButton[];
  stickerUrl: StickerUrl;
  /** Shown instead of bubbles when there is nothing valid to preview. */
  empty?: string;
}

/** Texts and image URLs found in flex JSON, for a sketch of the bubble. */
function flexSketch(node: unknown, out: { texts: string[]; images: string[]; buttons: string[] } = { texts: [], images: [], buttons: [] }) {
  if (Array.isArray(node)) for (const n of node) flexSketch(n, out);
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (o.type === "text" && typeof o.text === "string") out.texts.push(o.text);
    if (o.type === "image" && typeof o.url === "string" && /^https:\/\//.test(o.url)) out.images.push(o.url);
    if (o.type === "button" && o.action && typeof (o.action as Record<string, unknown>).label === "string") out.buttons.push(String((o.action as Record<string, unknown>).label));
    for (const [k, v] of Object.entries(o)) if (k !== "action" && typeof v === "object") flexSketch(v, out);
  }
  return out;
}

const Bubble: FC<{ m: ReplyMessage; stickerUrl: StickerUrl }> = ({ m, stickerUrl }) => {
  switch (m.type) {
    case "text":
      return <div class="lp-bubble">{m.text}</div>;
    case "sticker":
      return <img class="lp-sticker" src={stickerUrl(m.packageId, m.stickerId)} alt={t("automation.preview.sticker", { id: m.stickerId })} width="96" height="96" loading="lazy" />;
    case "image":
      return <img class="lp-photo" src={m.previewUrl} alt={t("automation.preview.image")} loading="lazy" />;
    case "video":
      return (
        <span class="lp-video">
          <img class="lp-photo" src={m.previewUrl} alt={t("automation.preview.video")} loading="lazy" />
          <span class="lp-play" aria-hidden="true">
            <IconPlay />
          </span>
        </span>
      );
    case "audio": {
      const s = Math.round(m.durationMs / 1000);
      const length = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
      return (
        <div class="lp-bubble lp-audio" title={t("automation.preview.audio", { length })}>
          <IconPlay />
          <span>{length}</span>
        </div>
      );
    }
    case "location":
      return (
        <div class="lp-card lp-location">
          <span class="lp-map" aria-hidden="true">
            <IconPin />
          </span>
          <strong>{m.title}</strong>
          <span>{m.address}</span>
        </div>
      );
    case "flex": {
      const sketch = flexSketch(m.contents);
      return (
        <div class="lp-card lp-flex" title={t("automation.preview.flex", { alt: m.altText })}>
          {sketch.images[0] ? <img class="lp-flex__hero" src={sketch.images[0]} alt="" loading="lazy" /> : null}
          <div class="lp-flex__body">
            {sketch.texts.length ? sketch.texts.slice(0, 6).map((t) => <p>{t}</p>) : <p class="lp-muted">{m.altText}</p>}
          </div>
          {sketch.buttons.slice(0, 3).map((b) => (
            <span class="lp-flex__button">{b}</span>
          ))}
          <span class="lp-flex__alt">{t("automation.preview.flexAlt", { alt: m.altText })}</span>
        </div>
      );
    }
    case "coupon":
      return (
        <div class="lp-card lp-coupon">
          <span class="lp-coupon__icon" aria-hidden="true">
            <IconTicket />
          </span>
          <strong>{t("automation.preview.coupon")}</strong>
          <code>{m.couponId}</code>
        </div>
      );
  }
};

export const LinePreview: FC<LinePreviewProps> = ({ channelName, trigger, messages, quickReplies = [], stickerUrl, empty }) => (
  <div class="lp" role="img" aria-label={t("automation.preview.label")}>
    {trigger?.kind === "text" ? (
      <div class="lp-row lp-row--me">
        <div class="lp-bubble lp-bubble--me">{trigger.text}</div>
      </div>
    ) : trigger ? (
      <div class="lp-row lp-row--event">
        <span class="lp-pill">{trigger.text}</span>
      </div>
    ) : null}
    {messages.length ? (
      <div class="lp-row lp-row--them">
        <span class="lp-avatar" aria-hidden="true">
          {[...channelName][0] ?? "L"}
        </span>
        <div class="lp-stack">
          <span class="lp-name">{channelName}</span>
          {messages.map((m) => (
            <Bubble m={m} stickerUrl={stickerUrl} />
          ))}
        </div>
      </div>
    ) : (
      <p class="lp-empty">{empty ?? t("automation.preview.nothing")}</p>
    )}
    {quickReplies.length && messages.length ? (
      <div class="lp-quick">
        {quickReplies.map((b) => (
          <span class="lp-chip" title={b.text === b.label ? undefined : t("automation.preview.sends", { text: b.text })}>
            {b.label}
          </span>
        ))}
      </div>
    ) : null}
  </div>
);
