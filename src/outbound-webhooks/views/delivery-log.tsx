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

const OUTCOME_LABELS: Record<DeliveryOutcome, string> = { delivered: "Delivered", retrying: "Will retry", failed: "Failed", cancelled: "Not sent" };

function attemptLabel(d: DeliveryAttempt): string {
  if (d.trigger === "test") return "Test event";
  if (d.trigger === "redelivery") return "Redelivery";
  return `Attempt ${d.attempt} of ${MAX_ATTEMPTS}`;
}

export const DeliveryRow: FC<{ delivery: DeliveryAttempt; csrfToken: string; now: number }> = ({ delivery: d, csrfToken, now }) => {
  const redeliver = `${WEBHOOKS_PATH}/${d.subscriptionId}/deliveries/${d.id}/redeliver`;
  return (
    <li id={`delivery-${d.id}`} class={`wh-delivery wh-delivery--${d.outcome}`}>
      <div class="wh-delivery__top">
        <span class={`wh-outcome wh-outcome--${d.outcome}`}>{OUTCOME_LABELS[d.outcome]}</span>
        <code class="wh-delivery__type">{d.eventType}</code>
        <span class="wh-delivery__code">{d.statusCode === null ? "No response" : `HTTP ${d.statusCode}`}</span>
        {d.durationMs !== null && d.outcome !== "cancelled" ? <span class="wh-delivery__ms">{d.durationMs} ms</span> : null}
        <time class="wh-delivery__time" datetime={new Date(d.createdAt).toISOString()} title={new Date(d.createdAt).toISOString()}>
          {timeAgo(d.createdAt, now)}
        </time>
      </div>
      <div class="wh-delivery__bottom">
        <span class="wh-delivery__meta">
          {attemptLabel(d)} · <span class="wh-delivery__event">{d.eventId}</span>
          {d.nextAttemptAt !== null ? ` · next try ${expiresIn(d.nextAttemptAt, now) === "already" ? "now" : expiresIn(d.nextAttemptAt, now)}` : ""}
        </span>
        <form method="post" action={redeliver} hx-post={redeliver} hx-target="#delivery-list" hx-swap="afterbegin">
          <CsrfField token={csrfToken} />
          <button type="submit" class="btn btn--ghost btn--xs" title="Send this event again now (same event id)">
            <IconRetry />
            Redeliver
          </button>
        </form>
      </div>
      {d.error && d.error !== `HTTP ${d.statusCode}` ? <p class="wh-delivery__error">{d.error}</p> : null}
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
          Show older deliveries
        </a>
      </li>
    ) : null}
  </>
);

/** The answer to "Send test event": what the endpoint said, in one line. */
export const TestResult: FC<{ attempt: ManualAttempt | null }> = ({ attempt }) => {
  if (!attempt) return <p class="wh-result wh-result--failed" role="status">This event is no longer kept, so it cannot be sent again.</p>;
  const r = attempt.result;
  const ok = attempt.outcome === "delivered";
  const detail = r.statusCode === null ? r.error ?? "No response" : `HTTP ${r.statusCode} in ${r.durationMs} ms`;
  return (
    <p class={`wh-result wh-result--${ok ? "delivered" : "failed"}`} role="status">
      {ok ? "Delivered: " : "Not delivered: "}
      {detail}
      {!ok && r.statusCode !== null && r.error && r.error !== `HTTP ${r.statusCode}` ? ` — ${r.error}` : ""}
    </p>
  );
};
