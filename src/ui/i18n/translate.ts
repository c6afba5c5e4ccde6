// t() and friends: the current person's language (see context.ts) picks the
// catalog; `{name}` placeholders are filled from params (numbers formatted for
// the locale); plural keys end in `.one` / `.other` and are chosen with
// Intl.PluralRules. A key is typed, so a misspelt key fails the typecheck, and
// every language must have every key (messages/*/index.ts, test/ui/i18n.test.ts).
import type { LanguageCode } from "../../lib/locales";
import { CATALOGS } from "./catalog";
import { localeContext } from "./context";
import type { MessageKey, PluralKey } from "./messages/types";

export type { MessageKey, PluralKey };
export type Params = Record<string, string | number>;

const numberFormats = new Map<LanguageCode, Intl.NumberFormat>();
const pluralRules = new Map<LanguageCode, Intl.PluralRules>();

function numberFormat(locale: LanguageCode): Intl.NumberFormat {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale)));
  return f;
}

function fill(template: string, params: Params | undefined, locale: LanguageCode): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? numberFormat(locale).format(value) : value;
  });
}

/** The message for `key` in the current language (English if a catalog lacks it), with params filled in. */
export function t(key: MessageKey, params?: Params): string {
  const { locale } = localeContext();
  return fill(CATALOGS[locale][key] ?? CATALOGS.en[key], params, locale);
}

/** A message in a given language, outside the current context (e.g. LINE texts in the customer's language). */
export function tIn(locale: LanguageCode, key: MessageKey, params?: Params): string {
  return fill(CATALOGS[locale][key] ?? CATALOGS.en[key], params, locale);
}

/** The plural form of `key` for `count` (`{count}` is filled in too): "1 conversation", "3 conversations". */
export function tn(key: PluralKey, count: number, params?: Params): string {
  const { locale } = localeContext();
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  const form = rules.select(count) === "one" ? "one" : "other";
  const full = `${key}.${form}` as MessageKey;
  return fill(CATALOGS[locale][full] ?? CATALOGS.en[full], { count, ...params }, locale);
}

/** A number in the current locale: 1,234 / 1.234. */
export function formatNumber(value: number): string {
  return numberFormat(localeContext().locale).format(value);
}

/** The `js.*` messages of the current language, for the browser scripts (rendered as JSON by the layout). */
export function clientMessages(): Record<string, string> {
  const { locale } = localeContext();
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(CATALOGS.en)) {
    if (key.startsWith("js.")) out[key.slice(3)] = CATALOGS[locale][key as MessageKey] ?? value;
  }
  return out;
}
