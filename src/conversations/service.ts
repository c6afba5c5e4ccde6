// What routes (inbox and API) call to act on a conversation: they pass a
// conversation row already checked against the caller's workspace.
import { and, desc, eq } from "drizzle-orm";
import { db, schema } from "../db/client";
import type { Bindings } from "../env";
import type { LineMessage } from "../line/client";
import { senderFor } from "../line/sender";
import type { EventOrigin } from "./events";
import type { Actor } from "./triage";
import type { ThreadMessage } from "./model";

export const MAX_TEXT_LENGTH = 5000;

export function conversationStub(env: Bindings, conversationId: string) {
  return env.CONVERSATIONS.get(env.CONVERSATIONS.idFromString(conversationId));
}

/**
 * Sends a text reply as `agent` (reply token when fresh, else push) and returns
 * the stored message. `origin` tells its domain events who sent it (the API
 * passes `{ kind: "api", tokenId }`); without it, the agent.
 */
export async function sendText(env: Bindings, conversationId: string, agent: { id: string | null; name: string }, text: string, origin?: EventOrigin): Promise<ThreadMessage> {
  const message: LineMessage = { type: "text", text, sender: senderFor(agent) };
  return conversationStub(env, conversationId).send({ agent, messages: [message], preview: { type: "text", text }, ...(origin ? { origin } : {}) });
}

/** A contact's conversations that hear about a change to the contact (its most recent ones). */
const CONTACT_FANOUT = 20;

/**
 * A tag was added to or taken off a contact: each of the contact's (1:1) conversations
 * emits tag.added / tag.removed with target "contact", so listeners see it where they work.
 */
export async function contactTagChanged(env: Bindings, workspaceId: string, contactId: string, type: "tag.added" | "tag.removed", tag: { id: string; name: string }, actor: Actor): Promise<void> {
  const ids = await contactConversationIds(env, workspaceId, contactId);
  await Promise.all(ids.map((id) => conversationStub(env, id).tagChanged(type, { id: tag.id, name: tag.name }, "contact", actor)));
}

/** The contact's conversations that hear about changes to it, most recent first, without `except`. */
export async function contactConversationIds(env: Bindings, workspaceId: string, contactId: string, except: string | null = null): Promise<string[]> {
  const c = schema.conversations;
  const rows = await db(env.DB)
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), eq(c.contactId, contactId)))
    .orderBy(desc(c.lastActivityAt))
    .limit(CONTACT_FANOUT)
    .all();
  return rows.map((r) => r.id).filter((id) => id !== except);
}
