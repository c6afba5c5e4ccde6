// SLA: targets met and breached — per target kind (first response, next
// response, resolution), over time, and by team and agent (the assignee when the
// target was met or missed). Figures read report_sla (counted from sla.recorded).
import { t } from "../../ui/i18n";
import { SLA_MEASURES } from "../cube";
import { bucketsOf } from "../filters";
import { countBreakdown, countSeries, sumTotals, type Totals } from "../queries";
import { ALL_FILTERS, type Column, type ReportTab, type Section } from "../tab";
import { breakdownName, idsOf } from "./common";

const KINDS = [
  ["first", "reports.m.firstResponse"],
  ["next", "reports.m.nextResponse"],
  ["resolution", "reports.sla.resolution"],
] as const;

export interface SlaFigures {
  met: number;
  breached: number;
  /** Met share in percent (null: nothing measured), one decimal. */
  rate: number | null;
}

/** Met and breached of one kind, or of all kinds together. */
export function slaFigures(v: Totals | undefined, kind?: (typeof KINDS)[number][0]): SlaFigures {
  const kinds = kind ? [kind] : KINDS.map(([k]) => k);
  const met = kinds.reduce((a, k) => a + (v?.[`${k}_met`] ?? 0), 0);
  const breached = kinds.reduce((a, k) => a + (v?.[`${k}_breached`] ?? 0), 0);
  return { met, breached, rate: met + breached ? Math.round((met / (met + breached)) * 1000) / 10 : null };
}

const columns = (): Column[] => [
  { key: "met", label: t("reports.sla.met"), format: "count" },
  { key: "breached", label: t("reports.sla.breached"), format: "count" },
  { key: "rate", label: t("reports.sla.rate"), format: "percent" },
];

function byNameSection(id: string, title: string, nameLabel: string, list: Array<{ id: string; name: string }>, data: Map<string, Totals>, noneLabel: string): Section {
  const rows = [...data.entries()]
    .map(([k, v]) => ({ name: breakdownName(list, k, noneLabel), ...slaFigures(v), ...Object.fromEntries(KINDS.map(([kind]) => [`${kind}_breached`, v[`${kind}_breached`] ?? 0])) }))
    .filter((r) => r.met + r.breached > 0)
    .sort((a, b) => b.breached - a.breached || b.met - a.met || a.name.localeCompare(b.name));
  return {
    id,
    title,
    table: {
      columns: [{ key: "name", label: nameLabel, format: "text" }, ...columns(), ...KINDS.map(([kind, label]) => ({ key: `${kind}_breached`, label: t("reports.sla.breachedOf", { target: t(label) }), format: "count" as const }))],
      rows,
    },
  };
}

export const slaTab: ReportTab = {
  id: "sla",
  labelKey: "reports.tab.sla",
  filters: ALL_FILTERS,
  async load({ reader, filters: f, directory: d }) {
    const [series, agents, teams] = await Promise.all([
      countSeries(reader, "report_sla", SLA_MEASURES, f),
      countBreakdown(reader, "report_sla", SLA_MEASURES, f, "agent_id", idsOf(d.agents, true)),
      countBreakdown(reader, "report_sla", SLA_MEASURES, f, "team_id", idsOf(d.teams, true)),
    ]);
    const total = sumTotals(series.values(), SLA_MEASURES);
    const buckets = bucketsOf(f);
    return {
      sections: [
        {
          id: "targets",
          title: t("reports.sla.targets"),
          note: t("reports.sla.note"),
          table: {
            columns: [{ key: "target", label: t("reports.sla.target"), format: "text" }, ...columns()],
            rows: [...KINDS.map(([kind, label]) => ({ target: t(label), ...slaFigures(total, kind) })), { target: t("reports.sla.all"), ...slaFigures(total) }],
          },
        },
        {
          id: "sla-trend",
          title: t("reports.sla.trend"),
          chart: {
            kind: "bars",
            format: "count",
            buckets,
            series: [
              { label: t("reports.sla.met"), values: buckets.map((b) => slaFigures(series.get(b)).met) },
              { label: t("reports.sla.breached"), values: buckets.map((b) => slaFigures(series.get(b)).breached) },
            ],
          },
          table: {
            columns: [{ key: "bucket", label: t(f.grain === "h" ? "reports.col.hour" : "reports.col.day"), format: "bucket" }, ...columns()],
            rows: buckets.map((b) => ({ bucket: b, ...slaFigures(series.get(b)) })),
          },
        },
        byNameSection("teams", t("reports.sla.byTeam"), t("reports.col.team"), d.teams, teams, t("reports.noTeam")),
        byNameSection("agents", t("reports.sla.byAgent"), t("reports.col.agent"), d.agents, agents, t("reports.unassigned")),
      ],
    };
  },
};
