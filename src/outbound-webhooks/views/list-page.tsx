// /settings/webhooks: every endpoint of the workspace with its status and last
// delivery (keyset-paged, newest first), a banner for endpoints that were
// switched off because they kept failing, and the way to add one.
import type { FC } from "hono/jsx";
import type { Viewer } from "../../settings/context";
import { SettingsShell } from "../../settings/views/shell";
import { WEBHOOKS_PATH } from "../nav";
import type { Subscription } from "../subscriptions";
import { IconAlert, IconPlus, IconWebhook } from "./icons";
import { failingText, lastDelivery, StatusTag } from "./status";

export const WebhookRow: FC<{ sub: Subscription; now: number }> = ({ sub, now }) => {
  const failing = sub.enabled ? failingText(sub, now) : null;
  return (
    <li id={`webhook-${sub.id}`} class={`wh-row${sub.enabled ? "" : " is-off"}`}>
      <div class="wh-row__top">
        <StatusTag sub={sub} />
        <a class={`wh-row__name${sub.description ? "" : " wh-row__name--url"}`} href={`${WEBHOOKS_PATH}/${sub.id}`}>
          {sub.description || sub.url}
        </a>
      </div>
      {sub.description ? <p class="wh-row__url">{sub.url}</p> : null}
      <p class="wh-row__meta">
        <span>
          {sub.eventTypes.length} event{sub.eventTypes.length === 1 ? "" : "s"}
        </span>
        <span>{lastDelivery(sub, now)}</span>
        {failing ? <span class="wh-row__failing">{failing}</span> : null}
        {!sub.enabled && sub.disabledReason ? <span class="wh-row__failing">{sub.disabledReason}</span> : null}
      </p>
    </li>
  );
};

export const WebhookRows: FC<{ items: Subscription[]; nextCursor: string | null; now: number }> = ({ items, nextCursor, now }) => (
  <>
    {items.map((sub) => (
      <WebhookRow sub={sub} now={now} />
    ))}
    {nextCursor ? (
      <li class="load-more">
        <a class="btn btn--ghost btn--sm" href={`${WEBHOOKS_PATH}?cursor=${encodeURIComponent(nextCursor)}`}>
          Show more webhooks
        </a>
      </li>
    ) : null}
  </>
);

/** The banner for endpoints linedesk switched off (admins also got a notification). */
export const AutoDisabledBanner: FC<{ subs: Subscription[] }> = ({ subs }) =>
  subs.length ? (
    <div class="alert alert--error wh-banner" role="alert">
      <IconAlert />
      <div>
        <strong>
          {subs.length === 1 ? "A webhook was switched off because it kept failing." : `${subs.length} webhooks were switched off because they kept failing.`}
        </strong>
        <ul class="wh-banner__list">
          {subs.map((s) => (
            <li>
              <a href={`${WEBHOOKS_PATH}/${s.id}`}>{s.url}</a> — {s.disabledReason}
            </li>
          ))}
        </ul>
        <span>Fix the endpoint, send a test event, then switch it on again.</span>
      </div>
    </div>
  ) : null;

export interface WebhooksPageProps {
  viewer: Viewer;
  list: { items: Subscription[]; nextCursor: string | null };
  paged: boolean;
  now: number;
}

export const WebhooksPage: FC<WebhooksPageProps> = ({ viewer, list, paged, now }) => (
  <SettingsShell
    viewer={viewer}
    active={WEBHOOKS_PATH}
    title="Webhooks"
    lead="Send events to your own systems the moment they happen: a signed JSON POST per event, retried with backoff when your endpoint is down."
  >
    <link rel="stylesheet" href="/webhooks.css" />
    <AutoDisabledBanner subs={list.items.filter((s) => !s.enabled && s.disabledBy)} />
    <section class="card" aria-labelledby="webhooks-title">
      <div class="card__head card__head--row">
        <h2 id="webhooks-title" class="card__title">
          Endpoints
        </h2>
        <a class="btn btn--primary btn--sm" href={`${WEBHOOKS_PATH}/new`}>
          <IconPlus />
          Add webhook
        </a>
      </div>
      {paged ? (
        <p class="card__paging">
          <a href={WEBHOOKS_PATH}>Back to the start of the list</a>
        </p>
      ) : null}
      <ul id="webhook-list" class="row-list">
        <WebhookRows {...list} now={now} />
      </ul>
      <div class="empty-state empty-state--inline">
        <span class="empty-state__icon">
          <IconWebhook />
        </span>
        <strong>No webhooks yet</strong>
        <span>Add an HTTPS endpoint to receive new messages, assignments and resolutions as they happen.</span>
      </div>
    </section>
  </SettingsShell>
);
