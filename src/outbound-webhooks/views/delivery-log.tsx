// The delivery log of one endpoint: every attempt, newest first (keyset-paged),
// with its outcome, the HTTP status and time taken, the start of the answer,
// when the next retry is due, and a Redeliver button.
import type { FC } from "hono/jsx";
import { CsrfField, expiresIn, timeAgo } from "../../settings/views/form-bits";
import type { DeliveryAttempt, DeliveryOutcome } from "../deliveries";
import type { ManualAttempt } from "../dispatcher-do";
import { WEBHOOKS_PATH } from "../nav";
import { MAX_ATTEMPTS } from "../policy";
import { IconRetry } from "./icons";
import { t } from "../../ui/i18n";
import { fullLabel } from "../../ui/time";
import { deliveryErrorText } from "../stored-text";

function outcomeLabel(outcome: DeliveryOutcome): string {
  return t(`settings.webhooks.outcome.${outcome}`);
}

function attemptLabel(d: DeliveryAttempt): string {
  if (d.trigger === "test") return t("settings.webhooks.attempt.test");
  if (d.trigger === "redelivery") return t("settings.webhooks.attempt.redelivery");
  return t("settings.webhooks.attempt.number", { attempt: d.attempt, max: MAX_ATTEMPTS });
}

export const DeliveryRow: FC<{ delivery: DeliveryAttempt; csrfToken: string; now: number }> = ({ delivery: d, csrfToken, now }) => {
  const redeliver = `${WEBHOOKS_PATH}/${d.subscriptionId}/deliveries/${d.id}/redeliver`;
  return (
    <li id={`delivery-${d.id}`} class={`wh-delivery wh-delivery--${d.outcome}`}>
      <div class="wh-delivery__top">
        <span class={`wh-outcome wh-outcome--${d.outcome}`}>{outcomeLabel(d.outcome)}</span>
        <code class="wh-delivery__type">{d.eventType}</code>
        <span class="wh-delivery__code">{d.statusCode === null ? t("settings.webhooks.noResponse") : `HTTP ${d.statusCode}`}</span>
        {d.durationMs !== null && d.outcome !== "cancelled" ? <span class="wh-delivery__ms">{d.durationMs} ms</span> : null}
        <time class="wh-delivery__time" datetime={new Date(d.createdAt).toISOString()} title={fullLabel(d.createdAt)}>
          {timeAgo(d.createdAt, now)}
        </time>
      </div>
      <div class="wh-delivery__bottom">
        <span class="wh-delivery__meta">
          {attemptLabel(d)} · <span class="wh-delivery__event">{d.eventId}</span>
          {d.nextAttemptAt !== null ? ` · ${t("settings.webhooks.nextTry", { when: expiresIn(d.nextAttemptAt, now) })}` : ""}
        </span>
        <form method="post" action={redeliver} hx-post={redeliver} hx-target="#delivery-list" hx-swap="afterbegin">
          <CsrfField token={csrfToken} />
          <button type="submit" class="btn btn--ghost btn--xs" title={t("settings.webhooks.redeliverHint")}>
            <IconRetry />
            {t("settings.webhooks.redeliver")}
          </button>
        </form>
      </div>
      {d.error && d.error !== `HTTP ${d.statusCode}` ? <p class="wh-delivery__error">{deliveryErrorText(d.error)}</p> : null}
      {d.responseSnippet ? <pre class="wh-delivery__snippet">{d.responseSnippet}</pre> : null}
    </li>
  );
};

export const DeliveryRows: FC<{ subscriptionId: string; items: DeliveryAttempt[]; nextCursor: string | null; csrfToken: string; now: number }> = ({ subscriptionId, items, nextCursor, csrfToken, now }) => (
  <>
    {items.map((d) => (
      <DeliveryRow delivery={d} csrfToken={csrfToken} now={now} />
    ))}
    {nextCursor ? (
      <li class="load-more">
        <a
          class="btn btn--ghost btn--sm"
          href={`${WEBHOOKS_PATH}/${subscriptionId}?cursor=${encodeURIComponent(nextCursor)}`}
          hx-get={`${WEBHOOKS_PATH}/${subscriptionId}/deliveries?cursor=${encodeURIComponent(nextCursor)}`}
          hx-target="closest li"
          hx-swap="outerHTML"
        >
          {t("settings.webhooks.older")}
        </a>
      </li>
    ) : null}
  </>
);

/** The answer to "Send test event": what the endpoint said, in one line. */
export const TestResult: FC<{ attempt: ManualAttempt | null }> = ({ attempt }) => {
  if (!attempt) return <p class="wh-result wh-result--failed" role="status">{t("settings.webhooks.gone")}</p>;
  const r = attempt.result;
  const ok = attempt.outcome === "delivered";
  const detail = r.statusCode === null ? (r.error ? deliveryErrorText(r.error) : t("settings.webhooks.noResponse")) : t("settings.webhooks.httpIn", { status: r.statusCode, ms: r.durationMs });
  const extra = !ok && r.statusCode !== null && r.error && r.error !== `HTTP ${r.statusCode}` ? ` — ${deliveryErrorText(r.error)}` : "";
  return (
    <p class={`wh-result wh-result--${ok ? "delivered" : "failed"}`} role="status">
      {ok ? t("settings.webhooks.resultDelivered", { detail }) : t("settings.webhooks.resultFailed", { detail })}
      {extra}
    </p>
  );
};
