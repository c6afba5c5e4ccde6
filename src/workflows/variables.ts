// {{variables}} in workflow texts: contact.name, contact.language,
// contact.customerId, contact.field.<key>, conversation.id, conversation.url,
// answers.<name> (also answer.<name>), secret.<NAME> (HTTP steps only), and
// base64:<variable> (for HTTP Basic credentials). How a value is written
// depends on where: as is (messages, headers), URL-encoded (URLs) or
// JSON-escaped inside a string (JSON bodies).
import { toBase64 } from "../lib/crypto";

export interface VariableValues {
  contact: { name: string | null; language: string | null; id: string | null; fields: Record<string, string> };
  conversation: { id: string; url: string };
  answers: Record<string, string>;
  secrets?: Record<string, string>;
}

const PATTERN = /\{\{\s*(base64:)?([a-zA-Z][a-zA-Z0-9_.-]*)\s*\}\}/g;

/** The secret names a template uses. */
export function secretsUsed(...templates: Array<string | undefined>): string[] {
  const names = new Set<string>();
  for (const text of templates) for (const m of (text ?? "").matchAll(PATTERN)) if (m[2]?.startsWith("secret.")) names.add(m[2].slice(7));
  return [...names];
}

function lookup(key: string, v: VariableValues): string | null {
  if (key === "contact.name") return v.contact.name;
  if (key === "contact.language") return v.contact.language;
  if (key === "contact.customerId" || key === "contact.id") return v.contact.id;
  if (key.startsWith("contact.field.")) return v.contact.fields[key.slice(14)] ?? null;
  if (key === "conversation.id") return v.conversation.id;
  if (key === "conversation.url") return v.conversation.url;
  if (key.startsWith("answers.")) return v.answers[key.slice(8)] ?? null;
  if (key.startsWith("answer.")) return v.answers[key.slice(7)] ?? null;
  if (key.startsWith("secret.")) return v.secrets?.[key.slice(7)] ?? null;
  return null;
}

export type Encoding = "text" | "url" | "json";

/** Fills the template; unknown or empty variables become empty text. */
export function fill(template: string, v: VariableValues, encoding: Encoding = "text"): string {
  return template.replace(PATTERN, (_whole, b64: string | undefined, key: string) => {
    let value = lookup(key, v) ?? "";
    if (b64) value = toBase64(new TextEncoder().encode(value));
    // Secrets are the admin's own (a base URL, a subdomain): as written; customers' values are encoded.
    if (encoding === "url") return key.startsWith("secret.") ? value.trim() : encodeURIComponent(value);
    if (encoding === "json") return JSON.stringify(value).slice(1, -1);
    return value.replace(/[\r\n]+/g, encoding === "text" ? "\n" : " ");
  });
}

/** Header values never carry line breaks (no header injection through a customer's answer). */
export function fillHeader(template: string, v: VariableValues): string {
  return fill(template, v, "text").replace(/[\r\n]+/g, " ").trim();
}
