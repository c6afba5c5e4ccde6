// CSAT: how customers rated their conversations — the score distribution, the
// trend (CSAT % = share of 4 and 5; the average score), per agent and team, and
// the comments (keyset-paged). Figures read report_csat (counted from csat.rated).
import { t } from "../../ui/i18n";
import { CSAT_MEASURES } from "../cube";
import { bucketsOf } from "../filters";
import { countBreakdown, countSeries, sumTotals, type Totals } from "../queries";
import { ALL_FILTERS, type Cell, type Column, type ReportTab, type Section, type TabContext, type TabResult } from "../tab";
import { breakdownName, idsOf } from "./common";
import { COMMENT_EXPORT_LIMIT, loadComments } from "./csat-comments";

const SCORES = [5, 4, 3, 2, 1] as const;

export interface CsatFigures {
  responses: number;
  /** Mean score (null: no answers), two decimals. */
  average: number | null;
  /** Share of 4 and 5 in percent (null: no answers), one decimal. */
  csat: number | null;
  commented: number;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The figures of a report_csat total. */
export function csatFigures(v: Totals | undefined): CsatFigures {
  const n = (s: number) => v?.[`score_${s}`] ?? 0;
  const responses = SCORES.reduce((a, s) => a + n(s), 0);
  if (!responses) return { responses: 0, average: null, csat: null, commented: v?.commented ?? 0 };
  const sum = SCORES.reduce((a, s) => a + s * n(s), 0);
  return { responses, average: round(sum / responses, 2), csat: round(((n(4) + n(5)) / responses) * 100, 1), commented: v?.commented ?? 0 };
}

const figureColumns = (): Column[] => [
  { key: "responses", label: t("reports.csat.responses"), format: "count" },
  { key: "average", label: t("reports.csat.average"), format: "score" },
  { key: "csat", label: t("reports.csat.percent"), format: "percent" },
];

function byNameSection(id: string, title: string, nameLabel: string, list: Array<{ id: string; name: string }>, data: Map<string, Totals>, noneLabel: string): Section {
  const rows = [...data.entries()]
    .map(([k, v]) => ({ name: breakdownName(list, k, noneLabel), ...csatFigures(v) }))
    .filter((r) => r.responses > 0)
    .sort((a, b) => b.responses - a.responses || a.name.localeCompare(b.name));
  return { id, title, table: { columns: [{ key: "name", label: nameLabel, format: "text" }, ...figureColumns()], rows } };
}

function commentsSection(rows: Array<Record<string, Cell>>): Section {
  return {
    id: "comments",
    title: t("reports.csat.comments"),
    table: {
      columns: [
        { key: "at", label: t("reports.col.when"), format: "datetime" },
        { key: "score", label: t("reports.csat.score"), format: "count" },
        { key: "comment", label: t("reports.csat.comment"), format: "text" },
        { key: "agent", label: t("reports.col.agent"), format: "text" },
        { key: "channel", label: t("reports.col.channel"), format: "text" },
      ],
      rows,
    },
  };
}

async function figures({ reader, filters: f, directory: d }: TabContext): Promise<Section[]> {
  const [series, agents, teams] = await Promise.all([
    countSeries(reader, "report_csat", CSAT_MEASURES, f),
    countBreakdown(reader, "report_csat", CSAT_MEASURES, f, "agent_id", idsOf(d.agents, true)),
    countBreakdown(reader, "report_csat", CSAT_MEASURES, f, "team_id", idsOf(d.teams, true)),
  ]);
  const total = sumTotals(series.values(), CSAT_MEASURES);
  const all = csatFigures(total);
  const buckets = bucketsOf(f);
  const share = (s: number) => (all.responses ? round(((total[`score_${s}`] ?? 0) / all.responses) * 100, 1) : null);
  return [
    {
      id: "summary",
      title: t("reports.csat.summary"),
      note: t("reports.csat.note"),
      table: { columns: [...figureColumns(), { key: "commented", label: t("reports.csat.commented"), format: "count" }], rows: [{ ...all }] },
    },
    {
      id: "distribution",
      title: t("reports.csat.distribution"),
      chart: { kind: "hbars", format: "count", categories: SCORES.map((s) => t("reports.csat.scoreN", { score: s })), series: [{ label: t("reports.csat.responses"), values: SCORES.map((s) => total[`score_${s}`] ?? 0) }] },
      table: {
        columns: [
          { key: "score", label: t("reports.csat.score"), format: "text" },
          { key: "responses", label: t("reports.csat.responses"), format: "count" },
          { key: "share", label: t("reports.csat.share"), format: "percent" },
        ],
        rows: SCORES.map((s) => ({ score: String(s), responses: total[`score_${s}`] ?? 0, share: share(s) })),
      },
    },
    {
      id: "trend",
      title: t("reports.csat.trend"),
      chart: { kind: "lines", format: "percent", buckets, series: [{ label: t("reports.csat.percent"), values: buckets.map((b) => csatFigures(series.get(b)).csat) }] },
      table: {
        columns: [{ key: "bucket", label: t(f.grain === "h" ? "reports.col.hour" : "reports.col.day"), format: "bucket" }, ...figureColumns()],
        rows: buckets.map((b) => ({ bucket: b, ...csatFigures(series.get(b)) })),
      },
    },
    byNameSection("agents", t("reports.csat.byAgent"), t("reports.col.agent"), d.agents, agents, t("reports.unassigned")),
    byNameSection("teams", t("reports.csat.byTeam"), t("reports.col.team"), d.teams, teams, t("reports.noTeam")),
  ];
}

export const csatTab: ReportTab = {
  id: "csat",
  labelKey: "reports.tab.csat",
  filters: ALL_FILTERS,
  async load(ctx): Promise<TabResult> {
    const [sections, comments] = await Promise.all([figures(ctx), loadComments(ctx)]);
    return { sections: [...sections, commentsSection(comments.rows)], next: comments.next };
  },
  async loadExport(ctx): Promise<TabResult> {
    const [sections, comments] = await Promise.all([figures(ctx), loadComments({ ...ctx, filters: { ...ctx.filters, before: "" } }, COMMENT_EXPORT_LIMIT)]);
    return { sections: [...sections, commentsSection(comments.rows)] };
  },
};
