// Shared by the goal benchmarks (pacing, live latency, open conversation): the app as
// `npm start` runs it (scripts/start.mjs, demo workspace, own state dir, a free port that
// the OS picks — never one of the fixed manual-run ports), signed webhooks, the REST API
// with the demo token, an agent session with its CSRF token.
import { createHmac } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { devVarsPath, readDevVars } from "../dev-vars.mjs";
import { signIn } from "../inbox/app.mjs";
import { freePort } from "../inbox/procs.mjs";
import { HOST } from "../settings.mjs";
import { findDirectPort } from "../targets.mjs";

export { signIn };
/** The app's .dev.vars (created from the example when missing, as `npm start` does). */
export { readDevVars as devVars };

let bundled = null;

/**
 * Bundles the Worker once per run (what `wrangler dev` builds) and writes a wrangler.toml
 * pointing at it, so edits under src/ while a benchmark runs cannot reload the app
 * mid-measurement (a reload answers 503 and drops sockets).
 */
async function bundle({ root, runDir, children, log }) {
  if (bundled) return bundled;
  const outDir = join(runDir, "bundle");
  log("bundling the Worker once (wrangler deploy --dry-run --outdir)...");
  const wrangler = join(root, "node_modules/wrangler/bin/wrangler.js");
  const build = children.spawn("bundle", process.execPath, [wrangler, "deploy", "--dry-run", "--outdir", outDir], { cwd: root, env: { WRANGLER_SEND_METRICS: "false", CI: "1" } });
  await children.waitExit(build, 300_000); // throws with the output when it fails
  let toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const setKey = (key, value) => {
    toml = toml.replace(new RegExp(`^(\\s*${key}\\s*=\\s*)"[^"]*"`, "m"), `$1${JSON.stringify(value)}`);
  };
  setKey("main", join(outDir, "index.js"));
  setKey("directory", join(root, "public"));
  setKey("migrations_dir", join(root, "migrations"));
  writeFileSync(join(outDir, "wrangler.toml"), `no_bundle = true\n${toml}`);
  copyFileSync(devVarsPath(root), join(outDir, ".dev.vars"));
  bundled = join(outDir, "wrangler.toml");
  return bundled;
}

/**
 * Starts the app (the bundled Worker under `wrangler dev`, local state in `dir`, demo
 * workspace and API token from .dev.vars, a port the OS picks) with `vars` (e.g.
 * LINE_API_BASE_URL of a local fake) and waits until it answers /healthz.
 */
