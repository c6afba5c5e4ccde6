// The top of the composer: what the next message costs and whether it can
// arrive. Banners first — the customer blocked the account (with the date), the
// channel's monthly limit is reached — then one line: free while the customer's
// reply token is fresh (with a countdown composer.js runs), else "will be
// pushed — counts against this month's quota" (with the messages left when
// near the limit), or standby mode.
//
// GET /inbox/c/:id/compose/status answers with this element; it reloads itself
// on the `refresh-status` event (composer.js fires it when a customer message
// arrives) and on load when it was rendered without the channel's quota.
// `data-customer-blocked` lets the composer's Send button say that LINE will
// not deliver (public/composer.css, :has()).
import type { FC } from "hono/jsx";
import { type ChannelQuota, quotaLeft, quotaLevel } from "../../quota/service";
import { QuotaBanner } from "../../quota/views/quota-badge";
import { formatNumber, t, tn } from "../../ui/i18n";
import { IconAlert } from "../../ui/icons";
import { fullLabel, TimeLabel } from "../../ui/time";

/** The 1:1 customer blocked the account (LINE's unfollow event); `at` from contact_identities. */
export interface CustomerBlock {
  name: string;
  at: number | null;
}

export interface ComposerStatusProps {
  conversationId: string;
  /** thread().replyTokenExpiresAt: epoch ms, or null when the next send pushes. */
  replyTokenExpiresAt: number | null;
  now?: number;
  /** "standby": another module has chat control; nothing can be sent. */
  mode?: string;
  /** The channel's stored quota; undefined → not known here, load it. */
  quota?: ChannelQuota | null;
  /** Set when the customer has blocked the account: LINE accepts sends but delivers nothing. */
  blocked?: CustomerBlock | null;
}

export function statusUrl(conversationId: string): string {
  return `/inbox/c/${encodeURIComponent(conversationId)}/compose/status`;
}

/** Where a `<time>` goes inside a translated sentence (its {date} placeholder). */
const DATE_MARK = "\u0000";

/** The banner over the composer while the customer has blocked the account. */
export const BlockedBanner: FC<{ block: CustomerBlock }> = ({ block }) => {
  const [before = "", after = ""] = block.at === null ? [] : t("composer.blocked.titleOn", { name: block.name, date: DATE_MARK }).split(DATE_MARK);
  return (
    <div class="composer-banner composer-banner--blocked" role="alert" id="composer-blocked">
      <IconAlert />
      <span class="composer-banner__body">
        <strong class="composer-banner__title">
          {block.at === null ? (
            t("composer.blocked.title", { name: block.name })
          ) : (
            <>
              {before}
              <TimeLabel class="composer-banner__date" at={block.at} label={fullLabel(block.at)} />
              {after}
            </>
          )}
        </strong>
        <span class="composer-banner__text">{t("composer.blocked.text")}</span>
      </span>
    </div>
  );
};

export const ComposerStatus: FC<ComposerStatusProps> = ({ conversationId, replyTokenExpiresAt, now = Date.now(), mode, quota, blocked }) => {
  const remainingMs = replyTokenExpiresAt === null ? 0 : Math.max(0, replyTokenExpiresAt - now);
  const free = remainingMs > 0;
  const level = quota ? quotaLevel(quota) : "unknown";
  const exhausted = level === "exhausted";
  const standby = mode === "standby";
  const left = level === "warning" && quota ? quotaLeft(quota) : null;
  const state = standby ? "standby" : free ? "free" : exhausted ? "blocked" : "push";
  const seconds = Math.ceil(remainingMs / 1000);
  return (
    <div
      id="composer-status"
      class={`composer-status composer-status--${state}${blocked ? " composer-status--customer-blocked" : ""}${left !== null ? " composer-status--near-limit" : ""}`}
      hx-get={statusUrl(conversationId)}
      hx-trigger={quota === undefined ? "load, refresh-status" : "refresh-status"}
      hx-swap="outerHTML"
      data-expires-in={free ? String(remainingMs) : undefined}
      data-then={exhausted ? "blocked" : "push"}
      data-customer-blocked={blocked ? "true" : undefined}
      role="status"
    >
      {blocked && !standby ? <BlockedBanner block={blocked} /> : null}
      {exhausted && quota && !standby ? <QuotaBanner quota={quota} /> : null}
      <p class="composer-status__line">
        <span class="composer-status__dot" aria-hidden="true"></span>
        {standby ? (
          <span>{t("composer.status.standby")}</span>
        ) : (
          <>
            <span class="composer-status__free" hidden={!free}>
              <strong>{t("composer.status.free")}</strong> · <span data-countdown>{t("composer.status.seconds", { s: seconds })}</span> <span class="composer-status__more">{t("composer.status.freeMore")}</span>
            </span>
            <span class="composer-status__push" hidden={free}>
              {exhausted ? (
                <>
                  <strong>{t("composer.status.pushFails")}</strong> <span class="composer-status__more">{t("composer.status.pushFailsMore")}</span>
                </>
              ) : blocked ? (
                <>
                  <strong>{t("composer.status.notDelivered")}</strong> <span class="composer-status__more">{t("composer.status.notDeliveredMore")}</span>
                </>
              ) : (
                <>
                  <strong>{t("composer.status.push")}</strong>{" "}
                  <span class={left !== null ? "composer-status__left" : "composer-status__more"}>
                    {left !== null && quota?.limit != null ? tn("composer.status.pushLeft", left, { limit: formatNumber(quota.limit) }) : t("composer.status.pushMore")}
                  </span>
                </>
              )}
            </span>
          </>
        )}
      </p>
    </div>
  );
};
