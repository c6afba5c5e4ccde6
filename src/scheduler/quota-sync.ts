// Hourly: re-reads every channel's monthly message quota from LINE so the
// badge stays right even when nobody pushes (usage from other tools, the new month).
import type { Bindings } from "../env";
import { syncAllQuotas } from "../quota/service";

export function syncChannelQuotas(env: Bindings, now: number): Promise<{ synced: number; failed: number }> {
  return syncAllQuotas(env, now);
}
