// One message in the thread: inbound bubbles on the left, outbound on the
// right with their delivery state (and a retry form when LINE refused it),
// system events as a centred line in the reader's language (system-lines.ts).
// Its id `msg-<id>` is stable so a status change can replace it (retry
// response, or an OOB swap over the WebSocket). Times, delivery badges and
// retry buttons wrap under the bubble rather than leave a phone's screen.
import type { FC } from "hono/jsx";
import { localeContext, t } from "./i18n";
import type { ConversationSourceType, ThreadMessage } from "../conversations/model";
import { Avatar } from "./avatar";
import { IconAlert, IconCheck, IconClock, type IconProps, IconRetry, Svg } from "./icons";
import { activityText, eventText } from "./system-lines";
import { isFilledBubble, MessageContent, type StickerUrl } from "./message-body";
import { clockLabel, TimeLabel } from "./time";
import { QuoteAction } from "./quote-action";

export interface MessageBubbleProps {
  message: ThreadMessage;
  conversationId: string;
  stickerUrl: StickerUrl;
  /** Group and room chats show who said what; 1:1 chats do not. Default "user". */
  sourceType?: ConversationSourceType;
  /**
   * The session's CSRF token for the retry form. Bubbles pushed over the
   * WebSocket have none: inbox.js then sends `x-csrf-token` from the meta tag.
   */
  csrfToken?: string;
  timeZone?: string;
  /** Follows a message from the same sender within minutes: no repeated name or avatar. */
  continued?: boolean;
  /** Rendered as hx-swap-oob on the root (e.g. "true") for WebSocket updates. */
  swapOob?: string;
}

function mediaUrl(conversationId: string, messageId: string): string {
  return `/inbox/c/${encodeURIComponent(conversationId)}/media/${encodeURIComponent(messageId)}`;
}

/** A padlock: private notes are never sent to LINE. */
const IconLock: FC<IconProps> = (p) => <Svg {...p} d={["M5 11h14a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2Z", "M7 11V7a5 5 0 0 1 10 0v4"]} />;

export function retryUrl(conversationId: string, messageId: string): string {
  return `/inbox/c/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/retry`;
}

export const MessageBubble: FC<MessageBubbleProps> = ({ message, conversationId, stickerUrl, sourceType = "user", csrfToken, timeZone = localeContext().timeZone, continued, swapOob }) => {
  const { body } = message;
  const time = <TimeLabel class="msg__time" at={message.createdAt} label={clockLabel(message.createdAt, timeZone)} timeZone={timeZone} />;

  if (body.type === "activity") {
    return (
      <div id={`msg-${message.id}`} class={`msg msg--system msg--activity msg--activity-${body.action}`} data-seq={message.seq} hx-swap-oob={swapOob} role="note">
        <span class="system-line system-line--activity">
          <span>{activityText(body, timeZone)}</span>
          {time}
        </span>
      </div>
    );
  }

  if (body.type === "note") {
    return (
      <div id={`msg-${message.id}`} class="msg msg--note" data-seq={message.seq} data-status="received" hx-swap-oob={swapOob}>
        <div class="note-bubble" role="note" aria-label={t("composer.msg.note")}>
          <div class="note-bubble__head">
            <span class="note-bubble__label">
              <IconLock /> {t("composer.msg.note")}
            </span>
            <span class="note-bubble__author">{message.agentName ?? t("composer.msg.agent")}</span>
            {time}
          </div>
          <p class="note-bubble__text">{body.text}</p>
        </div>
      </div>
    );
  }

  if (body.type === "event") {
    return (
      <div id={`msg-${message.id}`} class={`msg msg--system msg--event-${body.event}`} data-seq={message.seq} hx-swap-oob={swapOob} role="note">
        <span class="system-line">
          <span>{eventText(body)}</span>
          {time}
        </span>
      </div>
    );
  }

  const inbound = message.direction === "inbound";
  const multi = sourceType === "group" || sourceType === "room";
  const sender = inbound ? (multi ? message.senderName ?? t("composer.msg.member") : null) : message.agentName ?? t("composer.msg.automation");
  const kind = message.unsent ? "unsent" : body.type;
  const filled = message.unsent || isFilledBubble(body);
  const withAvatar = multi && inbound;
  const classes = ["msg", inbound ? "msg--in" : "msg--out", `msg--${message.status}`, withAvatar ? "msg--with-avatar" : "", continued ? "msg--continued" : ""]
    .filter(Boolean)
    .join(" ");

  return (
    <div id={`msg-${message.id}`} class={classes} data-seq={message.seq} data-status={message.status} hx-swap-oob={swapOob}>
      {withAvatar ? <span class="msg__avatar">{continued ? null : <Avatar name={message.senderName ?? t("composer.msg.member")} size="sm" />}</span> : null}
      <div class="msg__main">
        {sender && !continued ? <div class="msg__sender">{sender}</div> : null}
        <div class="msg__row">
          <div class={`bubble bubble--${kind}${filled ? "" : " bubble--bare"}`}>
            {message.unsent ? (
              <span class="bubble__unsent">{t("composer.msg.unsent")}</span>
            ) : (
              <MessageContent body={body} mediaUrl={mediaUrl(conversationId, message.id)} stickerUrl={stickerUrl} />
            )}
          </div>
          <div class="msg__aside">
            {message.standby ? (
              <span class="tag tag--standby" title={t("composer.msg.standbyTitle")}>
                {t("composer.msg.standby")}
              </span>
            ) : null}
            {message.redelivered ? (
              <span class="tag tag--redelivered" title={t("composer.msg.redeliveredTitle")}>
                {t("composer.msg.redelivered")}
              </span>
            ) : null}
            <QuoteAction message={message} />
            {time}
          </div>
        </div>
        {inbound ? null : <DeliveryState message={message} conversationId={conversationId} csrfToken={csrfToken} />}
      </div>
    </div>
  );
};

