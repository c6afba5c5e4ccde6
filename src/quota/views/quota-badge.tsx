// The monthly-quota badge for the top bar ("412 / 500 messages this month",
// amber from 80 %, red when the limit is reached) and the banner the composer
// shows when pushes would fail. The badge refreshes itself: every minute and
// after each send (the composer's responses carry `HX-Trigger: composer-sent`).
import type { FC } from "hono/jsx";
import { type ChannelQuota, type QuotaLevel, quotaLevel } from "../service";

const count = new Intl.NumberFormat("en-US");

export const QUOTA_BADGE_URL = "/inbox/quota";
// After a send, wait a moment: a push's quota sync runs in the background (refreshQuotaSoon).
const REFRESH = "every 60s, composer-sent from:body delay:2s";

/** Where the lead's layout puts the badge: it loads itself on page load. */
export const QuotaBadgeSlot: FC = () => (
  <div id="quota-badge" class="quota-badge quota-badge--loading" hx-get={QUOTA_BADGE_URL} hx-trigger={`load, ${REFRESH}`} hx-swap="outerHTML">
    <span class="visually-hidden">Loading the monthly message quota…</span>
  </div>
);

function percent(q: ChannelQuota): number {
  if (q.limit === null || q.used === null) return 0;
  if (q.limit === 0) return 100;
  return Math.min(100, Math.round((q.used / q.limit) * 100));
}

function summary(q: ChannelQuota, level: QuotaLevel): string {
  const used = q.used === null ? "?" : count.format(q.used);
  switch (level) {
    case "unknown":
      return "Quota not checked yet";
    case "unlimited":
      return `${used} messages this month · no limit`;
    case "exhausted":
      return q.limit === null ? "Monthly limit reached" : `Monthly limit reached · ${used} / ${count.format(q.limit)}`;
    default:
      return `${used} / ${count.format(q.limit ?? 0)} messages this month`;
  }
}

const EXPLAIN: Record<QuotaLevel, string> = {
  unknown: "linedesk has not read this channel's quota from LINE yet.",
  unlimited: "No monthly target limit is set for this LINE Official Account.",
  ok: "Pushed messages count against the monthly limit; replies within a minute of a customer's message are free.",
  warning: "80 % or more of this month's messages are used. Replies within a minute of a customer's message stay free.",
  exhausted: "LINE refuses pushed messages until next month or a plan upgrade. Replies within a minute of a customer's message still go out.",
};

export interface QuotaBadgeProps {
  quotas: ChannelQuota[];
}

/** One pill per channel (most workspaces have one), the worst state first. */
export const QuotaBadge: FC<QuotaBadgeProps> = ({ quotas }) => {
  const rank: Record<QuotaLevel, number> = { exhausted: 0, warning: 1, ok: 2, unlimited: 3, unknown: 4 };
  const items = quotas.map((q) => ({ q, level: quotaLevel(q) })).sort((a, b) => rank[a.level] - rank[b.level]);
  const worst = items[0]?.level ?? "unknown";
  return (
    <div id="quota-badge" class={`quota-badge quota-badge--${worst}`} hx-get={QUOTA_BADGE_URL} hx-trigger={REFRESH} hx-swap="outerHTML" role="status">
      {items.length === 0 ? <span class="quota-pill quota-pill--unknown">No LINE channel connected</span> : null}
      {items.map(({ q, level }) => (
        <span class={`quota-pill quota-pill--${level}`} title={`${q.channelName}: ${EXPLAIN[level]}`} data-level={level}>
          {level === "ok" || level === "warning" || level === "exhausted" ? (
            <span class="quota-pill__meter" aria-hidden="true">
              <span style={`width:${level === "exhausted" ? 100 : percent(q)}%`}></span>
            </span>
          ) : null}
          <span class="quota-pill__text">
            {items.length > 1 ? <span class="quota-pill__channel">{q.channelName}: </span> : null}
            {summary(q, level)}
          </span>
        </span>
      ))}
    </div>
  );
};

/** The clear warning above the composer when this conversation's channel cannot push any more. */
export const QuotaBanner: FC<{ quota: ChannelQuota }> = ({ quota }) => (
  <div class="quota-banner" role="alert">
    <strong>This month's LINE message limit is reached</strong>
    {quota.limit !== null && quota.used !== null ? ` (${count.format(quota.used)} / ${count.format(quota.limit)})` : ""}.{" "}
    Replies within a minute of the customer's message still go out free; pushed messages fail until next month or a plan upgrade.
  </div>
);
