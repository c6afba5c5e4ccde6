// Where a conversation belongs: its workspace, channel and LINE source. These never
// change once the conversation exists (its id is derived from channel and source, and
// conversations are never moved or deleted), so a lookup is kept per isolate. A send
// through the REST API needs nothing else from D1: a bulk integration sending a hundred
// messages a second asked D1 a hundred times a second for the same few rows (issue 12's
// pacing profile). Status, assignee and the rest change: read them with findConversation.
import { eq } from "drizzle-orm";
import { db, schema } from "../db/client";

export interface ConversationRef {
  id: string;
  workspaceId: string;
  channelId: string;
  sourceType: "user" | "group" | "room" | "channel";
  sourceId: string;
}

/** Refs kept per isolate; the oldest go first beyond this. */
export const KEPT_REFS = 5_000;
const kept = new Map<string, ConversationRef>();

function keep(ref: ConversationRef): void {
  if (kept.size >= KEPT_REFS) {
    const oldest = kept.keys().next();
    if (!oldest.done) kept.delete(oldest.value);
  }
  kept.set(ref.id, ref);
}

/** The conversation's ref when it exists in `workspaceId`; null otherwise (another workspace's id looks like none). */
export async function findConversationRef(d1: D1Database, workspaceId: string, id: string): Promise<ConversationRef | null> {
  let ref = kept.get(id);
  if (!ref) {
    const c = schema.conversations;
    const row = await db(d1).select({ id: c.id, workspaceId: c.workspaceId, channelId: c.channelId, sourceType: c.sourceType, sourceId: c.sourceId }).from(c).where(eq(c.id, id)).get();
    if (!row) return null;
    ref = row;
    keep(ref);
  }
  return ref.workspaceId === workspaceId ? ref : null;
}
