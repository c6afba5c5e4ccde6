// The channel page's webhook part: this channel's webhook URL, what LINE currently
// has (GET …/webhook/endpoint, loaded after the page), and the two buttons that set
// it on LINE (PUT) and make LINE send a test (POST …/webhook/test), with LINE's answer.
import type { FC } from "hono/jsx";
import { IconAlert, IconCheck } from "../../ui/icons";
import type { WebhookEndpoint, WebhookTestResult } from "../../line/account";
import type { ChannelSummary } from "../channels-store";
import { IconWebhook } from "./channel-icons";
import { CopyField } from "./channel-parts";
import { CsrfField } from "./form-bits";
import { t } from "../../ui/i18n";

export interface WebhookStatusProps {
  channelId: string;
  /** This linedesk's URL for the channel. */
  expected: string;
  current?: WebhookEndpoint;
  /** LINE could not be asked, or refused. */
  error?: string;
  /** The URL was just set on LINE. */
  justSet?: boolean;
  test?: WebhookTestResult;
}

/** What a failed test most likely means, from the status linedesk's webhook answers. */
function testHint(result: WebhookTestResult, matches: boolean): string | null {
  if (result.success) return null;
  if (!matches) return t("settings.channels.test.otherUrl");
  if (result.statusCode === 401) return t("settings.channels.test.hint401");
  if (result.statusCode === 403) return t("settings.channels.test.hint403");
  if (result.statusCode === 404) return t("settings.channels.test.hint404");
  if (result.statusCode <= 0) return t("settings.channels.test.hintUnreachable");
  return null;
}

const TestResult: FC<{ result: WebhookTestResult; matches: boolean }> = ({ result, matches }) => {
  const hint = testHint(result, matches);
  return (
    <div class={`webhook-test ${result.success ? "webhook-test--ok" : "webhook-test--failed"}`} role="status">
      <p class="webhook-test__title">
        {result.success ? <IconCheck /> : <IconAlert />}
        {result.success ? t("settings.channels.test.ok") : t("settings.channels.test.failed")}
      </p>
      <dl class="facts facts--compact">
        <div>
          <dt>{t("settings.channels.test.status")}</dt>
          <dd>{String(result.statusCode)}</dd>
        </div>
        <div>
          <dt>{t("settings.channels.test.reason")}</dt>
          <dd>{result.reason}</dd>
        </div>
        <div>
          <dt>{t("settings.channels.test.detail")}</dt>
          <dd>{result.detail}</dd>
        </div>
        <div>
          <dt>{t("settings.channels.test.time")}</dt>
          <dd>{result.timestamp}</dd>
        </div>
      </dl>
      {hint ? <p class="webhook-test__hint">{hint}</p> : null}
    </div>
  );
};

/**
 * LINE's current setting, one line. Before it is known, a loader that replaces only
 * itself (so a button's answer that lands first is never overwritten by it).
 */
export const WebhookCurrent: FC<{ channelId: string; expected: string; current?: WebhookEndpoint; error?: string }> = ({ channelId, expected, current, error }) => {
  if (error) {
    return (
      <div class="alert alert--error" role="alert">
        <IconAlert />
        <span>{error}</span>
      </div>
    );
  }
  if (!current) {
    return (
      <p class="webhook-current" hx-get={`/settings/channels/${channelId}/webhook`} hx-trigger="load" hx-target="this" hx-swap="outerHTML">
        {t("settings.channels.webhook.asking")} <a href={`/settings/channels/${channelId}/webhook`}>{t("settings.channels.webhook.checkNow")}</a>
      </p>
    );
  }
  const matches = current.endpoint === expected;
  return (
    <p class={`webhook-current ${current.endpoint && matches && current.active ? "webhook-current--ok" : "webhook-current--warn"}`}>
      <strong>{t("settings.channels.webhook.onLine")}</strong> {current.endpoint ? <code>{current.endpoint}</code> : <span>{t("settings.channels.webhook.none")}</span>}
      {" · "}
      {current.active ? t("settings.channels.webhook.useOn") : t("settings.channels.webhook.useOff")}
      {current.endpoint && !matches ? <span class="webhook-current__note"> — {t("settings.channels.webhook.notOurs")}</span> : null}
      {current.endpoint && matches && !current.active ? <span class="webhook-current__note"> — {t("settings.channels.webhook.turnOn")}</span> : null}
    </p>
  );
};

/** The part the buttons swap (outerHTML): LINE's current setting and the last answer. */
export const WebhookStatus: FC<WebhookStatusProps> = ({ channelId, expected, current, error, justSet, test }) => (
  <div id="channel-webhook-status" class="webhook-status">
    {justSet ? (
      <p class="channel-ok" role="status">
        <IconCheck /> {t("settings.channels.webhook.setOk")}
      </p>
    ) : null}
    <WebhookCurrent channelId={channelId} expected={expected} current={current} error={error} />
    {test ? <TestResult result={test} matches={current ? current.endpoint === expected : true} /> : null}
  </div>
);

export const ChannelWebhookCard: FC<{ channel: ChannelSummary; csrfToken: string; status: WebhookStatusProps }> = ({ channel, csrfToken, status }) => {
  const base = `/settings/channels/${channel.id}/webhook`;
  const swap = { "hx-target": "#channel-webhook-status", "hx-swap": "outerHTML" };
  return (
    <section id="channel-webhook" class="card" aria-labelledby="channel-webhook-title">
      <div class="card__head">
        <h2 id="channel-webhook-title" class="card__title">
          {t("settings.channels.webhook.title")}
        </h2>
        <p class="card__lead">{t("settings.channels.webhook.lead")}</p>
      </div>
      <CopyField id="webhook-url" label={t("settings.channels.webhook.url")} value={status.expected} />
      <div class="webhook-actions">
        <form method="post" action={`${base}/set`} hx-post={`${base}/set`} {...swap}>
          <CsrfField token={csrfToken} />
          <button type="submit" class="btn btn--primary btn--sm">
            <IconWebhook />
            {t("settings.channels.webhook.set")}
          </button>
        </form>
        <form method="post" action={`${base}/test`} hx-post={`${base}/test`} {...swap}>
          <CsrfField token={csrfToken} />
          <button type="submit" class="btn btn--ghost btn--sm">
            {t("settings.channels.webhook.test")}
          </button>
        </form>
      </div>
      <WebhookStatus {...status} />
    </section>
  );
};
