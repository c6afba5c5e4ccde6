// Merging contacts: one D1 batch (a transaction) moves the merged contacts'
// identities, conversations, tags, notes and chosen field values to the survivor,
// leaves each merged contact as a forwarding address (merged_into_id) and writes
// the audit entry; then each moved conversation's Durable Object hears that its
// contact changed and writes a system line.
//
// A message that arrives during the merge is safe: the identity → contact lookup
// reads contact_identities (moved in the batch), a conversation DO that cached
// the old id gets contactMerged() right after, and an index write that still
// names the old id in between lands on the survivor through the
// conversations_contact_follows_merge triggers (migration 0014).
import { auditInsert } from "../../db/audit";
import type { Bindings } from "../../env";
import { conversationStub } from "../../conversations/service";
import type { MergePlan } from "./plan";

export interface MergeInput {
  workspaceId: string;
  actor: { id: string | null; name: string };
  plan: MergePlan;
  /** fieldId → the contact whose value the survivor keeps (conflicting fields only). */
  choices: Record<string, string>;
}

export type MergeResult = { ok: true; survivorId: string; merged: string[]; conversations: string[] } | { ok: false; reason: "choice_missing" | "changed"; fieldId?: string };

export async function mergeContacts(env: Bindings, input: MergeInput, now = Date.now()): Promise<MergeResult> {
  const { plan, workspaceId } = input;
  const d1 = env.DB;
  const survivor = plan.survivorId;
  const losers = plan.candidates.map((c) => c.profile.id).filter((id) => id !== survivor);
  for (const conflict of plan.conflicts) {
    const chosen = input.choices[conflict.fieldId];
    if (!chosen || !conflict.values.some((v) => v.contactId === chosen)) return { ok: false, reason: "choice_missing", fieldId: conflict.fieldId };
  }
  const marks = losers.map((_, i) => `?${i + 3}`).join(", ");
  const bindLosers = (sql: string) => d1.prepare(sql).bind(survivor, workspaceId, ...losers);
  const before = await d1
    .prepare(`SELECT id FROM conversations WHERE workspace_id = ?1 AND contact_id IN (${losers.map((_, i) => `?${i + 2}`).join(", ")})`)
    .bind(workspaceId, ...losers)
    .all<{ id: string }>();
  const identities = await d1.prepare(`SELECT id FROM contact_identities WHERE contact_id IN (${losers.map((_, i) => `?${i + 1}`).join(", ")})`).bind(...losers).all<{ id: string }>();
  const fieldWrites: D1PreparedStatement[] = [];
  for (const conflict of plan.conflicts) {
    const chosen = input.choices[conflict.fieldId];
    if (chosen && chosen !== survivor) {
      fieldWrites.push(
        d1.prepare("INSERT OR REPLACE INTO contact_field_values (contact_id, field_id, value, updated_at) SELECT ?1, field_id, value, ?2 FROM contact_field_values WHERE contact_id = ?3 AND field_id = ?4").bind(survivor, now, chosen, conflict.fieldId),
      );
    }
  }
  for (const carried of plan.carried) {
    fieldWrites.push(d1.prepare("INSERT OR IGNORE INTO contact_field_values (contact_id, field_id, value, updated_at) VALUES (?1, ?2, ?3, ?4)").bind(survivor, carried.fieldId, carried.value, now));
  }
  const names = plan.candidates.filter((c) => c.profile.id !== survivor).map((c) => c.profile.displayName ?? c.profile.id);
  const audit = auditInsert(
    d1,
    {
      workspaceId,
      actorId: input.actor.id,
      action: "contact.merged",
      targetType: "contact",
      targetId: survivor,
      data: { merged: losers, names, choices: input.choices, conversations: before.results.length },
    },
    now,
  ).toSQL();
  const results = await d1.batch([
    // First, and guarded: if any merged contact was merged meanwhile (or is foreign), nothing below may apply.
    d1.prepare(`UPDATE contacts SET merged_into_id = ?1, merged_at = ${now}, updated_at = ${now} WHERE workspace_id = ?2 AND merged_into_id IS NULL AND id IN (${marks}) AND EXISTS (SELECT 1 FROM contacts s WHERE s.id = ?1 AND s.workspace_id = ?2 AND s.merged_into_id IS NULL)`).bind(survivor, workspaceId, ...losers),
    d1.prepare(`SELECT CASE WHEN changes() = ${losers.length} THEN 1 ELSE json_extract('x', '$') END AS guard`),
    bindLosers(`UPDATE contacts SET merged_into_id = ?1 WHERE workspace_id = ?2 AND merged_into_id IN (${marks})`),
    bindLosers(`UPDATE contact_identities SET contact_id = ?1 WHERE contact_id IN (${marks}) AND ?2 IS NOT NULL`),
    bindLosers(`UPDATE conversations SET contact_id = ?1 WHERE workspace_id = ?2 AND contact_id IN (${marks})`),
    bindLosers(`INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) SELECT ?1, tag_id FROM contact_tags WHERE contact_id IN (${marks}) AND ?2 IS NOT NULL`),
    bindLosers(`DELETE FROM contact_tags WHERE contact_id IN (${marks}) AND ?1 IS NOT NULL AND ?2 IS NOT NULL`),
    bindLosers(`UPDATE contact_notes SET contact_id = ?1 WHERE workspace_id = ?2 AND contact_id IN (${marks})`),
    bindLosers(`UPDATE notifications SET contact_id = ?1 WHERE workspace_id = ?2 AND contact_id IN (${marks})`),
    ...fieldWrites,
    bindLosers(`DELETE FROM contact_field_values WHERE contact_id IN (${marks}) AND ?1 IS NOT NULL AND ?2 IS NOT NULL`),
    d1.prepare(audit.sql).bind(...audit.params),
  ]).catch((error: unknown) => {
    if (error instanceof Error && /malformed JSON/i.test(error.message)) return null;
    throw error;
  });
  if (!results) return { ok: false, reason: "changed" };
  // Every conversation of a moved identity — also one the index filed for it while the batch ran.
  const movedIdentities = identities.results.map((r) => r.id);
  const moved = movedIdentities.length
    ? await d1
        .prepare(`SELECT DISTINCT cv.id FROM conversations cv JOIN contact_identities i ON i.channel_id = cv.channel_id AND i.line_user_id = cv.source_id WHERE cv.source_type = 'user' AND i.id IN (${movedIdentities.map((_, i) => `?${i + 1}`).join(", ")})`)
        .bind(...movedIdentities)
        .all<{ id: string }>()
    : { results: [] };
  const touched = [...new Set([...before.results, ...moved.results].map((r) => r.id))];
  await Promise.all(touched.map((id) => conversationStub(env, id).contactMerged({ contactId: survivor, actorName: input.actor.name, mergedNames: names })));
  return { ok: true, survivorId: survivor, merged: losers, conversations: touched };
}

