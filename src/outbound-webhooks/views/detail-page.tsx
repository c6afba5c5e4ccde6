// /settings/webhooks/:id: one endpoint — its status and events, the actions
// (test, edit, switch on/off, rotate secret, delete), the signing secret right
// after it was created or rotated (shown once), how to verify signatures, and
// the delivery log.
import type { FC } from "hono/jsx";
import type { Viewer } from "../../settings/context";
import { CsrfField, timeAgo } from "../../settings/views/form-bits";
import { SettingsShell } from "../../settings/views/shell";
import { EVENT_LABELS, type WebhookEventType } from "../catalog";
import type { DeliveryAttempt } from "../deliveries";
import { WEBHOOKS_PATH } from "../nav";
import type { Subscription } from "../subscriptions";
import { DeliveryRows } from "./delivery-log";
import { IconAlert, IconKey, IconPencil, IconPower, IconSend, IconTrash } from "./icons";
import { SigningHelp } from "./signing-help";
import { failingText, lastDelivery, StatusTag } from "./status";

export const SecretBox: FC<{ secret: string; rotated: boolean }> = ({ secret, rotated }) => (
  <div class="one-time-link wh-secret" role="status">
    <div class="one-time-link__icon">
      <IconKey />
    </div>
    <div class="one-time-link__body">
      <p class="one-time-link__title">{rotated ? "New signing secret" : "Webhook created — here is its signing secret"}</p>
      <p class="one-time-link__text">Your endpoint uses it to check that a request really comes from linedesk (the x-linedesk-signature header).</p>
      <label class="visually-hidden" for="webhook-secret">
        Signing secret
      </label>
      <input id="webhook-secret" class="input input--mono one-time-link__url" type="text" readonly value={secret} autofocus />
      <p class="one-time-link__note">
        Copy it now: it is stored encrypted and never shown again.{rotated ? " The old secret stopped working; update your endpoint." : ""}
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
    <SettingsShell viewer={viewer} active={WEBHOOKS_PATH} title={sub.description || "Webhook"} lead={<a href={WEBHOOKS_PATH}>← All webhooks</a>}>
      <link rel="stylesheet" href="/webhooks.css" />
      {secret ? <SecretBox secret={secret.value} rotated={secret.rotated} /> : null}
      {!sub.enabled && sub.disabledBy ? (
        <div class="alert alert--error wh-banner" role="alert">
          <IconAlert />
          <span>
            <strong>Switched off {sub.disabledAt ? timeAgo(sub.disabledAt, now) : ""}:</strong> {sub.disabledReason}. Fix the endpoint, send a test event, then switch it on again.
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
          {pending ? ` · ${pending} waiting to retry` : ""}
          {failing ? <span class="wh-row__failing"> · {failing}</span> : null}
          {!sub.enabled && !sub.disabledBy ? " · Switched off by an admin: nothing is sent" : ""}
        </p>
        <ul class="wh-chips" aria-label="Events">
          {sub.eventTypes.map((t) => (
            <li class="wh-chip" title={EVENT_LABELS[t as WebhookEventType]?.hint}>
              {t}
            </li>
          ))}
        </ul>
        <div class="wh-actions">
          <Action sub={sub} csrfToken={viewer.csrfToken} path="test" target="#webhook-test-result">
            <IconSend />
            Send test event
          </Action>
          <a class="btn btn--ghost btn--sm" href={`${WEBHOOKS_PATH}/${sub.id}/edit`}>
            <IconPencil />
            Edit
          </a>
          <Action sub={sub} csrfToken={viewer.csrfToken} path={sub.enabled ? "disable" : "enable"}>
            <IconPower />
            {sub.enabled ? "Switch off" : "Switch on"}
          </Action>
          <Action sub={sub} csrfToken={viewer.csrfToken} path="rotate-secret" confirm="Make a new signing secret? The current one stops working at once.">
            <IconKey />
            Rotate secret
          </Action>
          <Action sub={sub} csrfToken={viewer.csrfToken} path="delete" danger confirm="Delete this webhook and its delivery log?">
            <IconTrash />
            Delete
          </Action>
        </div>
        <div id="webhook-test-result" aria-live="polite"></div>
      </section>
      <section class="card" aria-labelledby="deliveries-title">
        <div class="card__head card__head--row">
          <h2 id="deliveries-title" class="card__title">
            Deliveries
          </h2>
          <span class="card__meta">Every attempt of the last 30 days, newest first.</span>
        </div>
        {paged ? (
          <p class="card__paging">
            <a href={`${WEBHOOKS_PATH}/${sub.id}`}>Back to the newest</a>
          </p>
        ) : null}
        <ul id="delivery-list" class="row-list">
          <DeliveryRows subscriptionId={sub.id} {...log} csrfToken={viewer.csrfToken} now={now} />
        </ul>
        <div class="empty-state empty-state--inline">
          <strong>Nothing sent yet</strong>
          <span>Deliveries show up here as events happen. “Send test event” tries the endpoint now.</span>
        </div>
      </section>
      <SigningHelp />
    </SettingsShell>
  );
};
