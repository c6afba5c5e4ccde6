// What every API handler needs: the caller's workspace, the actor its changes
// are recorded as, and workspace-scoped loads (another workspace's id is a 404).
import type { Context } from "hono";
import type { Actor } from "../conversations/port";
import type { AppEnv } from "../env";
import { type ConversationRow, findConversation } from "../inbox/queries";
import { type ConversationRef, findConversationRef } from "../inbox/conversation-ref";
import { type ContactProfile, findContact } from "../contacts/queries/contact";
import { notFound } from "./validate";

export function workspaceOf(c: Context<AppEnv>): string {
  return c.get("apiToken").workspaceId;
}

/**
 * Who an API change is by: shown in system lines as "API · <token name>"; the
 * token's id is the audit log's actor, so each change traces to one token.
 */
export function apiActor(c: Context<AppEnv>): Actor & { id: string } {
  const token = c.get("apiToken");
  return { id: token.id, name: `API · ${token.name}`, origin: { kind: "api", tokenId: token.id } };
}

export async function loadConversation(c: Context<AppEnv>, id: string): Promise<ConversationRow> {
  const row = await findConversation(c.env.DB, workspaceOf(c), id);
  if (!row) throw notFound("Conversation");
  return row;
}

/** Only where the conversation belongs (kept per isolate): for handlers that go straight to its Durable Object. */
export async function loadConversationRef(c: Context<AppEnv>, id: string): Promise<ConversationRef> {
  const ref = await findConversationRef(c.env.DB, workspaceOf(c), id);
  if (!ref) throw notFound("Conversation");
  return ref;
}

export async function loadContact(c: Context<AppEnv>, id: string): Promise<ContactProfile> {
  const contact = await findContact(c.env.DB, workspaceOf(c), id);
  if (!contact) throw notFound("Contact");
  return contact;
}
