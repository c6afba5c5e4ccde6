// The parts of an automated message linedesk fills in for the customer —
// {{next_open}} and {{wait}} — in the WORKSPACE's language (the language its
// admins write these messages in), never the reading agent's. What admins
// write themselves is sent exactly as written.
import type { LanguageCode } from "../lib/locales";
import { matchLanguage, type MessageKey, tIn } from "../ui/i18n";
import { formatLocal } from "./hours";

/** The workspace's language code as stored ("ja", "zh-TW"…), English when unknown. */
export function customerLanguage(workspaceLanguage: string | null | undefined): LanguageCode {
  return (workspaceLanguage ? matchLanguage(workspaceLanguage) : null) ?? "en";
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * {{next_open}}: when the channel opens, in its own time zone — "11/19 (Thu) 09:00"
 * in English (as always), "11/19(木) 09:00", "พฤ. 19/11 09:00"… through Intl in
 * other languages; "soon" (or its translation) when no opening is in sight.
 */
export function nextOpenText(at: number | null, timeZone: string, language: LanguageCode): string {
  if (at === null) return tIn(language, "automation.customer.soon");
  if (language === "en") return formatLocal(at, timeZone);
  const key = `${language}|${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language, { timeZone, month: "numeric", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    if (formats.size > 200) formats.clear();
    formats.set(key, f);
  }
  return f.format(at);
}

const plurals = new Map<LanguageCode, Intl.PluralRules>();

function plural(language: LanguageCode, key: "automation.customer.wait.minutes" | "automation.customer.wait.hours", count: number): string {
  let rules = plurals.get(language);
  if (!rules) plurals.set(language, (rules = new Intl.PluralRules(language)));
  return tIn(language, `${key}.${rules.select(count) === "one" ? "one" : "other"}` as MessageKey, { count });
}

/** {{wait}}: "less than a minute", "about 5 minutes", "about 2 hours"; unknown → "a few minutes". */
export function waitText(ms: number | null, language: LanguageCode): string {
  if (ms === null) return tIn(language, "automation.customer.wait.unknown");
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return tIn(language, "automation.customer.wait.underMinute");
  if (minutes < 60) return plural(language, "automation.customer.wait.minutes", minutes);
  return plural(language, "automation.customer.wait.hours", Math.round(minutes / 60));
}
