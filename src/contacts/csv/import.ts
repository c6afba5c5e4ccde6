// CSV import: updates custom fields and tags of existing contacts, matched by
// contact id or by a custom field chosen as unique. planImport() checks every row
// (per-row errors; nothing is written); applyImport() writes a clean plan in one
// D1 batch — a transaction: all rows or none, also when a contact was merged
// between preview and apply (a guard statement aborts the batch).
import { auditInsert } from "../../db/audit";
import { newId } from "../../lib/ids";
import { t } from "../../ui/i18n";
import { type FieldDefinition, fieldDefinitions } from "../queries/fields";
import { fieldValueSchema, MAX_TAG_NAME } from "../schemas";
import { READ_ONLY_COLUMNS } from "./export";
import { CsvError, parseCsv } from "./format";
import { chunked } from "../../db/bind-limit";

export const IMPORT_MAX_ROWS = 1000;
export const IMPORT_MAX_BYTES = 1_000_000;

export interface ImportRow {
  row: number;
  contactId: string | null;
  contactName: string | null;
  fields: Array<{ field: FieldDefinition; value: string }>;
  tags: string[];
  errors: string[];
}

export type ImportPlan = { ok: true; rows: ImportRow[]; matchBy: string } | { ok: false; error: string };

/** `matchBy`: "id", or the key of the custom field that identifies a contact. */
export async function planImport(d1: D1Database, workspaceId: string, csv: string, matchBy: string): Promise<ImportPlan> {
  let table: string[][];
  try {
    table = parseCsv(csv);
  } catch (error) {
    return { ok: false, error: t("contacts.csv.err.unreadable", { reason: error instanceof CsvError ? error.message : "?" }) };
  }
  const [header, ...body] = table;
  if (!header || !body.length) return { ok: false, error: t("contacts.csv.err.empty") };
  if (body.length > IMPORT_MAX_ROWS) return { ok: false, error: t("contacts.csv.err.tooLarge", { max: IMPORT_MAX_ROWS }) };
  const defs = await fieldDefinitions(d1, workspaceId);
  const byKey = new Map(defs.map((f) => [f.key, f]));
  const columns = header.map((h) => h.trim());
  const keyIndex = columns.indexOf(matchBy);
  if (keyIndex < 0) return { ok: false, error: t("contacts.csv.err.noKeyColumn", { column: matchBy }) };
  const matchField = matchBy === "id" ? null : byKey.get(matchBy);
  if (matchBy !== "id" && !matchField) return { ok: false, error: t("contacts.csv.err.noKeyColumn", { column: matchBy }) };
  const readOnly = new Set<string>(READ_ONLY_COLUMNS);
  for (const column of columns) {
    if (column !== matchBy && column !== "id" && column !== "tags" && !byKey.has(column) && !readOnly.has(column)) {
      return { ok: false, error: t("contacts.csv.err.unknownColumn", { column, key: matchBy }) };
    }
  }
  const keys = body.map((cells) => (cells[keyIndex] ?? "").trim());
  const found = await lookup(d1, workspaceId, matchField, [...new Set(keys.filter(Boolean))]);
  const seen = new Map<string, number>();
  const rows = body.map((cells, i): ImportRow => {
    const rowNo = i + 2;
    const key = keys[i] ?? "";
    const errors: string[] = [];
    const matches = key ? (found.get(matchField ? key.toLowerCase() : key) ?? []) : [];
    if (!key) errors.push(t("contacts.csv.err.noKey", { key: matchBy }));
    else if (!matches.length) errors.push(t("contacts.csv.err.noMatch", { key: matchBy, value: key }));
    else if (matches.length > 1) errors.push(t("contacts.csv.err.ambiguous", { key: matchBy, value: key }));
    const contact = matches.length === 1 ? matches[0] : undefined;
    if (contact) {
      const earlier = seen.get(contact.id);
      if (earlier) errors.push(t("contacts.csv.err.duplicate", { row: earlier }));
      else seen.set(contact.id, rowNo);
    }
    const fields: ImportRow["fields"] = [];
    let tags: string[] = [];
    columns.forEach((column, c) => {
      const raw = (cells[c] ?? "").trim();
      if (c === keyIndex || raw === "") return;
      if (column === "tags") {
        tags = [...new Set(raw.split(/[;；]/).map((x) => x.trim()).filter(Boolean))];
        for (const tag of tags) if ([...tag].length > MAX_TAG_NAME) errors.push(t("contacts.csv.err.badValue", { column, message: tag }));
        return;
      }
      const field = byKey.get(column);
      if (!field) return;
      const parsed = fieldValueSchema(field).safeParse(raw);
      if (!parsed.success || parsed.data === null) errors.push(t("contacts.csv.err.badValue", { column, message: parsed.success ? raw : (parsed.error.issues[0]?.message ?? raw) }));
      else fields.push({ field, value: parsed.data });
    });
    return { row: rowNo, contactId: contact?.id ?? null, contactName: contact?.name ?? null, fields, tags, errors };
  });
  return { ok: true, rows, matchBy };
}

