// Handing a verified webhook body to its conversations before the ack. A body
// for a few conversations (almost every body) goes straight to their
// ConversationDOs, a bounded number at once; a body for many conversations is
// stored whole in the channel's IngestSpoolDO (one durable write) and fanned
// out from there, so LINE gets its 200 well within 2 s either way.
import type { ConversationMeta } from "../conversations/conversation-do";
import type { SpoolEntry } from "../conversations/ingest-spool";
import { conversationKeyName, type ConversationKey } from "../conversations/model";
import type { Bindings } from "../env";
import type { ParsedEvent } from "../line/webhook-schema";
import { forEachBounded } from "../lib/bounded";

/** Bodies touching more conversations than this are spooled. */
export const DIRECT_MAX_CONVERSATIONS = 16;
/** Direct hand-offs in flight at once. */
export const DIRECT_CONCURRENCY = 8;

export interface ConversationGroup {
  key: ConversationKey;
  events: ParsedEvent[];
}

/** Resolves only once every event is durably stored (in its conversation, or in the spool). */
export async function handToConversations(env: Bindings, channel: { id: string; workspaceId: string }, groups: ConversationGroup[]): Promise<"direct" | "spooled"> {
  const ns = env.CONVERSATIONS;
  const targets = groups.map(({ key, events }) => {
    const name = conversationKeyName(key);
    const id = ns.idFromName(name);
    const conversation: ConversationMeta = { id: id.toString(), channelId: channel.id, workspaceId: channel.workspaceId, source: key.source };
    const entry: SpoolEntry = { name, input: { conversation, events } };
    return { id, entry };
  });
  if (targets.length <= DIRECT_MAX_CONVERSATIONS) {
    await forEachBounded(targets, DIRECT_CONCURRENCY, (t) => ns.get(t.id).ingest(t.entry.input));
    return "direct";
  }
  const spool = env.INGEST_SPOOL.get(env.INGEST_SPOOL.idFromName(channel.id));
  await spool.accept(targets.map((t) => t.entry));
  return "spooled";
}
