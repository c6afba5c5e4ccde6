// /settings/sla (admins and owners): list, add and delete SLA policies. A bad
// form comes back with what is wrong and status 422; ids outside the workspace
// (conditions included) are refused.
import { Hono } from "hono";
import type { Context } from "hono";
import { zValidator } from "@hono/zod-validator";
import { requireRole } from "../auth/middleware";
import type { AppEnv } from "../env";
import { isHtmx, loadViewer, notFound } from "../settings/context";
import { fieldErrors, idParam } from "../settings/forms";
import { t } from "../ui/i18n";
import { EMPTY_POLICY, policyForm, type PolicyFormValues } from "./forms";
import { SLA_PATH } from "./nav";
import { createPolicy, deletePolicy, listPolicies } from "./policies";
import { type Choices, PolicyForm, PolicyList, SlaPage } from "./views/page";

async function choicesFor(d1: D1Database, workspaceId: string): Promise<Choices> {
  const [channels, teams, tags] = await d1.batch<{ id: string; name: string }>([
    d1.prepare("SELECT id, name FROM channels WHERE workspace_id = ? ORDER BY name LIMIT 200").bind(workspaceId),
    d1.prepare("SELECT id, name FROM teams WHERE workspace_id = ? ORDER BY name LIMIT 200").bind(workspaceId),
    d1.prepare("SELECT id, name FROM tags WHERE workspace_id = ? ORDER BY lower(name) LIMIT 500").bind(workspaceId),
  ]);
  return { channels: channels?.results ?? [], teams: teams?.results ?? [], tags: tags?.results ?? [] };
}

async function page(c: Context<AppEnv>, values: PolicyFormValues = EMPTY_POLICY, errors?: Record<string, string | undefined>, status: 200 | 422 = 200) {
  const viewer = await loadViewer(c);
  const [policies, choices] = await Promise.all([listPolicies(c.env.DB, viewer.workspaceId), choicesFor(c.env.DB, viewer.workspaceId)]);
  return c.html(<SlaPage viewer={viewer} policies={policies} choices={choices} values={values} errors={errors} />, status);
}

const policyId = zValidator("param", idParam, (r) => {
  if (!r.success) throw notFound("channel");
});

export const slaRoutes = new Hono<AppEnv>()
  .use(requireRole("admin"))
  .get("/", (c) => page(c))
  .post("/", async (c) => {
    const session = c.get("session");
    const body = Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, typeof v === "string" ? v : ""]));
    const values: PolicyFormValues = { ...EMPTY_POLICY, ...body };
    const parsed = policyForm.safeParse(values);
    const choices = await choicesFor(c.env.DB, session.workspaceId);
    let errors = parsed.success ? undefined : fieldErrors(parsed.error);
    if (parsed.success) {
      const p = parsed.data;
      const known = (list: Array<{ id: string }>, id: string | null) => id === null || list.some((x) => x.id === id);
      if (!known(choices.channels, p.channelId) || !known(choices.teams, p.teamId) || !known(choices.tags, p.tagId)) errors = { _form: t("sla.settings.error.unknown") };
    }
    if (errors || !parsed.success) {
      return isHtmx(c) ? c.html(<PolicyForm csrfToken={session.csrfToken} choices={choices} values={values} errors={errors} />, 422) : page(c, values, errors, 422);
    }
    await createPolicy(c.env.DB, session.workspaceId, parsed.data);
    if (!isHtmx(c)) return c.redirect(SLA_PATH, 303);
    c.header("HX-Redirect", SLA_PATH);
    return c.body(null, 200);
  })
  .post("/:id/delete", policyId, async (c) => {
    const session = c.get("session");
    await deletePolicy(c.env.DB, session.workspaceId, c.req.valid("param").id);
    if (!isHtmx(c)) return c.redirect(SLA_PATH, 303);
    const [policies, choices] = await Promise.all([listPolicies(c.env.DB, session.workspaceId), choicesFor(c.env.DB, session.workspaceId)]);
    return c.html(<PolicyList csrfToken={session.csrfToken} policies={policies} choices={choices} />);
  });