async function lookup(d1: D1Database, workspaceId: string, field: FieldDefinition | null | undefined, keys: string[]): Promise<Map<string, Array<{ id: string; name: string | null }>>> {
  const out = new Map<string, Array<{ id: string; name: string | null }>>();
  for (const chunk of chunked(keys)) {
    const marks = chunk.map((_, j) => `?${j + 3}`).join(", ");
    const rows = field
      ? await d1
          .prepare(`SELECT lower(v.value) AS k, c.id, c.display_name FROM contact_field_values v JOIN contacts c ON c.id = v.contact_id WHERE c.workspace_id = ?1 AND c.merged_into_id IS NULL AND v.field_id = ?2 AND lower(v.value) IN (${chunk.map((_, j) => `lower(?${j + 3})`).join(", ")})`)
          .bind(workspaceId, field.id, ...chunk)
          .all<{ k: string; id: string; display_name: string | null }>()
      : await d1.prepare(`SELECT id AS k, id, display_name FROM contacts WHERE workspace_id = ?1 AND merged_into_id IS NULL AND ?2 = ?2 AND id IN (${marks})`).bind(workspaceId, "", ...chunk).all<{ k: string; id: string; display_name: string | null }>();
    for (const r of rows.results) out.set(r.k, [...(out.get(r.k) ?? []), { id: r.id, name: r.display_name }]);
  }
  return out;
}

/** Writes a plan without errors in one batch. False when a contact changed since the plan (nothing written). */
export async function applyImport(d1: D1Database, workspaceId: string, actorId: string, rows: ImportRow[], now = Date.now()): Promise<boolean> {
  const ids = rows.map((r) => r.contactId).filter((id): id is string => !!id);
  const statements: D1PreparedStatement[] = [
    d1
      .prepare(`SELECT CASE WHEN (SELECT count(*) FROM contacts WHERE workspace_id = ?1 AND merged_into_id IS NULL AND id IN (SELECT value FROM json_each(?2))) = ?3 THEN 1 ELSE json_extract('x', '$') END`)
      .bind(workspaceId, JSON.stringify(ids), ids.length),
  ];
  const tagNames = [...new Set(rows.flatMap((r) => r.tags))];
  for (const name of tagNames) {
    statements.push(d1.prepare("INSERT OR IGNORE INTO tags (id, workspace_id, name, color, created_at) VALUES (?1, ?2, ?3, 'grey', ?4)").bind(newId("tag", now), workspaceId, name, now));
  }
  for (const r of rows) {
    if (!r.contactId) continue;
    for (const f of r.fields) {
      statements.push(
        d1.prepare("INSERT INTO contact_field_values (contact_id, field_id, value, updated_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (contact_id, field_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at").bind(r.contactId, f.field.id, f.value, now),
      );
    }
    for (const name of r.tags) {
      statements.push(d1.prepare("INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) SELECT ?1, id FROM tags WHERE workspace_id = ?2 AND lower(name) = lower(?3)").bind(r.contactId, workspaceId, name));
    }
  }
  const audit = auditInsert(d1, { workspaceId, actorId, action: "contact.imported", targetType: "workspace", targetId: workspaceId, data: { rows: rows.length, contacts: ids } }, now).toSQL();
  statements.push(d1.prepare(audit.sql).bind(...audit.params));
  try {
    await d1.batch(statements);
    return true;
  } catch (error) {
    if (error instanceof Error && /malformed JSON/i.test(error.message)) return false;
    throw error;
  }
}
