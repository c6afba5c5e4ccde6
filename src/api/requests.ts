// zod schemas for everything a REST API request carries: path parameters,
// query strings and JSON bodies. The routes validate with these and the
// OpenAPI document is generated from them, so the two cannot disagree.
// Limits are the app's own (composer, triage, contact panel), imported, not copied.
import { z } from "zod";
import { isLoneCommandPrefix } from "../composer/forms";
import { charCount, MAX_QUICK_REPLIES, QUICK_REPLY_LABEL_MAX, QUICK_REPLY_TEXT_MAX } from "../composer/forms";
import { isSendableSticker } from "../composer/stickers";
import { CONVERSATION_STATUSES } from "../conversations/model";
import { MAX_TEXT_LENGTH } from "../conversations/service";
import { MAX_TAG_NAME, TAG_COLORS } from "../contacts/schemas";
import { SENDER_NAME_MAX } from "../line/sender";

/** A conversation id is its Durable Object id (64 hex). */
export const conversationId = z.string().regex(/^[0-9a-f]{64}$/).meta({ description: "Conversation id (64 hex characters)" });
/** Our row ids: `usr_…`, `team_…`, `tag_…`, `ch_…`, `ct_…`. */
export const rowId = z.string().regex(/^[a-z]{1,8}_[0-9a-z]{16,32}$/);

const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback).meta({ description: `Page size (1–${max})` });
const isoTime = z.iso.datetime({ offset: true });

// ---------- path parameters ----------
export const conversationParams = z.object({ id: conversationId });
export const conversationTagParams = z.object({ id: conversationId, tagId: rowId });
export const contactParams = z.object({ id: rowId });

// ---------- query strings ----------
export const conversationListQuery = z.object({
  status: z.enum(CONVERSATION_STATUSES).optional(),
  assignee: z.union([rowId, z.literal("none")]).optional().meta({ description: "A user id, or `none` for unassigned conversations" }),
  team: rowId.optional(),
  tag: rowId.optional(),
  channel: rowId.optional(),
  updatedSince: isoTime.optional().meta({ description: "Only conversations whose last message is at or after this time (ISO 8601)" }),
  cursor: z.string().max(120).optional().meta({ description: "`nextCursor` of the previous page" }),
  limit: limit(100, 30),
});

export const threadQuery = z.object({
  before: z.coerce.number().int().positive().optional().meta({ description: "`nextBefore` of the previous page: older items than this seq" }),
  limit: limit(200, 50),
});

export const contactListQuery = z.object({
  q: z.string().trim().min(1).max(100).optional().meta({ description: "Part of the contact's display name" }),
  cursor: rowId.optional().meta({ description: "`nextCursor` of the previous page" }),
  limit: limit(100, 30),
});

// ---------- bodies ----------
const senderName = z
  .string()
  .trim()
  .min(1)
  .max(SENDER_NAME_MAX, `senderName can have at most ${SENDER_NAME_MAX} characters`)
  .optional()
  .meta({ description: "The name LINE shows the customer above the message (like an agent's name). Without it, the account's own name is shown." });

// LINE counts characters as code points (an emoji is one), like the composer does.
const quickReply = z.object({
  label: z
    .string()
    .trim()
    .min(1, "a quick reply needs a label")
    .refine((s) => charCount(s) <= QUICK_REPLY_LABEL_MAX, `a quick-reply label can have at most ${QUICK_REPLY_LABEL_MAX} characters`)
    .meta({ description: `What the button says (at most ${QUICK_REPLY_LABEL_MAX} characters)` }),
  text: z
    .string()
    .trim()
    .min(1)
    .refine((s) => charCount(s) <= QUICK_REPLY_TEXT_MAX, `a quick reply can send at most ${QUICK_REPLY_TEXT_MAX} characters`)
    .optional()
    .meta({ description: `What tapping it sends (the label when absent; at most ${QUICK_REPLY_TEXT_MAX} characters)` }),
});

export const textMessageBody = z.object({
  type: z.literal("text").optional(),
  text: z
    .string()
    .trim()
    .min(1, "text must not be empty")
    .max(MAX_TEXT_LENGTH, `text must be at most ${MAX_TEXT_LENGTH} characters`)
    .refine((s) => !isLoneCommandPrefix(s), "text must not be only the canned-reply prefix \"/\""),
  quickReplies: z.array(quickReply).max(MAX_QUICK_REPLIES, `at most ${MAX_QUICK_REPLIES} quick replies`).optional(),
  senderName,
});

export const stickerMessageBody = z
  .object({
    type: z.literal("sticker"),
    packageId: z.string().regex(/^\d{1,12}$/),
    stickerId: z.string().regex(/^\d{1,12}$/),
    senderName,
  })
  .refine((s) => isSendableSticker(s.packageId, s.stickerId), { message: "LINE only lets accounts send stickers from its free sticker list", path: ["stickerId"] });

export const sendMessageBody = z.union([textMessageBody, stickerMessageBody]).meta({ description: "A text (optionally with quick-reply buttons) or one of LINE's free stickers" });

export const noteBody = z.object({ text: z.string().trim().min(1, "text must not be empty").max(MAX_TEXT_LENGTH, `text must be at most ${MAX_TEXT_LENGTH} characters`) });

export const triageBody = z
  .object({
    status: z.enum(CONVERSATION_STATUSES).optional(),
    snoozedUntil: isoTime.optional().meta({ description: "Required with status `snoozed`: when it comes back (at most a year ahead)" }),
    assigneeId: rowId.nullable().optional().meta({ description: "An active user of the workspace, or null to unassign" }),
    teamId: rowId.nullable().optional().meta({ description: "A team of the workspace, or null to remove the team" }),
    priority: z.number().int().min(0).max(4).optional().meta({ description: "0 none, 1 low, 2 medium, 3 high, 4 urgent" }),
    pinned: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: "send at least one of status, assigneeId, teamId, priority, pinned" })
  .refine((b) => b.status !== "snoozed" || b.snoozedUntil !== undefined, { message: "snoozedUntil is required to snooze", path: ["snoozedUntil"] })
  .refine((b) => b.snoozedUntil === undefined || b.status === "snoozed", { message: "snoozedUntil goes with status snoozed", path: ["snoozedUntil"] });

export const conversationTagBody = z.object({ tagId: rowId });

const tagName = z.string().trim().min(1, "a tag name must not be empty").max(MAX_TAG_NAME, `a tag name can have at most ${MAX_TAG_NAME} characters`);

export const contactPatchBody = z
  .object({
    fields: z
      .record(z.string().max(40), z.union([z.string().max(4000), z.number(), z.null()]))
      .optional()
      .meta({ description: "Custom field values by key (Settings → Contact fields); null or an empty string clears one" }),
    addTags: z
      .array(z.union([z.object({ id: rowId }), z.object({ name: tagName, color: z.enum(TAG_COLORS).optional() })]))
      .max(50)
      .optional()
      .meta({ description: "Tags by id, or by name (created when the workspace has no tag of that name)" }),
    removeTags: z.array(rowId).max(50).optional().meta({ description: "Tag ids to take off" }),
  })
  .strict()
  .refine((b) => b.fields !== undefined || b.addTags !== undefined || b.removeTags !== undefined, { message: "send fields, addTags or removeTags" });
