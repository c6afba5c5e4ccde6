// The content of one message bubble, by LINE message type: text with LINE
// emoji, sticker, image, video, audio, file, location, postback, unsupported.
// (System events and unsent messages are laid out by MessageBubble.)
import type { Child, FC } from "hono/jsx";
import type { MessageBody } from "../conversations/model";
import type { LineEmoji } from "../line/webhook-schema";
import { localeContext, t } from "./i18n";
import { IconAlert, IconDownload, IconExternal, IconFile, IconPin } from "./icons";

export type StickerUrl = (packageId: string, stickerId: string) => string;

export interface MessageContentProps {
  body: Exclude<MessageBody, { type: "event" }>;
  /** Our media proxy for this message: /inbox/c/<conversationId>/media/<messageId>. */
  mediaUrl: string;
  stickerUrl: StickerUrl;
}

export function sticonUrl(emoji: LineEmoji): string {
  return `https://stickershop.line-scdn.net/sticonshop/v1/sticon/${encodeURIComponent(emoji.productId)}/android/${encodeURIComponent(emoji.emojiId)}.png`;
}

const URL_PATTERN = /https?:\/\/[^\s<>"'）」]+[^\s<>"'）」.,;:!?)\]]/g;

/** Plain text with http(s) links made clickable (the rest stays escaped text). */
function linkify(text: string): Child[] {
  const out: Child[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    if (start > last) out.push(text.slice(last, start));
    out.push(
      <a href={match[0]} target="_blank" rel="noopener noreferrer nofollow">
        {match[0]}
      </a>,
    );
    last = start + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/**
 * Text with each LINE emoji's UTF-16 range (`index`, `length`, as LINE counts
 * them, which is also how JS strings index) replaced in place by its image,
 * inline with the words around it. Emojis that overlap or fall outside the
 * text are ignored rather than breaking it. An image that cannot load shows
 * its text instead — the customer's "(love)" code, or for the `$` placeholder
 * of a message we sent, the emoji's product/emoji id (alt here; composer.js
 * swaps the broken image for that text).
 */
export function textWithEmojis(text: string, emojis: LineEmoji[] | undefined): Child[] {
  const sorted = [...(emojis ?? [])].sort((a, b) => a.index - b.index);
  const out: Child[] = [];
  let cursor = 0;
  for (const emoji of sorted) {
    const end = emoji.index + emoji.length;
    if (emoji.index < cursor || emoji.length <= 0 || end > text.length) continue;
    out.push(...linkify(text.slice(cursor, emoji.index)));
    const original = text.slice(emoji.index, end);
    const name = t("composer.msg.emoji", { id: `${emoji.productId}/${emoji.emojiId}` });
    const fallback = original.trim() && original !== "$" ? original : name;
    out.push(<img class="line-emoji" src={sticonUrl(emoji)} alt={fallback} title={original === fallback ? `${original} · ${name}` : name} data-fallback={fallback} data-emoji-id={`${emoji.productId}/${emoji.emojiId}`} width="20" height="20" decoding="async" />);
    cursor = end;
  }
  out.push(...linkify(text.slice(cursor)));
  return out;
}

/** "812 B", "1.4 KB", "23 MB" (numbers in the reader's locale). */
export function humanSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return t("composer.msg.unknownSize");
  const n = (value: number, digits: number) => new Intl.NumberFormat(localeContext().locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
  if (bytes < 1024) return `${n(bytes, 0)} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? n(value, 1) : n(Math.round(value), 0)} ${units[unit]}`;
}

/** "0:42", "12:05", "1:02:03". */
export function duration(ms: number | undefined): string | null {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return null;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

function rawJson(raw: unknown): string {
  try {
    return JSON.stringify(raw, null, 2) ?? String(raw);
  } catch {
    return String(raw);
  }
}

export function isFilledBubble(body: MessageContentProps["body"]): boolean {
  return body.type !== "sticker" && body.type !== "image" && body.type !== "video";
}

export const MessageContent: FC<MessageContentProps> = ({ body, mediaUrl, stickerUrl }) => {
  switch (body.type) {
    case "text":
      return (
        <>
          {body.quotedMessageId ? <div class="bubble__quoted">{t("composer.msg.quoted")}</div> : null}
          <div class="bubble__text">{textWithEmojis(body.text, body.emojis)}</div>
          {body.quickReplies?.length ? (
            <ul class="bubble__quick-replies" aria-label={t("composer.msg.quickReplies")}>
              {body.quickReplies.map((b) => (
                <li title={b.text === b.label ? undefined : t("composer.msg.quickReplySends", { text: b.text })}>{b.label}</li>
              ))}
            </ul>
          ) : null}
        </>
      );
    case "sticker":
      return (
        <div class="sticker">
          <img class="sticker__img" src={stickerUrl(body.packageId, body.stickerId)} alt={body.text ? t("composer.msg.stickerWith", { text: body.text }) : t("composer.msg.sticker")} width="120" height="120" loading="lazy" />
          {body.text ? <div class="sticker__text">{body.text}</div> : null}
        </div>
      );
    case "image": {
      const full = body.externalUrl ?? mediaUrl;
      const set = body.imageSet?.total ? `${body.imageSet.index ?? "?"}/${body.imageSet.total}` : null;
      return (
        <figure class="media media--image">
          <a href={full} target="_blank" rel="noopener" class="media__open" title={t("composer.msg.openFull")}>
            <img src={body.previewUrl ?? full} alt={set ? t("composer.msg.imageOfSet", { set }) : t("composer.msg.image")} loading="lazy" decoding="async" />
          </a>
          {set ? (
            <span class="media__count" title={t("composer.msg.imageSet")}>
              {set}
            </span>
          ) : null}
          <figcaption class="media__caption">
            <a href={full} target="_blank" rel="noopener">
              <IconExternal /> {t("composer.msg.openFull")}
            </a>
          </figcaption>
        </figure>
      );
    }
    case "video": {
      const src = body.externalUrl ?? mediaUrl;
      const length = duration(body.durationMs);
      return (
        <figure class="media media--video">
          <video controls preload="none" src={src} poster={body.previewUrl} playsinline></video>
          <figcaption class="media__caption">
            <span>{length ? t("composer.msg.videoLength", { length }) : t("composer.msg.video")}</span>
            <a href={src} target="_blank" rel="noopener">
              <IconExternal /> {t("composer.msg.open")}
            </a>
          </figcaption>
        </figure>
      );
    }
    case "audio": {
      const length = duration(body.durationMs);
      return (
        <div class="audio">
          <audio controls preload="none" src={body.externalUrl ?? mediaUrl}></audio>
          {length ? <span class="audio__length">{t("composer.msg.voice", { length })}</span> : null}
        </div>
      );
    }
    case "file":
      return (
        <div class="file-card">
          <span class="file-card__icon">
            <IconFile />
          </span>
          <span class="file-card__info">
            <span class="file-card__name">{body.fileName}</span>
            <span class="file-card__size">{humanSize(body.fileSize)}</span>
          </span>
          <a class="btn btn--ghost btn--sm" href={body.url ?? mediaUrl} download={body.fileName} aria-label={t("composer.msg.downloadFile", { name: body.fileName })}>
            <IconDownload /> {t("composer.msg.download")}
          </a>
        </div>
      );
    case "location": {
      const maps = `https://www.google.com/maps?q=${body.latitude},${body.longitude}`;
      return (
        <div class="location">
          <span class="location__icon">
            <IconPin />
          </span>
          <span class="location__info">
            <span class="location__title">{body.title ?? t("composer.msg.location")}</span>
            {body.address ? <span class="location__address">{body.address}</span> : null}
            <span class="location__coords">
              {body.latitude.toFixed(5)}, {body.longitude.toFixed(5)}
            </span>
            <a href={maps} target="_blank" rel="noopener noreferrer">
              <IconExternal /> {t("composer.msg.maps")}
            </a>
          </span>
        </div>
      );
    }
    case "postback":
      return (
        <div class="postback">
          <span class="tag tag--postback">{t("composer.msg.postback")}</span>
          <code class="postback__data">{body.data}</code>
          {body.params && Object.keys(body.params).length > 0 ? (
            <span class="postback__params">
              {Object.entries(body.params).map(([k, v]) => (
                <code>
                  {k}={typeof v === "string" ? v : rawJson(v)}
                </code>
              ))}
            </span>
          ) : null}
        </div>
      );
    case "unsupported":
      return (
        <div class="unsupported">
          <p class="unsupported__title">
            <IconAlert /> {t("composer.msg.unsupported")} <code>{body.eventType}</code>
          </p>
          <details class="unsupported__raw">
            <summary>{t("composer.msg.rawJson")}</summary>
            <pre>{rawJson(body.raw)}</pre>
          </details>
        </div>
      );
  }
};
