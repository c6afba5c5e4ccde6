// Every minute: each workspace with conversations waiting in a team queue asks
// its assigner to drain them. This is what assigns a queue when business hours
// open, and it catches up on any free-up whose event could not be handled.
import type { Bindings } from "../env";
import { drainQueues } from "./index";
import { workspacesWithQueue } from "./queries";

export async function drainAllQueues(env: Bindings): Promise<{ workspaces: number; assigned: number }> {
  const workspaces = await workspacesWithQueue(env.DB);
  let assigned = 0;
  const results = await Promise.allSettled(workspaces.map((id) => drainQueues(env, id)));
  for (const [i, r] of results.entries()) {
    if (r.status === "fulfilled") assigned += r.value.assigned ?? 0;
    else console.warn("assignment: drain failed", workspaces[i], r.reason instanceof Error ? r.reason.message : r.reason);
  }
  return { workspaces: workspaces.length, assigned };
}
