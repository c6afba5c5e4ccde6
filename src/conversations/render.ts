// Server-rendered HTML for live frames (the same components the inbox pages use).
import type { StickerUrl } from "../line/stickers";
import { ConversationListItem, type ConversationListItemData } from "../ui/conversation-row";
import { MessageBubble } from "../ui/message-bubble";
import type { ConversationKey, ThreadMessage } from "./model";

export function renderBubble(message: ThreadMessage, conversationId: string, stickerUrl: StickerUrl, source: ConversationKey["source"]): string {
  return String(MessageBubble({ message, conversationId, stickerUrl, sourceType: source.type }));
}

export function renderListItem(item: ConversationListItemData): string {
  return String(ConversationListItem({ item }));
}
