// The "Quote" action on a customer's bubble. composer.js copies its data
// attributes into the composer (the quote token goes to LINE with the reply,
// which then shows the customer's message above the answer).
import type { FC } from "hono/jsx";
import { previewText, type ThreadMessage } from "../conversations/model";
import { t } from "./i18n";
import { IconQuote } from "./icons";

/** Message types LINE returns a quoteToken for. */
const QUOTABLE = new Set(["text", "sticker", "image", "video"]);

export const QuoteAction: FC<{ message: ThreadMessage }> = ({ message }) => {
  if (message.direction !== "inbound" || !message.quoteToken || message.unsent || !QUOTABLE.has(message.body.type)) return null;
  const preview = previewText(message.body).slice(0, 120);
  return (
    <button
      type="button"
      class="msg__quote"
      data-quote-token={message.quoteToken}
      data-quote-line-id={message.lineMessageId ?? ""}
      data-quote-text={message.senderName ? `${message.senderName}: ${preview}` : preview}
      title={t("composer.quoteAction.title")}
      aria-label={t("composer.quoteAction.title")}
    >
      <IconQuote />
      <span>{t("composer.quoteAction")}</span>
    </button>
  );
};
