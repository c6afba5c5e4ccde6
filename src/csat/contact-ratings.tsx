// A contact's CSAT answers for the contact panel: the average and the latest
// few ratings with their comments (rows in csat_responses for the contact).
import type { FC } from "hono/jsx";
import { t } from "../ui/i18n";
import { shortLabel, TimeLabel } from "../ui/time";
import { IconCheck } from "../ui/icons";

export interface ContactRatings {
  average: number | null;
  count: number;
  latest: Array<{ id: string; score: number; comment: string | null; ratedAt: number; conversationId: string }>;
}

export async function contactRatings(d1: D1Database, workspaceId: string, contactId: string): Promise<ContactRatings> {
  const [summary, latest] = await d1.batch([
    d1.prepare("SELECT AVG(score) AS average, COUNT(*) AS count FROM csat_responses WHERE workspace_id = ? AND contact_id = ? AND score IS NOT NULL").bind(workspaceId, contactId),
    d1.prepare("SELECT id, score, comment, rated_at, conversation_id FROM csat_responses WHERE workspace_id = ? AND contact_id = ? AND score IS NOT NULL ORDER BY rated_at DESC LIMIT 3").bind(workspaceId, contactId),
  ]);
  const s = summary?.results[0] as { average: number | null; count: number } | undefined;
  const rows = (latest?.results ?? []) as Array<{ id: string; score: number; comment: string | null; rated_at: number; conversation_id: string }>;
  return { average: s?.average ?? null, count: s?.count ?? 0, latest: rows.map((r) => ({ id: r.id, score: r.score, comment: r.comment, ratedAt: r.rated_at, conversationId: r.conversation_id })) };
}

export const CsatSection: FC<{ contactId: string; ratings: ContactRatings; now: number }> = ({ contactId, ratings, now }) => (
  <section class="cp-section cp-csat" aria-labelledby={`cp-csat-title-${contactId}`}>
    <h3 class="cp-section__title" id={`cp-csat-title-${contactId}`}>
      <IconCheck />
      <span>{t("csat.panel.title")}</span>
    </h3>
    {ratings.count ? (
      <>
        <p class="cp-csat__average">{t("csat.panel.average", { average: (ratings.average ?? 0).toFixed(1), count: ratings.count })}</p>
        <ul class="cp-history-list">
          {ratings.latest.map((r) => (
            <li>
              <a class="cp-history-item" href={`/inbox/c/${r.conversationId}`}>
                <span class="cp-history-item__top">
                  <span class="cp-status">{t("csat.panel.score", { score: r.score })}</span>
                  <TimeLabel class="cp-history-item__time" at={r.ratedAt} label={shortLabel(r.ratedAt, now)} />
                </span>
                {r.comment ? <span class="cp-history-item__preview">{r.comment}</span> : null}
              </a>
            </li>
          ))}
        </ul>
      </>
    ) : (
      <p class="cp-empty">{t("csat.panel.none")}</p>
    )}
  </section>
);
