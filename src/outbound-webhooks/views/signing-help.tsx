// "How to verify a delivery": the headers and a few lines of JavaScript, next
// to the log, so whoever builds the receiver has the scheme at hand.
import type { FC } from "hono/jsx";

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
      <summary class="wh-help__summary">
        <h2 id="signing-title" class="card__title">
          Verifying deliveries
        </h2>
      </summary>
      <div class="wh-help__body">
        <p>
          Each delivery is a <code>POST</code> with a JSON body <code>{"{ id, type, createdAt, workspaceId, data }"}</code> and these headers:
        </p>
        <ul class="wh-help__headers">
          <li>
            <code>x-linedesk-event</code> the event type
          </li>
          <li>
            <code>x-linedesk-delivery</code> the event id — the same on every retry, so use it to ignore duplicates
          </li>
          <li>
            <code>x-linedesk-timestamp</code> when this attempt was signed (Unix seconds)
          </li>
          <li>
            <code>x-linedesk-signature</code> <code>sha256=</code> and the hex HMAC-SHA256 of <code>timestamp + "." + body</code> with your secret
          </li>
        </ul>
        <p>Answer with any 2xx within 10 seconds. Anything else is retried after 1 min, 5 min, 30 min, 2 h, 6 h, 12 h and 24 h.</p>
        <pre class="wh-help__code">
          <code>{SNIPPET}</code>
        </pre>
      </div>
    </details>
  </section>
);
