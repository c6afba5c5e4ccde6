// Stickers and LINE emoji for the simulator: a small catalogue from LINE's free
// packages, URLs the inbox uses for sticker images while SIMULATOR is on, and
// self-drawn SVG artwork (LINE's CDN is unreachable offline).
import type { webhook } from "@line/bot-sdk";
import type { Expression } from "./svg";
import { escapeXml, face, hueOf, EXPRESSIONS } from "./svg";

export { simulatorStickerUrl } from "../line/stickers";

export interface StickerInfo {
  packageId: string;
  stickerId: string;
  label: string;
  expression: Expression;
  keywords: string[];
}

const s = (packageId: string, stickerId: string, label: string, expression: Expression, ...keywords: string[]): StickerInfo => ({
  packageId, stickerId, label, expression, keywords,
});

/** The picker's stickers: ids from LINE's free sticker packages 446 and 11537. */
export const STICKERS: readonly StickerInfo[] = [
  s("446", "1988", "Hello!", "happy", "hello", "hi", "greeting"),
  s("446", "1989", "Love it", "love", "love", "heart", "like"),
  s("446", "1990", "LOL", "laugh", "laugh", "funny", "happy"),
  s("446", "1991", "Sorry…", "sad", "sorry", "sad", "cry"),
  s("446", "1992", "OK!", "ok", "ok", "yes", "agree"),
  s("446", "1993", "Whoa", "surprised", "surprised", "wow", "what"),
  s("11537", "52002734", "Thank you!", "happy", "thanks", "thank you", "grateful"),
  s("11537", "52002735", "Please!", "love", "please", "request"),
  s("11537", "52002736", "Hmph", "angry", "angry", "upset"),
  s("11537", "52002738", "Good night", "sleepy", "good night", "sleep", "tired"),
  s("11537", "52002739", "Got it ;)", "wink", "got it", "wink", "ok"),
  s("11537", "52002740", "Waiting…", "sleepy", "wait", "waiting", "bored"),
];

export function findSticker(packageId: string, stickerId: string): StickerInfo | undefined {
  return STICKERS.find((x) => x.packageId === packageId && x.stickerId === stickerId);
}

/** SVG for any sticker id: catalogue stickers get their label, others a stable character. */
export function stickerSvg(packageId: string, stickerId: string): string {
  const known = findSticker(packageId, stickerId);
  const seed = hueOf(`${packageId}/${stickerId}`);
  const expression = known?.expression ?? EXPRESSIONS[seed % EXPRESSIONS.length] ?? "happy";
  const label = known?.label ?? `#${stickerId}`.slice(0, 12);
  const bunny = packageId === "11537";
  const body = bunny ? "#fff7f2" : packageId === "446" ? "#c8915f" : `hsl(${hueOf(packageId)} 70% 72%)`;
  const inner = bunny ? "#ffd6e0" : packageId === "446" ? "#f1d3b3" : `hsl(${hueOf(packageId)} 70% 86%)`;
  const ears = bunny
    ? `<ellipse cx="88" cy="52" rx="17" ry="44" fill="${body}" stroke="#e8d9d0" stroke-width="3"/><ellipse cx="152" cy="52" rx="17" ry="44" fill="${body}" stroke="#e8d9d0" stroke-width="3"/>` +
      `<ellipse cx="88" cy="56" rx="8" ry="30" fill="${inner}"/><ellipse cx="152" cy="56" rx="8" ry="30" fill="${inner}"/>`
    : `<circle cx="72" cy="62" r="24" fill="${body}"/><circle cx="168" cy="62" r="24" fill="${body}"/><circle cx="72" cy="62" r="12" fill="${inner}"/><circle cx="168" cy="62" r="12" fill="${inner}"/>`;
  const tilt = (seed % 11) - 5;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 240" width="240" height="240">
<g transform="rotate(${tilt} 120 120)">${ears}
<circle cx="120" cy="112" r="70" fill="${body}" stroke="${bunny ? "#e8d9d0" : "none"}" stroke-width="3"/>
<ellipse cx="120" cy="132" rx="34" ry="24" fill="${inner}" opacity=".8"/>
${face(expression, 120, 112, 70)}</g>
<g transform="translate(120 206)"><rect x="-78" y="-20" width="156" height="38" rx="19" fill="#ffffff" stroke="#3b2f2f" stroke-width="3"/>
<text x="0" y="7" text-anchor="middle" font-family="system-ui, sans-serif" font-size="19" font-weight="700" fill="#3b2f2f">${escapeXml(label)}</text></g>
</svg>`;
}

/** LINE's basic emoji product, as used in the Messaging API docs. */
export const EMOJI_PRODUCT_ID = "5ac1bfd5040ab15980c9b435";

export interface EmojiInfo {
  /** What the customer types, e.g. `(love)`; LINE puts this in the webhook text. */
  token: string;
  emojiId: string;
  expression: Expression;
}

export const EMOJIS: readonly EmojiInfo[] = [
  { token: "(smile)", emojiId: "001", expression: "happy" },
  { token: "(love)", emojiId: "002", expression: "love" },
  { token: "(laugh)", emojiId: "003", expression: "laugh" },
  { token: "(cry)", emojiId: "004", expression: "sad" },
  { token: "(ok)", emojiId: "005", expression: "ok" },
  { token: "(wow)", emojiId: "006", expression: "surprised" },
  { token: "(angry)", emojiId: "007", expression: "angry" },
  { token: "(wink)", emojiId: "008", expression: "wink" },
];

export function simulatorEmojiUrl(productId: string, emojiId: string): string {
  return `/simulator/emoji/${encodeURIComponent(productId)}/${encodeURIComponent(emojiId)}`;
}

export function emojiSvg(productId: string, emojiId: string): string {
  const known = productId === EMOJI_PRODUCT_ID ? EMOJIS.find((e) => e.emojiId === emojiId) : undefined;
  const expression = known?.expression ?? EXPRESSIONS[hueOf(`${productId}/${emojiId}`) % EXPRESSIONS.length] ?? "happy";
  const fill = known ? "#ffd43b" : `hsl(${hueOf(productId)} 80% 70%)`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64"><circle cx="32" cy="32" r="29" fill="${fill}" stroke="#e0a800" stroke-width="2"/>${face(expression, 32, 34, 27)}</svg>`;
}

/**
 * Finds `(love)`-style tokens in what the customer typed and returns LINE's `emojis`
 * array for the webhook (index and length in UTF-16 code units, like JavaScript strings).
 */
export function emojisInText(text: string): webhook.Emoji[] {
  const found: webhook.Emoji[] = [];
  const pattern = /\([a-z]+\)/g;
  for (const match of text.matchAll(pattern)) {
    const emoji = EMOJIS.find((e) => e.token === match[0]);
    if (emoji) found.push({ index: match.index, length: match[0].length, productId: EMOJI_PRODUCT_ID, emojiId: emoji.emojiId });
  }
  return found.slice(0, 20);
}
