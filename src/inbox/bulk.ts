// Bulk actions from the inbox's bar: assign, add or remove a tag, resolve, on up
// to 100 selected conversations. Ids from another workspace are ignored; each
// conversation is changed in its own Durable Object (ten at a time), and tag
// changes go to D1 in one batch, then tell the conversations whose tags changed.
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { chunked } from "../db/bind-limit";
import { db, schema } from "../db/client";
import { conversationStub } from "../conversations/service";
import type { Actor, TriageChange } from "../conversations/port";
import type { Bindings } from "../env";
import { forEachBounded } from "../lib/bounded";
import { setConversationsTag } from "../tags/conversation-tags";
import { carriedByContact } from "../tags/tagged-conversations";
import { t, tn } from "../ui/i18n";
import type { Directory } from "./views/list-toolbar";

export const MAX_BULK = 100;
const hexId = z.string().regex(/^[0-9a-f]{64}$/);

/** The bar's tag select: `add:<tag id>` or `remove:<tag id>`. */
const tagChoice = z
  .string()
  .regex(/^(add|remove):[\w-]{1,40}$/, { error: () => t("inbox.bulk.error.check") })
  .transform((v) => ({ add: v.startsWith("add:"), tagId: v.slice(v.indexOf(":") + 1) }));

export const bulkForm = z.object({
  ids: z
    .array(hexId)
    .min(1, { error: () => t("inbox.bulk.error.none") })
    .max(MAX_BULK, { error: () => t("inbox.bulk.error.tooMany", { max: MAX_BULK }) }),
  action: z.enum(["apply", "resolve"]),
  assignee: z.string().max(40).optional(),
  tag: z.preprocess((v) => (v === "" ? undefined : v), tagChoice.optional()),
})
  // Apply with both menus at their prompts would change nothing and say it did.
  .refine((f) => f.action !== "apply" || Boolean(f.assignee) || Boolean(f.tag), { error: () => t("inbox.bulk.error.nothing") });
export type BulkForm = z.infer<typeof bulkForm>;

/** What in the form names something the workspace does not have ("agent" or "tag"), or null. */
export function unknownInBulk(form: BulkForm, directory: Directory): "agent" | "tag" | null {
  if (form.assignee && !["me", "none"].includes(form.assignee) && !directory.agents.some((a) => a.id === form.assignee)) return "agent";
  if (form.tag && !directory.tags.some((tag) => tag.id === form.tag?.tagId)) return "tag";
  return null;
}

/** What a bulk action did, for the toast that follows it. */
export interface BulkOutcome {
  /** Conversations of the workspace among the selected. */
  conversations: number;
  /** After taking a tag off: how many still show under it because their contact has it. */
  keptByContact: { tag: string; count: number } | null;
}

/** Runs the bulk action for `agent` on the form's conversations of `workspaceId`. */
export async function applyBulk(env: Bindings, workspaceId: string, agent: { id: string; name: string }, form: BulkForm, directory: Directory): Promise<BulkOutcome> {
  const actor: Actor = agent;
  const c = schema.conversations;
  const rows: Array<{ id: string; bucket: "active" | "snoozed" | "resolved"; pinned: number; lastActivityAt: number }> = [];
  for (const part of chunked(form.ids)) {
    rows.push(
      ...(await db(env.DB)
        .select({ id: c.id, bucket: c.bucket, pinned: c.pinned, lastActivityAt: c.lastActivityAt })
        .from(c)
        .where(and(eq(c.workspaceId, workspaceId), inArray(c.id, part)))),
    );
  }
  const changes: TriageChange[] = [];
  if (form.action === "resolve") changes.push({ kind: "status", status: "resolved" });
  if (form.action === "apply" && form.assignee) {
    const assignee = directory.agents.find((a) => a.id === (form.assignee === "me" ? agent.id : form.assignee));
    if (form.assignee === "none") changes.push({ kind: "assign", assignee: null });
    else if (assignee) changes.push({ kind: "assign", assignee: { id: assignee.id, name: assignee.name } });
  }
  // Each conversation is its own Durable Object: ten calls in flight at a time.
  await forEachBounded(rows, 10, async (row) => {
    for (const change of changes) await conversationStub(env, row.id).triage(change, actor);
  });
  const outcome: BulkOutcome = { conversations: rows.length, keptByContact: null };
  const choice = form.action === "apply" && form.tag ? form.tag : null;
  const tag = choice ? directory.tags.find((x) => x.id === choice.tagId) : undefined;
  if (!choice || !tag) return outcome;
  const changed = await setConversationsTag(env.DB, { workspaceId, actorId: agent.id }, rows, tag.id, choice.add);
  // tag.added / tag.removed only where the tags changed (a conversation that had it, or had not, stays quiet).
  await forEachBounded(changed, 10, (id) => conversationStub(env, id).tagChanged(choice.add ? "tag.added" : "tag.removed", { id: tag.id, name: tag.name }, "conversation", actor));
  if (!choice.add) {
    const count = await carriedByContact(env.DB, workspaceId, tag.id, rows.map((r) => r.id));
    if (count) outcome.keptByContact = { tag: tag.name, count };
  }
  return outcome;
}

/** The toast after a bulk action: how many it changed, and why some may still show under a removed tag. */
export function bulkOutcomeText(outcome: BulkOutcome): string {
  const done = tn("inbox.bulk.done", outcome.conversations);
  return outcome.keptByContact ? `${done} ${tn("inbox.bulk.keptByContact", outcome.keptByContact.count, { tag: outcome.keptByContact.tag })}` : done;
}
