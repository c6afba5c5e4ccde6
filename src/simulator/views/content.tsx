// What goes inside a chat bubble on the simulator phone: every inbound message type the
// customer can send, and every outbound type the app may send (text with LINE emoji,
// stickers, media, location, templates, flex). hono/jsx escapes all text.
import type { webhook } from "@line/bot-sdk";
import type { Child, FC } from "hono/jsx";
import { t } from "../../ui/i18n";
import type { OutboundMessage, QuickReplyAction } from "../message-schema";
import { simulatorEmojiUrl, simulatorStickerUrl } from "../stickers";
import type { ActionTarget } from "./actions";
import { ActionButton } from "./actions";
import { FlexView } from "./flex";
import { IconFileDoc, IconTicket } from "./parts";

const TYPE_LABELS: Record<string, () => string> = {
  sticker: () => t("simulator.content.sticker"),
  image: () => t("simulator.content.photo"),
  video: () => t("simulator.content.video"),
  audio: () => t("simulator.content.audio"),
  file: () => t("simulator.content.file"),
  location: () => t("simulator.content.location"),
  flex: () => t("simulator.content.flex"),
  imagemap: () => t("simulator.content.imagemap"),
  coupon: () => t("simulator.content.coupon"),
};

/** A message type (or event kind) as a person names it, e.g. in a quote: "Photo". Unknown ones stay as LINE names them. */
export function typeLabel(type: string): string {
  return TYPE_LABELS[type]?.() ?? type;
}

/** Text with LINE emoji ranges (`index`/`length`) replaced by their images. */
function withEmojis(text: string, emojis: ReadonlyArray<{ index: number; length: number; productId: string; emojiId: string }>): Child[] {
  const parts: Child[] = [];
  let at = 0;
  for (const e of [...emojis].sort((a, b) => a.index - b.index)) {
    if (e.index < at || e.index >= text.length) continue;
    parts.push(text.slice(at, e.index));
    parts.push(<img class="line-emoji" src={simulatorEmojiUrl(e.productId, e.emojiId)} alt={text.slice(e.index, e.index + e.length)} />);
    at = e.index + e.length;
  }
  parts.push(text.slice(at));
  return parts;
}

export const LocationCard: FC<{ title?: string; address?: string; latitude: number; longitude: number }> = (p) => (
  <a
    class="location-card"
    href={`https://www.openstreetmap.org/?mlat=${p.latitude}&mlon=${p.longitude}#map=16/${p.latitude}/${p.longitude}`}
    target="_blank"
    rel="noopener noreferrer"
  >
    <span class="map-tile" aria-hidden="true"><span class="map-pin" /></span>
    <span class="location-text">
      <strong>{p.title ?? t("simulator.content.location")}</strong>
      <span>{p.address ?? `${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)}`}</span>
    </span>
  </a>
);

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A customer's message; media is served by the simulator at /simulator/media/:id. */
export const InboundContent: FC<{ message: webhook.MessageContent }> = ({ message }) => {
  const media = `/simulator/media/${encodeURIComponent(message.id)}`;
  switch (message.type) {
    case "text":
      return <div class="bubble">{withEmojis(message.text, message.emojis ?? [])}</div>;
    case "sticker":
      return <img class="sticker" src={simulatorStickerUrl(message.packageId, message.stickerId)} alt={t("simulator.content.sticker")} />;
    case "image":
      return <a href={media} target="_blank" rel="noopener"><img class="photo" src={media} alt={t("simulator.content.photo")} /></a>;
    case "video":
      return <video class="photo" src={media} controls preload="metadata" />;
    case "audio":
      return <div class="bubble"><audio src={media} controls preload="metadata" /></div>;
    case "file":
      return (
        <a class="bubble file-card" href={media} download={message.fileName}>
          <span class="file-icon" aria-hidden="true"><IconFileDoc /></span>
          <span><strong>{message.fileName}</strong><small>{fileSize(message.fileSize)}</small></span>
        </a>
      );
    case "location":
      return <LocationCard title={message.title} address={message.address} latitude={message.latitude} longitude={message.longitude} />;
  }
};

function isAction(value: unknown): value is QuickReplyAction {
  return typeof value === "object" && value !== null && "type" in value && typeof value.type === "string";
}

function field(obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key];
  return typeof v === "string" ? v : undefined;
}

function records(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null) : [];
}

/** Buttons, confirm and carousel templates drawn roughly like LINE does, with working actions. */
const TemplateCard: FC<{ template: Record<string, unknown>; target: ActionTarget }> = ({ template, target }) => {
  const columns = template.type === "carousel" || template.type === "image_carousel" ? records(template.columns) : [template];
  return (
    <div class={columns.length > 1 ? "tpl-carousel" : ""}>
      {columns.map((col) => {
        const image = field(col, "thumbnailImageUrl") ?? field(col, "imageUrl");
        const actions = records(col.actions).filter(isAction);
        const single = isAction(col.action) ? [col.action] : [];
        return (
          <div class={`tpl-card ${template.type === "confirm" ? "tpl-confirm" : ""}`}>
            {image ? <img class="tpl-image" src={image} alt="" /> : null}
            <div class="tpl-body">
              {field(col, "title") ? <strong>{field(col, "title")}</strong> : null}
              {field(col, "text") ? <p>{field(col, "text")}</p> : null}
            </div>
            <div class="tpl-actions">
              {[...actions, ...single].map((a) => <ActionButton action={a} target={target} variant="block" />)}
            </div>
          </div>
        );
      })}
    </div>
  );
};

/** A message the business sent, as the customer sees it. */
export const OutboundContent: FC<{ message: OutboundMessage; target: ActionTarget }> = ({ message, target }) => {
  switch (message.type) {
    case "text":
      return <div class="bubble">{withEmojis(message.text, (message.emojis ?? []).map((e) => ({ ...e, length: 1 })))}</div>;
    case "textV2":
      return <div class="bubble">{message.text.replace(/\{(\w+)\}/g, (_, key: string) => (message.substitution?.[key]?.type === "mention" ? "@mention" : "☺"))}</div>;
    case "sticker":
      return <img class="sticker" src={simulatorStickerUrl(message.packageId, message.stickerId)} alt={t("simulator.content.sticker")} />;
    case "image":
      return <a href={message.originalContentUrl} target="_blank" rel="noopener"><img class="photo" src={message.previewImageUrl} alt={t("simulator.content.photo")} /></a>;
    case "video":
      return <video class="photo" src={message.originalContentUrl} poster={message.previewImageUrl} controls preload="none" />;
    case "audio":
      return (
        <div class="bubble audio-bubble">
          <audio src={message.originalContentUrl} controls preload="none" />
          <small>{t("simulator.content.seconds", { count: Math.round(message.duration / 1000) })}</small>
        </div>
      );
    case "location":
      return <LocationCard title={message.title} address={message.address} latitude={message.latitude} longitude={message.longitude} />;
    case "template":
      return <TemplateCard template={message.template} target={target} />;
    case "flex":
      return <FlexView contents={message.contents} altText={message.altText} target={target} />;
    case "imagemap":
      return (
        <div class="bubble rich-card">
          <span class="rich-kind">{t("simulator.content.imagemap")}</span>
          <strong>{message.altText}</strong>
        </div>
      );
    case "coupon":
      return (
        <div class="bubble rich-card coupon">
          <span class="rich-kind">{t("simulator.content.coupon")}</span>
          <strong class="coupon-id">
            <IconTicket /> {message.couponId}
          </strong>
        </div>
      );
  }
};
