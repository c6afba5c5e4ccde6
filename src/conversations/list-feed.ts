// The conversation's inbox list row: built from the object's own state (what the D1
// index row holds), and pushed to every open inbox of the workspace (WorkspaceDO).
// The index writer publishes it after each D1 write; while a busy conversation's
// write waits for its batch (runtime.ts AFTER_ACK_INTERVAL_MS), a customer's message
// is announced at ingest instead, so open inboxes see it at once.
import { listItem } from "../ui/conversation-row";
import { type ConversationStatus, previewText, type ThreadMessage, type TriageState } from "./model";
import type { ConversationRuntime } from "./runtime";

export function bucketOf(status: ConversationStatus): "active" | "snoozed" | "resolved" {
  return status === "snoozed" || status === "resolved" ? status : "active";
}

/** The D1 index row (conversations) as this conversation's state has it. */
export type IndexRow = ReturnType<typeof rowOf>;

export interface ListRow {
  row: IndexRow;
  /** The last thing said (the list shows it, not the last system line). */
  lastSaid: ThreadMessage;
  assigneeName: string | null;
}

/** The row as the conversation's state has it now; null before its first message. */
export function listRow(rt: ConversationRuntime, contactId: string | null, now = Date.now()): ListRow | null {
  const latest = rt.store.latest();
  if (!latest) return null;
  const lastSaid = rt.store.latestConversational() ?? latest;
  const triage = rt.triage();
  return { row: rowOf(rt, triage, latest, lastSaid, contactId, now), lastSaid, assigneeName: triage.assigneeName };
}

function rowOf(rt: ConversationRuntime, triage: TriageState, latest: ThreadMessage, lastSaid: ThreadMessage, contactId: string | null, now: number) {
  const meta = rt.requireMeta();
  const { store } = rt;
  const source = meta.source;
  const sourceId = source.type === "user" ? source.userId ?? "" : source.type === "group" ? source.groupId : source.type === "room" ? source.roomId : meta.channelId;
  const profile = source.type === "user" && source.userId ? store.member(source.userId) : null;
  const title =
    source.type === "user"
      ? profile?.displayName ?? `LINE user …${sourceId.slice(-4)}`
      : source.type === "group"
        ? "Group chat"
        : source.type === "room"
          ? "Multi-person chat"
          : "Channel events";
  const sla = store.getMeta("slaIndex");
  return {
    id: meta.id,
    workspaceId: meta.workspaceId,
    channelId: meta.channelId,
    sourceType: source.type,
    sourceId,
    contactId,
    title,
    pictureUrl: profile?.pictureUrl ?? null,
    status: triage.status,
    bucket: bucketOf(triage.status),
    assigneeId: triage.assigneeId,
    teamId: triage.teamId,
    priority: triage.priority,
    pinned: triage.pinned ? 1 : 0,
    snoozedUntil: triage.snoozedUntil,
    lastMessagePreview: previewText(lastSaid.unsent ? { type: "event", event: "unsend", text: "Message unsent" } : lastSaid.body),
    lastMessageDirection: lastSaid.direction === "note" ? ("system" as const) : lastSaid.direction,
    lastActivityAt: lastSaid.createdAt,
    unreadCount: store.getMeta("unread") ?? 0,
    lastSeq: latest.seq,
    // SLA: the earliest target still due and any missed one (kept by src/sla/timers.ts).
    slaDueAt: sla?.dueAt ?? null,
    slaBreachedAt: sla?.breachedAt ?? null,
    createdAt: now,
  };
}

/**
 * Pushes the row to the workspace's open inboxes. `inbound` (a browser notification)
 * goes out once per customer message: not again when the row was announced at ingest.
 */
export async function publishListRow(rt: ConversationRuntime, { row, lastSaid, assigneeName }: ListRow): Promise<void> {
  const meta = rt.requireMeta();
  const feed = rt.env.WORKSPACES.get(rt.env.WORKSPACES.idFromName(meta.workspaceId));
  const announced = rt.feed.announcedSeq;
  const inbound = lastSaid.direction === "inbound" && lastSaid.seq !== announced;
  if (inbound) rt.feed.announcedSeq = lastSaid.seq;
  try {
    rt.feed.listeners = await feed.publish({
      type: "conversation",
      id: row.id,
      item: listItem(row, assigneeName),
      unread: row.unreadCount,
      lastActivityAt: row.lastActivityAt,
      assigneeId: row.assigneeId,
      status: row.status,
      inbound,
    });
  } catch (error) {
    // Not shown: the next publish announces the message.
    if (inbound && rt.feed.announcedSeq === lastSaid.seq) rt.feed.announcedSeq = announced;
    throw error;
  }
}

/**
 * After a customer's message is stored: when its index write waits for the busy
 * conversation's next batch, the list row goes to open inboxes now (not awaited: the
 * ack does not wait for it). Skipped while the last publish found no inbox open: a
 * workspace with nobody online costs no call per message, and the next index write
 * (at most one interval away) publishes and looks again.
 */
export function announceAtIngest(rt: ConversationRuntime, indexDueAt: number, now: number): void {
  if (indexDueAt <= now || rt.feed.listeners === 0) return;
  const current = listRow(rt, rt.store.getMeta("contact")?.contactId ?? null, now);
  if (!current || current.lastSaid.direction !== "inbound") return;
  publishListRow(rt, current).catch((error: unknown) => {
    // The index write publishes the row again within the interval.
    console.warn("inbox feed: the list row was not announced", rt.ctx.id.toString(), error instanceof Error ? error.message : error);
  });
}
