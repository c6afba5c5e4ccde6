// Inactivity auto-resolve: an open conversation whose last word is an agent's
// answer is resolved N hours after that answer if the customer says nothing
// more. The timer is the automation listener's timer on the conversation's
// alarm (set when an agent answer is observed); the cron sweep only finds
// conversations whose timer was never set. Snoozed and follow-up conversations
// are left alone.
import type { ConversationPort, TimerRef } from "../conversations/port";
import { observeThread, recordObservation } from "./observe";
import { type AutomationSettings, loadChannelAutomation } from "./settings";
import { type AutomationState, AUTOMATION_LISTENER, AUTOMATION_NAME, loadState, saveState } from "./state";

const HOUR_MS = 3_600_000;
export const AUTO_RESOLVE_TIMER: TimerRef = { listener: AUTOMATION_LISTENER, key: "auto-resolve" };

/** When the conversation should be resolved, or null when it should not be. */
export function autoResolveDue(settings: Pick<AutomationSettings, "autoResolveEnabled" | "autoResolveHours">, state: AutomationState): number | null {
  if (!settings.autoResolveEnabled || state.lastAgentAt === null || state.awaitingSince !== null) return null;
  return state.lastAgentAt + settings.autoResolveHours * HOUR_MS;
}

/** (Re)sets the conversation's auto-resolve timer to the current due time, or clears it. */
export function scheduleAutoResolve(port: ConversationPort, settings: Pick<AutomationSettings, "autoResolveEnabled" | "autoResolveHours">, state: AutomationState): void {
  const due = port.summary().triage.status === "open" ? autoResolveDue(settings, state) : null;
  if (port.timerAt(AUTO_RESOLVE_TIMER) === due) return;
  if (due === null) port.clearTimer(AUTO_RESOLVE_TIMER);
  else port.setTimer(AUTO_RESOLVE_TIMER, due);
}

/**
 * Resolves the conversation when its time has come (`now` from the alarm or the
 * cron), re-arming the timer when an agent answered again since. Returns whether it resolved.
 */
export async function autoResolveIfDue(d1: D1Database, port: ConversationPort, now: number): Promise<boolean> {
  const summary = port.summary();
  if (summary.triage.status !== "open") return false;
  const config = await loadChannelAutomation(d1, summary.channelId);
  if (!config) return false;
  const state = loadState(port);
  const found = observeThread(port, state);
  await recordObservation(d1, port, state, found);
  saveState(port, state);
  const due = autoResolveDue(config.settings, state);
  if (due === null) return false;
  if (due > now) {
    scheduleAutoResolve(port, config.settings, state);
    return false;
  }
  port.clearTimer(AUTO_RESOLVE_TIMER);
  const hours = config.settings.autoResolveHours;
  await port.triage({ kind: "status", status: "resolved" }, { id: null, name: `${AUTOMATION_NAME} (no reply for ${hours} h)`, origin: { kind: "automation", rule: "auto-resolve" } });
  return true;
}
