// The monthly-quota badge for the top bar ("412 / 500 messages this month",
// amber near the limit — from 95 % or 10 messages left — red when the limit is
// reached) and the banner the composer shows when pushes would fail. The badge
// refreshes itself every minute and after each send (the composer's responses
// carry `HX-Trigger: composer-sent`); pressing a pill asks LINE right away.
// Numbers go through formatNumber and times through ui/time, in the reader's
// language and time zone.
import type { FC } from "hono/jsx";
import { formatNumber, t, tn } from "../../ui/i18n";
import { fullLabel } from "../../ui/time";
import { type ChannelQuota, exhaustedByRefusal, type QuotaLevel, quotaLeft, quotaLevel } from "../service";

export const QUOTA_BADGE_URL = "/inbox/quota";
export const QUOTA_CHECK_URL = "/inbox/quota/check";
// After a send, a moment later: the conversation re-read the quota after a push (refreshQuotaSoon),
// and another instance may still be writing it.
const REFRESH = "every 60s, composer-sent from:body delay:2s";

/** Where the lead's layout puts the badge: it loads itself on page load. */
export const QuotaBadgeSlot: FC = () => (
  <div id="quota-badge" class="quota-badge quota-badge--loading" hx-get={QUOTA_BADGE_URL} hx-trigger={`load, ${REFRESH}`} hx-swap="outerHTML">
    <span class="visually-hidden">{t("composer.quota.loading")}</span>
  </div>
);

function percent(q: ChannelQuota): number {
  if (q.limit === null || q.used === null) return 0;
  if (q.limit === 0) return 100;
  return Math.min(100, Math.round((q.used / q.limit) * 100));
}

/** The pill's text: what an agent needs at a glance, the most important words first (phones cut the end). */
export function quotaSummary(q: ChannelQuota, level: QuotaLevel = quotaLevel(q)): string {
  const used = q.used === null ? "?" : formatNumber(q.used);
  const limit = q.limit === null ? "?" : formatNumber(q.limit);
  switch (level) {
    case "unknown":
      return t("composer.quota.unknown");
    case "unlimited":
      return t("composer.quota.unlimited", { used });
    case "exhausted":
      return exhaustedByRefusal(q) ? t("composer.quota.reached") : t("composer.quota.reachedWith", { used, limit });
    case "warning":
      return tn("composer.quota.left", quotaLeft(q) ?? 0, { used, limit });
    case "ok":
      return t("composer.quota.usage", { used, limit });
  }
}

/** The longer explanation in the pill's tooltip. */
function explain(q: ChannelQuota, level: QuotaLevel): string {
  const why = level === "exhausted" && exhaustedByRefusal(q) && q.exhaustedAt !== null ? t("composer.quota.explain.refused", { time: fullLabel(q.exhaustedAt) }) : t(`composer.quota.explain.${level}`);
  const checked = q.checkedAt === null ? "" : ` ${t("composer.quota.checkedAt", { time: fullLabel(q.checkedAt) })}`;
  return `${q.channelName}: ${why}${checked} ${t("composer.quota.checkNow")}`;
}

export interface QuotaBadgeProps {
  quotas: ChannelQuota[];
}

const RANK: Record<QuotaLevel, number> = { exhausted: 0, warning: 1, ok: 2, unlimited: 3, unknown: 4 };

/** One pill per channel (most workspaces have one), the worst state first. Pressing one asks LINE now. */
export const QuotaBadge: FC<QuotaBadgeProps> = ({ quotas }) => {
  const items = quotas.map((q) => ({ q, level: quotaLevel(q) })).sort((a, b) => RANK[a.level] - RANK[b.level]);
  const worst = items[0]?.level ?? "unknown";
  return (
    <div id="quota-badge" class={`quota-badge quota-badge--${worst}`} hx-get={QUOTA_BADGE_URL} hx-trigger={REFRESH} hx-swap="outerHTML" role="status">
      {items.length === 0 ? <span class="quota-pill quota-pill--unknown">{t("composer.quota.noChannel")}</span> : null}
      {items.map(({ q, level }) => {
        const summary = quotaSummary(q, level);
        const label = items.length > 1 ? `${q.channelName}: ${summary}` : summary;
        return (
          <button
            type="button"
            class={`quota-pill quota-pill--${level}`}
            data-level={level}
            title={explain(q, level)}
            aria-label={`${t("composer.quota.label")}: ${label}. ${t("composer.quota.checkNow")}`}
            hx-post={QUOTA_CHECK_URL}
            hx-target="#quota-badge"
            hx-swap="outerHTML"
          >
            {level === "ok" || level === "warning" || level === "exhausted" ? (
              <span class="quota-pill__meter" aria-hidden="true">
                <span style={`width:${level === "exhausted" ? 100 : percent(q)}%`}></span>
              </span>
            ) : null}
            <span class="quota-pill__text">
              {items.length > 1 ? <span class="quota-pill__channel">{q.channelName}: </span> : null}
              {summary}
            </span>
          </button>
        );
      })}
    </div>
  );
};

/** The clear warning above the composer when this conversation's channel cannot push any more. */
export const QuotaBanner: FC<{ quota: ChannelQuota }> = ({ quota }) => (
  <div class="composer-banner composer-banner--quota quota-banner" role="alert">
    <strong class="composer-banner__title">{t("composer.quota.banner.title")}</strong>
    <span class="composer-banner__text">
      {exhaustedByRefusal(quota) || quota.limit === null || quota.used === null
        ? t("composer.quota.banner.text")
        : t("composer.quota.banner.textWith", { used: formatNumber(quota.used), limit: formatNumber(quota.limit) })}
    </span>
  </div>
);
