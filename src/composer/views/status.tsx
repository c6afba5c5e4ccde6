// The line under the composer saying what the next message costs: free while
// the customer's reply token is fresh (with a countdown composer.js runs), else
// "will be pushed — counts against this month's quota"; plus the quota banner
// when the channel's monthly limit is reached, and standby mode.
//
// GET /inbox/c/:id/compose/status answers with this element; it reloads itself
// on the `refresh-status` event (composer.js fires it when a customer message
// arrives) and on load when it was rendered without the channel's quota.
import type { FC } from "hono/jsx";
import { type ChannelQuota, quotaLevel } from "../../quota/service";
import { QuotaBanner } from "../../quota/views/quota-badge";

export interface ComposerStatusProps {
  conversationId: string;
  /** thread().replyTokenExpiresAt: epoch ms, or null when the next send pushes. */
  replyTokenExpiresAt: number | null;
  now?: number;
  /** "standby": another module has chat control; nothing can be sent. */
  mode?: string;
  /** The channel's stored quota; undefined → not known here, load it. */
  quota?: ChannelQuota | null;
}

export function statusUrl(conversationId: string): string {
  return `/inbox/c/${encodeURIComponent(conversationId)}/compose/status`;
}

const count = new Intl.NumberFormat("en-US");

export const ComposerStatus: FC<ComposerStatusProps> = ({ conversationId, replyTokenExpiresAt, now = Date.now(), mode, quota }) => {
  const remainingMs = replyTokenExpiresAt === null ? 0 : Math.max(0, replyTokenExpiresAt - now);
  const free = remainingMs > 0;
  const level = quota ? quotaLevel(quota) : "unknown";
  const exhausted = level === "exhausted";
  // Usage only when it is worth a second look: the stored figure lags behind the last few pushes.
  const usage = level === "warning" && quota && quota.used !== null && quota.limit !== null ? ` (${count.format(quota.used)} / ${count.format(quota.limit)} used)` : "";
  const state = mode === "standby" ? "standby" : free ? "free" : exhausted ? "blocked" : "push";
  return (
    <div
      id="composer-status"
      class={`composer-status composer-status--${state}`}
      hx-get={statusUrl(conversationId)}
      hx-trigger={quota === undefined ? "load, refresh-status" : "refresh-status"}
      hx-swap="outerHTML"
      data-expires-in={free ? String(remainingMs) : undefined}
      data-then={exhausted ? "blocked" : "push"}
      role="status"
    >
      {exhausted && quota && mode !== "standby" ? <QuotaBanner quota={quota} /> : null}
      <p class="composer-status__line">
        <span class="composer-status__dot" aria-hidden="true"></span>
        {mode === "standby" ? (
          <span>Standby mode: another module has chat control, so nothing you send reaches the customer.</span>
        ) : (
          <>
            <span class="composer-status__free" hidden={!free}>
              <strong>Free reply</strong> · <span data-countdown>{Math.ceil(remainingMs / 1000)} s</span> left on the customer's reply token
            </span>
            <span class="composer-status__push" hidden={free}>
              {exhausted ? (
                <>
                  <strong>Will be pushed — and fail:</strong> this month's message limit is reached
                </>
              ) : (
                <>
                  <strong>Will be pushed</strong> — counts against this month's quota{usage}
                </>
              )}
            </span>
          </>
        )}
      </p>
    </div>
  );
};
