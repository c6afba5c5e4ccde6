// Picking a UI language from what the browser asks for (Accept-Language).
import { LANGUAGE_CODES, type LanguageCode } from "../../lib/locales";

/** Maps a BCP 47 tag to one of our languages, or null: zh-HK/zh-Hant → zh-TW, zh/zh-Hans → zh-CN, ja-JP → ja. */
export function matchLanguage(tag: string): LanguageCode | null {
  const lower = tag.trim().toLowerCase();
  if (!lower || lower === "*") return null;
  const exact = LANGUAGE_CODES.find((c) => c.toLowerCase() === lower);
  if (exact) return exact;
  const [base, ...rest] = lower.split("-");
  if (base === "zh") {
    const traditional = rest.some((r) => r === "tw" || r === "hk" || r === "mo" || r === "hant");
    return traditional ? "zh-TW" : "zh-CN";
  }
  if (base === "in") return "id"; // the old code for Indonesian
  return LANGUAGE_CODES.find((c) => c === base) ?? null;
}

/** The best of our languages for an Accept-Language header (by q), else null. */
export function negotiateLanguage(header: string | undefined | null): LanguageCode | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .slice(0, 20)
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranked) {
    const match = matchLanguage(r.tag);
    if (match) return match;
  }
  return null;
}
