// The report tabs, in the order the page shows them.
//
// A tab is a ReportTab (src/reports/tab.ts) added to this list; the page,
// filters, SVG charts and CSV export need no change. CSAT and SLA read rollups
// of their own (report_csat, report_sla) that recorder.ts counts from the
// csat.rated and sla.recorded domain events, like every other figure.
import type { ReportTab } from "../tab";
import { agentsTab } from "./agents";
import { contactsTab } from "./contacts";
import { conversationsTab } from "./conversations";
import { csatTab } from "./csat";
import { logsTab } from "./logs";
import { messagesTab } from "./messages";
import { resolutionsTab } from "./resolutions";
import { responsesTab } from "./responses";
import { slaTab } from "./sla";

export const REPORT_TABS: readonly ReportTab[] = [conversationsTab, responsesTab, resolutionsTab, messagesTab, contactsTab, agentsTab, csatTab, slaTab, logsTab];

export function tabById(id: string): ReportTab | undefined {
  return REPORT_TABS.find((tab) => tab.id === id);
}
