// Keyword matching as LINE's Official Account Manager does it, and more: input
// and keywords are compared after NFKC normalisation and case folding (so
// full-width ＨＥＬＰ, half-width ｶﾀｶﾅ and Help all meet their plain forms),
// with exact (LINE's "100% match"), contains, starts-with and regex modes.
import { t } from "../ui/i18n";
import { compilePattern, PatternError, type SafePattern } from "./safe-regex";

export type MatchMode = "exact" | "contains" | "starts_with" | "regex";
export const MATCH_MODES: readonly MatchMode[] = ["exact", "contains", "starts_with", "regex"];
/** "Exact match", "完全一致"… in the reader's language. */
export const matchModeLabel = (mode: MatchMode): string => t(`automation.match.${mode}`);

/** Customer input longer than this is only matched on its beginning (size budget). */
export const MATCH_INPUT_MAX = 1000;

/** NFKC + lower case + collapsed whitespace: how both sides are compared. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

export interface MatchableRule {
  keywords: string[];
  matchMode: MatchMode;
}

const patterns = new Map<string, SafePattern | null>();

function pattern(source: string): SafePattern | null {
  if (!patterns.has(source)) {
    if (patterns.size > 500) patterns.clear();
    try {
      patterns.set(source, compilePattern(source));
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      patterns.set(source, null); // validated on save; a bad stored pattern never matches
    }
  }
  return patterns.get(source) ?? null;
}

/** The keyword of `rule` that `text` matches, or null. */
export function matchKeyword(rule: MatchableRule, text: string): string | null {
  const input = normalizeText([...text].slice(0, MATCH_INPUT_MAX).join(""));
  if (!input) return null;
  for (const keyword of rule.keywords) {
    if (rule.matchMode === "regex") {
      if (pattern(keyword)?.test(input)) return keyword;
      continue;
    }
    const k = normalizeText(keyword);
    if (!k) continue;
    if (rule.matchMode === "exact" ? input === k : rule.matchMode === "starts_with" ? input.startsWith(k) : input.includes(k)) return keyword;
  }
  return null;
}

/** Null when the pattern is usable, else the reason (for the settings form). */
export function patternProblem(source: string): string | null {
  try {
    compilePattern(source);
    return null;
  } catch (error) {
    if (error instanceof PatternError) return error.message;
    throw error;
  }
}
