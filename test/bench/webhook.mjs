// Signed LINE webhook requests for the benchmark, shaped after webhook.yml
// (CallbackRequest → MessageEvent with TextMessageContent). Each request carries one text
// message event with a fresh webhookEventId (ULID) so the app never dedupes it away, and
// cycles through a few user ids so several conversations (Durable Objects) are hit.
import { createHmac, randomBytes } from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function base32(value, length) {
  let out = "";
  for (let i = 0; i < length; i++) {
    out = CROCKFORD[Number(value % 32n)] + out;
    value /= 32n;
  }
  return out;
}

function hex(bytes) {
  return randomBytes(bytes).toString("hex");
}

/** x-line-signature: base64 HMAC-SHA256 of the raw body bytes with the channel secret. */
export function signBody(channelSecret, body) {
  return createHmac("sha256", channelSecret).update(body).digest("base64");
}

/**
 * Makes a generator of raw HTTP/1.1 requests (Buffers) for `POST path` on host:port.
 * `users` distinct LINE user ids are used round-robin. `runTag` keeps event ids unique
 * across runs against the same persisted state.
 */
export function webhookRequestFactory({ host, port, path, channelSecret, users = 8, signatureOverride }) {
  const destination = `U${hex(16)}`;
  const userIds = Array.from({ length: users }, () => `U${hex(16)}`);
  // ULID = 48-bit ms timestamp + 80 bits; the 80 bits are a per-run random prefix plus a
  // counter, so ids are unique and sortable within the run.
  const runRandom = BigInt(`0x${hex(5)}`);
  const ulidTime = base32(BigInt(Date.now()), 10);
  const ulidRun = base32(runRandom, 8);
  let seq = 0;

  /** Body + signature for request number `i` (i is only used for texts and ids). */
  function event() {
    const n = seq++;
    const userId = userIds[n % userIds.length];
    const now = Date.now();
    const body = JSON.stringify({
      destination,
      events: [
        {
          type: "message",
          mode: "active",
          timestamp: now,
          source: { type: "user", userId },
          webhookEventId: `${ulidTime}${ulidRun}${base32(BigInt(n), 8)}`,
          deliveryContext: { isRedelivery: false },
          replyToken: hex(16),
          message: {
            id: String(500000000000000 + n),
            type: "text",
            text: `Hello from bench #${n}, is my order shipped yet?`,
            quoteToken: hex(24),
            markAsReadToken: hex(16),
          },
        },
      ],
    });
    return body;
  }

  const head = `POST ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nUser-Agent: LineBotWebhook/2.0\r\nContent-Type: application/json; charset=utf-8\r\n`;

  /** One complete raw request. */
  function next() {
    const body = event();
    const signature = signatureOverride ?? signBody(channelSecret, body);
    const bodyBytes = Buffer.from(body, "utf8");
    return Buffer.concat([
      Buffer.from(`${head}x-line-signature: ${signature}\r\nContent-Length: ${bodyBytes.length}\r\n\r\n`, "latin1"),
      bodyBytes,
    ]);
  }

  return { next, event, userIds, destination };
}
