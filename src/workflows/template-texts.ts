// The shipped templates' customer texts in the customer's language: a text (or
// choice label) still exactly as a template wrote it is sent translated with
// tIn(); once an admin edits it, it goes out as written.
import { matchLanguage, type MessageKey, tIn } from "../ui/i18n";

export const TEMPLATE_TEXT_KEYS = [
  "workflows.tpl.faq.menu",
  "workflows.tpl.faq.optHours",
  "workflows.tpl.faq.optShipping",
  "workflows.tpl.faq.optHuman",
  "workflows.tpl.faq.hours",
  "workflows.tpl.faq.shipping",
  "workflows.tpl.faq.human",
  "workflows.tpl.routing.language",
  "workflows.tpl.routing.thanks",
  "workflows.tpl.sales.tell",
] as const satisfies readonly MessageKey[];
export type TemplateTextKey = (typeof TEMPLATE_TEXT_KEYS)[number];

/** A template's text as shipped (English, as stored in a new draft). */
export const shipped = (key: TemplateTextKey): string => tIn("en", key);

let byText: Map<string, TemplateTextKey> | null = null;

/** `text` in `language` when it is a shipped template text left unchanged; otherwise `text`. */
export function customerText(text: string, language: string | null | undefined): string {
  byText ??= new Map(TEMPLATE_TEXT_KEYS.map((key) => [shipped(key), key]));
  const key = byText.get(text);
  const locale = language ? matchLanguage(language) : null;
  return key && locale && locale !== "en" ? tIn(locale, key) : text;
}
