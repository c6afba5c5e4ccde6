// The history backfill's panel at the foot of /reports (admins and owners): a
// start button, then progress that refreshes itself (each refresh runs one
// chunk, so it advances even where no cron runs, e.g. local development).
import type { FC } from "hono/jsx";
import { formatNumber, t } from "../../ui/i18n";
import { formatDateTime } from "./format";

export interface BackfillState {
  status: "running" | "done";
  processed: number;
  total: number;
  cutoffAt: number;
  finishedAt: number | null;
  timeZone: string;
}

export const BackfillPanel: FC<{ state: BackfillState | null; csrfToken: string }> = ({ state, csrfToken }) => (
  <section class="rsec rbackfill" id="report-backfill" aria-labelledby="rbackfill-title">
    <h2 class="rsec__title" id="rbackfill-title">
      {t("reports.backfill.title")}
    </h2>
    {!state ? (
      <form method="post" action="/reports/backfill" class="rbackfill__form">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <p class="rsec__note">{t("reports.backfill.lead")}</p>
        <button type="submit" class="btn btn--ghost">
          {t("reports.backfill.start")}
        </button>
      </form>
    ) : state.status === "running" ? (
      <form hx-post="/reports/backfill/step" hx-trigger="load delay:1s" hx-target="#report-backfill" hx-swap="outerHTML" method="post" action="/reports/backfill/step">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <p class="rsec__note" role="status">
          {t("reports.backfill.running", { done: formatNumber(Math.min(state.processed, state.total)), total: formatNumber(state.total) })}
        </p>
        <progress class="rbackfill__bar" max={Math.max(1, state.total)} value={Math.min(state.processed, state.total)}></progress>
        <noscript>
          <button type="submit" class="btn btn--ghost">
            {t("reports.backfill.continue")}
          </button>
        </noscript>
      </form>
    ) : (
      <p class="rsec__note" role="status">
        {t("reports.backfill.done", { total: formatNumber(state.processed), at: formatDateTime(state.cutoffAt, state.timeZone) })}
      </p>
    )}
  </section>
);
