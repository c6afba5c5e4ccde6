// How a subscription's state reads in the list and on its page: a status tag,
// and the last delivery in words.
import type { FC } from "hono/jsx";
import { timeAgo } from "../../settings/views/form-bits";
import type { Subscription } from "../subscriptions";

type State = "active" | "failing" | "off" | "auto-off";

export function stateOf(sub: Pick<Subscription, "enabled" | "disabledBy" | "consecutiveFailures">): State {
  if (!sub.enabled) return sub.disabledBy ? "auto-off" : "off";
  return sub.consecutiveFailures > 0 ? "failing" : "active";
}

const LABELS: Record<State, string> = { active: "Active", failing: "Failing", off: "Off", "auto-off": "Switched off" };

export const StatusTag: FC<{ sub: Pick<Subscription, "enabled" | "disabledBy" | "consecutiveFailures"> }> = ({ sub }) => {
  const state = stateOf(sub);
  return <span class={`wh-status wh-status--${state}`}>{LABELS[state]}</span>;
};

/** "Last delivery 5 minutes ago · HTTP 200", "Never delivered yet"... */
export function lastDelivery(sub: Pick<Subscription, "lastAttemptAt" | "lastStatusCode" | "lastOutcome">, now: number): string {
  if (sub.lastAttemptAt === null) return "No deliveries yet";
  const code = sub.lastStatusCode === null ? "no response" : `HTTP ${sub.lastStatusCode}`;
  const what = sub.lastOutcome === "delivered" ? "Last delivered" : "Last attempt";
  return `${what} ${timeAgo(sub.lastAttemptAt, now)} · ${code}`;
}

/** "Failing since 3 hours ago (4 attempts in a row)". */
export function failingText(sub: Pick<Subscription, "failingSince" | "consecutiveFailures">, now: number): string | null {
  if (sub.failingSince === null || sub.consecutiveFailures === 0) return null;
  return `Failing since ${timeAgo(sub.failingSince, now)} (${sub.consecutiveFailures} attempt${sub.consecutiveFailures === 1 ? "" : "s"} in a row)`;
}
