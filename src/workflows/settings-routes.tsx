// Settings → Workflows (admins and owners), mounted at /settings/workflows:
// the list and "new from template", the editor (name, trigger, steps: add,
// edit through per-kind forms — or raw JSON, the advanced fallback — with a 422
// that shows the problems by field and keeps what was typed, move, delete),
// publish (refused while the graph has problems) and unpublish, the run log
// (keyset pages), and the write-only secrets. Session and CSRF come from the
// settings router; every id is looked up inside the viewer's workspace.
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { requireRole } from "../auth/middleware";
import type { AppEnv } from "../env";
import { stickerUrlFor } from "../line/stickers";
import { changeContext, isHtmx, loadViewer, type Viewer } from "../settings/context";
import { decodeCursor, encodeCursor } from "../settings/queries/cursor";
import { t } from "../ui/i18n";
import { HTTPException } from "hono/http-exception";
import { db, schema } from "../db/client";
import { eq } from "drizzle-orm";
import { graphProblems } from "./definition";
import { deleteSecret, putSecret, secretNameSchema, secretNames } from "./secrets";
import { addStep, changeStepType, deleteStep, moveStep, parseStep, parseTrigger, replaceStep, STEP_TYPES } from "./step-edits";
import { createWorkflow, findWorkflow, listRuns, listWorkflows, publish, runLog, saveDraft, unpublish, type WorkflowRow } from "./store";
import { TEMPLATE_IDS, templateDraft } from "./templates";
import { RunLogPage, SecretsPage, WorkflowListPage, WORKFLOWS_PATH } from "./views/pages";
import { EditorBody, type EditorProps, WorkflowEditor } from "./views/editor";
import { FormPreview } from "./views/step-forms/preview";
import { editorChoices, stepChoices } from "./editor-choices";
import { formValues } from "./forms/fields";
import { parseStepForm } from "./forms/step-form";
import { parseTriggerForm } from "./forms/trigger-form";

const idParam = z.object({ id: z.string().regex(/^wf_[0-9a-z]{20}$/) });
const stepParam = idParam.extend({ stepId: z.string().regex(/^[a-z0-9_-]{1,40}$/) });
const notFound = () => new HTTPException(404, { message: t("workflows.notFound") });
const byId = zValidator("param", idParam, (r) => { if (!r.success) throw notFound(); });
const byStep = zValidator("param", stepParam, (r) => { if (!r.success) throw notFound(); });
const cursorQuery = zValidator("query", z.object({ cursor: z.string().max(600).optional() }));

async function load(c: Context<AppEnv>, id: string): Promise<WorkflowRow> {
  const wf = await findWorkflow(c.env.DB, c.get("session").workspaceId, id);
  if (!wf) throw notFound();
  return wf;
}

async function editor(c: Context<AppEnv>, id: string, extra: Partial<EditorProps> = {}, status: 200 | 422 = 200) {
  const [viewer, wf] = await Promise.all([loadViewer(c), load(c, id)]);
  const problems = graphProblems(wf.draft.steps).map((p) => p.message);
  const choices = extra.choices ?? (await editorChoices(c.env.DB, wf.workspaceId, wf.draft.steps));
  const props = { viewer, wf, problems, stickerUrl: stickerUrlFor(c.env), ...extra, choices };
  // htmx swaps #wf-editor only: it gets just that fragment; a plain request the page.
  return c.html(isHtmx(c) ? <EditorBody {...props} /> : <WorkflowEditor {...props} />, status);
}

/** After a change: htmx gets the editor back; a plain form is redirected to it. */
function done(c: Context<AppEnv>, id: string, extra: Partial<EditorProps> = {}, status: 200 | 422 = 200) {
  if (!isHtmx(c) && status === 200) return c.redirect(`${WORKFLOWS_PATH}/${id}`, 303);
  return editor(c, id, extra, status);
}

/** The submitted form: a "json" field is the advanced JSON editor, anything else the per-field form. */
async function submitted(c: Context<AppEnv>): Promise<{ json: string } | { form: ReturnType<typeof formValues> }> {
  const body = await c.req.parseBody({ all: true });
  return typeof body.json === "string" ? { json: body.json } : { form: formValues(body) };
}

async function formText(c: Context<AppEnv>, name: string): Promise<string> {
  const body = await c.req.parseBody();
  const value = body[name];
  return typeof value === "string" ? value : "";
}

async function teams(d1: D1Database, workspaceId: string) {
  return db(d1).select({ id: schema.teams.id, name: schema.teams.name }).from(schema.teams).where(eq(schema.teams.workspaceId, workspaceId)).orderBy(schema.teams.createdAt).all();
}

async function renderSecrets(c: Context<AppEnv>, viewer: Viewer, extra: { error?: string; name?: string } = {}, status: 200 | 422 = 200) {
  return c.html(<SecretsPage viewer={viewer} secrets={await secretNames(c.env.DB, viewer.workspaceId)} {...extra} />, status);
}

