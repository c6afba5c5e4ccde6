// Who gets the next conversation: a pure choice among the team's agents who
// are online, with their current open counts. Round robin goes around the team
// in a fixed order (by user id) starting after the last agent it chose; least
// open takes the agent with the fewest open conversations, ties broken in the
// same round-robin order so equals share the work. Agents at capacity are
// skipped by both; nobody left means the conversation waits in the queue.
import type { AutoMode } from "./policy";

export interface Candidate {
  id: string;
  name: string;
  /** Open (open or follow-up) conversations assigned to them now. */
  open: number;
}

export interface PickInput {
  mode: AutoMode;
  capacity: number | null;
  candidates: Candidate[];
  /** The agent round robin chose last in this team (null: start at the beginning). */
  lastPicked: string | null;
  /** Never this agent (one who just gave the conversation back). */
  exclude?: string | null;
}

/** The candidates in round-robin order: sorted by id, rotated to start after `lastPicked`. */
export function rotation(candidates: Candidate[], lastPicked: string | null): Candidate[] {
  const sorted = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (lastPicked === null) return sorted;
  const start = sorted.findIndex((c) => c.id > lastPicked);
  return start <= 0 ? sorted : [...sorted.slice(start), ...sorted.slice(0, start)];
}

export function pickAgent(input: PickInput): Candidate | null {
  const free = rotation(input.candidates, input.lastPicked).filter((c) => c.id !== input.exclude && (input.capacity === null || c.open < input.capacity));
  if (input.mode === "round_robin") return free[0] ?? null;
  let best: Candidate | null = null;
  for (const c of free) if (best === null || c.open < best.open) best = c;
  return best;
}
