// Agents: a leaderboard — conversations assigned and resolved, messages sent,
// first and next response times (p50), and CSAT (average score and CSAT %) for
// each person in the workspace.
import { t } from "../../ui/i18n";
import { CONVERSATION_MEASURES, CSAT_MEASURES, MESSAGE_MEASURES } from "../cube";
import { percentile } from "../histogram";
import { countBreakdown, durationTotals, histogramOf } from "../queries";
import { ALL_FILTERS, type ReportTab } from "../tab";
import { idsOf } from "./common";
import { csatFigures } from "./csat";

export const agentsTab: ReportTab = {
  id: "agents",
  labelKey: "reports.tab.agents",
  filters: ALL_FILTERS,
  async load({ reader, filters: f, directory: d }) {
    const ids = idsOf(d.agents, false);
    const by = { dim: "agent_id" as const, ids };
    const [conv, msg, durations, csat] = await Promise.all([
      countBreakdown(reader, "report_conversations", CONVERSATION_MEASURES, f, "agent_id", ids),
      countBreakdown(reader, "report_messages", MESSAGE_MEASURES, f, "agent_id", ids),
      durationTotals(reader, f, by, ["first_response", "next_response"]),
      countBreakdown(reader, "report_csat", CSAT_MEASURES, f, "agent_id", ids),
    ]);
    const rows = d.agents
      .map((a) => {
        const first = histogramOf(durations, "first_response", { id: a.id });
        const next = histogramOf(durations, "next_response", { id: a.id });
        const rated = csatFigures(csat.get(a.id));
        return {
          name: a.name,
          assigned: conv.get(a.id)?.assigned ?? 0,
          resolved: conv.get(a.id)?.resolved ?? 0,
          messages: msg.get(a.id)?.outbound_agent ?? 0,
          first50: percentile(first.buckets, 0.5),
          next50: percentile(next.buckets, 0.5),
          csatResponses: rated.responses,
          csatAverage: rated.average,
          csat: rated.csat,
        };
      })
      .filter((r) => r.assigned || r.resolved || r.messages || r.csatResponses)
      .sort((a, b) => b.resolved - a.resolved || b.messages - a.messages || a.name.localeCompare(b.name));
    return {
      sections: [
        {
          id: "leaderboard",
          title: t("reports.s.leaderboard"),
          chart: rows.length === 0 ? undefined : { kind: "hbars", format: "count", categories: rows.slice(0, 10).map((r) => r.name), series: [{ label: t("reports.m.resolved"), values: rows.slice(0, 10).map((r) => r.resolved) }] },
          table: {
            columns: [
              { key: "name", label: t("reports.col.agent"), format: "text" },
              { key: "assigned", label: t("reports.m.assigned"), format: "count" },
              { key: "resolved", label: t("reports.m.resolved"), format: "count" },
              { key: "messages", label: t("reports.m.outboundAgent"), format: "count" },
              { key: "first50", label: t("reports.m.firstP50"), format: "duration" },
              { key: "next50", label: t("reports.m.nextP50"), format: "duration" },
              { key: "csatResponses", label: t("reports.csat.ratings"), format: "count" },
              { key: "csatAverage", label: t("reports.csat.average"), format: "score" },
              { key: "csat", label: t("reports.csat.percent"), format: "percent" },
            ],
            rows,
          },
        },
      ],
    };
  },
};