export const workflowSettingsRoutes = new Hono<AppEnv>()
  .use(requireRole("admin"))
  .get("/", cursorQuery, async (c) => {
    const viewer = await loadViewer(c);
    const cursor = decodeCursor(c.req.valid("query").cursor);
    const page = await listWorkflows(c.env.DB, viewer.workspaceId, cursor ? { at: Number(cursor.key), id: cursor.id } : null);
    return c.html(<WorkflowListPage viewer={viewer} items={page.items} next={page.next ? encodeCursor({ key: String(page.next.at), id: page.next.id }) : null} />);
  })
  .post("/", async (c) => {
    const template = await formText(c, "template");
    const parsed = z.enum([...TEMPLATE_IDS, "blank"]).safeParse(template);
    const ctx = changeContext(c);
    if (!parsed.success) {
      const viewer = await loadViewer(c);
      const page = await listWorkflows(c.env.DB, viewer.workspaceId, null);
      return c.html(<WorkflowListPage viewer={viewer} items={page.items} next={null} error={t("workflows.notFound")} />, 422);
    }
    const { name, draft } =
      parsed.data === "blank"
        ? { name: t("workflows.template.blank"), draft: { trigger: { type: "shortcut" as const, label: "Run", minRole: "agent" as const }, steps: [{ id: "note-1", type: "note" as const, text: "Started", next: null }] } }
        : templateDraft(parsed.data, await teams(c.env.DB, ctx.workspaceId));
    const id = await createWorkflow(c.env.DB, ctx, name, draft);
    return c.redirect(`${WORKFLOWS_PATH}/${id}`, 303);
  })
  .get("/secrets", async (c) => renderSecrets(c, await loadViewer(c)))
  .post("/secrets", async (c) => {
    const viewer = await loadViewer(c);
    const body = await c.req.parseBody();
    const name = secretNameSchema.safeParse(typeof body.name === "string" ? body.name.trim().toUpperCase() : "");
    const value = z.string().min(1).max(2000).safeParse(body.value);
    if (!name.success) return renderSecrets(c, viewer, { error: t("workflows.secrets.invalidName"), name: typeof body.name === "string" ? body.name.slice(0, 60) : "" }, 422);
    if (!value.success) return renderSecrets(c, viewer, { error: t("workflows.secrets.invalidValue"), name: name.data }, 422);
    await putSecret(c.env.DB, c.env.APP_SECRET, changeContext(c), name.data, value.data);
    return c.redirect(`${WORKFLOWS_PATH}/secrets`, 303);
  })
  .post("/secrets/:id/delete", zValidator("param", z.object({ id: z.string().regex(/^wfs_[0-9a-z]{20}$/) }), (r) => { if (!r.success) throw notFound(); }), async (c) => {
    if (!(await deleteSecret(c.env.DB, changeContext(c), c.req.valid("param").id))) throw notFound();
    return c.redirect(`${WORKFLOWS_PATH}/secrets`, 303);
  })
  .get("/:id", byId, async (c) => editor(c, c.req.valid("param").id))
  .get("/:id/runs", byId, cursorQuery, async (c) => {
    const [viewer, wf] = await Promise.all([loadViewer(c), load(c, c.req.valid("param").id)]);
    const cursor = decodeCursor(c.req.valid("query").cursor);
    const page = await listRuns(c.env.DB, viewer.workspaceId, wf.id, cursor ? { at: Number(cursor.key), id: cursor.id } : null);
    const lines = await runLog(c.env.DB, page.items.map((r) => r.id));
    const log = new Map<string, typeof lines>();
    for (const line of lines) log.set(line.runId, [...(log.get(line.runId) ?? []), line]);
    return c.html(<RunLogPage viewer={viewer} wf={wf} runs={page.items} log={log} next={page.next ? encodeCursor({ key: String(page.next.at), id: page.next.id }) : null} />);
  })
  .post("/:id/preview", byId, async (c) => {
    await load(c, c.req.valid("param").id);
    const values = formValues(await c.req.parseBody({ all: true }));
    return c.html(<FormPreview values={values} stickerUrl={stickerUrlFor(c.env)} />);
  })
  .post("/:id/name", byId, async (c) => {
    const wf = await load(c, c.req.valid("param").id);
    const name = z.string().trim().min(1).max(80).safeParse(await formText(c, "name"));
    if (!name.success) return done(c, wf.id, { notice: t("workflows.name.invalid") }, 422);
    await saveDraft(c.env.DB, wf.workspaceId, wf.id, { name: name.data });
    return done(c, wf.id);
  })
  .post("/:id/trigger", byId, async (c) => {
    const wf = await load(c, c.req.valid("param").id);
    const input = await submitted(c);
    if ("json" in input) {
      const parsed = parseTrigger(input.json, t("workflows.editor.invalidJson"));
      if (!parsed.ok) return done(c, wf.id, { triggerError: { json: input.json, error: t("workflows.editor.invalid", { reason: parsed.error }) } }, 422);
      await saveDraft(c.env.DB, wf.workspaceId, wf.id, { draft: { ...wf.draft, trigger: parsed.value } });
      return done(c, wf.id);
    }
    const choices = await editorChoices(c.env.DB, wf.workspaceId, wf.draft.steps);
    const parsed = parseTriggerForm(input.form, { channelIds: new Set(choices.channels.map((x) => x.id)), tagIds: new Set(choices.tags.map((x) => x.id)) });
    if (!parsed.value) return done(c, wf.id, { choices, triggerFailed: { values: input.form, errors: parsed.errors } }, 422);
    await saveDraft(c.env.DB, wf.workspaceId, wf.id, { draft: { ...wf.draft, trigger: parsed.value } });
    return done(c, wf.id);
  })
  .post("/:id/steps", byId, async (c) => {
    const wf = await load(c, c.req.valid("param").id);
    const type = z.enum(STEP_TYPES).safeParse(await formText(c, "type"));
    if (!type.success) return done(c, wf.id, { notice: t("workflows.editor.invalid", { reason: "type" }) }, 422);
    await saveDraft(c.env.DB, wf.workspaceId, wf.id, { draft: { ...wf.draft, steps: addStep(wf.draft.steps, type.data) } });
    return done(c, wf.id);
  })
  .post("/:id/steps/:stepId", byStep, async (c) => {
    const { id, stepId } = c.req.valid("param");
    const wf = await load(c, id);
    const current = wf.draft.steps.find((s) => s.id === stepId);
    if (!current) throw notFound();
    const input = await submitted(c);
    if ("json" in input) {
      const parsed = parseStep(input.json, t("workflows.editor.invalidJson"));
      if (!parsed.ok) return done(c, wf.id, { failed: { stepId, json: input.json, error: t("workflows.editor.invalid", { reason: parsed.error }) } }, 422);
      await saveDraft(c.env.DB, wf.workspaceId, wf.id, { draft: { ...wf.draft, steps: replaceStep(wf.draft.steps, stepId, parsed.value) } });
      return done(c, wf.id);
    }
    // The form edits the step's own kind; another kind is a change of type (POST …/type).
    const choices = await editorChoices(c.env.DB, wf.workspaceId, wf.draft.steps);
    const others = new Set(wf.draft.steps.filter((s) => s.id !== stepId).map((s) => s.id));
    const parsed = parseStepForm(input.form, current.type, others, stepChoices(choices));
    if (!parsed.value) return done(c, wf.id, { choices, failedForm: { stepId, values: input.form, errors: parsed.errors } }, 422);
    await saveDraft(c.env.DB, wf.workspaceId, wf.id, { draft: { ...wf.draft, steps: replaceStep(wf.draft.steps, stepId, parsed.value) } });
    return done(c, wf.id);
  })
  .post("/:id/steps/:stepId/type", byStep, async (c) => {
    const { id, stepId } = c.req.valid("param");
    const wf = await load(c, id);
    if (!wf.draft.steps.some((s) => s.id === stepId)) throw notFound();
    const type = z.enum(STEP_TYPES).safeParse(await formText(c, "type"));
    if (!type.success) return done(c, wf.id, { notice: t("workflows.editor.invalid", { reason: "type" }) }, 422);
    await saveDraft(c.env.DB, wf.workspaceId, wf.id, { draft: { ...wf.draft, steps: changeStepType(wf.draft.steps, stepId, type.data) } });
    return done(c, wf.id);
  })
  .post("/:id/steps/:stepId/move", byStep, async (c) => {
    const { id, stepId } = c.req.valid("param");
    const wf = await load(c, id);
    const direction = (await formText(c, "direction")) === "up" ? "up" : "down";
    await saveDraft(c.env.DB, wf.workspaceId, wf.id, { draft: { ...wf.draft, steps: moveStep(wf.draft.steps, stepId, direction) } });
    return done(c, wf.id);
  })
  .post("/:id/steps/:stepId/delete", byStep, async (c) => {
    const { id, stepId } = c.req.valid("param");
    const wf = await load(c, id);
    if (wf.draft.steps.length <= 1) return done(c, wf.id, { notice: t("workflows.editor.lastStep") }, 422);
    await saveDraft(c.env.DB, wf.workspaceId, wf.id, { draft: { ...wf.draft, steps: deleteStep(wf.draft.steps, stepId) } });
    return done(c, wf.id);
  })
  .post("/:id/publish", byId, async (c) => {
    const wf = await load(c, c.req.valid("param").id);
    const result = await publish(c.env.DB, changeContext(c), wf);
    if ("problems" in result) return done(c, wf.id, {}, 422);
    if (!isHtmx(c)) return c.redirect(`${WORKFLOWS_PATH}/${wf.id}`, 303);
    return editor(c, wf.id, { notice: t("workflows.editor.publishedOk", { version: result.version }) });
  })
  .post("/:id/unpublish", byId, async (c) => {
    const wf = await load(c, c.req.valid("param").id);
    await unpublish(c.env.DB, changeContext(c), wf.id);
    return done(c, wf.id);
  });
