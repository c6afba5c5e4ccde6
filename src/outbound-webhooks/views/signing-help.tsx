// "How to verify a delivery": the headers and a few lines of JavaScript, next
// to the log, so whoever builds the receiver has the scheme at hand.
import type { FC } from "hono/jsx";
import { t } from "../../ui/i18n";
import { richText } from "../../settings/views/rich-text";

const SNIPPET = `import { createHmac, timingSafeEqual } from "node:crypto";

// body: the raw request body (a string), secret: your whsec_… secret
function verify(body, headers, secret) {
  const ts = headers["x-linedesk-timestamp"];
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return false; // replay
  const mac = createHmac("sha256", secret).update(\`\${ts}.\${body}\`).digest("hex");
  const expected = Buffer.from(\`sha256=\${mac}\`);
  const got = Buffer.from(headers["x-linedesk-signature"] ?? "");
  return got.length === expected.length && timingSafeEqual(got, expected);
}`;

export const SigningHelp: FC = () => (
  <section class="card" aria-labelledby="signing-title">
    <details class="wh-help">
      <summary class="wh-help__summary" data-show={t("settings.webhooks.help.show")} data-hide={t("settings.webhooks.help.hide")}>
        <h2 id="signing-title" class="card__title">
          {t("settings.webhooks.help.title")}
        </h2>
      </summary>
      <div class="wh-help__body">
        <p>{richText("settings.webhooks.help.body", { post: <code>POST</code>, json: <code>{"{ id, type, createdAt, workspaceId, data }"}</code> })}</p>
        <ul class="wh-help__headers">
          <li>
            <code>x-linedesk-event</code> {t("settings.webhooks.help.event")}
          </li>
          <li>
            <code>x-linedesk-delivery</code> {t("settings.webhooks.help.delivery")}
          </li>
          <li>
            <code>x-linedesk-timestamp</code> {t("settings.webhooks.help.timestamp")}
          </li>
          <li>
            <code>x-linedesk-signature</code> {richText("settings.webhooks.help.signature", { prefix: <code>sha256=</code>, input: <code>timestamp + "." + body</code> })}
          </li>
        </ul>
        <p>{t("settings.webhooks.help.retries")}</p>
        <pre class="wh-help__code">
          <code>{SNIPPET}</code>
        </pre>
      </div>
    </details>
  </section>
);
