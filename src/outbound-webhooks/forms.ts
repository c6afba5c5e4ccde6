// Validation at the settings routes' edge: the subscription form (URL, label,
// events), path parameters and the log's cursor. Webhook URLs must be HTTPS
// and public; http://localhost and 127.0.0.1 are accepted only when the
// SIMULATOR is on, for local testing.
import { z } from "zod";
import { isSubscribable } from "./catalog";
import { t } from "../ui/i18n";

export const URL_MAX = 2000;
export const DESCRIPTION_MAX = 100;

const id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{20}$`));
export const subscriptionParam = z.object({ id: id("wh") });
export const deliveryParam = z.object({ id: id("wh"), deliveryId: id("whd") });
export const cursorQuery = z.object({ cursor: z.string().max(600).optional() });

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Private, loopback, link-local and other addresses the public internet cannot reach. */
function isPrivateHost(host: string): boolean {
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal")) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  if (host.startsWith("[")) {
    const v6 = host.slice(1, -1).toLowerCase();
    return v6 === "::" || v6 === "::1" || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith("::ffff:");
  }
  return false;
}

/**
 * Checks a webhook URL; returns the normalized URL (no #fragment) or the
 * message the form shows under the field.
 */
export function checkWebhookUrl(raw: string, allowLocal: boolean): { url: string } | { error: string } {
  const text = raw.trim();
  if (!text) return { error: t("settings.webhooks.url.missing") };
  if (text.length > URL_MAX) return { error: t("settings.webhooks.url.tooLong", { max: URL_MAX }) };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: t("settings.webhooks.url.invalid") };
  }
  const local = LOOPBACK.has(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowLocal && local)) {
    return { error: allowLocal ? t("settings.webhooks.url.httpsLocal") : t("settings.webhooks.url.https") };
  }
  if (url.username || url.password) return { error: t("settings.webhooks.url.credentials") };
  if (!(allowLocal && local)) {
    if (isPrivateHost(url.hostname)) return { error: t("settings.webhooks.url.private") };
    if (!url.hostname.includes(".") && !url.hostname.startsWith("[")) return { error: t("settings.webhooks.url.hostName") };
  }
  url.hash = "";
  return { url: url.toString() };
}

const eventList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(
    z
      .array(z.string().refine(isSubscribable, { error: () => t("settings.webhooks.form.eventUnknown") }))
      .min(1, { error: () => t("settings.webhooks.form.eventMissing") })
      .transform((types) => [...new Set(types)]),
  );

/** The form; `url` is checked by checkWebhookUrl (it depends on the SIMULATOR setting). */
export function subscriptionForm(allowLocal: boolean) {
  return z.object({
    url: z
      .string({ error: () => t("settings.webhooks.url.missing") })
      .transform((text, ctx) => {
        const checked = checkWebhookUrl(text, allowLocal);
        if ("error" in checked) {
          ctx.addIssue({ code: "custom", message: checked.error });
          return z.NEVER;
        }
        return checked.url;
      }),
    description: z
      .string()
      .optional()
      .transform((text) => (text ?? "").trim())
      .pipe(z.string().max(DESCRIPTION_MAX, { error: () => t("settings.webhooks.form.descriptionTooLong", { max: DESCRIPTION_MAX }) })),
    events: eventList,
  });
}

export interface SubscriptionFormValues {
  url: string;
  description: string;
  events: string[];
}

/** What was submitted, to put back into a form that failed validation. */
export function submittedValues(body: Record<string, string | File | (string | File)[]>): SubscriptionFormValues {
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const events = body.events;
  return { url: text(body.url), description: text(body.description), events: (Array.isArray(events) ? events : [events]).filter((e): e is string => typeof e === "string") };
}
