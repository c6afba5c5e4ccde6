// /contacts/fields: admins manage the workspace's custom contact field
// definitions (add, edit, reorder, delete). Thin: validate, call queries, render.
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { requireRole } from "../auth/middleware";
import type { AppEnv } from "../env";
import { t } from "../ui/i18n";
import { createField, deleteField, type FieldDefinition, fieldDefinitions, findField, keyTaken, moveField, updateField } from "./queries/fields";
import { fieldDefinitionForm, fieldErrors, fieldParam, moveForm, rowId } from "./schemas";
import { type FieldDraft, type FieldErrors, FieldsAdmin, type FieldsAdminProps, FieldsPage } from "./views/fields-page";

const notFound = () => new HTTPException(404, { message: t("contacts.error.fieldNotFound") });
const fieldV = zValidator("param", fieldParam, (r) => {
  if (!r.success) throw notFound();
});
const pageQuery = z.object({ edit: rowId.optional() });

const isHtmx = (c: Context<AppEnv>) => !!c.req.header("hx-request");

async function loadField(c: Context<AppEnv>, fieldId: string): Promise<FieldDefinition> {
  const field = await findField(c.env.DB, c.get("session").workspaceId, fieldId);
  if (!field) throw notFound();
  return field;
}

/** The admin section (htmx) or the whole page, with `status`. */
async function render(c: Context<AppEnv>, props: Omit<FieldsAdminProps, "fields" | "csrfToken"> = {}, status: 200 | 422 = 200) {
  const session = c.get("session");
  const fields = await fieldDefinitions(c.env.DB, session.workspaceId);
  const admin = { ...props, fields, csrfToken: session.csrfToken };
  if (isHtmx(c)) return c.html(<FieldsAdmin {...admin} />, status);
  return c.html(<FieldsPage {...admin} user={{ name: session.name, email: session.email, role: session.role }} />, status);
}

/** After a change: the fresh section under htmx, a redirect (PRG) for plain forms. */
function done(c: Context<AppEnv>, notice: string) {
  return isHtmx(c) ? render(c, { notice }) : c.redirect("/contacts/fields", 303);
}

function draftOf(body: Record<string, unknown>): FieldDraft {
  const s = (k: string) => (typeof body[k] === "string" ? String(body[k]) : undefined);
  return { key: s("key"), label: s("label"), type: s("type"), options: s("options") };
}

/** Validates the definition form, including a key unique in the workspace. */
async function parseDefinition(c: Context<AppEnv>, exceptId?: string) {
  const body = await c.req.parseBody();
  const parsed = fieldDefinitionForm.safeParse(body);
  if (!parsed.success) return { ok: false as const, draft: draftOf(body), errors: fieldErrors(parsed.error) as FieldErrors };
  if (await keyTaken(c.env.DB, c.get("session").workspaceId, parsed.data.key, exceptId)) {
    return { ok: false as const, draft: { ...draftOf(body), key: parsed.data.key }, errors: { key: t("contacts.error.keyTaken", { key: parsed.data.key }) } };
  }
  return { ok: true as const, input: parsed.data };
}

export const fieldRoutes = new Hono<AppEnv>()
  .use(requireRole("admin"))
  .get("/", zValidator("query", pageQuery), async (c) => {
    const edit = c.req.valid("query").edit;
    if (edit) await loadField(c, edit);
    return render(c, edit ? { editing: { id: edit } } : {});
  })
  .post("/", async (c) => {
    const result = await parseDefinition(c);
    if (!result.ok) return render(c, { create: { draft: result.draft, errors: result.errors } }, 422);
    const session = c.get("session");
    await createField(c.env.DB, session.workspaceId, session.userId, result.input);
    return done(c, t("contacts.fields.added", { label: result.input.label }));
  })
  .post("/:fieldId", fieldV, async (c) => {
    const field = await loadField(c, c.req.valid("param").fieldId);
    const result = await parseDefinition(c, field.id);
    if (!result.ok) return render(c, { editing: { id: field.id, draft: result.draft, errors: result.errors } }, 422);
    const session = c.get("session");
    await updateField(c.env.DB, session.workspaceId, session.userId, field, result.input);
    return done(c, t("contacts.fields.savedNotice", { label: result.input.label }));
  })
  .post("/:fieldId/move", fieldV, async (c) => {
    const field = await loadField(c, c.req.valid("param").fieldId);
    const parsed = moveForm.safeParse(await c.req.parseBody());
    if (!parsed.success) throw new HTTPException(422, { message: t("contacts.error.moveDirection") });
    const session = c.get("session");
    await moveField(c.env.DB, session.workspaceId, session.userId, field.id, parsed.data.direction);
    return isHtmx(c) ? render(c) : c.redirect("/contacts/fields", 303);
  })
  .post("/:fieldId/delete", fieldV, async (c) => {
    const field = await loadField(c, c.req.valid("param").fieldId);
    const session = c.get("session");
    await deleteField(c.env.DB, session.workspaceId, session.userId, field);
    return done(c, t("contacts.fields.deleted", { label: field.label }));
  });
