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
  const ids = new Map<string, DurableObjectId>();
  const entries: SpoolEntry[] = groups.map(({ key, events }) => {
    const name = conversationKeyName(key);
    const id = ns.idFromName(name);
    ids.set(name, id);
    const conversation: ConversationMeta = { id: id.toString(), channelId: channel.id, workspaceId: channel.workspaceId, source: key.source };
    return { name, input: { conversation, events } };
  });
  if (entries.length <= DIRECT_MAX_CONVERSATIONS) {
    await forEachBounded(entries, DIRECT_CONCURRENCY, (e) => ns.get(ids.get(e.name) ?? ns.idFromName(e.name)).ingest(e.input));
    return "direct";
  }
  const spool = env.INGEST_SPOOL.get(env.INGEST_SPOOL.idFromName(channel.id));
  await spool.accept(entries);
  return "spooled";
}
