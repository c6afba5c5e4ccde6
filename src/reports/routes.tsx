// /reports (supervisors and above): a page per tab, its CSV export, and the
// history backfill (admins and owners). Thin: parse the filters, load the tab
// through a ReportReader (rows read go out in Server-Timing), render.
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { hasRole, requireCsrf, requireRole, requireSession } from "../auth/middleware";
import type { AppEnv } from "../env";
import { t } from "../ui/i18n";
import { backfillState, backfillStep, PHASES, startBackfill } from "./backfill";
import { csvField, sectionsCsv } from "./csv";
import { loadDirectory } from "./directory";
import { FilterError, filterParams, filterQuery, type FilterQuery, type ReportFilters, resolveFilters } from "./filters";
import { ReportReader } from "./reader";
import type { TabResult } from "./tab";
import { LOG_EXPORT_LIMIT, loadLogs } from "./tabs/logs";
import { tabById } from "./tabs";
import { BackfillPanel, type BackfillState } from "./views/backfill-panel";
import { ReportPage } from "./views/page";
import { safeZone } from "./zone";

export const reportRoutes = new Hono<AppEnv>();

reportRoutes.use("*", requireSession(), requireRole("supervisor"), requireCsrf());

const queryOf = zValidator("query", filterQuery, (result, c) => {
  if (!result.success) return c.text(t("reports.error.filters"), 422);
});

async function prepare(d1: D1Database, workspaceId: string, query: FilterQuery) {
  const directory = await loadDirectory(d1, workspaceId);
  const zone = safeZone(directory.timeZone);
  let filters: ReportFilters;
  let error: string | undefined;
  try {
    filters = resolveFilters(query, zone, Date.now());
  } catch (e) {
    if (!(e instanceof FilterError)) throw e;
    error = t(`reports.error.${e.message as "range" | "order" | "long"}`);
    filters = resolveFilters({ ...query, preset: "last7" }, zone, Date.now());
  }
  return { directory: { ...directory, timeZone: zone }, filters, error, reader: new ReportReader(d1, workspaceId) };
}

const toPanel = (row: Awaited<ReturnType<typeof backfillState>>, timeZone: string): BackfillState | null =>
  row ? { status: row.status, processed: row.processed, total: row.total, cutoffAt: row.cutoff_at, finishedAt: row.finished_at, timeZone } : null;

reportRoutes.get("/", (c) => c.redirect(`/reports/conversations${new URL(c.req.url).search}`));

reportRoutes.get("/export/:tab", queryOf, async (c) => {
  const session = c.get("session");
  const tab = tabById(c.req.param("tab"));
  if (!tab) throw new HTTPException(404, { message: t("reports.error.tab") });
  const { filters, directory, error, reader } = await prepare(c.env.DB, session.workspaceId, c.req.valid("query"));
  if (error) return c.text(error, 422);
  let result: TabResult;
  if (tab.id === "logs") {
    const logs = await loadLogs({ reader, filters: { ...filters, before: "" }, directory }, LOG_EXPORT_LIMIT);
    result = await tab.load({ reader, filters, directory }).then((r) => ({ sections: r.sections.map((s) => ({ ...s, table: { ...s.table, rows: logs.rows } })) }));
  } else result = await (tab.loadExport ?? tab.load)({ reader, filters, directory });
  const name = `linedesk-${tab.id}-${filters.fromDate}-${filters.toDate}.csv`;
  c.header("content-type", "text/csv; charset=utf-8");
  c.header("content-disposition", `attachment; filename="${csvField(name)}"`);
  return c.body(sectionsCsv(result.sections, filters));
});

/** A chunk per phase per request (so a young workspace, all phases empty, finishes at once); the cron continues every minute. */
async function runSteps(d1: D1Database, workspaceId: string, steps = PHASES.length) {
  let row = await backfillStep(d1, workspaceId);
  for (let i = 1; i < steps && row?.status === "running"; i++) row = await backfillStep(d1, workspaceId);
  return row;
}

reportRoutes.post("/backfill", async (c) => {
  const session = c.get("session");
  if (!hasRole(session.role, "admin")) throw new HTTPException(403, { message: t("error.roleRequired.admin") });
  await startBackfill(c.env.DB, session.workspaceId);
  await runSteps(c.env.DB, session.workspaceId);
  return c.redirect("/reports/conversations#report-backfill", 303);
});

reportRoutes.post("/backfill/step", async (c) => {
  const session = c.get("session");
  if (!hasRole(session.role, "admin")) throw new HTTPException(403, { message: t("error.roleRequired.admin") });
  const row = await runSteps(c.env.DB, session.workspaceId);
  const zone = safeZone((await loadDirectory(c.env.DB, session.workspaceId)).timeZone);
  if (!c.req.header("hx-request")) return c.redirect("/reports/conversations#report-backfill", 303);
  return c.html(<BackfillPanel state={toPanel(row, zone)} csrfToken={session.csrfToken} />);
});

reportRoutes.get("/:tab", queryOf, async (c) => {
  const session = c.get("session");
  const tab = tabById(c.req.param("tab"));
  if (!tab) throw new HTTPException(404, { message: t("reports.error.tab") });
  const started = Date.now();
  const { filters, directory, error, reader } = await prepare(c.env.DB, session.workspaceId, c.req.valid("query"));
  const result = error ? null : await tab.load({ reader, filters, directory });
  const canBackfill = hasRole(session.role, "admin");
  const backfill = canBackfill ? toPanel(await backfillState(c.env.DB, session.workspaceId), directory.timeZone) : null;
  c.header("server-timing", `reports;dur=${Date.now() - started};desc="rows_read=${reader.rowsRead} queries=${reader.queries} round_trips=${reader.roundTrips}"`);
  c.header("x-report-query", filterParams(filters));
  return c.html(
    <ReportPage user={{ name: session.name, email: session.email, role: session.role }} csrfToken={session.csrfToken} tab={tab} filters={filters} directory={directory} result={result} error={error} backfill={backfill} canBackfill={canBackfill} />,
    error ? 422 : 200,
  );
});
