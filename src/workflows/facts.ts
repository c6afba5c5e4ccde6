// What a workflow knows about the conversation's customer (name, language,
// custom fields, tags) and the changes an updateContact step makes (field
// values and tags), read and written in D1. Conditions of branch steps and
// message.received triggers are evaluated here too.
import { and, eq, inArray } from "drizzle-orm";
import { isOpenAt } from "../automation/hours";
import { loadChannelAutomation, scheduleOf } from "../automation/settings";
import { db, schema } from "../db/client";
import { findOrCreateTag, findTagByName, tagContact, type TagView, untagContact } from "../tags/store";
import type { Condition } from "./definition";

export interface ContactFacts {
  id: string | null;
  name: string | null;
  language: string | null;
  fields: Record<string, string>;
  tags: Array<{ id: string; name: string }>;
}

export async function contactFacts(d1: D1Database, workspaceId: string, contactId: string | null): Promise<ContactFacts> {
  if (!contactId) return { id: null, name: null, language: null, fields: {}, tags: [] };
  const [contact, fields, tags] = await Promise.all([
    db(d1).select({ name: schema.contacts.displayName, language: schema.contacts.language }).from(schema.contacts).where(and(eq(schema.contacts.id, contactId), eq(schema.contacts.workspaceId, workspaceId))).get(),
    db(d1)
      .select({ key: schema.customFields.key, value: schema.contactFieldValues.value })
      .from(schema.contactFieldValues)
      .innerJoin(schema.customFields, eq(schema.customFields.id, schema.contactFieldValues.fieldId))
      .where(eq(schema.contactFieldValues.contactId, contactId))
      .all(),
    db(d1).select({ id: schema.tags.id, name: schema.tags.name }).from(schema.contactTags).innerJoin(schema.tags, eq(schema.tags.id, schema.contactTags.tagId)).where(eq(schema.contactTags.contactId, contactId)).all(),
  ]);
  return { id: contactId, name: contact?.name ?? null, language: contact?.language ?? null, fields: Object.fromEntries(fields.map((f) => [f.key, f.value])), tags };
}

/** Sets a custom field by its key; false when the workspace has no such field. */
export async function setContactField(d1: D1Database, workspaceId: string, contactId: string, key: string, value: string, now = Date.now()): Promise<boolean> {
  const field = await db(d1).select({ id: schema.customFields.id }).from(schema.customFields).where(and(eq(schema.customFields.workspaceId, workspaceId), eq(schema.customFields.key, key))).get();
  if (!field) return false;
  await db(d1)
    .insert(schema.contactFieldValues)
    .values({ contactId, fieldId: field.id, value: value.slice(0, 1000), updatedAt: now })
    .onConflictDoUpdate({ target: [schema.contactFieldValues.contactId, schema.contactFieldValues.fieldId], set: { value: value.slice(0, 1000), updatedAt: now } });
  return true;
}

/** Adds (creating when needed) and removes tags by name; returns the tags that changed. */
export async function changeContactTags(d1: D1Database, workspaceId: string, contactId: string, add: string[], remove: string[]): Promise<{ added: TagView[]; removed: TagView[] }> {
  const added: TagView[] = [];
  const removed: TagView[] = [];
  for (const name of add) {
    const tag = await findOrCreateTag(d1, workspaceId, "", name, "grey");
    if (await tagContact(d1, workspaceId, "", contactId, tag)) added.push(tag);
  }
  for (const name of remove) {
    const tag = await findTagByName(d1, workspaceId, name);
    if (tag && (await untagContact(d1, workspaceId, "", contactId, tag))) removed.push(tag);
  }
  return { added, removed };
}

export async function tagIdsNamed(d1: D1Database, workspaceId: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  return (await db(d1).select({ id: schema.tags.id }).from(schema.tags).where(and(eq(schema.tags.workspaceId, workspaceId), inArray(schema.tags.id, ids))).all()).map((t) => t.id);
}

export interface ConditionFacts {
  answers: Record<string, string>;
  contact: ContactFacts;
  /** The customer's language: contact, else LINE profile. */
  language: string | null;
  channelId: string;
  messageText: string | null;
  now: number;
  /** Evaluated only when a condition asks (one D1 read). */
  businessOpen: () => Promise<boolean>;
}

export function businessOpenFor(d1: D1Database, channelId: string, now: number): () => Promise<boolean> {
  let cached: Promise<boolean> | null = null;
  return () =>
    (cached ??= loadChannelAutomation(d1, channelId).then((config) => (config ? isOpenAt(scheduleOf(config.settings, config.holidays), now) : true)));
}

function compare(op: "equals" | "contains" | "exists" | "in", actual: string | undefined | null, value: string | string[] | undefined): boolean {
  const a = (actual ?? "").trim().toLowerCase();
  const list = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((x) => x.trim().toLowerCase());
  if (op === "exists") return a !== "";
  if (op === "equals") return list.some((x) => x === a);
  if (op === "in") return list.includes(a);
  return list.some((x) => x !== "" && a.includes(x));
}

function minutesIn(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get("hour") * 60 + get("minute");
}

export async function conditionHolds(c: Condition, f: ConditionFacts): Promise<boolean> {
  switch (c.subject) {
    case "answer":
      return compare(c.op, f.answers[c.variable], c.value);
    case "contact.field":
      return compare(c.op, f.contact.fields[c.fieldKey], c.value);
    case "message.text": {
      const text = (f.messageText ?? "").trim().toLowerCase();
      const v = c.value.trim().toLowerCase();
      return c.op === "equals" ? text === v : c.op === "startsWith" ? text.startsWith(v) : text.includes(v);
    }
    case "language": {
      const lang = (f.language ?? "").toLowerCase();
      return c.value.some((v) => lang === v.toLowerCase() || lang.startsWith(`${v.toLowerCase()}-`));
    }
    case "channel":
      return c.value.includes(f.channelId);
    case "tag": {
      const v = c.value.toLowerCase();
      const has = f.contact.tags.some((t) => t.id === c.value || t.name.toLowerCase() === v);
      return c.op === "has" ? has : !has;
    }
    case "businessHours":
      return (await f.businessOpen()) === (c.op === "open");
    case "time": {
      const now = minutesIn(f.now, c.timeZone ?? "UTC");
      const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
      const [from, to] = [toMin(c.from), toMin(c.to)];
      return from <= to ? now >= from && now < to : now >= from || now < to;
    }
    case "membership":
      // Membership plans are not tracked yet: nobody counts as a member.
      return c.op === "notMember";
  }
}

export async function allHold(conditions: Condition[], f: ConditionFacts): Promise<boolean> {
  for (const c of conditions) if (!(await conditionHolds(c, f))) return false;
  return true;
}
