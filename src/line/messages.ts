// The one place outbound LINE message objects are built (messaging-api.yml):
// the composer, automation's replies and workflows all call these, so a text,
// a sticker or a row of quick-reply buttons looks the same whoever sends it.
// Pure — no I/O. `sender` (the agent's name and icon) is optional: automated
// messages leave it out so the customer sees the account's own name.
import type { messagingApi } from "@line/bot-sdk";
import type { LineMessage } from "./client";

export type Sender = messagingApi.Sender;

/** LINE's limits that builders and forms share. */
export const LINE_LIMITS = {
  messagesPerCall: 5,
  textChars: 5000,
  quickReplyItems: 13,
  quickReplyLabel: 20,
  buttonsTemplateActions: 4,
  templateLabel: 20,
  templateText: 160,
  postbackData: 300,
  altText: 1500,
} as const;

/**
 * A choice the customer can tap: `message` sends `text` as if typed (keyword
 * rules see it); `postback` sends `data` silently as a postback event
 * (postback.received), showing `displayText` in the chat when given.
 */
export type ChoiceAction =
  | { type: "message"; label: string; text: string }
  | { type: "postback"; label: string; data: string; displayText?: string };

interface Common {
  sender?: Sender;
  quoteToken?: string;
}

const common = (o: Common) => ({ ...(o.sender ? { sender: o.sender } : {}), ...(o.quoteToken ? { quoteToken: o.quoteToken } : {}) });

function action(choice: ChoiceAction): messagingApi.Action {
  return choice.type === "message"
    ? { type: "message", label: choice.label, text: choice.text }
    : { type: "postback", label: choice.label, data: choice.data, ...(choice.displayText ? { displayText: choice.displayText } : {}) };
}

/** Quick-reply buttons (message or postback actions); undefined for none. */
export function quickReplyOf(choices: readonly ChoiceAction[]): messagingApi.QuickReply | undefined {
  if (!choices.length) return undefined;
  return { items: choices.map((c) => ({ type: "action", action: action(c) })) };
}

/** `{ label, text }` buttons (what the composer and keyword rules store) as message actions. */
export function messageChoices(buttons: readonly { label: string; text: string }[]): ChoiceAction[] {
  return buttons.map((b) => ({ type: "message", label: b.label, text: b.text }));
}

/** Puts quick-reply buttons under the last message of a call (LINE shows them only there). */
export function withQuickReplies(messages: LineMessage[], choices: readonly ChoiceAction[]): LineMessage[] {
  const last = messages[messages.length - 1];
  const quickReply = quickReplyOf(choices);
  if (last && quickReply) last.quickReply = quickReply;
  return messages;
}

export function textMessage(text: string, o: Common & { emojis?: messagingApi.Emoji[] } = {}): messagingApi.TextMessage {
  return { type: "text", text, ...common(o), ...(o.emojis?.length ? { emojis: o.emojis } : {}) };
}

export function stickerMessage(packageId: string, stickerId: string, o: Common = {}): messagingApi.StickerMessage {
  return { type: "sticker", packageId, stickerId, ...common(o) };
}

export function imageMessage(url: string, previewUrl: string, o: Common = {}): messagingApi.ImageMessage {
  return { type: "image", originalContentUrl: url, previewImageUrl: previewUrl, ...(o.sender ? { sender: o.sender } : {}) };
}

export function videoMessage(url: string, previewUrl: string, o: Common = {}): messagingApi.VideoMessage {
  return { type: "video", originalContentUrl: url, previewImageUrl: previewUrl, ...(o.sender ? { sender: o.sender } : {}) };
}

export function audioMessage(url: string, durationMs: number, o: Common = {}): messagingApi.AudioMessage {
  return { type: "audio", originalContentUrl: url, duration: durationMs, ...(o.sender ? { sender: o.sender } : {}) };
}

export function locationMessage(place: { title: string; address: string; latitude: number; longitude: number }, o: Common = {}): messagingApi.LocationMessage {
  return { type: "location", ...place, ...(o.sender ? { sender: o.sender } : {}) };
}

export function flexMessage(altText: string, contents: messagingApi.FlexContainer, o: Common = {}): messagingApi.FlexMessage {
  return { type: "flex", altText, contents, ...(o.sender ? { sender: o.sender } : {}) };
}

export function couponMessage(couponId: string, o: Common = {}): messagingApi.CouponMessage {
  return { type: "coupon", couponId, ...(o.sender ? { sender: o.sender } : {}) };
}

/**
 * A question with choices as buttons in the chat: a buttons template for up to
 * 4 short choices, else a flex bubble with one button per choice (any number
 * LINE allows in a bubble). `altText` is what notifications and old clients show.
 */
export function choicesMessage(question: string, choices: readonly ChoiceAction[], o: Common & { altText?: string } = {}): LineMessage {
  const altText = (o.altText ?? question).slice(0, LINE_LIMITS.altText);
  const fitsTemplate = choices.length <= LINE_LIMITS.buttonsTemplateActions && [...question].length <= LINE_LIMITS.templateText;
  if (fitsTemplate) {
    const template: messagingApi.ButtonsTemplate = { type: "buttons", text: question, actions: choices.map(action) };
    return { type: "template", altText, template, ...(o.sender ? { sender: o.sender } : {}) };
  }
  const bubble: messagingApi.FlexBubble = {
    type: "bubble",
    body: { type: "box", layout: "vertical", contents: [{ type: "text", text: question, wrap: true }] },
    footer: { type: "box", layout: "vertical", spacing: "sm", contents: choices.map((c) => ({ type: "button", style: "secondary", height: "sm", action: action(c) })) },
  };
  return flexMessage(altText, bubble, o);
}
