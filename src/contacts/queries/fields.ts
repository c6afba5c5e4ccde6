// Custom contact fields: the workspace's definitions (admin-managed, ordered by
// position) and each contact's values.
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { auditInsert } from "../../db/audit";
import { db, schema } from "../../db/client";
import { newId } from "../../lib/ids";
import type { FieldDefinitionInput, FieldType } from "../schemas";

export interface FieldDefinition {
  id: string;
  key: string;
  label: string;
  type: FieldType;
  options: string[];
  position: number;
}

export interface FieldWithValue extends FieldDefinition {
  value: string | null;
}

const columns = {
  id: schema.customFields.id,
  key: schema.customFields.key,
  label: schema.customFields.label,
  type: schema.customFields.type,
  options: schema.customFields.options,
  position: schema.customFields.position,
};

type Row = { id: string; key: string; label: string; type: FieldType; options: string[] | null; position: number };
const toDefinition = (r: Row): FieldDefinition => ({ ...r, options: r.options ?? [] });

export async function fieldDefinitions(d1: D1Database, workspaceId: string): Promise<FieldDefinition[]> {
  const rows = await db(d1)
    .select(columns)
    .from(schema.customFields)
    .where(eq(schema.customFields.workspaceId, workspaceId))
    .orderBy(asc(schema.customFields.position), asc(schema.customFields.createdAt))
    .all();
  return rows.map(toDefinition);
}

export async function findField(d1: D1Database, workspaceId: string, fieldId: string): Promise<FieldDefinition | null> {
  const row = await db(d1)
    .select(columns)
    .from(schema.customFields)
    .where(and(eq(schema.customFields.id, fieldId), eq(schema.customFields.workspaceId, workspaceId)))
    .get();
  return row ? toDefinition(row) : null;
}

/** Every definition with this contact's value (null when unset). */
export async function contactFields(d1: D1Database, workspaceId: string, contactId: string): Promise<FieldWithValue[]> {
  const [definitions, values] = await Promise.all([
    fieldDefinitions(d1, workspaceId),
    db(d1)
      .select({ fieldId: schema.contactFieldValues.fieldId, value: schema.contactFieldValues.value })
      .from(schema.contactFieldValues)
      .where(eq(schema.contactFieldValues.contactId, contactId))
      .all(),
  ]);
  const byField = new Map(values.map((v) => [v.fieldId, v.value]));
  return definitions.map((f) => ({ ...f, value: byField.get(f.id) ?? null }));
}

export async function fieldValue(d1: D1Database, contactId: string, fieldId: string): Promise<string | null> {
  const row = await db(d1)
    .select({ value: schema.contactFieldValues.value })
    .from(schema.contactFieldValues)
    .where(and(eq(schema.contactFieldValues.contactId, contactId), eq(schema.contactFieldValues.fieldId, fieldId)))
    .get();
  return row?.value ?? null;
}

/** Sets (or with null clears) one contact's value for one field. */
export async function saveFieldValue(d1: D1Database, workspaceId: string, actorId: string, contactId: string, field: FieldDefinition, value: string | null): Promise<void> {
  const d = db(d1);
  const now = Date.now();
  const v = schema.contactFieldValues;
  const write =
    value === null
      ? d.delete(v).where(and(eq(v.contactId, contactId), eq(v.fieldId, field.id)))
      : d.insert(v).values({ contactId, fieldId: field.id, value, updatedAt: now }).onConflictDoUpdate({ target: [v.contactId, v.fieldId], set: { value, updatedAt: now } });
  await d.batch([write, auditInsert(d1, { workspaceId, actorId, action: "contact.field_updated", targetType: "contact", targetId: contactId, data: { key: field.key, cleared: value === null } }, now)]);
}

/** True when another field of the workspace already uses the key. */
export async function keyTaken(d1: D1Database, workspaceId: string, key: string, exceptId?: string): Promise<boolean> {
  const f = schema.customFields;
  const row = await db(d1)
    .select({ id: f.id })
    .from(f)
    .where(and(eq(f.workspaceId, workspaceId), eq(f.key, key), ...(exceptId ? [ne(f.id, exceptId)] : [])))
    .get();
  return !!row;
}

export async function createField(d1: D1Database, workspaceId: string, actorId: string, input: FieldDefinitionInput): Promise<string> {
  const d = db(d1);
  const now = Date.now();
  const id = newId("fld", now);
  const options = input.type === "select" ? input.options : null;
  await d.batch([
    d.insert(schema.customFields).values({
      id,
      workspaceId,
      key: input.key,
      label: input.label,
      type: input.type,
      options,
      // Appended at the end of the list.
      position: sql`(SELECT COALESCE(MAX(position), -1) + 1 FROM custom_fields WHERE workspace_id = ${workspaceId})`,
      createdAt: now,
    }),
    auditInsert(d1, { workspaceId, actorId, action: "contact_field.created", targetType: "custom_field", targetId: id, data: { key: input.key, type: input.type } }, now),
  ]);
  return id;
}

export async function updateField(d1: D1Database, workspaceId: string, actorId: string, field: FieldDefinition, input: FieldDefinitionInput): Promise<void> {
  const d = db(d1);
  const f = schema.customFields;
  await d.batch([
    d
      .update(f)
      .set({ key: input.key, label: input.label, type: input.type, options: input.type === "select" ? input.options : null })
      .where(and(eq(f.id, field.id), eq(f.workspaceId, workspaceId))),
    auditInsert(d1, { workspaceId, actorId, action: "contact_field.updated", targetType: "custom_field", targetId: field.id, data: { key: input.key, type: input.type, from: { key: field.key, type: field.type } } }),
  ]);
}

/** Swaps the field with its neighbour above or below; positions are renumbered 0..n-1. */
export async function moveField(d1: D1Database, workspaceId: string, actorId: string, fieldId: string, direction: "up" | "down"): Promise<void> {
  const order = (await fieldDefinitions(d1, workspaceId)).map((f) => f.id);
  const at = order.indexOf(fieldId);
  const to = direction === "up" ? at - 1 : at + 1;
  if (at === -1 || to < 0 || to >= order.length) return;
  const other = order[to];
  if (other === undefined) return;
  order[to] = fieldId;
  order[at] = other;
  const d = db(d1);
  const f = schema.customFields;
  const statements: BatchItem<"sqlite">[] = [
    ...order.map((id, position) => d.update(f).set({ position }).where(and(eq(f.id, id), eq(f.workspaceId, workspaceId)))),
    auditInsert(d1, { workspaceId, actorId, action: "contact_field.moved", targetType: "custom_field", targetId: fieldId, data: { direction } }),
  ];
  await d.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}

/** Deletes the definition and every contact's value for it. */
export async function deleteField(d1: D1Database, workspaceId: string, actorId: string, field: FieldDefinition): Promise<void> {
  const d = db(d1);
  await d.batch([
    d.delete(schema.contactFieldValues).where(eq(schema.contactFieldValues.fieldId, field.id)),
    d.delete(schema.customFields).where(and(eq(schema.customFields.id, field.id), eq(schema.customFields.workspaceId, workspaceId))),
    auditInsert(d1, { workspaceId, actorId, action: "contact_field.deleted", targetType: "custom_field", targetId: field.id, data: { key: field.key } }),
  ]);
}
