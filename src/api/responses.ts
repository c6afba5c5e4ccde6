// zod schemas of what the REST API answers. The serializers in json.ts are
// typed against them and the OpenAPI document shows them (named components).
import { z } from "zod";
import { CONVERSATION_STATUSES } from "../conversations/model";
import { FIELD_TYPES } from "../contacts/schemas";

const time = z.iso.datetime();
/** Assignee or team: the name is null when the user was deactivated or the team deleted. */
const ref = z.object({ id: z.string(), name: z.string().nullable() });

export const ErrorSchema = z.object({ error: z.string().meta({ description: "What went wrong, in a sentence" }) }).meta({ id: "Error" });

export const TagSchema = z.object({ id: z.string(), name: z.string(), color: z.string() }).meta({ id: "Tag" });

export const ConversationSchema = z
  .object({
    id: z.string(),
    channelId: z.string(),
    source: z.object({ type: z.enum(["user", "group", "room", "channel"]), id: z.string().meta({ description: "LINE user, group or room id" }) }),
    contactId: z.string().nullable(),
    title: z.string(),
    pictureUrl: z.string().nullable(),
    status: z.enum(CONVERSATION_STATUSES),
    assignee: ref.nullable().meta({ description: "null when unassigned" }),
    team: ref.nullable(),
    priority: z.number().int().min(0).max(4),
    pinned: z.boolean(),
    snoozedUntil: time.nullable(),
    tags: z.array(TagSchema),
    unreadCount: z.number().int(),
    lastMessagePreview: z.string(),
    lastActivityAt: time,
  })
  .meta({ id: "Conversation" });

export const MessageSchema = z
  .object({
    id: z.string(),
    seq: z.number().int().meta({ description: "Position in the thread; page with ?before=<seq>" }),
    direction: z.enum(["inbound", "outbound", "system", "note"]),
    body: z.looseObject({ type: z.string() }).meta({ description: "text, sticker, image, video, audio, file, location, postback, event, activity, note, unsent or unsupported" }),
    status: z.enum(["received", "pending", "sent", "failed", "unknown"]).describe("unknown: LINE never confirmed a reply and then refused its token — it may or may not have reached the customer"),
    via: z.enum(["reply", "push"]).nullable(),
    error: z.string().nullable().meta({ description: "LINE's reason when a send failed" }),
    sender: z.union([
      z.object({ type: z.literal("agent"), id: z.string().nullable(), name: z.string().nullable() }),
      z.object({ type: z.literal("contact"), lineUserId: z.string().nullable(), name: z.string().nullable() }),
    ]),
    createdAt: time,
  })
  .meta({ id: "Message" });

export const NoteSchema = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    text: z.string(),
    author: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
    createdAt: time,
  })
  .meta({ id: "Note" });

export const ContactSummarySchema = z
  .object({ id: z.string(), displayName: z.string().nullable(), pictureUrl: z.string().nullable(), language: z.string().nullable(), createdAt: time })
  .meta({ id: "ContactSummary" });

export const ContactSchema = z
  .object({
    id: z.string(),
    displayName: z.string().nullable(),
    pictureUrl: z.string().nullable(),
    language: z.string().nullable(),
    statusMessage: z.string().nullable(),
    createdAt: time,
    identities: z.array(
      z.object({
        channelId: z.string(),
        channelName: z.string(),
        lineUserId: z.string(),
        friendStatus: z.enum(["following", "unfollowed", "unknown"]),
        followedAt: time.nullable(),
        unfollowedAt: time.nullable(),
        firstSeenAt: time.nullable(),
        lastSeenAt: time.nullable(),
      }),
    ),
    fields: z.record(z.string(), z.string().nullable()).meta({ description: "Custom field values by key; null when unset" }),
    tags: z.array(TagSchema),
  })
  .meta({ id: "Contact" });

export const ContactFieldSchema = z
  .object({ key: z.string(), label: z.string(), type: z.enum(FIELD_TYPES), options: z.array(z.string()).meta({ description: "Choices of a select field" }) })
  .meta({ id: "ContactField" });

export const AgentSchema = z.object({ id: z.string(), name: z.string(), availability: z.enum(["online", "away", "offline"]) }).meta({ id: "Agent" });
export const TeamSchema = z.object({ id: z.string(), name: z.string() }).meta({ id: "Team" });

/** `{ data }` around one item. */
export const one = <T extends z.ZodType>(item: T) => z.object({ data: item });
/** `{ data, nextCursor }`: a keyset page; pass nextCursor back as ?cursor=. */
export const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });
/** `{ data, nextBefore }`: a thread page, oldest first; pass nextBefore back as ?before=. */
export const threadPage = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextBefore: z.number().int().nullable() });
export const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

export const OpenApiSchema = z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) });