export async function startGoalApp({ root, runDir, dir, children, name, vars = {}, log }) {
  const config = await bundle({ root, runDir, children, log });
  const wrangler = join(root, "node_modules/wrangler/bin/wrangler.js");
  const env = { WRANGLER_SEND_METRICS: "false", CI: "1", X_LOCAL_OBSERVABILITY: "false" };
  mkdirSync(dir, { recursive: true });
  const migrate = children.spawn(`${name}-migrate`, process.execPath, [wrangler, "d1", "migrations", "apply", "DB", "--local", "--persist-to", dir, "--config", config], { cwd: root, env });
  await children.waitExit(migrate, 300_000);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const varArgs = Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
  const entry = children.spawn(name, process.execPath, [wrangler, "dev", "--config", config, "--ip", "127.0.0.1", "--port", String(port), "--persist-to", dir, "--log-level", "warn", "--show-interactive-dev-session=false", ...varArgs], { cwd: root, env });
  const until = Date.now() + 300_000;
  while (Date.now() < until) {
    if (entry.exited) throw new Error(`${name} exited:\n${entry.tail.slice(-3000)}`);
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return { base, port, entry, stop: () => children.stop(entry) };
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  await children.stop(entry);
  throw new Error(`${name} did not answer within 300 s:\n${entry.tail.slice(-3000)}`);
}

/**
 * The base URL of the Worker's own workerd socket (the ingest targets' "direct"): requests
 * skip wrangler's reload-buffering proxy, a second workerd process that production does
 * not have, which on a 2-core machine takes CPU from the app it measures.
 */
export async function workerBase(app) {
  const port = await findDirectPort(app.entry, app.port, (p) => Buffer.from(`GET /healthz HTTP/1.1\r\nHost: ${HOST}:${p}\r\n\r\n`, "utf8"));
  return `http://${HOST}:${port}`;
}

export function lineUserId(n) {
  return `U${n.toString(16).padStart(32, "0")}`;
}

let seq = 0;
export function textEvent(userId, text, { replyToken = true } = {}) {
  seq++;
  return {
    type: "message",
    mode: "active",
    timestamp: Date.now(),
    webhookEventId: `01BENCH${Date.now().toString(36).toUpperCase()}${String(seq).padStart(10, "0")}`.slice(0, 26),
    deliveryContext: { isRedelivery: false },
    source: { type: "user", userId },
    ...(replyToken ? { replyToken: `rt-${seq}-${Date.now()}` } : {}),
    message: { type: "text", id: `${Date.now()}${seq}`, text, quoteToken: `q-${seq}` },
  };
}

/** Posts one signed webhook body; resolves to { status, ms }. */
export async function postWebhook(base, vars, events) {
  const body = JSON.stringify({ destination: `U${"0".repeat(32)}`, events });
  const signature = createHmac("sha256", vars.LINE_CHANNEL_SECRET).update(body).digest("base64");
  const t0 = performance.now();
  const res = await fetch(`${base}/webhooks/line/${vars.LINE_CHANNEL_ID}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-line-signature": signature },
    body,
    signal: AbortSignal.timeout(60_000),
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t0 };
}

export function api(base, vars) {
  const headers = { authorization: `Bearer ${vars.DEMO_API_TOKEN}`, "content-type": "application/json" };
  return {
    async get(path) {
      const res = await fetch(`${base}/api/v1${path}`, { headers, signal: AbortSignal.timeout(30_000) });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${(await res.text()).slice(0, 200)}`);
      return res.json();
    },
    async post(path, body) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1${path}`, { method: "POST", headers, body: JSON.stringify(body), signal: AbortSignal.timeout(120_000) });
      const json = await res.json().catch(() => null);
      return { status: res.status, json, ms: performance.now() - t0 };
    },
  };
}

/** Every conversation of the demo workspace: Map(LINE source id → conversation id). */
export async function conversationIds(client) {
  const out = new Map();
  let cursor = null;
  for (let page = 0; page < 200; page++) {
    const body = await client.get(`/conversations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    for (const c of body.data) out.set(c.source.id, c.id);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return out;
}

/** Waits until `want` LINE users have a conversation in the index (the index is written after the ack). */
export async function waitForConversations(client, userIds, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  let ids = new Map();
  while (Date.now() < until) {
    ids = await conversationIds(client);
    if (userIds.every((u) => ids.has(u))) return ids;
    await new Promise((r) => setTimeout(r, 500));
  }
  const missing = userIds.filter((u) => !ids.has(u)).length;
  throw new Error(`${missing} of ${userIds.length} conversations never reached the index`);
}

/** The CSRF token of a signed-in session (the inbox page carries it for htmx). */
export async function csrfOf(base, session) {
  const res = await fetch(`${base}/inbox`, { headers: { cookie: `ld_session=${session}` }, signal: AbortSignal.timeout(30_000) });
  const html = await res.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? /"x-csrf-token"\s*:\s*"([^"]+)"/.exec(html)?.[1] ?? /x-csrf-token&quot;:\s*&quot;([^&]+)&quot;/.exec(html)?.[1];
  if (!token) throw new Error(`no CSRF token on /inbox (status ${res.status})`);
  return token;
}

/** An agent's text answer through the composer (origin: agent); resolves to { status, ms }. */
export async function agentSends(base, session, csrf, conversationId, text) {
  const t0 = performance.now();
  const res = await fetch(`${base}/inbox/c/${conversationId}/compose/text`, {
    method: "POST",
    headers: { cookie: `ld_session=${session}`, "content-type": "application/x-www-form-urlencoded", "hx-request": "true", "x-csrf-token": csrf, origin: base },
    body: new URLSearchParams({ text }).toString(),
    signal: AbortSignal.timeout(120_000),
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t0 };
}

export function percentiles(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  const r = (v) => Math.round(v * 10) / 10;
  return s.length ? { n: s.length, p50: r(at(50)), p99: r(at(99)), max: r(s[s.length - 1]) } : { n: 0, p50: null, p99: null, max: null };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
