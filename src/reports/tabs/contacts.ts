// Contacts: new friends, blocks and unblocks over time, and the languages of the
// customers who followed or blocked. Follows belong to a channel only.
import { localeContext, t } from "../../ui/i18n";
import { NONE } from "../cube";
import { contactLanguages, contactSeries } from "../queries";
import type { ReportTab } from "../tab";
import { breakdownSection, seriesSection } from "./common";

export const contactsTab: ReportTab = {
  id: "contacts",
  labelKey: "reports.tab.contacts",
  filters: ["channel"],
  async load({ reader, filters: f }) {
    const [series, languages] = await Promise.all([contactSeries(reader, f), contactLanguages(reader, f)]);
    const measures = [
      { key: "new_friends", label: t("reports.m.newFriends") },
      { key: "blocks", label: t("reports.m.blocks") },
      { key: "unblocks", label: t("reports.m.unblocks") },
    ];
    const named = [...languages.keys()].map((id) => ({ id, name: id === NONE ? t("reports.unknownLanguage") : languageName(id) }));
    return {
      sections: [
        seriesSection("follows", t("reports.s.follows"), f, series, measures),
        breakdownSection("languages", t("reports.s.languages"), t("reports.col.language"), named, languages, measures),
      ],
    };
  },
};

/** "ja" → "Japanese" in the reader's language (Intl), falling back to the code. */
function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([localeContext().locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
