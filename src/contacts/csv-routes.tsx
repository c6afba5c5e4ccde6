// CSV routes under /contacts: export of the filtered directory, and the import
// (upload → preview with per-row errors → apply all at once).
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import type { AppEnv } from "../env";
import { t } from "../ui/i18n";
import { exportContactsCsv } from "./csv/export";
import { applyImport, IMPORT_MAX_BYTES, type ImportRow, planImport } from "./csv/import";
import { directoryQuery } from "./directory/filters";
import { fieldDefinitions } from "./queries/fields";
import { ImportPage } from "./views/import-page";

const matchBy = z.string().regex(/^(id|[a-z0-9_]{1,40})$/).catch("id");

const userOf = (c: Context<AppEnv>) => {
  const s = c.get("session");
  return { name: s.name, email: s.email, role: s.role };
};

async function page(c: Context<AppEnv>, props: { matchBy: string; error?: string; preview?: { rows: ImportRow[]; csv: string } }, status: 200 | 409 | 422 = 200) {
  const fields = await fieldDefinitions(c.env.DB, c.get("session").workspaceId);
  return c.html(<ImportPage user={userOf(c)} csrfToken={c.get("session").csrfToken} fields={fields} {...props} />, status);
}

async function readCsv(c: Context<AppEnv>): Promise<{ csv: string | null; matchBy: string }> {
  const body = await c.req.parseBody();
  const file = body.file;
  const text = file instanceof File ? (file.size > IMPORT_MAX_BYTES ? null : await file.text()) : typeof body.csv === "string" ? body.csv : null;
  return { csv: text && text.length <= IMPORT_MAX_BYTES ? text : null, matchBy: matchBy.parse(body.matchBy) };
}

export const csvRoutes = new Hono<AppEnv>()
  .get("/export.csv", zValidator("query", directoryQuery, (r) => {
    if (!r.success) throw new HTTPException(422, { message: t("contacts.dir.badFilter", { field: r.error.issues[0]?.path.join(".") ?? "" }) });
  }), async (c) => {
    const { after: _after, ...filters } = c.req.valid("query");
    const day = new Date().toISOString().slice(0, 10);
    return c.body(exportContactsCsv(c.env.DB, c.get("session").workspaceId, filters), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="contacts-${day}.csv"`,
      "cache-control": "no-store",
    });
  })
  .get("/import", (c) => page(c, { matchBy: "id" }))
  .post("/import", async (c) => {
    const { csv, matchBy: key } = await readCsv(c);
    if (csv === null) return page(c, { matchBy: key, error: t("contacts.csv.err.tooLarge", { max: 1000 }) }, 422);
    const plan = await planImport(c.env.DB, c.get("session").workspaceId, csv, key);
    if (!plan.ok) return page(c, { matchBy: key, error: plan.error }, 422);
    const bad = plan.rows.some((r) => r.errors.length);
    return page(c, { matchBy: key, preview: { rows: plan.rows, csv } }, bad ? 422 : 200);
  })
  .post("/import/apply", async (c) => {
    const { workspaceId, userId } = c.get("session");
    const { csv, matchBy: key } = await readCsv(c);
    if (csv === null) return page(c, { matchBy: key, error: t("contacts.csv.err.tooLarge", { max: 1000 }) }, 422);
    const plan = await planImport(c.env.DB, workspaceId, csv, key);
    if (!plan.ok) return page(c, { matchBy: key, error: plan.error }, 422);
    if (plan.rows.some((r) => r.errors.length)) return page(c, { matchBy: key, preview: { rows: plan.rows, csv } }, 422);
    if (!(await applyImport(c.env.DB, workspaceId, userId, plan.rows))) return page(c, { matchBy: key, error: t("contacts.csv.err.changed") }, 409);
    return c.redirect(`/contacts?notice=imported&n=${plan.rows.length}`, 303);
  });

