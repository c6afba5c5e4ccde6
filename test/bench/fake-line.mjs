// A minimal local stand-in for LINE's Messaging API, used by the benchmark only.
// POST /v2/bot/message/reply answers 200 {"sentMessages":[]} like LINE does; a profile
// GET answers a small profile, anything else 200 {}. No delays: it only has to be cheap
// and local so the baseline's (and the app's) outbound calls never leave the machine.
//
// Run as a child process: `node test/bench/fake-line.mjs [port]` (0 = any free port).
// It prints one JSON line {"ready":true,"port":N} on stdout when it listens, and on
// SIGUSR2 (or stdin line "stats") prints {"stats":{path: count}} for the calls it saw.
import http from "node:http";

const REPLY_BODY = Buffer.from('{"sentMessages":[]}');
const EMPTY_BODY = Buffer.from("{}");

/** Starts the fake on 127.0.0.1:`port`; resolves to { server, port, counts }. */
export function startFakeLine(port = 0) {
  const counts = Object.create(null);
  const server = http.createServer((req, res) => {
    // Drain the body first, as a real server would, then answer.
    req.on("data", () => {});
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0];
      const key = `${req.method} ${path.startsWith("/v2/bot/profile/") ? "/v2/bot/profile/:userId" : path}`;
      counts[key] = (counts[key] ?? 0) + 1;
      let body = EMPTY_BODY;
      if (req.method === "POST" && path === "/v2/bot/message/reply") body = REPLY_BODY;
      else if (req.method === "GET" && path.startsWith("/v2/bot/profile/")) {
        const userId = path.slice("/v2/bot/profile/".length);
        body = Buffer.from(JSON.stringify({ userId, displayName: `Bench ${userId.slice(-4)}`, language: "en" }));
      }
      res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve({ server, port: server.address().port, counts }));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { server, port, counts } = await startFakeLine(Number(process.argv[2] ?? 0));
  const printStats = () => process.stdout.write(`${JSON.stringify({ stats: counts })}\n`);
  process.on("SIGUSR2", printStats);
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => {
    if (chunk.includes("stats")) printStats();
  });
  // The parent going away closes stdin: stop then, so no orphan is left behind.
  process.stdin.on("end", () => process.exit(0));
  for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => process.exit(0));
  process.stdout.write(`${JSON.stringify({ ready: true, port })}\n`);
}