interface DeliveryStateProps {
  message: ThreadMessage;
  conversationId: string;
  csrfToken?: string;
}

/** "Sending…", "Sent via reply (free)", "Sent via push", LINE's error with a retry form, or "delivery unknown" with "send again". */
const DeliveryState: FC<DeliveryStateProps> = ({ message, conversationId, csrfToken }) => {
  switch (message.status) {
    case "pending":
      return (
        <div class="delivery delivery--pending" role="status">
          <IconClock /> {t("composer.delivery.sending")}
        </div>
      );
    case "sent":
      return (
        <div class="delivery delivery--sent">
          <IconCheck /> {message.via === "reply" ? t("composer.delivery.reply") : message.via === "push" ? t("composer.delivery.push") : t("composer.delivery.sent")}
        </div>
      );
    case "failed": {
      const action = retryUrl(conversationId, message.id);
      return (
        <div class="delivery delivery--failed">
          <span class="delivery__error" role="alert">
            <IconAlert />
            <span>{message.error ? t("composer.delivery.failedWhy", { error: message.error }) : t("composer.delivery.failed")}</span>
          </span>
          <form method="post" action={action} hx-post={action} hx-target="closest .msg" hx-swap="outerHTML" hx-disable="find button" class="delivery__retry">
            {csrfToken ? <input type="hidden" name="_csrf" value={csrfToken} /> : null}
            <button type="submit" class="btn btn--danger-ghost btn--xs">
              <IconRetry /> {t("composer.delivery.retry")}
            </button>
          </form>
        </div>
      );
    }
    case "unknown": {
      const action = retryUrl(conversationId, message.id);
      return (
        <div class="delivery delivery--unknown">
          <span class="delivery__error" role="alert">
            <IconAlert />
            <span>{t("composer.delivery.unknown", { error: message.error ?? t("composer.delivery.unconfirmed") })}</span>
          </span>
          <form method="post" action={action} hx-post={action} hx-target="closest .msg" hx-swap="outerHTML" hx-disable="find button" class="delivery__retry">
            {csrfToken ? <input type="hidden" name="_csrf" value={csrfToken} /> : null}
            <button type="submit" class="btn btn--danger-ghost btn--xs" title={t("composer.delivery.sendAgainTitle")}>
              <IconRetry /> {t("composer.delivery.sendAgain")}
            </button>
          </form>
        </div>
      );
    }
    default:
      return null;
  }
};
