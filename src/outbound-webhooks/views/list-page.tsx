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
import { t, tn } from "../../ui/i18n";
import { disabledReasonText } from "../stored-text";

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
        <span>{tn("settings.webhooks.eventCount", sub.eventTypes.length)}</span>
        <span>{lastDelivery(sub, now)}</span>
        {failing ? <span class="wh-row__failing">{failing}</span> : null}
        {!sub.enabled && sub.disabledReason ? <span class="wh-row__failing">{disabledReasonText(sub.disabledReason)}</span> : null}
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
          {t("settings.webhooks.more")}
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
          {tn("settings.webhooks.bannerTitle", subs.length)}
        </strong>
        <ul class="wh-banner__list">
          {subs.map((s) => (
            <li>
              <a href={`${WEBHOOKS_PATH}/${s.id}`}>{s.url}</a> — {disabledReasonText(s.disabledReason)}
            </li>
          ))}
        </ul>
        <span>{t("settings.webhooks.bannerFix")}</span>
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
    title={t("settings.webhooks.title")}
    lead={t("settings.webhooks.lead")}
  >
    <link rel="stylesheet" href="/webhooks.css" />
    <AutoDisabledBanner subs={list.items.filter((s) => !s.enabled && s.disabledBy)} />
    <section class="card" aria-labelledby="webhooks-title">
      <div class="card__head card__head--row">
        <h2 id="webhooks-title" class="card__title">
          {t("settings.webhooks.endpoints")}
        </h2>
        <a class="btn btn--primary btn--sm" href={`${WEBHOOKS_PATH}/new`}>
          <IconPlus />
          {t("settings.webhooks.add")}
        </a>
      </div>
      {paged ? (
        <p class="card__paging">
          <a href={WEBHOOKS_PATH}>{t("settings.backToStart")}</a>
        </p>
      ) : null}
      <ul id="webhook-list" class="row-list">
        <WebhookRows {...list} now={now} />
      </ul>
      <div class="empty-state empty-state--inline">
        <span class="empty-state__icon">
          <IconWebhook />
        </span>
        <strong>{t("settings.webhooks.empty")}</strong>
        <span>{t("settings.webhooks.emptyHint")}</span>
      </div>
    </section>
  </SettingsShell>
);
