// Agents' notes on a contact, and the mention notifications a note creates
// (written in the same batch, so a saved note never misses its notifications).
import { and, asc, desc, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { db, schema } from "../../db/client";
import { newId } from "../../lib/ids";
import type { MentionableAgent } from "../mentions";

export interface NoteView {
  id: string;
  body: string;
  createdAt: number;
  authorId: string;
  authorName: string | null;
}

export const NOTES_SHOWN = 50;

export async function contactNotes(d1: D1Database, workspaceId: string, contactId: string, limit = NOTES_SHOWN): Promise<NoteView[]> {
  const n = schema.contactNotes;
  return db(d1)
    .select({ id: n.id, body: n.body, createdAt: n.createdAt, authorId: n.authorId, authorName: schema.users.name })
    .from(n)
    .leftJoin(schema.users, eq(schema.users.id, n.authorId))
    .where(and(eq(n.contactId, contactId), eq(n.workspaceId, workspaceId)))
    .orderBy(desc(n.createdAt), desc(n.id))
    .limit(limit)
    .all();
}

/** Active agents of the workspace: who can be @mentioned. */
export async function mentionableAgents(d1: D1Database, workspaceId: string): Promise<MentionableAgent[]> {
  return db(d1)
    .select({ id: schema.users.id, name: schema.users.name })
    .from(schema.users)
    .where(and(eq(schema.users.workspaceId, workspaceId), eq(schema.users.active, 1)))
    .orderBy(asc(schema.users.name))
    .all();
}

export interface NewNote {
  workspaceId: string;
  contactId: string;
  author: { id: string; name: string };
  body: string;
  /** Where the mention notifications link. */
  conversationId: string | null;
  mentioned: MentionableAgent[];
  /**
   * What the mention notifications store: the note's first words. The sentence
   * around it ("Aiko mentioned you in a note on Somchai: …") is written when a
   * notification is shown, in its reader's language.
   */
  notificationBody: string;
}

/** Saves the note and one `mention` notification per mentioned agent; returns the notification ids by user. */
export async function addNote(d1: D1Database, note: NewNote): Promise<Array<{ userId: string; notificationId: string }>> {
  const d = db(d1);
  const now = Date.now();
  const created = note.mentioned.map((a) => ({ userId: a.id, notificationId: newId("ntf", now) }));
  const statements: BatchItem<"sqlite">[] = [
    d.insert(schema.contactNotes).values({ id: newId("note", now), workspaceId: note.workspaceId, contactId: note.contactId, authorId: note.author.id, body: note.body, createdAt: now }),
    ...created.map((c) =>
      d.insert(schema.notifications).values({
        id: c.notificationId,
        workspaceId: note.workspaceId,
        userId: c.userId,
        kind: "mention",
        conversationId: note.conversationId,
        contactId: note.contactId,
        actorId: note.author.id,
        body: note.notificationBody,
        createdAt: now,
      }),
    ),
  ];
  await d.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return created;
}
