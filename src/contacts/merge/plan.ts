// Merge preview: what merging two or more contacts into one would join — their
// LINE identities, conversations, tags, notes — and which custom fields conflict
// (different values), so the agent chooses per field before anything changes.
import { contactIdentities, type ContactIdentity, type ContactProfile, findContact } from "../queries/contact";

export const MERGE_MAX = 10;

export interface MergeCandidate {
  profile: ContactProfile;
  identities: ContactIdentity[];
  conversations: number;
  notes: number;
  tags: string[];
  fields: Record<string, string>;
}

export interface FieldConflict {
  fieldId: string;
  label: string;
  /** contact id → its value (only contacts that have one). */
  values: Array<{ contactId: string; value: string }>;
}

export interface MergePlan {
  survivorId: string;
  candidates: MergeCandidate[];
  conflicts: FieldConflict[];
  /** Fields only one contact has a value for: the survivor takes it. */
  carried: Array<{ fieldId: string; label: string; value: string; from: string }>;
}

async function candidate(d1: D1Database, workspaceId: string, contactId: string): Promise<MergeCandidate | null> {
  const profile = await findContact(d1, workspaceId, contactId);
  if (!profile) return null;
  const live = await d1.prepare("SELECT merged_into_id FROM contacts WHERE id = ?1").bind(contactId).first<{ merged_into_id: string | null }>();
  if (live?.merged_into_id) return null;
  const [identities, counts, tags, fields] = await Promise.all([
    contactIdentities(d1, contactId),
    d1
      .prepare("SELECT (SELECT count(*) FROM conversations WHERE contact_id = ?1) AS conversations, (SELECT count(*) FROM contact_notes WHERE contact_id = ?1) AS notes")
      .bind(contactId)
      .first<{ conversations: number; notes: number }>(),
    d1.prepare("SELECT t.name FROM contact_tags kt JOIN tags t ON t.id = kt.tag_id WHERE kt.contact_id = ?1 ORDER BY lower(t.name)").bind(contactId).all<{ name: string }>(),
    d1.prepare("SELECT field_id, value FROM contact_field_values WHERE contact_id = ?1").bind(contactId).all<{ field_id: string; value: string }>(),
  ]);
  return {
    profile,
    identities,
    conversations: counts?.conversations ?? 0,
    notes: counts?.notes ?? 0,
    tags: tags.results.map((r) => r.name),
    fields: Object.fromEntries(fields.results.map((r) => [r.field_id, r.value])),
  };
}

/**
 * The preview of merging `contactIds` (2..MERGE_MAX, all live contacts of the
 * workspace) into `survivorId` (one of them). Null when any is unknown or merged.
 */
export async function planMerge(d1: D1Database, workspaceId: string, contactIds: string[], survivorId: string): Promise<MergePlan | null> {
  const ids = [...new Set(contactIds)];
  if (ids.length < 2 || ids.length > MERGE_MAX || !ids.includes(survivorId)) return null;
  const loaded = await Promise.all(ids.map((id) => candidate(d1, workspaceId, id)));
  if (loaded.some((c) => c === null)) return null;
  // The survivor first: it keeps its values unless the agent picks another.
  const candidates = (loaded as MergeCandidate[]).sort((a, b) => (a.profile.id === survivorId ? -1 : b.profile.id === survivorId ? 1 : 0));
  const defs = await d1.prepare("SELECT id, label FROM custom_fields WHERE workspace_id = ?1 ORDER BY position, created_at").bind(workspaceId).all<{ id: string; label: string }>();
  const conflicts: FieldConflict[] = [];
  const carried: MergePlan["carried"] = [];
  for (const def of defs.results) {
    const values = candidates.flatMap((c) => (c.fields[def.id] !== undefined ? [{ contactId: c.profile.id, value: c.fields[def.id] ?? "" }] : []));
    if (!values.length) continue;
    if (new Set(values.map((v) => v.value)).size > 1) conflicts.push({ fieldId: def.id, label: def.label, values });
    else if (!candidates[0]?.fields[def.id]) carried.push({ fieldId: def.id, label: def.label, value: values[0]?.value ?? "", from: values[0]?.contactId ?? "" });
  }
  return { survivorId, candidates, conflicts, carried };
}
