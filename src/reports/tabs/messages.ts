// Messages: inbound, outbound by agents, automation and the API, and how they
// went out — a reply (free) or a push (counts against LINE's monthly quota).
import { t } from "../../ui/i18n";
import { MESSAGE_MEASURES } from "../cube";
import { countBreakdown, countSeries } from "../queries";
import { ALL_FILTERS, type ReportTab } from "../tab";
import { breakdownSection, idsOf, seriesSection } from "./common";

export const messagesTab: ReportTab = {
  id: "messages",
  labelKey: "reports.tab.messages",
  filters: ALL_FILTERS,
  async load({ reader, filters: f, directory: d }) {
    const [series, byChannel] = await Promise.all([
      countSeries(reader, "report_messages", MESSAGE_MEASURES, f),
      countBreakdown(reader, "report_messages", MESSAGE_MEASURES, f, "channel_id", idsOf(d.channels, false)),
    ]);
    const volume = [
      { key: "inbound", label: t("reports.m.inbound") },
      { key: "outbound_agent", label: t("reports.m.outboundAgent") },
      { key: "outbound_automation", label: t("reports.m.outboundAutomation") },
      { key: "outbound_api", label: t("reports.m.outboundApi") },
    ];
    const quota = [
      { key: "via_reply", label: t("reports.m.viaReply") },
      { key: "via_push", label: t("reports.m.viaPush") },
      { key: "failed", label: t("reports.m.failed") },
    ];
    return {
      sections: [
        seriesSection("volume", t("reports.s.messages"), f, series, volume),
        seriesSection("quota", t("reports.s.quota"), f, series, quota, "bars", t("reports.note.quota")),
        breakdownSection("by-channel", t("reports.s.byChannel"), t("reports.col.channel"), d.channels, byChannel, [...volume.slice(0, 2), quota[1]!]),
      ],
    };
  },
};
