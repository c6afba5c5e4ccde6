// Inactivity auto-resolve: an open conversation whose last word is an agent's
// answer is resolved N hours after that answer if the customer says nothing
// more. The timer is the conversation's own outbox job on its alarm (set when
// an agent answer is observed); the cron sweep only finds conversations whose
// timer was never set. Snoozed and follow-up conversations are left alone.
import type { JobResult } from "../conversations/outbox-jobs";
import type { ConversationRuntime } from "../conversations/runtime";
import { applyTriage } from "../conversations/triage";
import { newId } from "../lib/ids";
import { observeThread, recordObservation } from "./observe";
import { type AutomationSettings, loadChannelAutomation } from "./settings";
import { type AutomationState, AUTOMATION_NAME, loadState, saveState } from "./state";

const HOUR_MS = 3_600_000;
const JOB_PREFIX = "auto-resolve:";

/** When the conversation should be resolved, or null when it should not be. */
export function autoResolveDue(settings: Pick<AutomationSettings, "autoResolveEnabled" | "autoResolveHours">, state: AutomationState): number | null {
  if (!settings.autoResolveEnabled || state.lastAgentAt === null || state.awaitingSince !== null) return null;
  return state.lastAgentAt + settings.autoResolveHours * HOUR_MS;
}

interface ResolveTimer {
  id: string;
  due: number;
}

/**
 * (Re)sets the conversation's auto-resolve job to the current due time. Each
 * timer gets an id of its own: a job re-arming itself must not reuse the id the
 * outbox deletes when that job returns.
 */
export function scheduleAutoResolve(rt: ConversationRuntime, settings: Pick<AutomationSettings, "autoResolveEnabled" | "autoResolveHours">, state: AutomationState): void {
  const due = rt.triage().status === "open" ? autoResolveDue(settings, state) : null;
  const current = rt.store.getMeta<ResolveTimer>("automationResolveTimer");
  if (current?.due === due) return;
  if (current) rt.store.finishJob(current.id);
  if (due === null) {
    rt.store.setMeta("automationResolveTimer", null);
    return;
  }
  const id = `${JOB_PREFIX}${newId("job")}`;
  rt.store.enqueue(id, "auto-resolve", {}, due);
  rt.store.setMeta("automationResolveTimer", { id, due } satisfies ResolveTimer);
}

/**
 * Resolves the conversation when its time has come (`now` from the alarm or the
 * cron), re-arming the timer when an agent answered again since. Returns whether it resolved.
 */
export async function autoResolveIfDue(rt: ConversationRuntime, now: number): Promise<boolean> {
  const meta = rt.meta();
  if (!meta || rt.triage().status !== "open") return false;
  const config = await loadChannelAutomation(rt.env.DB, meta.channelId);
  if (!config) return false;
  const state = loadState(rt);
  const found = observeThread(rt, state);
  await recordObservation(rt, state, found);
  saveState(rt, state);
  const due = autoResolveDue(config.settings, state);
  if (due === null) return false;
  if (due > now) {
    scheduleAutoResolve(rt, config.settings, state);
    await rt.scheduleAlarm();
    return false;
  }
  rt.store.setMeta("automationResolveTimer", null);
  const hours = config.settings.autoResolveHours;
  await applyTriage(rt, { kind: "status", status: "resolved" }, { id: null, name: `${AUTOMATION_NAME} (no reply for ${hours} h)`, origin: { kind: "automation", rule: "auto-resolve" } });
  return true;
}

/** The outbox job: the alarm found the timer due (the outbox deletes this job when it returns). */
export async function autoResolveJob(rt: ConversationRuntime): Promise<JobResult> {
  rt.store.setMeta("automationResolveTimer", null);
  await autoResolveIfDue(rt, Date.now());
  return {};
}
