// A fake LINE Messaging API that enforces a rate limit on reply + push, for the pacing
// benchmark. Above `rate` requests in any one second (a sliding window) it answers 429
// {"message":"The API rate limit has been exceeded. Try again later."} like LINE, and like
// LINE without a Retry-After (the app backs off on its own). It also keeps LINE's promises that
// the app relies on: a push whose X-Line-Retry-Key was already accepted answers 409 (and
// is not delivered again); a reply token works once.
//
// It records what reached the "customer": every accepted message's text, so the
// benchmark can tell lost (never accepted) and duplicated (accepted twice) sends apart.
// Runs inside the benchmark's own process: startLimitedLine({ rate }) → { port, stats(), close() }.
import http from "node:http";

const RATE_LIMITED = Buffer.from('{"message":"The API rate limit has been exceeded. Try again later."}');

export function startLimitedLine({ rate: initialRate, port = 0 }) {
  let rate = initialRate;
  // A sliding one-second window: at most `rate` accepted sends in any 1,000 ms.
  const window = [];
  let head = 0;
  const take = () => {
    const now = performance.now();
    while (head < window.length && window[head] <= now - 1000) head++;
    if (head > 4096) window.splice(0, head), (head = 0);
    if (window.length - head >= rate) return false;
    window.push(now);
    return true;
  };
  const s = { accepted: 0, tooMany: 0, conflicts: 0, other: 0, acceptedAt: [], texts: new Map(), retryKeys: new Set(), replyTokens: new Set() };

  const answer = (res, status, body, headers = {}) => {
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    res.writeHead(status, { "content-type": "application/json", "content-length": buf.length, ...headers });
    res.end(buf);
  };

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0];
      const isSend = req.method === "POST" && (path === "/v2/bot/message/push" || path === "/v2/bot/message/reply");
      if (!isSend) {
        s.other++;
        if (req.method === "GET" && path.startsWith("/v2/bot/profile/")) return answer(res, 200, { userId: path.slice(16), displayName: "Pacing customer", language: "en" });
        if (path === "/v2/bot/message/quota") return answer(res, 200, { type: "none" });
        if (path === "/v2/bot/message/quota/consumption") return answer(res, 200, { totalUsage: 0 });
        return answer(res, 200, {});
      }
      if (!take()) {
        s.tooMany++;
        return answer(res, 429, RATE_LIMITED);
      }
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return answer(res, 400, { message: "bad json" });
      }
      if (path.endsWith("/push")) {
        const key = req.headers["x-line-retry-key"];
        if (typeof key === "string" && s.retryKeys.has(key)) {
          s.conflicts++;
          return answer(res, 409, { message: "The retry key is already accepted" });
        }
        if (typeof key === "string") s.retryKeys.add(key);
      } else {
        if (s.replyTokens.has(body.replyToken)) return answer(res, 400, { message: "Invalid reply token" });
        s.replyTokens.add(body.replyToken);
      }
      s.accepted++;
      s.acceptedAt.push(performance.now());
      for (const m of body.messages ?? []) if (typeof m.text === "string") s.texts.set(m.text, (s.texts.get(m.text) ?? 0) + 1);
      return answer(res, 200, { sentMessages: (body.messages ?? []).map((_, i) => ({ id: String(Date.now()) + i, quoteToken: "q" })) });
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () =>
      resolve({
        port: server.address().port,
        stats: () => s,
        /** Changes the allowed rate from now on (e.g. another sender starts using the channel's share). */
        setRate: (next) => {
          rate = next;
        },
        close: () => new Promise((r) => server.close(() => r())),
      }),
    );
  });
}
