// /api/v1/contacts: list (keyset, name search), get one (identities, fields,
// tags) and PATCH custom fields and tags. Values are checked with the contact
// panel's own per-field schema (fieldValueSchema) and written with its queries,
// so the audit log reads the same whoever made the change.
import { contactTagChanged } from "../conversations/service";
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { z } from "zod";
import { contactIdentities, listContacts } from "../contacts/queries/contact";
import { contactFields, type FieldDefinition, fieldDefinitions, saveFieldValue } from "../contacts/queries/fields";
import { contactTags, findOrCreateTag, findTag, tagContact, type TagView, untagContact } from "../contacts/queries/tags";
import { fieldValueSchema, type TagColor } from "../contacts/schemas";
import type { AppEnv } from "../env";
import { apiActor, loadContact, workspaceOf } from "./context";
import { contactJson, contactSummaryJson } from "./json";
import * as ops from "./operations";
import type { contactPatchBody } from "./requests";
import { body, params, query, requireJson } from "./validate";

type Patch = z.output<typeof contactPatchBody>;

interface PlannedPatch {
  fields: Array<{ field: FieldDefinition; value: string | null }>;
  /** Existing tags, or names to find or create (like the panel's tag box). */
  add: Array<TagView | { name: string; color: TagColor }>;
  remove: TagView[];
}

const unprocessable = (message: string) => new HTTPException(422, { message });

/** Checks every value and tag before anything is written: a PATCH applies whole or not at all. */
async function planPatch(c: Context<AppEnv>, patch: Patch): Promise<PlannedPatch> {
  const workspaceId = workspaceOf(c);
  const plan: PlannedPatch = { fields: [], add: [], remove: [] };
  if (patch.fields) {
    const byKey = new Map((await fieldDefinitions(c.env.DB, workspaceId)).map((f) => [f.key, f]));
    for (const [key, raw] of Object.entries(patch.fields)) {
      const field = byKey.get(key);
      if (!field) throw unprocessable(`fields.${key}: this workspace has no contact field with that key`);
      const parsed = fieldValueSchema(field).safeParse(raw === null ? "" : String(raw));
      if (!parsed.success) throw unprocessable(`fields.${key}: ${parsed.error.issues[0]?.message ?? "invalid value"}`);
      plan.fields.push({ field, value: parsed.data });
    }
  }
  for (const [i, wanted] of (patch.addTags ?? []).entries()) {
    if ("id" in wanted) {
      const tag = await findTag(c.env.DB, workspaceId, wanted.id);
      if (!tag) throw unprocessable(`addTags.${i}.id: this tag does not exist in this workspace`);
      plan.add.push(tag);
    } else {
      plan.add.push({ name: wanted.name, color: wanted.color ?? "green" });
    }
  }
  for (const [i, id] of (patch.removeTags ?? []).entries()) {
    const tag = await findTag(c.env.DB, workspaceId, id);
    if (!tag) throw unprocessable(`removeTags.${i}: this tag does not exist in this workspace`);
    plan.remove.push(tag);
  }
  return plan;
}

async function contactData(c: Context<AppEnv>, contactId: string) {
  const workspaceId = workspaceOf(c);
  const contact = await loadContact(c, contactId);
  const [identities, fields, tags] = await Promise.all([contactIdentities(c.env.DB, contact.id), contactFields(c.env.DB, workspaceId, contact.id), contactTags(c.env.DB, contact.id)]);
  return contactJson(contact, identities, fields, tags);
}

const contact = params(ops.getContact, "Contact");

export const contactApi = new Hono<AppEnv>()
  .get(ops.listContacts.path, query(ops.listContacts), async (c) => {
    const { q, cursor, limit } = c.req.valid("query");
    const page = await listContacts(c.env.DB, workspaceOf(c), { q, afterId: cursor, limit });
    return c.json({ data: page.items.map(contactSummaryJson), nextCursor: page.nextAfterId });
  })
  .get(ops.getContact.path, contact, async (c) => c.json({ data: await contactData(c, c.req.valid("param").id) }))
  .patch(ops.updateContact.path, contact, requireJson(), body(ops.updateContact), async (c) => {
    const found = await loadContact(c, c.req.valid("param").id);
    const plan = await planPatch(c, c.req.valid("json"));
    const workspaceId = workspaceOf(c);
    const actorId = apiActor(c).id;
    for (const { field, value } of plan.fields) await saveFieldValue(c.env.DB, workspaceId, actorId, found.id, field, value);
    for (const wanted of plan.add) {
      const tag = "id" in wanted ? wanted : await findOrCreateTag(c.env.DB, workspaceId, actorId, wanted.name, wanted.color);
      if (await tagContact(c.env.DB, workspaceId, actorId, found.id, tag)) await contactTagChanged(c.env, workspaceId, found.id, "tag.added", tag, apiActor(c));
    }
    for (const tag of plan.remove) {
      if (await untagContact(c.env.DB, workspaceId, actorId, found.id, tag)) await contactTagChanged(c.env, workspaceId, found.id, "tag.removed", tag, apiActor(c));
    }
    return c.json({ data: await contactData(c, found.id) });
  });
