// Pushes for @mentions in contact notes. The contacts feature stores a
// `mention` notification per mentioned agent (with the note, in the same batch)
// and hands the new ids here after its response (waitUntil); each mentioned
// agent's devices get "Aiko mentioned you" with the note's start, in their language.
import { and, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Bindings } from "../env";
import { db, schema } from "../db/client";
import { mentionNotification } from "./content";
import { pushConfigured, pushNow } from "./deliveries";
import { devicesWanting } from "./recipients";

/** Mentions are worth a push for a day. */
export const MENTION_TTL_S = 24 * 60 * 60;

type PushEnv = Pick<Bindings, "DB" | "VAPID_PUBLIC_KEY" | "VAPID_PRIVATE_KEY" | "VAPID_SUBJECT">;

/** Pushes each new mention notification to its agent's devices. Best effort: logs, never throws. */
export async function pushMentionNotifications(env: PushEnv, workspaceId: string, created: Array<{ userId: string; notificationId: string }>, now = Date.now()): Promise<void> {
  if (!created.length || !pushConfigured(env)) return;
  try {
    const n = schema.notifications;
    const author = alias(schema.users, "author");
    const note = schema.contactNotes;
    const rows = await db(env.DB)
      .select({
        id: n.id,
        userId: n.userId,
        conversationId: n.conversationId,
        authorId: n.actorId,
        authorName: author.name,
        conversationTitle: schema.conversations.title,
        contactName: schema.contacts.displayName,
        note: note.body,
      })
      .from(n)
      .leftJoin(author, eq(author.id, n.actorId))
      .leftJoin(schema.conversations, eq(schema.conversations.id, n.conversationId))
      .leftJoin(schema.contacts, eq(schema.contacts.id, n.contactId))
      // The note written with the notification: same contact, author and time (one batch).
      .leftJoin(note, and(eq(note.contactId, n.contactId), eq(note.authorId, n.actorId), eq(note.createdAt, n.createdAt)))
      .where(and(eq(n.workspaceId, workspaceId), eq(n.kind, "mention"), inArray(n.id, created.map((c) => c.notificationId))))
      .all();
    for (const row of rows) {
      const devices = await devicesWanting(env.DB, workspaceId, "mentions", { userIds: [row.userId] }, row.authorId);
      await pushNow(env, {
        cause: row.id,
        category: "mentions",
        urgency: "high",
        ttlSeconds: MENTION_TTL_S,
        topic: null,
        render: (r) =>
          mentionNotification({
            notificationId: row.id,
            conversationId: row.conversationId,
            authorName: row.authorName ?? "linedesk",
            subject: row.conversationTitle ?? row.contactName,
            note: row.note ?? "",
            hideText: r.hideText,
          }),
      }, devices, now);
    }
  } catch (error) {
    console.warn("mention push failed", error instanceof Error ? error.message : String(error));
  }
}
