// The composer under a thread: text (with an optional quote of a customer's
// message, quick-reply buttons and `/` canned replies), stickers, attachments
// and locations, and above them the status: banners when the customer blocked
// the account or the monthly limit is reached, and a line saying whether the
// next message is free. Plain text works without JavaScript; public/composer.js
// adds the quote action, canned-reply search, upload previews and the
// reply-token countdown. Phone-first: at 320 px the tools, the box and a
// labelled Send button share one bar (public/composer.css).
//
// htmx contract:
// - #composer-form posts to /inbox/c/:id/compose/text and targets #composer
//   (outerHTML): 200 → a fresh <Composer> + <hx-partial> with the bubble for
//   #thread-messages and `HX-Trigger: composer-sent`; 422 → <Composer error=…>
//   with what was typed, the quote and the quick replies kept.
// - each tool form targets its own <details> (see tools.tsx).
// - without HX-Request: 303 back to /inbox/c/:id, or an error page (422/413).
import type { FC } from "hono/jsx";
import type { QuickReplyButton } from "../../conversations/model";
import type { StickerUrl } from "../../line/stickers";
import { t } from "../../ui/i18n";
import { IconAlert, IconQuote } from "../../ui/icons";
import { IconClose, IconSendArrow } from "./icons";
import { ComposerStatus, type ComposerStatusProps } from "./status";
import { AttachTool, composeUrl, LocationTool, QuickReplyTool, StickerTool } from "./tools";

/** The quoted customer message (its LINE quote token, message id and a text preview). */
export interface ComposerQuote {
  token: string;
  lineMessageId?: string;
  text?: string;
}

export interface ComposerProps {
  conversationId: string;
  csrfToken: string;
  /** Shown in an alert box above the textarea (the route answers 422). */
  error?: string;
  /** The text to put back after an error. */
  text?: string;
  /** Focus the textarea (after a send or an error). Default: when there is an error. */
  autofocus?: boolean;
  /** Placeholder; wins over customerName. */
  placeholder?: string;
  /** The customer's (or group's) name: the placeholder reads "Reply to Mika…" in the agent's language. */
  customerName?: string;
  /** When the reply token stops being usable (null: the next send is a push that counts against the quota). */
  replyTokenExpiresAt?: number | null;
  /** The status line with the channel's quota; without it the line is drawn from replyTokenExpiresAt and loads the rest. */
  status?: Omit<ComposerStatusProps, "conversationId">;
  quote?: ComposerQuote;
  quickReplies?: QuickReplyButton[];
  /** Sticker images (stickerUrlFor(env)); without it the picker goes through a redirect route. */
  stickerUrl?: StickerUrl;
}

export const Composer: FC<ComposerProps> = (props) => {
  const { conversationId, csrfToken, error, text, autofocus, placeholder, quote, quickReplies = [] } = props;
  const action = composeUrl(conversationId, "text");
  const status = props.status ?? { replyTokenExpiresAt: props.replyTokenExpiresAt ?? null };
  return (
    <div id="composer" class={`composer composer--rich${error ? " composer--error" : ""}`} data-conversation-id={conversationId} data-canned-url={composeUrl(conversationId, "canned")}>
      {error ? (
        <div class="alert alert--error composer__error" role="alert" id="composer-error">
          <span>{error}</span>
        </div>
      ) : null}
      <ComposerStatus conversationId={conversationId} {...status} />
      <div class="composer__box">
        <form
          id="composer-form"
          class="composer__form"
          method="post"
          action={action}
          hx-post={action}
          hx-target="#composer"
          hx-swap="outerHTML"
          hx-disable="#composer-send"
        >
          <input type="hidden" name="_csrf" value={csrfToken} />
          <div class="composer-quote" data-quote hidden={!quote}>
            <IconQuote />
            <span class="composer-quote__body">
              <span class="composer-quote__label">{t("composer.quote.label")}</span>
              <span class="composer-quote__text" data-quote-preview>
                {quote?.text ?? ""}
              </span>
            </span>
            <button type="button" class="composer-quote__clear" data-quote-clear aria-label={t("composer.quote.remove")}>
              <IconClose />
            </button>
            <input type="hidden" name="quoteToken" value={quote?.token ?? ""} data-quote-token />
            <input type="hidden" name="quotedMessageId" value={quote?.lineMessageId ?? ""} data-quote-line-id />
            <input type="hidden" name="quoteText" value={quote?.text ?? ""} data-quote-text />
          </div>
          <label class="visually-hidden" for="composer-text">
            {t("composer.reply")}
          </label>
          <textarea
            id="composer-text"
            class="composer__input"
            name="text"
            rows={2}
            required
            maxlength={5000}
            placeholder={placeholder ?? (props.customerName ? t("composer.placeholderTo", { name: props.customerName }) : t("composer.placeholder"))}
            data-enter-submits
            autofocus={autofocus ?? Boolean(error)}
            aria-invalid={error ? "true" : undefined}
            aria-describedby={error ? "composer-error composer-hint" : "composer-hint"}
            aria-autocomplete="list"
            aria-controls="composer-canned"
          >
            {text ?? ""}
          </textarea>
          <div id="composer-canned" class="canned-popup" role="listbox" aria-label={t("composer.canned.label")} hidden></div>
        </form>
        <div class="composer__bar">
          <div class="composer__tools">
            <StickerTool conversationId={conversationId} csrfToken={csrfToken} stickerUrl={props.stickerUrl} />
            <AttachTool conversationId={conversationId} csrfToken={csrfToken} />
            <LocationTool conversationId={conversationId} csrfToken={csrfToken} />
            <QuickReplyTool buttons={quickReplies} />
          </div>
          <span class="composer__hint" id="composer-hint">
            <kbd>Enter</kbd> {t("composer.hint.send")} · <kbd>Shift</kbd>+<kbd>Enter</kbd> {t("composer.hint.newline")} · <kbd>/</kbd> {t("composer.hint.canned")}
          </span>
          {/* The blocked label shows while the status above says the customer blocked the account (composer.css, :has). */}
          <button type="submit" form="composer-form" id="composer-send" class="btn btn--primary composer__send" aria-describedby="composer-blocked">
            <span class="composer__send-label composer__send-label--normal">{t("composer.send")}</span>
            <span class="composer__send-label composer__send-label--blocked" title={t("composer.send.blockedTitle")}>
              <IconAlert /> {t("composer.send.blocked")}
            </span>
            <IconSendArrow />
          </button>
        </div>
      </div>
    </div>
  );
};
