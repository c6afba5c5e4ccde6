// The /reports page: tabs, the filter form (GET: works without JavaScript), then
// each section as a chart beside its table; CSV export of the tab; on the Logs
// tab a search box and keyset paging; the history backfill's panel.
import type { FC } from "hono/jsx";
import { Layout } from "../../ui/layout";
import { t } from "../../ui/i18n";
import { IconDownload } from "../../ui/icons";
import type { Role } from "../../db/roles";
import type { Directory, Named } from "../directory";
import { filterParams, PRESETS, type ReportFilters } from "../filters";
import type { ReportTab, Section, TabResult } from "../tab";
import { REPORT_TABS } from "../tabs";
import { BackfillPanel, type BackfillState } from "./backfill-panel";
import { ChartView } from "./chart";
import { formatCell } from "./format";

export interface ReportPageProps {
  user: { name: string; email: string; role: Role };
  csrfToken: string;
  tab: ReportTab;
  filters: ReportFilters;
  directory: Directory;
  result: TabResult | null;
  /** A filter that makes no sense (422): said instead of the figures. */
  error?: string;
  backfill: BackfillState | null;
  canBackfill: boolean;
}

export const ReportPage: FC<ReportPageProps> = (p) => (
  <Layout title={`${t("reports.title")} · ${t(p.tab.labelKey)}`} user={p.user} csrfToken={p.csrfToken} bodyClass="page-reports">
    <link rel="stylesheet" href="/reports.css" />
    <script src="/reports.js" defer></script>
    <div class="reports">
      <header class="reports__head">
        <h1 class="reports__title">{t("reports.title")}</h1>
        <p class="reports__zone">{t("reports.zone", { zone: p.filters.timeZone })}</p>
      </header>
      <nav class="reports__tabs" aria-label={t("reports.tabs")}>
        {REPORT_TABS.map((tab) => (
          <a class={`reports__tab${tab.id === p.tab.id ? " is-current" : ""}`} href={`/reports/${tab.id}?${filterParams(p.filters)}`} aria-current={tab.id === p.tab.id ? "page" : undefined}>
            {t(tab.labelKey)}
          </a>
        ))}
      </nav>
      <Filters {...p} />
      {p.error ? (
        <p class="reports__error" role="alert">
          {p.error}
        </p>
      ) : null}
      {p.result?.sections.map((s) => <SectionView section={s} filters={p.filters} />)}
      {p.result?.next ? (
        <a class="btn btn--ghost reports__more" href={`/reports/${p.tab.id}?${filterParams(p.filters, { q: p.filters.q, before: p.result.next })}`}>
          {t("reports.older")}
        </a>
      ) : null}
      {p.canBackfill ? <BackfillPanel state={p.backfill} csrfToken={p.csrfToken} /> : null}
    </div>
  </Layout>
);

const Select: FC<{ name: string; label: string; all: string; list: Named[]; value: string; enabled: boolean; extra?: Named[] }> = ({ name, label, all, list, value, enabled, extra = [] }) => (
  <label class="rfilter">
    <span class="rfilter__label">{label}</span>
    <select name={name} class="input" disabled={!enabled} title={enabled ? undefined : t("reports.notFiltered")}>
      <option value="">{all}</option>
      {[...list, ...extra].map((n) => (
        <option value={n.id} selected={n.id === value}>
          {n.name}
        </option>
      ))}
    </select>
  </label>
);

const Filters: FC<ReportPageProps> = ({ tab, filters: f, directory: d }) => {
  const on = (k: "channel" | "team" | "agent" | "tag") => tab.filters.includes(k);
  return (
    <form class="reports__filters" method="get" action={`/reports/${tab.id}`}>
      <label class="rfilter">
        <span class="rfilter__label">{t("reports.f.range")}</span>
        <select name="preset" class="input">
          {PRESETS.map((preset) => (
            <option value={preset} selected={preset === f.preset}>
              {t(`reports.preset.${preset}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="rfilter rfilter--date">
        <span class="rfilter__label">{t("reports.f.from")}</span>
        <input type="date" name="from" class="input" value={f.fromDate} />
      </label>
      <label class="rfilter rfilter--date">
        <span class="rfilter__label">{t("reports.f.to")}</span>
        <input type="date" name="to" class="input" value={f.toDate} />
      </label>
      <Select name="channel" label={t("reports.col.channel")} all={t("reports.f.allChannels")} list={d.channels} value={f.channelId} enabled={on("channel")} />
      <Select name="team" label={t("reports.col.team")} all={t("reports.f.allTeams")} list={d.teams} value={f.teamId} enabled={on("team")} extra={[{ id: "-", name: t("reports.noTeam") }]} />
      <Select name="agent" label={t("reports.col.agent")} all={t("reports.f.allAgents")} list={d.agents} value={f.agentId} enabled={on("agent")} extra={tab.id === "logs" ? [] : [{ id: "-", name: t("reports.unassigned") }]} />
      <Select name="tag" label={t("reports.col.tag")} all={t("reports.f.allTags")} list={d.tags} value={f.tagId} enabled={on("tag")} />
      {tab.id === "logs" ? (
        <label class="rfilter rfilter--search">
          <span class="rfilter__label">{t("reports.f.search")}</span>
          <input type="search" name="q" class="input" value={f.q} maxlength={100} placeholder={t("reports.f.searchPlaceholder")} />
        </label>
      ) : null}
      <div class="reports__actions">
        <button type="submit" class="btn btn--primary">
          {t("reports.f.apply")}
        </button>
        <a class="btn btn--ghost" href={`/reports/export/${tab.id}?${filterParams(f, { q: f.q })}`} download>
          <IconDownload />
          <span>{t("reports.csv")}</span>
        </a>
      </div>
      <p class="reports__hint">{t("reports.f.customHint")}</p>
    </form>
  );
};

const SectionView: FC<{ section: Section; filters: ReportFilters }> = ({ section: s, filters: f }) => (
  <section class="rsec" aria-labelledby={`rsec-${s.id}`}>
    <h2 class="rsec__title" id={`rsec-${s.id}`}>
      {s.title}
    </h2>
    {s.note ? <p class="rsec__note">{s.note}</p> : null}
    <div class={`rsec__body${s.chart ? " rsec__body--chart" : ""}${s.table.columns.length > 6 ? " rsec__body--wide" : ""}`}>
      {s.chart ? <ChartView chart={s.chart} title={s.title} grain={f.grain} timeZone={f.timeZone} /> : null}
      <div class="rsec__table" tabindex={0} role="region" aria-label={s.title}>
        {s.table.rows.length ? (
          <table class="rtable">
            <thead>
              <tr>
                {s.table.columns.map((c) => (
                  <th scope="col" class={c.format === "text" || c.format === "bucket" || c.format === "datetime" ? "" : "num"}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {s.table.rows.map((row) => (
                <tr>
                  {s.table.columns.map((c) => (
                    <td class={c.format === "text" || c.format === "bucket" || c.format === "datetime" ? (c.key === "details" ? "rtable__details" : c.key === "comment" ? "rtable__comment" : "") : "num"}>{formatCell(row[c.key] ?? null, c.format, f.grain, f.timeZone)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="rsec__empty">{t("reports.empty")}</p>
        )}
      </div>
    </div>
  </section>
);
