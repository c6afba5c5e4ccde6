// Resolutions: how many conversations were resolved and reopened, and how long
// an open spell lasted until it was resolved (p50/p90).
import { t } from "../../ui/i18n";
import { CONVERSATION_MEASURES } from "../cube";
import { countSeries, durationTotals, histogramOf, sumTotals } from "../queries";
import { ALL_FILTERS, type ReportTab } from "../tab";
import { durationCells, durationColumns, seriesSection } from "./common";

export const resolutionsTab: ReportTab = {
  id: "resolutions",
  labelKey: "reports.tab.resolutions",
  filters: ALL_FILTERS,
  async load({ reader, filters: f }) {
    const [series, totals] = await Promise.all([countSeries(reader, "report_conversations", CONVERSATION_MEASURES, f), durationTotals(reader, f, undefined, ["resolution"])]);
    const sum = sumTotals(series.values(), CONVERSATION_MEASURES);
    const h = histogramOf(totals, "resolution");
    return {
      sections: [
        {
          id: "summary",
          title: t("reports.s.timeToResolve"),
          note: t("reports.note.resolution"),
          table: {
            columns: [{ key: "resolved", label: t("reports.m.resolved"), format: "count" }, { key: "reopened", label: t("reports.m.reopened"), format: "count" }, ...durationColumns("", t("reports.col.measured")).slice(1)],
            rows: [{ resolved: sum.resolved ?? 0, reopened: sum.reopened ?? 0, ...durationCells(h) }],
          },
        },
        seriesSection("trend", t("reports.s.resolvedTrend"), f, series, [
          { key: "resolved", label: t("reports.m.resolved") },
          { key: "reopened", label: t("reports.m.reopened") },
        ]),
      ],
    };
  },
};
