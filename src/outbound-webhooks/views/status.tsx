// How a subscription's state reads in the list and on its page: a status tag,
// and the last delivery in words.
import type { FC } from "hono/jsx";
import { timeAgo } from "../../settings/views/form-bits";
import type { Subscription } from "../subscriptions";
import { t, tn } from "../../ui/i18n";

type State = "active" | "failing" | "off" | "auto-off";

export function stateOf(sub: Pick<Subscription, "enabled" | "disabledBy" | "consecutiveFailures">): State {
  if (!sub.enabled) return sub.disabledBy ? "auto-off" : "off";
  return sub.consecutiveFailures > 0 ? "failing" : "active";
}


export const StatusTag: FC<{ sub: Pick<Subscription, "enabled" | "disabledBy" | "consecutiveFailures"> }> = ({ sub }) => {
  const state = stateOf(sub);
  return <span class={`wh-status wh-status--${state}`}>{t(`settings.webhooks.state.${state}`)}</span>;
};

/** "Last delivery 5 minutes ago · HTTP 200", "Never delivered yet"... */
export function lastDelivery(sub: Pick<Subscription, "lastAttemptAt" | "lastStatusCode" | "lastOutcome">, now: number): string {
  if (sub.lastAttemptAt === null) return t("settings.webhooks.noDeliveries");
  const code = sub.lastStatusCode === null ? t("settings.webhooks.noResponseLower") : `HTTP ${sub.lastStatusCode}`;
  const when = timeAgo(sub.lastAttemptAt, now);
  return `${sub.lastOutcome === "delivered" ? t("settings.webhooks.lastDelivered", { when }) : t("settings.webhooks.lastAttempt", { when })} · ${code}`;
}

/** "Failing since 3 hours ago (4 attempts in a row)". */
export function failingText(sub: Pick<Subscription, "failingSince" | "consecutiveFailures">, now: number): string | null {
  if (sub.failingSince === null || sub.consecutiveFailures === 0) return null;
  return tn("settings.webhooks.failingSince", sub.consecutiveFailures, { when: timeAgo(sub.failingSince, now) });
}
