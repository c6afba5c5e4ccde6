// LINE's `sender` on messages we send: the agent's (or automation's) name.
// LINE allows at most 20 characters and refuses certain words ("LINE"), and a
// refused sender fails the whole message — so the name is made acceptable
// here: the word LINE dropped, and a long name shortened at a word boundary
// with an ellipsis, never in the middle of a grapheme (a Thai vowel mark, an
// emoji with its modifiers or a flag stays whole).
import type { messagingApi } from "@line/bot-sdk";

/** LINE's limit. We count UTF-16 code units, which is never more lenient than LINE's count. */
export const SENDER_NAME_MAX = 20;

const ELLIPSIS = "…";
/** A word-boundary cut must keep at least this much of the room, or the grapheme cut reads better. */
const MIN_WORD_CUT = 8;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const words = new Intl.Segmenter(undefined, { granularity: "word" });

/** The name with LINE's forbidden word removed and whitespace collapsed. */
function cleaned(name: string): string {
  return name
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/\bLINE\b/gi, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[\s·:|\-–—,]+|[\s·:|\-–—,(]+$/g, "");
}

/** The longest prefix of `text` ending on a segment boundary that fits in `room` code units. */
function prefixOf(text: string, segmenter: Intl.Segmenter, room: number, wordsOnly: boolean): string {
  let end = 0;
  for (const s of segmenter.segment(text)) {
    const next = s.index + s.segment.length;
    if (next > room) break;
    // For words, a cut is good after a word (not in the middle of punctuation runs).
    if (!wordsOnly || s.isWordLike) end = next;
  }
  return text.slice(0, end);
}

/**
 * The display name LINE will accept: at most 20 UTF-16 code units, without
 * the word "LINE"; a longer name ends in "…" after the last whole word that
 * fits (or the last whole grapheme, when no word boundary keeps enough).
 * Returns "" when nothing is left.
 */
export function senderName(name: string): string {
  const clean = cleaned(name);
  if (clean.length <= SENDER_NAME_MAX) return clean;
  const room = SENDER_NAME_MAX - ELLIPSIS.length;
  const byWord = prefixOf(clean, words, room, true).trimEnd();
  const cut = byWord.length >= MIN_WORD_CUT ? byWord : prefixOf(clean, graphemes, room, false).trimEnd();
  return `${cut.replace(/[\s·:|\-–—,(]+$/, "")}${ELLIPSIS}`;
}

/** The `sender` for a message by this agent; none when the name leaves nothing LINE accepts. */
export function senderFor(agent: { name: string }): messagingApi.Sender | undefined {
  const name = senderName(agent.name);
  return name ? { name } : undefined;
}
