// Merge suggestions: live contacts that look like one person — the same email or
// phone in a custom field, the same verified customer id (LINE account linking),
// or the same name and picture. Listed for an agent to review; never merged here.
// A group an agent dismissed ("not the same person") is not suggested again.
import { chunked } from "../../db/bind-limit";

export type SuggestionReason = "email" | "phone" | "verified" | "namePicture";

export interface SuggestedContact {
  id: string;
  displayName: string | null;
  pictureUrl: string | null;
  channels: string[];
}

export interface Suggestion {
  reason: SuggestionReason;
  value: string;
  contacts: SuggestedContact[];
}

const GROUP_LIMIT = 50;

interface GroupRow {
  value: string;
  ids: string;
}

/** Custom fields that hold an email or a phone number, judged by their key. */
const EMAIL_KEY = "(lower(f.key) LIKE '%email%' OR lower(f.key) LIKE '%mail%')";
const PHONE_KEY = "(lower(f.key) LIKE '%phone%' OR lower(f.key) LIKE '%tel%' OR lower(f.key) LIKE '%mobile%')";
/** Digits only ("+81 90-1234-5678" and "+819012345678" are one number). */
const DIGITS = "replace(replace(replace(replace(replace(replace(v.value, ' ', ''), '-', ''), '+', ''), '(', ''), ')', ''), '.', '')";

async function groups(d1: D1Database, sql: string, workspaceId: string): Promise<GroupRow[]> {
  return (await d1.prepare(sql).bind(workspaceId, GROUP_LIMIT).all<GroupRow>()).results;
}

export async function mergeSuggestions(d1: D1Database, workspaceId: string): Promise<Suggestion[]> {
  const live = "c.workspace_id = ?1 AND c.merged_into_id IS NULL";
  const [email, phone, verified, namePicture, dismissed] = await Promise.all([
    groups(
      d1,
      `SELECT lower(trim(v.value)) AS value, group_concat(DISTINCT c.id) AS ids FROM contact_field_values v JOIN custom_fields f ON f.id = v.field_id JOIN contacts c ON c.id = v.contact_id
       WHERE ${live} AND ${EMAIL_KEY} AND instr(v.value, '@') > 0 GROUP BY lower(trim(v.value)) HAVING count(DISTINCT c.id) > 1 LIMIT ?2`,
      workspaceId,
    ),
    groups(
      d1,
      `SELECT ${DIGITS} AS value, group_concat(DISTINCT c.id) AS ids FROM contact_field_values v JOIN custom_fields f ON f.id = v.field_id JOIN contacts c ON c.id = v.contact_id
       WHERE ${live} AND ${PHONE_KEY} AND length(${DIGITS}) >= 6 GROUP BY ${DIGITS} HAVING count(DISTINCT c.id) > 1 LIMIT ?2`,
      workspaceId,
    ),
    groups(
      d1,
      `SELECT i.verified_customer_id AS value, group_concat(DISTINCT c.id) AS ids FROM contact_identities i JOIN contacts c ON c.id = i.contact_id
       WHERE ${live} AND i.verified_customer_id IS NOT NULL GROUP BY i.verified_customer_id HAVING count(DISTINCT c.id) > 1 LIMIT ?2`,
      workspaceId,
    ),
    groups(
      d1,
      `SELECT c.display_name AS value, group_concat(c.id) AS ids FROM contacts c
       WHERE ${live} AND c.display_name IS NOT NULL AND c.picture_url IS NOT NULL GROUP BY c.display_name, c.picture_url HAVING count(*) > 1 LIMIT ?2`,
      workspaceId,
    ),
    d1.prepare("SELECT contact_a, contact_b FROM contact_merge_dismissals WHERE workspace_id = ?1").bind(workspaceId).all<{ contact_a: string; contact_b: string }>(),
  ]);
  const dismissedPairs = new Set(dismissed.results.map((r) => `${r.contact_a}|${r.contact_b}`));
  const open = (ids: string[]) => pairs(ids).some((p) => !dismissedPairs.has(p));
  const raw: Array<{ reason: SuggestionReason; value: string; ids: string[] }> = [];
  const seen = new Set<string>();
  for (const [reason, rows] of [["verified", verified], ["email", email], ["phone", phone], ["namePicture", namePicture]] as const) {
    for (const row of rows) {
      const ids = [...new Set(row.ids.split(","))].sort();
      const key = ids.join(",");
      if (ids.length < 2 || seen.has(key) || !open(ids)) continue;
      seen.add(key);
      raw.push({ reason, value: row.value, ids });
    }
  }
  const people = await describe(d1, [...new Set(raw.flatMap((r) => r.ids))]);
  return raw.map((r) => ({ reason: r.reason, value: r.value, contacts: r.ids.flatMap((id) => (people.get(id) ? [people.get(id) as SuggestedContact] : [])) }));
}

/** Every unordered pair of ids, as "a|b" with a < b (how dismissals are stored). */
export function pairs(ids: string[]): string[] {
  const sorted = [...new Set(ids)].sort();
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) out.push(`${sorted[i]}|${sorted[j]}`);
  return out;
}

async function describe(d1: D1Database, ids: string[]): Promise<Map<string, SuggestedContact>> {
  const map = new Map<string, SuggestedContact>();
  if (!ids.length) return map;
  // Up to four reasons of 50 groups each: read 90 ids at a time.
  const parts = await Promise.all(
    chunked(ids).map((part) => {
      const marks = part.map((_, i) => `?${i + 1}`).join(", ");
      return Promise.all([
        d1.prepare(`SELECT id, display_name, picture_url FROM contacts WHERE id IN (${marks})`).bind(...part).all<{ id: string; display_name: string | null; picture_url: string | null }>(),
        d1.prepare(`SELECT i.contact_id, ch.name FROM contact_identities i JOIN channels ch ON ch.id = i.channel_id WHERE i.contact_id IN (${marks})`).bind(...part).all<{ contact_id: string; name: string }>(),
      ]);
    }),
  );
  const contacts = { results: parts.flatMap(([c]) => c.results) };
  const channels = { results: parts.flatMap(([, ch]) => ch.results) };
  for (const c of contacts.results) {
    map.set(c.id, { id: c.id, displayName: c.display_name, pictureUrl: c.picture_url, channels: channels.results.filter((ch) => ch.contact_id === c.id).map((ch) => ch.name) });
  }
  return map;
}

/** Records that an agent reviewed these contacts as different people. */
export async function dismissSuggestion(d1: D1Database, workspaceId: string, userId: string, ids: string[], now = Date.now()): Promise<void> {
  const statements = pairs(ids).map((p) => {
    const [a, b] = p.split("|");
    return d1
      .prepare("INSERT OR IGNORE INTO contact_merge_dismissals (workspace_id, contact_a, contact_b, dismissed_by, created_at) SELECT ?1, ?2, ?3, ?4, ?5 WHERE (SELECT count(*) FROM contacts WHERE id IN (?2, ?3) AND workspace_id = ?1) = 2")
      .bind(workspaceId, a, b, userId, now);
  });
  if (statements.length) await d1.batch(statements);
}
