// Every REST API operation in one list: method, path, the zod schemas its
// route validates with and what it answers. Routes take their validators from
// here (validate.ts) and openapi.ts builds the document from the same list.
import type { z } from "zod";
import { registerAccountLink } from "./account-links";
import * as req from "./requests";
import * as res from "./responses";

export type Method = "get" | "post" | "patch" | "delete";

export interface Operation {
  method: Method;
  /** Hono style, relative to /api/v1: `/conversations/:id`. */
  path: string;
  summary: string;
  description?: string;
  tag: "Conversations" | "Messages and notes" | "Contacts" | "Workspace" | "Meta";
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  success: { status: 200 | 201; description: string; schema: z.ZodType };
  /** Statuses besides the ones the schemas imply (400/401/403/404/415/422). */
  extra?: Array<{ status: number; description: string }>;
  /** The document itself is public; everything else needs a token. */
  public?: boolean;
}

const op = <const O extends Operation>(o: O): O => o;

export const listConversations = op({
  method: "get",
  path: "/conversations",
  tag: "Conversations",
  summary: "List conversations",
  description: "Every status, pinned first, then newest activity first. Filters combine with AND. Keyset pages: pass `nextCursor` back as `cursor`.",
  query: req.conversationListQuery,
  success: { status: 200, description: "A page of conversations", schema: res.page(res.ConversationSchema) },
});

export const getConversation = op({
  method: "get",
  path: "/conversations/:id",
  tag: "Conversations",
  summary: "Get one conversation",
  params: req.conversationParams,
  success: { status: 200, description: "The conversation", schema: res.one(res.ConversationSchema) },
});

export const triageConversation = op({
  method: "patch",
  path: "/conversations/:id",
  tag: "Conversations",
  summary: "Triage: status, snooze, assignee, team, priority, pin",
  description:
    "Each change is applied like an agent's: a system line in the thread and an audit entry, with the token's name as the actor (\"API · <token name>\"). All fields are checked before anything changes.",
  params: req.conversationParams,
  body: req.triageBody,
  success: { status: 200, description: "The conversation after the change", schema: res.one(res.ConversationSchema) },
});

export const addConversationTag = op({
  method: "post",
  path: "/conversations/:id/tags",
  tag: "Conversations",
  summary: "Tag a conversation",
  params: req.conversationParams,
  body: req.conversationTagBody,
  success: { status: 200, description: "The conversation's tags", schema: res.list(res.TagSchema) },
});

export const removeConversationTag = op({
  method: "delete",
  path: "/conversations/:id/tags/:tagId",
  tag: "Conversations",
  summary: "Take a tag off a conversation",
  params: req.conversationTagParams,
  success: { status: 200, description: "The conversation's tags", schema: res.list(res.TagSchema) },
});

export const listMessages = op({
  method: "get",
  path: "/conversations/:id/messages",
  tag: "Messages and notes",
  summary: "Read the thread",
  description: "Messages oldest first, newest page first; pass `nextBefore` back as `before` for older ones.",
  params: req.conversationParams,
  query: req.threadQuery,
  success: { status: 200, description: "A page of the thread", schema: res.threadPage(res.MessageSchema) },
});

export const sendMessage = op({
  method: "post",
  path: "/conversations/:id/messages",
  tag: "Messages and notes",
  summary: "Send a message to the customer",
  description: "Sent like an agent's reply: with the free reply token while one is fresh, else pushed (uses the monthly quota).",
  params: req.conversationParams,
  body: req.sendMessageBody,
  success: { status: 201, description: "The stored message (status sent or pending)", schema: res.one(res.MessageSchema) },
  extra: [{ status: 502, description: "LINE refused the message; the body has the stored message with LINE's reason in `error`" }],
});

export const listNotes = op({
  method: "get",
  path: "/conversations/:id/notes",
  tag: "Messages and notes",
  summary: "List private notes",
  params: req.conversationParams,
  query: req.threadQuery,
  success: { status: 200, description: "A page of notes, oldest first", schema: res.threadPage(res.NoteSchema) },
});

export const addNote = op({
  method: "post",
  path: "/conversations/:id/notes",
  tag: "Messages and notes",
  summary: "Add a private note",
  description: "Agents see it in the thread; it is never sent to LINE.",
  params: req.conversationParams,
  body: req.noteBody,
  success: { status: 201, description: "The note", schema: res.one(res.NoteSchema) },
});

export const listContacts = op({
  method: "get",
  path: "/contacts",
  tag: "Contacts",
  summary: "List contacts",
  description: "Newest first; `q` matches anywhere in the display name.",
  query: req.contactListQuery,
  success: { status: 200, description: "A page of contacts", schema: res.page(res.ContactSummarySchema) },
});

export const getContact = op({
  method: "get",
  path: "/contacts/:id",
  tag: "Contacts",
  summary: "Get one contact",
  description: "With its LINE identities per channel (friend status), language, custom fields and tags.",
  params: req.contactParams,
  success: { status: 200, description: "The contact", schema: res.one(res.ContactSchema) },
});

export const updateContact = op({
  method: "patch",
  path: "/contacts/:id",
  tag: "Contacts",
  summary: "Update custom fields and tags",
  description: "Values are checked against the field definitions exactly like the contact panel does; nothing changes unless every value is valid.",
  params: req.contactParams,
  body: req.contactPatchBody,
  success: { status: 200, description: "The contact after the change", schema: res.one(res.ContactSchema) },
});

export const listContactFields = op({
  method: "get",
  path: "/contact-fields",
  tag: "Workspace",
  summary: "Custom contact fields",
  success: { status: 200, description: "The workspace's field definitions, in panel order", schema: res.list(res.ContactFieldSchema) },
});

export const listTags = op({ method: "get", path: "/tags", tag: "Workspace", summary: "Tags", success: { status: 200, description: "The workspace's tags", schema: res.list(res.TagSchema) } });
export const listTeams = op({ method: "get", path: "/teams", tag: "Workspace", summary: "Teams", success: { status: 200, description: "The workspace's teams", schema: res.list(res.TeamSchema) } });
export const listAgents = op({
  method: "get",
  path: "/agents",
  tag: "Workspace",
  summary: "Agents",
  description: "Active users who can be assigned.",
  success: { status: 200, description: "Active users", schema: res.list(res.AgentSchema) },
});

export const openApiDocument = op({
  method: "get",
  path: "/openapi.json",
  tag: "Meta",
  summary: "This OpenAPI document",
  public: true,
  success: { status: 200, description: "OpenAPI 3.1", schema: res.OpenApiSchema },
});

export const OPERATIONS: readonly Operation[] = [
  listConversations,
  getConversation,
  triageConversation,
  addConversationTag,
  removeConversationTag,
  listMessages,
  sendMessage,
  listNotes,
  addNote,
  listContacts,
  getContact,
  updateContact,
  listContactFields,
  registerAccountLink,
  listTags,
  listTeams,
  listAgents,
  openApiDocument,
];
