// Loop protection. Automations only ever answer customers' inbound messages
// and follows (never agent or automated messages, never standby), but another
// bot in a group, or a customer's auto-responder, can answer our answer and
// trigger us again. So: a message that repeats one of our own recent texts is
// an echo and triggers nothing, and each conversation has a budget of
// automated messages per window (per rule and overall). Past it, automation
// pauses for the window and says so once in the thread.
import { normalizeText } from "./match";
import type { AutomationState } from "./state";

export const LOOP_WINDOW_MS = 10 * 60_000;
/** Automated messages (parts) per conversation per window. */
export const MAX_PARTS_PER_WINDOW = 10;
/** Times one rule may answer one conversation per window. */
export const MAX_RULE_PER_WINDOW = 3;

export interface GuardedPart {
  name: string;
  texts: string[];
}

/** Echo comparison looks at this many characters (keeps the stored state small). */
const ECHO_CHARS = 500;
const echoKey = (text: string) => normalizeText(text).slice(0, ECHO_CHARS);

function prune(state: AutomationState, now: number): void {
  state.recent = state.recent.filter((r) => now - r.at < LOOP_WINDOW_MS);
}

/** True when `text` is one of our own automated texts from the last window coming back. */
export function isEcho(state: AutomationState, text: string, now: number): boolean {
  const t = echoKey(text);
  if (!t) return false;
  return state.recent.some((r) => now - r.at < LOOP_WINDOW_MS && r.texts.includes(t));
}

/**
 * Keeps the parts the budget allows (in order) and records them. `paused` is
 * true when something was held back and the thread has not been told in this window.
 */
export function admit<P extends GuardedPart>(state: AutomationState, parts: P[], now: number): { admitted: P[]; paused: boolean } {
  prune(state, now);
  const perRule = new Map<string, number>();
  let total = 0;
  for (const r of state.recent) {
    for (const name of r.rules) {
      perRule.set(name, (perRule.get(name) ?? 0) + 1);
      total++;
    }
  }
  const admitted: P[] = [];
  let held = false;
  for (const part of parts) {
    const used = perRule.get(part.name) ?? 0;
    if (total >= MAX_PARTS_PER_WINDOW || used >= MAX_RULE_PER_WINDOW) {
      held = true;
      continue;
    }
    perRule.set(part.name, used + 1);
    total++;
    admitted.push(part);
  }
  if (admitted.length) state.recent.push({ at: now, rules: admitted.map((p) => p.name), texts: admitted.flatMap((p) => p.texts.map(echoKey)).filter(Boolean) });
  const paused = held && (state.pausedAt === null || now - state.pausedAt >= LOOP_WINDOW_MS);
  if (paused) state.pausedAt = now;
  return { admitted, paused };
}
