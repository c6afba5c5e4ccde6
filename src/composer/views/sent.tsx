// What a successful send adds around the main swap: the new bubble appended to
// the thread (the same bubble may also arrive over the live socket; inbox.js
// keeps one) and, for tool sends, the refreshed status line.
import type { FC } from "hono/jsx";
import type { ThreadMessage } from "../../conversations/model";
import type { StickerUrl } from "../../line/stickers";
import type { ConversationSourceType } from "../../conversations/model";
import { MessageBubble } from "../../ui/message-bubble";
import { ComposerStatus, type ComposerStatusProps } from "./status";

export interface SentPartialsProps {
  message: ThreadMessage;
  conversationId: string;
  sourceType: ConversationSourceType;
  csrfToken: string;
  stickerUrl: StickerUrl;
  /** Also replace #composer-status (when the main swap does not already contain it). */
  status?: Omit<ComposerStatusProps, "conversationId">;
}

export const SentPartials: FC<SentPartialsProps> = ({ message, conversationId, sourceType, csrfToken, stickerUrl, status }) => (
  <>
    <hx-partial hx-target="#thread-messages" hx-swap="beforeend scroll:bottom">
      <MessageBubble message={message} conversationId={conversationId} stickerUrl={stickerUrl} sourceType={sourceType} csrfToken={csrfToken} />
    </hx-partial>
    {status ? (
      <hx-partial hx-target="#composer-status" hx-swap="outerHTML">
        <ComposerStatus conversationId={conversationId} {...status} />
      </hx-partial>
    ) : null}
  </>
);
