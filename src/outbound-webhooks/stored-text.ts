// Texts that outbound webhooks store in D1 — why an endpoint was switched off, and
// why an attempt failed — are written in English (the audit log and logs read them
// as they are). The pages show them in the reader's language: each English text is
// made here, and read back here into a translated sentence. Anything else stored
// (an older wording, a network library's message) is shown as it is.
import { t, tn } from "../ui/i18n";

export const stored = {
  switchedOffByAdmin: () => "Switched off by an admin",
  gone: () => "The endpoint answered 410 Gone",
  failing: (attempts: number) => `Every delivery failed for more than 24 hours (${attempts} attempts in a row)`,
  redirected: (status: number) => `Redirected (${status}); redirects are not followed: use the final URL`,
  timeout: (seconds: number) => `No answer within ${seconds} s`,
  couldNotConnect: (detail: string) => `Could not connect: ${detail}`,
  notSent: () => "Not sent: the webhook is switched off",
};

/** Why an endpoint was switched off, in the reader's language. */
export function disabledReasonText(reason: string | null): string {
  if (!reason) return "";
  if (reason === stored.switchedOffByAdmin()) return t("settings.webhooks.reason.admin");
  if (reason === stored.gone()) return t("settings.webhooks.reason.gone");
  const failing = /^Every delivery failed for more than 24 hours \((\d+) attempts in a row\)$/.exec(reason);
  if (failing?.[1]) return tn("settings.webhooks.reason.failing", Number(failing[1]));
  return reason;
}

/** Why an attempt failed, in the reader's language ("HTTP 500" reads the same everywhere). */
export function deliveryErrorText(error: string): string {
  if (error === stored.notSent()) return t("settings.webhooks.error.notSent");
  const timeout = /^No answer within (\d+) s$/.exec(error);
  if (timeout?.[1]) return t("settings.webhooks.error.timeout", { seconds: Number(timeout[1]) });
  const redirected = /^Redirected \((\d{3})\); redirects are not followed: use the final URL$/.exec(error);
  if (redirected?.[1]) return t("settings.webhooks.error.redirected", { status: redirected[1] });
  const connect = /^Could not connect: ([\s\S]*)$/.exec(error);
  if (connect) return t("settings.webhooks.error.connect", { detail: connect[1] ?? "" });
  return error;
}
