// /settings/webhooks/:id: one endpoint — its status and events, the actions
// (test, edit, switch on/off, rotate secret, delete), the signing secret right
// after it was created or rotated (shown once), how to verify signatures, and
// the delivery log.
import type { FC } from "hono/jsx";
import type { Viewer } from "../../settings/context";
import { CsrfField, timeAgo } from "../../settings/views/form-bits";
import { SettingsShell } from "../../settings/views/shell";
import { eventLabel, isSubscribable } from "../catalog";
import type { DeliveryAttempt } from "../deliveries";
import { WEBHOOKS_PATH } from "../nav";
import type { Subscription } from "../subscriptions";
import { DeliveryRows } from "./delivery-log";
import { IconAlert, IconKey, IconPencil, IconPower, IconSend, IconTrash } from "./icons";
import { SigningHelp } from "./signing-help";
import { failingText, lastDelivery, StatusTag } from "./status";
import { t, tn } from "../../ui/i18n";
import { disabledReasonText } from "../stored-text";

export const SecretBox: FC<{ secret: string; rotated: boolean }> = ({ secret, rotated }) => (
  <div class="one-time-link wh-secret" role="status">
    <div class="one-time-link__icon">
      <IconKey />
    </div>
    <div class="one-time-link__body">
      <p class="one-time-link__title">{rotated ? t("settings.webhooks.secret.newTitle") : t("settings.webhooks.secret.createdTitle")}</p>
      <p class="one-time-link__text">{t("settings.webhooks.secret.text")}</p>
      <label class="visually-hidden" for="webhook-secret">
        {t("settings.webhooks.secret.label")}
      </label>
      <input id="webhook-secret" class="input input--mono one-time-link__url" type="text" readonly value={secret} autofocus />
      <p class="one-time-link__note">
        {t("settings.webhooks.secret.note")}
        {rotated ? ` ${t("settings.webhooks.secret.rotated")}` : ""}
      </p>
    </div>
  </div>
);

const Action: FC<{ sub: Subscription; csrfToken: string; path: string; confirm?: string; danger?: boolean; target?: string; children: unknown }> = ({ sub, csrfToken, path, confirm, danger, target, children }) => {
  const action = `${WEBHOOKS_PATH}/${sub.id}/${path}`;
  return (
    <form method="post" action={action} {...(target ? { "hx-post": action, "hx-target": target } : {})} hx-confirm={confirm}>
      <CsrfField token={csrfToken} />
      <button type="submit" class={`btn ${danger ? "btn--danger-ghost" : "btn--ghost"} btn--sm`}>
        {children}
      </button>
    </form>
  );
};

export interface WebhookDetailProps {
  viewer: Viewer;
  sub: Subscription;
  log: { items: DeliveryAttempt[]; nextCursor: string | null };
  pending: number;
  paged: boolean;
  secret?: { value: string; rotated: boolean };
  now: number;
}

export const WebhookDetailPage: FC<WebhookDetailProps> = ({ viewer, sub, log, pending, paged, secret, now }) => {
  const failing = sub.enabled ? failingText(sub, now) : null;
  return (
    <SettingsShell viewer={viewer} active={WEBHOOKS_PATH} title={sub.description || t("settings.webhooks.webhook")} lead={<a href={WEBHOOKS_PATH}>{t("settings.webhooks.all")}</a>}>
      <link rel="stylesheet" href="/webhooks.css" />
      {secret ? <SecretBox secret={secret.value} rotated={secret.rotated} /> : null}
      {!sub.enabled && sub.disabledBy ? (
        <div class="alert alert--error wh-banner" role="alert">
          <IconAlert />
          <span>
            <strong>{sub.disabledAt ? t("settings.webhooks.switchedOffWhen", { when: timeAgo(sub.disabledAt, now) }) : t("settings.webhooks.switchedOff")}</strong>{" "}
            {t("settings.webhooks.offReason", { reason: disabledReasonText(sub.disabledReason) })}
          </span>
        </div>
      ) : null}
      <section class="card wh-endpoint" aria-labelledby="endpoint-title">
        <div class="wh-endpoint__head">
          <StatusTag sub={sub} />
          <h2 id="endpoint-title" class="wh-endpoint__url">
            {sub.url}
          </h2>
        </div>
        <p class="wh-endpoint__meta">
          {lastDelivery(sub, now)}
          {pending ? ` · ${tn("settings.webhooks.pending", pending)}` : ""}
          {failing ? <span class="wh-row__failing"> · {failing}</span> : null}
          {!sub.enabled && !sub.disabledBy ? ` · ${t("settings.webhooks.offByAdmin")}` : ""}
        </p>
        <ul class="wh-chips" aria-label={t("settings.webhooks.events")}>
          {sub.eventTypes.map((type) => (
            <li class="wh-chip" title={isSubscribable(type) ? eventLabel(type).hint : undefined}>
              {type}
            </li>
          ))}
        </ul>
        <div class="wh-actions">
          <Action sub={sub} csrfToken={viewer.csrfToken} path="test" target="#webhook-test-result">
            <IconSend />
            {t("settings.webhooks.sendTest")}
          </Action>
          <a class="btn btn--ghost btn--sm" href={`${WEBHOOKS_PATH}/${sub.id}/edit`}>
            <IconPencil />
            {t("settings.edit")}
          </a>
          <Action sub={sub} csrfToken={viewer.csrfToken} path={sub.enabled ? "disable" : "enable"}>
            <IconPower />
            {sub.enabled ? t("settings.webhooks.switchOff") : t("settings.webhooks.switchOn")}
          </Action>
          <Action sub={sub} csrfToken={viewer.csrfToken} path="rotate-secret" confirm={t("settings.webhooks.rotateConfirm")}>
            <IconKey />
            {t("settings.webhooks.rotate")}
          </Action>
          <Action sub={sub} csrfToken={viewer.csrfToken} path="delete" danger confirm={t("settings.webhooks.deleteConfirm")}>
            <IconTrash />
            {t("settings.delete")}
          </Action>
        </div>
        <div id="webhook-test-result" aria-live="polite"></div>
      </section>
      <section class="card" aria-labelledby="deliveries-title">
        <div class="card__head card__head--row">
          <h2 id="deliveries-title" class="card__title">
            {t("settings.webhooks.deliveries")}
          </h2>
          <span class="card__meta">{t("settings.webhooks.deliveriesMeta")}</span>
        </div>
        {paged ? (
          <p class="card__paging">
            <a href={`${WEBHOOKS_PATH}/${sub.id}`}>{t("settings.webhooks.backToNewest")}</a>
          </p>
        ) : null}
        <ul id="delivery-list" class="row-list">
          <DeliveryRows subscriptionId={sub.id} {...log} csrfToken={viewer.csrfToken} now={now} />
        </ul>
        <div class="empty-state empty-state--inline">
          <strong>{t("settings.webhooks.nothingSent")}</strong>
          <span>{t("settings.webhooks.nothingSentHint")}</span>
        </div>
      </section>
      <SigningHelp />
    </SettingsShell>
  );
};
