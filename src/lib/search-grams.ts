// Short-query search terms. FTS5's trigram index cannot match fewer than three
// characters, yet most Japanese and Chinese words are two (注文, 花子) and Thai
// has no spaces either. This turns a text into the terms of a second FTS5 index
// (conversation_search_short, unicode61 tokenizer) that can:
// - CJK, kana, Hangul, Thai, Lao, Khmer and Myanmar runs become their overlapping
//   two-character grams ("注文した" → 注文 文し した), so any 2-character piece of such
//   text is one term;
// - other words (Latin, digits, Cyrillic…) give their first two characters ("refund"
//   → re), so a 2-character Latin query finds words that start with it;
// - where a word meets such a run, the pair across the seam is a term too ("Tシャツ"
//   → tシ), so mixed queries work.
// Text is NFKC-normalised first (full-width ＡＢＣ → ABC, half-width ｶﾅ → カナ); the
// tokenizer folds case and Latin accents. Documents and queries go through the same
// function, so a query's terms are a phrase in any document containing it.

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const GRAM_SCRIPT = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;

/** True for characters of scripts written without spaces between words (they get 2-grams). */
function isGramChar(ch: string): boolean {
  return GRAM_SCRIPT.test(ch);
}

/** The terms of `text`, in text order (phrase queries rely on that order). */
export function shortSearchTerms(text: string): string[] {
  const terms: string[] = [];
  const chars = [...text.normalize("NFKC")];
  let i = 0;
  while (i < chars.length) {
    if (!WORD_CHAR.test(chars[i] ?? "")) {
      i++;
      continue;
    }
    let end = i;
    while (end < chars.length && WORD_CHAR.test(chars[end] ?? "")) end++;
    runTerms(chars.slice(i, end), terms);
    i = end;
  }
  return terms;
}

/** One run of word characters (no spaces or punctuation inside). */
function runTerms(run: string[], out: string[]): void {
  for (let i = 0; i < run.length; i++) {
    const ch = run[i] ?? "";
    const next = run[i + 1];
    const gram = isGramChar(ch);
    const startsWord = !gram && (i === 0 || isGramChar(run[i - 1] ?? ""));
    if (startsWord && next !== undefined && !isGramChar(next)) out.push(ch + next);
    // A pair inside a gram run, or across the seam between a word and a gram run.
    if (next !== undefined && (gram || isGramChar(next))) out.push(ch + next);
  }
}

/** The document text stored in the short-query index: its terms separated by spaces. */
export function shortSearchDocument(text: string): string {
  return shortSearchTerms(text).join(" ");
}

/**
 * The FTS5 MATCH expression for a short query (one phrase of its terms), or null when
 * it has none (e.g. one character, or only punctuation).
 */
export function shortSearchPhrase(query: string): string | null {
  const terms = shortSearchTerms(query);
  return terms.length ? `"${terms.join(" ")}"` : null;
}
