// Conversations: opened, resolved and reopened over time, the open backlog (the
// hourly snapshot), and the same by channel, team and tag.
import { t } from "../../ui/i18n";
import { CONVERSATION_MEASURES } from "../cube";
import { backlogSeries, countBreakdown, countSeries } from "../queries";
import { ALL_FILTERS, type ReportTab } from "../tab";
import { breakdownSection, idsOf, type Measure, seriesSection } from "./common";

export const conversationsTab: ReportTab = {
  id: "conversations",
  labelKey: "reports.tab.conversations",
  filters: ALL_FILTERS,
  async load({ reader, filters: f, directory: d }) {
    const measures: Measure[] = [
      { key: "opened", label: t("reports.m.opened") },
      { key: "resolved", label: t("reports.m.resolved") },
      { key: "reopened", label: t("reports.m.reopened") },
    ];
    const pair = measures.slice(0, 2);
    const [series, backlog, byChannel, byTeam, byTag] = await Promise.all([
      countSeries(reader, "report_conversations", CONVERSATION_MEASURES, f),
      backlogSeries(reader, f),
      countBreakdown(reader, "report_conversations", CONVERSATION_MEASURES, f, "channel_id", idsOf(d.channels, false)),
      countBreakdown(reader, "report_conversations", CONVERSATION_MEASURES, f, "team_id", idsOf(d.teams, true)),
      countBreakdown(reader, "report_conversations", CONVERSATION_MEASURES, f, "tag_id", idsOf(d.tags, false)),
    ]);
    const backlogData = new Map([...backlog].map(([b, open]) => [b, { open }]));
    return {
      sections: [
        seriesSection("volume", t("reports.s.volume"), f, series, measures),
        seriesSection("backlog", t("reports.s.backlog"), f, backlogData, [{ key: "open", label: t("reports.m.open") }], "lines", t("reports.note.backlog")),
        breakdownSection("by-channel", t("reports.s.byChannel"), t("reports.col.channel"), d.channels, byChannel, pair),
        breakdownSection("by-team", t("reports.s.byTeam"), t("reports.col.team"), d.teams, byTeam, pair, t("reports.noTeam")),
        breakdownSection("by-tag", t("reports.s.byTag"), t("reports.col.tag"), d.tags, byTag, pair),
      ],
    };
  },
};
