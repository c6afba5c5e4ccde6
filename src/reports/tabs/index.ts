// The report tabs, in the order the page shows them.
//
// Extension point for CSAT and SLA (issue 10, built on branch i10-csat): a tab is
// a ReportTab (src/reports/tab.ts) whose loader reads its own tables — e.g. a
// csatTab reading csat_responses (score distribution, trend, comments) and an
// slaTab reading sla_events (met / breached per target) — and is added to this
// list; the page, filters, SVG charts and CSV export need no change. For their
// numbers to be as fast as the others, count them into a rollup of their own
// through a domain-event listener, the way recorder.ts does.
import type { ReportTab } from "../tab";
import { agentsTab } from "./agents";
import { contactsTab } from "./contacts";
import { conversationsTab } from "./conversations";
import { logsTab } from "./logs";
import { messagesTab } from "./messages";
import { resolutionsTab } from "./resolutions";
import { responsesTab } from "./responses";

export const REPORT_TABS: readonly ReportTab[] = [conversationsTab, responsesTab, resolutionsTab, messagesTab, contactsTab, agentsTab, logsTab];

export function tabById(id: string): ReportTab | undefined {
  return REPORT_TABS.find((tab) => tab.id === id);
}
