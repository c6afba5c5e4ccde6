// Responses: how long customers waited for an agent's first answer and for each
// next answer, p50/p90, within the channel's business hours or outside them.
import { t } from "../../ui/i18n";
import { bucketsOf } from "../filters";
import { percentile } from "../histogram";
import { durationSeries, durationTotals, histogramOf } from "../queries";
import { ALL_FILTERS, type ReportTab } from "../tab";
import { durationCells, durationColumns } from "./common";

export const responsesTab: ReportTab = {
  id: "responses",
  labelKey: "reports.tab.responses",
  filters: ALL_FILTERS,
  async load({ reader, filters: f }) {
    const [totals, firstSeries, nextSeries] = await Promise.all([durationTotals(reader, f, undefined, ["first_response", "next_response"]), durationSeries(reader, f, "first_response"), durationSeries(reader, f, "next_response")]);
    const metrics = [
      ["first_response", t("reports.m.firstResponse")],
      ["next_response", t("reports.m.nextResponse")],
    ] as const;
    const sides = [
      [undefined, t("reports.hours.all")],
      [1, t("reports.hours.inside")],
      [0, t("reports.hours.outside")],
    ] as const;
    const rows = metrics.flatMap(([metric, label]) => sides.map(([bh, side]) => ({ metric: label, hours: side, ...durationCells(histogramOf(totals, metric, { businessHours: bh })) })));
    const buckets = bucketsOf(f);
    const p = (m: typeof firstSeries, b: number, q: number) => percentile(m.get(b)?.buckets ?? [], q);
    return {
      sections: [
        {
          id: "summary",
          title: t("reports.s.responseTimes"),
          note: t("reports.note.responses"),
          table: { columns: [{ key: "metric", label: t("reports.col.measure"), format: "text" }, { key: "hours", label: t("reports.col.hours"), format: "text" }, ...durationColumns()], rows },
        },
        {
          id: "trend",
          title: t("reports.s.responseTrend"),
          chart: {
            kind: "lines",
            format: "duration",
            buckets,
            series: [
              { label: t("reports.m.firstP50"), values: buckets.map((b) => p(firstSeries, b, 0.5)) },
              { label: t("reports.m.nextP50"), values: buckets.map((b) => p(nextSeries, b, 0.5)) },
            ],
          },
          table: {
            columns: [
              { key: "bucket", label: t(f.grain === "h" ? "reports.col.hour" : "reports.col.day"), format: "bucket" },
              { key: "first50", label: t("reports.m.firstP50"), format: "duration" },
              { key: "first90", label: t("reports.m.firstP90"), format: "duration" },
              { key: "next50", label: t("reports.m.nextP50"), format: "duration" },
              { key: "next90", label: t("reports.m.nextP90"), format: "duration" },
            ],
            rows: buckets.map((b) => ({ bucket: b, first50: p(firstSeries, b, 0.5), first90: p(firstSeries, b, 0.9), next50: p(nextSeries, b, 0.5), next90: p(nextSeries, b, 0.9) })),
          },
        },
      ],
    };
  },
};
