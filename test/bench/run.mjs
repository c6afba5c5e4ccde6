// `npm run bench`: signed LINE webhook ingest, linedesk (wrangler dev, local workerd,
// durable ack from a Durable Object) side by side with a baseline Node server in the usual
// shape (express + @line/bot-sdk middleware awaiting a reply call to a local fake LINE).
//
// For each target: a warm-up, then (a) maximum throughput with a fixed number of
// connections, (b) a constant 1,000 req/s open-loop run. Prints a table, writes
// test/bench/results/latest.json and latest.md. Only 127.0.0.1 is ever targeted; every
// child runs in its own process group and is killed at the end, on failure and on Ctrl-C.
//
// Environment knobs (all optional):
//   BENCH_SECONDS      seconds per measured phase (default 10)
//   BENCH_WARMUP       warm-up seconds per target (default min(3, BENCH_SECONDS))
//   BENCH_CONNECTIONS  sockets in the max-throughput phase (default 64)
//   BENCH_RATE         req/s in the constant-rate phase (default 1000)
//   BENCH_LIGHT_RATE   req/s of a short light-load phase whose latency is the bare service
//                      time, with no queueing (default 50)
//   BENCH_USERS        distinct LINE users (= conversations) per target (default 8)
//   BENCH_TARGETS      comma list of targets, run one after another, each alone on the
//                      machine (default: baseline, linedesk, linedesk-direct, linedesk-mem,
//                      floor-hello-direct, floor-store-direct); linedesk variants:
//                        linedesk         `wrangler dev` as a developer runs it
//                        linedesk-noobs   same, with wrangler's local trace collector off
//                                         (X_LOCAL_OBSERVABILITY=false)
//                        linedesk-direct  same as noobs, but requests go straight to the
//                                         Worker's workerd socket, skipping wrangler's proxy
//                        linedesk-worker  same as direct, without the [assets] block: locally
//                                         wrangler runs an asset router Worker in front of
//                                         every request (run_worker_first), in the same
//                                         workerd thread; in production Cloudflare routes
//                                         before the Worker runs. The floor has none either.
//                        floor-<mode>[-direct]  the minimal Worker in test/bench/floor/,
//                                         mode hello|verify|rpc|store: what the runtime and
//                                         wrangler dev cost before any application code
//   BENCH_WRANGLER_LOG wrangler dev --log-level (default "warn": no per-request log lines)
//   BENCH_BUNDLE       1 (default): bundle once with `wrangler deploy --dry-run` and run
//                      `wrangler dev --no-bundle` on that, so edits under src/ during the
//                      run cannot reload the Worker mid-measurement; 0: run from source
//   BENCH_PROFILE      1 (default): after a linedesk target's phases, profile its isolate
//                      (at max load; "light": at BENCH_LIGHT_RATE, where nothing batches)
//                      for a few seconds and summarise where the JS time goes; 0: skip
//   BENCH_KEEP         1: keep the run dir (logs, state, raw .cpuprofile) in /tmp
//   BENCH_FIRST_MESSAGES  new customers, one request each, in the first-message phase of
//                      linedesk and floor-store targets (default 200)
//   BENCH_LIGHT_ONLY   1: after the warm-up (and its after-ack work), only light-load phases,
//                      BENCH_LIGHT_REPEAT of them (default 3) of BENCH_SECONDS each — for
//                      comparing CPU per message between two builds; noise between runs is
//                      large here, the spread within one run is not
//   BENCH_FIRST_ONLY   1: after the warm-up (and its after-ack work), only the first-message
//                      phase, BENCH_LIGHT_REPEAT times; results/ untouched (like LIGHT_ONLY)
//   BENCH_QUIET_WAIT   seconds to wait, before each target, for other processes to leave
//                      the CPUs < 15% busy (default 120; the busy % is recorded either way)
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, cpus } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { closedLoop, constantRate, oneRequest } from "./load.mjs";
import { Children, cpuDelta, freePort, groupCpu, groupPids, listeningPorts, machineBusy } from "./procs.mjs";
import { signBody, webhookRequestFactory } from "./webhook.mjs";
import { loadSourceMap, startProfile, summarizeProfile } from "./profile.mjs";
import { renderMarkdown, renderTable } from "./report.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const HOST = "127.0.0.1";

const num = (name, dflt) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : dflt;
};
const SECONDS = Math.min(num("BENCH_SECONDS", 10), 300);
// V8 (both Node and workerd) needs several seconds of load before it settles.
const WARMUP = Math.min(num("BENCH_WARMUP", Math.min(8, Math.max(2, SECONDS))), 60);
const CONNECTIONS = Math.min(num("BENCH_CONNECTIONS", 64), 1024);
const RATE = Math.min(num("BENCH_RATE", 1000), 20_000);
const LIGHT_RATE = Math.min(num("BENCH_LIGHT_RATE", 50), 1000);
const USERS = Math.min(num("BENCH_USERS", 8), 10_000);
// Issue 12's set: the developer's view, the production-like direct socket, and the floor
// that does the same durable work (the ingest goals are ratios against floor-store-direct).
const DEFAULT_TARGETS = "baseline,linedesk,linedesk-direct,linedesk-worker,linedesk-mem,floor-hello-direct,floor-store-direct";
const TARGETS = (process.env.BENCH_TARGETS ?? DEFAULT_TARGETS).split(",").map((s) => s.trim());
/** New customers in the first-message phase (linedesk targets). */
const FIRST_MESSAGES = Math.min(num("BENCH_FIRST_MESSAGES", 200), 2000);
const WRANGLER_LOG = process.env.BENCH_WRANGLER_LOG ?? "warn";
const BUNDLE = process.env.BENCH_BUNDLE !== "0";
const PROFILE = process.env.BENCH_PROFILE !== "0";
const PROFILE_LIGHT = process.env.BENCH_PROFILE === "light";
const FIRST_ONLY = process.env.BENCH_FIRST_ONLY === "1";
const LIGHT_ONLY = process.env.BENCH_LIGHT_ONLY === "1" || FIRST_ONLY;
const LIGHT_REPEAT = Math.min(num("BENCH_LIGHT_REPEAT", 3), 20);
const QUIET_WAIT = Math.min(Number(process.env.BENCH_QUIET_WAIT ?? 120), 1800);

const LINEDESK_VARIANTS = {
  linedesk: { label: "linedesk (wrangler dev)", env: {}, direct: false },
  "linedesk-noobs": { label: "linedesk (wrangler dev, local traces off)", env: { X_LOCAL_OBSERVABILITY: "false" }, direct: false },
  "linedesk-direct": { label: "linedesk (workerd socket, no proxy, traces off)", env: { X_LOCAL_OBSERVABILITY: "false" }, direct: true },
  "linedesk-mem": { label: "linedesk (as direct, storage on tmpfs)", env: { X_LOCAL_OBSERVABILITY: "false" }, direct: true, tmpfs: true },
  "linedesk-worker": { label: "linedesk (as direct, no local asset router)", env: { X_LOCAL_OBSERVABILITY: "false" }, direct: true, noAssets: true },
};
// floor-<mode>[-direct]: the minimal Worker in test/bench/floor/ (see its header).
const FLOOR = /^floor-(hello|verify|rpc|store)(-direct)?$/;
function variantOf(name) {
  if (LINEDESK_VARIANTS[name]) return { ...LINEDESK_VARIANTS[name], app: "linedesk" };
  const m = FLOOR.exec(name);
  if (!m) return null;
  const direct = Boolean(m[2]);
  return {
    app: "floor",
    mode: m[1],
    label: `floor Worker: ${m[1]} (${direct ? "workerd socket, no proxy, traces off" : "wrangler dev"})`,
    env: direct ? { X_LOCAL_OBSERVABILITY: "false" } : {},
    direct,
  };
}
for (const t of TARGETS) if (t !== "baseline" && !variantOf(t)) throw new Error(`unknown BENCH_TARGETS entry ${t}`);

const runDir = mkdtempSync(join(tmpdir(), "linedesk-bench-"));
const children = new Children(runDir);
let keepRunDir = process.env.BENCH_KEEP === "1";
const tmpfsDirs = []; // state dirs on /dev/shm, always removed (they hold memory)

// Cleanup on every way out.
process.on("exit", () => children.stopAllNow());
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, async () => {
    console.error(`\n${sig}: stopping children...`);
    await children.stopAll(1500);
    process.exit(130);
  });
}

function log(msg) {
  console.log(`[bench] ${msg}`);
}

function readDevVars() {
  const path = join(ROOT, ".dev.vars");
  if (!existsSync(path)) {
    copyFileSync(join(ROOT, ".dev.vars.example"), path);
    log("created .dev.vars from .dev.vars.example");
  }
  const vars = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (!m) continue;
    let v = m[2];
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    vars[m[1]] = v;
  }
  return vars;
}

async function startNodeServer(name, script, args, env) {
  const entry = children.spawn(name, process.execPath, [join(HERE, script), ...args], { env });
  const { port } = await children.waitReadyLine(entry, 20_000);
  return { entry, port };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
const WRANGLER_ENV = { WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1", FORCE_COLOR: "0" };

/**
 * Bundles the Worker once (the same esbuild step `wrangler dev` runs) and writes a copy of
 * wrangler.toml that points at the bundle, so the run is immune to edits under src/ (a
 * reload mid-measurement answers 503s) and no esbuild watcher competes for the CPU.
 * Returns the config path to pass as --config, or null to run from source.
 */
async function bundleWorker() {
  if (!existsSync(join(ROOT, "src/index.ts"))) throw new Error("src/index.ts does not exist yet");
  if (!BUNDLE) return null;
  const outDir = join(runDir, "bundle");
  log("bundling the Worker (wrangler deploy --dry-run --outdir)...");
  const build = children.spawn("wrangler-bundle", process.execPath, [WRANGLER, "deploy", "--dry-run", "--outdir", outDir], { cwd: ROOT, env: WRANGLER_ENV });
  await children.waitExit(build, 180_000);
  let toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
  const setKey = (key, value) => {
    const re = new RegExp(`^(\\s*${key}\\s*=\\s*)"[^"]*"`, "m");
    if (!re.test(toml)) throw new Error(`wrangler.toml has no ${key} = "..." line to point at the bundle`);
    toml = toml.replace(re, `$1${JSON.stringify(value)}`);
  };
  setKey("main", join(outDir, "index.js"));
  setKey("directory", join(ROOT, "public"));
  setKey("migrations_dir", join(ROOT, "migrations"));
  toml = `# Generated by test/bench/run.mjs: wrangler.toml pointed at a pre-built bundle.\nno_bundle = true\n${toml}`;
  const config = join(outDir, "wrangler.toml");
  writeFileSync(config, toml);
  // The same Worker without static assets (linedesk-worker), in a folder of its own.
  const workerDir = join(outDir, "no-assets");
  mkdirSync(workerDir, { recursive: true });
  writeFileSync(join(workerDir, "wrangler.toml"), toml.replace(/^\[assets\]\n(?:[^[\n][^\n]*\n)*/m, ""));
  // wrangler reads .dev.vars next to the config file.
  copyFileSync(join(ROOT, ".dev.vars"), join(outDir, ".dev.vars"));
  copyFileSync(join(ROOT, ".dev.vars"), join(workerDir, ".dev.vars"));
  return config;
}

async function startWrangler(name, variant, config, fakePort, secret) {
  let stateDir = join(runDir, `state-${name}`);
  if (variant.tmpfs) {
    if (!existsSync("/dev/shm")) throw new Error("/dev/shm (tmpfs) is not available");
    stateDir = mkdtempSync("/dev/shm/linedesk-bench-state-");
    tmpfsDirs.push(stateDir);
  }
  mkdirSync(stateDir, { recursive: true });
  const env = { ...WRANGLER_ENV, ...variant.env };
  const configArgs = config ? ["--config", config] : [];
  if (variant.app === "linedesk") {
    log(`${name}: applying D1 migrations to a fresh local state dir...`);
    const migrate = children.spawn(`${name}-migrate`, process.execPath, [WRANGLER, "d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir, ...configArgs], { cwd: ROOT, env });
    await children.waitExit(migrate, 180_000);
  }

  const port = await freePort();
  const inspectorPort = await freePort();
  const fake = `http://${HOST}:${fakePort}`;
  const args = [
    WRANGLER, "dev", ...configArgs,
    "--ip", HOST, "--port", String(port), "--inspector-port", String(inspectorPort),
    "--persist-to", stateDir, "--log-level", WRANGLER_LOG, "--show-interactive-dev-session=false",
    // Outbound LINE calls (after the ack) go to the same local fake as the baseline's.
    ...(variant.app === "linedesk" ? ["--var", `LINE_API_BASE_URL:${fake}`, "--var", `LINE_DATA_API_BASE_URL:${fake}`] : ["--var", `SECRET:${secret}`]),
  ];
  log(`${name}: starting wrangler dev on ${HOST}:${port}${Object.keys(variant.env).length ? ` with ${JSON.stringify(variant.env)}` : ""}...`);
  const entry = children.spawn(name, process.execPath, args, { cwd: ROOT, env });
  return { entry, port, inspectorPort };
}

/** Polls with LINE's verify call ({"events":[]}, signed) until the target answers 2xx. */
async function waitAnswering(target, timeoutMs) {
  const until = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < until) {
    if (target.entry?.exited) throw new Error(`${target.name} exited (${target.entry.exitInfo}):\n${target.entry.output.slice(-3000)}`);
    try {
      const r = await oneRequest({ host: HOST, port: target.port, request: target.verifyRequest(), timeoutMs: 10_000 });
      if (r.status >= 200 && r.status < 300) return;
      last = `status ${r.status}: ${r.body.slice(0, 200)}`;
    } catch (err) {
      last = err.message;
    }
    await sleep(500);
  }
  throw new Error(`${target.name} did not answer 2xx within ${timeoutMs} ms (last: ${last})\n${target.entry?.output.slice(-3000) ?? ""}`);
}

/**
 * The port of the workerd process that runs the Worker itself (wrangler dev starts two:
 * one for its reload-buffering proxy, which owns the public port, and one for the Worker,
 * whose entry socket is on a random port). Found from /proc and confirmed with a signed
 * verify call that must answer 2xx.
 */
async function findDirectPort(entry, proxyPort, makeVerify) {
  const candidates = [];
  for (const p of groupPids(entry.child.pid)) {
    if (p.comm !== "workerd") continue;
    const ports = listeningPorts(p.pid);
    if (ports.includes(proxyPort)) continue;
    candidates.push(...ports);
  }
  for (const port of candidates) {
    try {
      const r = await oneRequest({ host: HOST, port, request: makeVerify(port), timeoutMs: 2000 });
      if (r.status >= 200 && r.status < 300 && r.head.startsWith("HTTP/1.1")) return port;
    } catch {}
  }
  throw new Error(`could not find the Worker's own workerd socket (candidates ${candidates.join(", ")})`);
}

function makeTarget(name, label, port, path, secret, entry) {
  const factory = webhookRequestFactory({ host: HOST, port, path, channelSecret: secret, users: USERS });
  const bad = webhookRequestFactory({ host: HOST, port, path, channelSecret: secret, users: 1, signatureOverride: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" });
  const verifyRequest = (p = port) => {
    const body = JSON.stringify({ destination: factory.destination, events: [] });
    const sig = signBody(secret, body);
    return Buffer.from(`POST ${path} HTTP/1.1\r\nHost: ${HOST}:${p}\r\nContent-Type: application/json; charset=utf-8\r\nx-line-signature: ${sig}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, "utf8");
  };
  return { name, label, port, path, secret, url: `http://${HOST}:${port}${path}`, entry, next: factory.next, badRequest: bad.next, verifyRequest };
}

/** Runs `fn` and reports CPU seconds used meanwhile by the server's process group(s) and by us. */
async function withCpu(groups, fn) {
  const before = groups.map((g) => groupCpu(g.pid));
  const self = process.cpuUsage();
  const result = await fn();
  const after = groups.map((g) => groupCpu(g.pid));
  const me = process.cpuUsage(self);
  const cpu = { loadgen: Math.round((me.user + me.system) / 1e4) / 100 };
  groups.forEach((g, i) => {
    for (const [role, s] of Object.entries(cpuDelta(before[i], after[i], g.roleOf))) cpu[`${g.label}:${role}`] = s;
  });
  const okReq = Math.max(1, result.ok2xx);
  const serverCpu = Object.entries(cpu).filter(([k]) => k !== "loadgen").reduce((a, [, v]) => a + v, 0);
  return { ...result, cpuSeconds: cpu, serverCpuMsPerReq: Math.round((serverCpu / okReq) * 1e6) / 1e3 };
}

async function benchTarget(t, groups) {
  const out = { label: t.label, url: t.url };
  const good = await oneRequest({ host: HOST, port: t.port, request: t.next() });
  const bad = await oneRequest({ host: HOST, port: t.port, request: t.badRequest() });
  out.smoke = { validSignature: good.status, badSignature: bad.status };
  log(`${t.name}: smoke valid-signature → ${good.status}, bad-signature → ${bad.status}`);
  if (good.status < 200 || good.status >= 300) throw new Error(`${t.name} rejected a valid signed webhook: ${good.status} ${good.body.slice(0, 300)}`);
  if (bad.status >= 200 && bad.status < 300 && t.name !== "floor-hello" && t.name !== "floor-hello-direct") log(`WARNING: ${t.name} accepted a bad signature`);

  const common = { host: HOST, port: t.port, next: t.next };
  log(`${t.name}: warm-up ${WARMUP}s (closed loop, ${CONNECTIONS} connections)`);
  out.warmup = await closedLoop({ ...common, connections: CONNECTIONS, durationMs: WARMUP * 1000 });
  if (LIGHT_ONLY) return lightOnly(t, groups, common, out);
  await sleep(1000);
  log(`${t.name}: max throughput ${SECONDS}s, ${CONNECTIONS} connections`);
  out.throughput = await withCpu(groups, () => closedLoop({ ...common, connections: CONNECTIONS, durationMs: SECONDS * 1000 }));
  log(`${t.name}:   ${out.throughput.reqPerSec} req/s, p50 ${out.throughput.latencyMs.p50} ms, p99 ${out.throughput.latencyMs.p99} ms, errors ${out.throughput.errors}, non-2xx ${out.throughput.non2xx}`);
  // Work the server still does after the last answer (after-ack jobs: alarms, index
  // updates, profile fetches) is measured until it goes quiet, so it is neither hidden nor
  // billed to the next phase.
  out.afterThroughput = await drain(groups, out.throughput.ok2xx);
  log(`${t.name}:   after the last answer: ${out.afterThroughput.cpuSeconds} CPU-s over ${out.afterThroughput.seconds}s (${out.afterThroughput.cpuMsPerRequest} ms per request of the phase)`);
  log(`${t.name}: constant ${RATE} req/s for ${SECONDS}s (open loop)`);
  out.fixedRate = await withCpu(groups, () => constantRate({ ...common, rate: RATE, durationMs: SECONDS * 1000 }));
  log(`${t.name}:   achieved ${out.fixedRate.achievedRate} req/s, p50 ${out.fixedRate.latencyMs.p50} ms, p99 ${out.fixedRate.latencyMs.p99} ms, errors ${out.fixedRate.errors}, non-2xx ${out.fixedRate.non2xx}`);
  out.afterFixedRate = await drain(groups, out.fixedRate.ok2xx);
  const lightSeconds = Math.min(5, SECONDS);
  log(`${t.name}: light load ${LIGHT_RATE} req/s for ${lightSeconds}s (service time without queueing)`);
  out.lightLoad = await withCpu(groups, () => constantRate({ ...common, rate: LIGHT_RATE, durationMs: lightSeconds * 1000 }));
  log(`${t.name}:   p50 ${out.lightLoad.latencyMs.p50} ms, p99 ${out.lightLoad.latencyMs.p99} ms, CPU ${out.lightLoad.serverCpuMsPerReq} ms/request`);
  if (t.firstMessage) {
    // The light phase's after-ack work is not the first message's: let it finish, as between the other phases.
    await drain(groups, out.lightLoad.ok2xx);
    log(`${t.name}: first message of ${FIRST_MESSAGES} new customers, one at a time (each a new Durable Object)`);
    out.firstMessage = await firstMessages(t);
    log(`${t.name}:   p50 ${out.firstMessage.latencyMs.p50} ms, p99 ${out.firstMessage.latencyMs.p99} ms, non-2xx ${out.firstMessage.non2xx}`);
  }
  return out;
}

/** BENCH_LIGHT_ONLY: the warm-up's after-ack work drained, then light-load phases only. */
async function lightOnly(t, groups, common, out) {
  await drain(groups, out.warmup.ok2xx);
  if (FIRST_ONLY) {
    out.firstRuns = [];
    for (let i = 0; i < LIGHT_REPEAT && t.firstMessage; i++) {
      const run = await firstMessages(t);
      out.firstRuns.push(run);
      log(`${t.name}: first message of ${FIRST_MESSAGES} new customers: p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms, max ${run.latencyMs.max} ms, non-2xx ${run.non2xx}`);
      await drain(groups, run.requests);
    }
    return out;
  }
  out.lightRuns = [];
  for (let i = 0; i < LIGHT_REPEAT; i++) {
    const run = await withCpu(groups, () => constantRate({ ...common, rate: LIGHT_RATE, durationMs: SECONDS * 1000 }));
    out.lightRuns.push(run);
    log(`${t.name}: light ${LIGHT_RATE} req/s, ${SECONDS}s: p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms, CPU ${run.serverCpuMsPerReq} ms/request`);
    await drain(groups, run.ok2xx);
  }
  out.lightLoad = out.lightRuns.at(-1);
  return out;
}

/** Sequential webhooks, each from a customer never seen before: the ack of a conversation's first message. */
async function firstMessages(t) {
  const fresh = webhookRequestFactory({ host: HOST, port: t.port, path: t.path, channelSecret: t.secret, users: FIRST_MESSAGES });
  const samples = [];
  let non2xx = 0;
  for (let i = 0; i < FIRST_MESSAGES; i++) {
    const t0 = performance.now();
    const r = await oneRequest({ host: HOST, port: t.port, request: fresh.next() });
    samples.push(performance.now() - t0);
    if (r.status < 200 || r.status >= 300) non2xx++;
  }
  samples.sort((a, b) => a - b);
  const at = (p) => Math.round(samples[Math.min(samples.length - 1, Math.ceil((p / 100) * samples.length) - 1)] * 10) / 10;
  return { requests: FIRST_MESSAGES, non2xx, latencyMs: { p50: at(50), p99: at(99), max: at(100) } };
}

/**
 * An extra closed-loop phase (not part of the figures) with the V8 profiler attached to the
 * Worker's isolate through wrangler's inspector; the summary attributes JS self time to
 * source files via the bundle's source map. The raw .cpuprofile stays in the run dir.
 */
async function profilePhase(t, inspectorPort, config) {
  const seconds = Math.min(5, SECONDS);
  try {
    log(`${t.name}: profiling the Worker isolate for ${seconds}s (extra phase, not in the figures)`);
    const stop = await startProfile(`ws://${HOST}:${inspectorPort}/ws`);
    const load = PROFILE_LIGHT
      ? await constantRate({ host: HOST, port: t.port, next: t.next, rate: LIGHT_RATE, durationMs: seconds * 1000 })
      : await closedLoop({ host: HOST, port: t.port, next: t.next, connections: CONNECTIONS, durationMs: seconds * 1000 });
    const profile = await stop();
    const raw = join(runDir, `${t.name}.cpuprofile`);
    writeFileSync(raw, JSON.stringify(profile));
    const map = config ? loadSourceMap(join(dirname(config), "index.js.map")) : null;
    const summary = summarizeProfile(profile, (url) => (map && url.endsWith("index.js") ? map : null), 20);
    return { seconds, reqPerSecWhileProfiling: load.reqPerSec, requests: load.ok2xx, jsMsPerRequest: Math.round((summary.totalMs / Math.max(1, load.ok2xx)) * 1000) / 1000, ...summary };
  } catch (err) {
    log(`${t.name}: profiling failed: ${err.message}`);
    return { error: err.message };
  }
}

/**
 * Waits (at most 60 s) until the servers' process groups use < 5% of a core for two polls
 * in a row; returns the CPU they used meanwhile and per request of the previous phase.
 */
async function drain(groups, requests) {
  const total = () => groups.reduce((sum, g) => sum + Object.values(groupCpu(g.pid)).reduce((a, p) => a + p.cpuS, 0), 0);
  const start = total();
  const t0 = Date.now();
  let last = start;
  let quiet = 0;
  while (Date.now() - t0 < 60_000 && quiet < 2) {
    await sleep(500);
    const now = total();
    quiet = now - last < 0.025 ? quiet + 1 : 0;
    last = now;
  }
  const cpu = last - start;
  return { seconds: Math.round((Date.now() - t0) / 100) / 10, cpuSeconds: Math.round(cpu * 100) / 100, cpuMsPerRequest: Math.round((cpu / Math.max(1, requests)) * 1e5) / 100 };
}

/** Waits up to BENCH_QUIET_WAIT seconds for the machine to be < 15% busy; returns the last reading. */
async function waitQuiet(name) {
  const until = Date.now() + QUIET_WAIT * 1000;
  let busy = await machineBusy(1000);
  if (busy > 15) log(`machine is ${busy}% busy before ${name} (other processes); waiting up to ${QUIET_WAIT}s for it to calm down...`);
  while (busy > 15 && Date.now() < until) busy = await machineBusy(2000);
  if (busy > 15) log(`WARNING: still ${busy}% busy before ${name}: its figures will be low and noisy`);
  return busy;
}

async function fakeStats(fake) {
  fake.entry.child.stdin.write("stats\n");
  const msg = await children.waitJsonLine(fake.entry, (m) => m.stats, 5000).catch(() => null);
  return msg?.stats ?? null;
}

async function runBaseline(secret, fake, fakeGroup) {
  const b = await startNodeServer("baseline", "baseline-server.mjs", [], {
    CHANNEL_SECRET: secret,
    CHANNEL_ACCESS_TOKEN: "bench-token",
    LINE_API_BASE_URL: `http://${HOST}:${fake.port}`,
    PORT: "0",
    NODE_ENV: "production",
  });
  log(`baseline (express + @line/bot-sdk) on ${HOST}:${b.port}`);
  const t = makeTarget("baseline", "baseline (express + @line/bot-sdk, awaits reply)", b.port, "/callback", secret, b.entry);
  try {
    return await benchTarget(t, [{ pid: b.entry.child.pid, label: "baseline" }, fakeGroup]);
  } finally {
    await children.stop(b.entry);
  }
}

/** The bundle's config without the [assets] block (written next to it by bundleWorker). */
function withoutAssets(config) {
  if (!config) throw new Error("linedesk-worker needs the bundled Worker (BENCH_BUNDLE=1)");
  return join(dirname(config), "no-assets", "wrangler.toml");
}

async function runWorker(name, channelId, secret, linedeskConfig, fake, fakeGroup) {
  const variant = variantOf(name);
  const config = variant.app === "floor" ? join(HERE, "floor/wrangler.toml") : variant.noAssets ? withoutAssets(linedeskConfig) : linedeskConfig;
  const l = await startWrangler(name, variant, config, fake.port, secret);
  try {
    const path = variant.app === "floor" ? `/${variant.mode}` : `/webhooks/line/${channelId}`;
    let t = makeTarget(name, variant.label, l.port, path, secret, l.entry);
    await waitAnswering(t, 180_000);
    if (variant.direct) {
      const port = await findDirectPort(l.entry, l.port, t.verifyRequest);
      t = makeTarget(name, variant.label, port, path, secret, l.entry);
    }
    log(`${name} answers on ${t.url}`);
    // The floor's store Worker keys a Durable Object by user too: its first messages are what a
    // new object costs on this runtime and disk, next to linedesk's.
    t.firstMessage = variant.app === "linedesk" || variant.mode === "store";
    const roleOf = (pid, comm) => {
      if (comm === "workerd") return listeningPorts(pid).includes(l.port) ? "workerd-proxy" : "workerd-worker";
      if (comm === "node" || comm === "MainThread") return "wrangler-node";
      return comm;
    };
    const out = await benchTarget(t, [{ pid: l.entry.child.pid, label: variant.app, roleOf }, fakeGroup]);
    if (PROFILE && variant.app === "linedesk") out.profile = await profilePhase(t, l.inspectorPort, linedeskConfig);
    return out;
  } finally {
    await children.stop(l.entry);
  }
}

async function main() {
  const startedAt = new Date().toISOString();
  const vars = readDevVars();
  const channelId = vars.LINE_CHANNEL_ID;
  const secret = vars.LINE_CHANNEL_SECRET;
  if (!channelId || !secret) throw new Error(".dev.vars must set LINE_CHANNEL_ID and LINE_CHANNEL_SECRET");
  log(`run dir ${runDir}; targets ${TARGETS.join(", ")}; ${SECONDS}s per phase after ${WARMUP}s warm-up, ${CONNECTIONS} connections, ${RATE} req/s, ${USERS} users`);

  const fake = await startNodeServer("fake-line", "fake-line.mjs", ["0"], {});
  log(`fake LINE API on ${HOST}:${fake.port}`);
  const fakeGroup = { pid: fake.entry.child.pid, label: "fake-line" };

  const results = {
    startedAt,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, platform: process.platform },
    settings: { seconds: SECONDS, warmupSeconds: WARMUP, connections: CONNECTIONS, rate: RATE, lightRate: LIGHT_RATE, users: USERS, wranglerLogLevel: WRANGLER_LOG, bundled: BUNDLE, targets: TARGETS },
    targets: {},
    fakeLineCalls: {},
  };

  let bundle = null;
  let bundleError = null;
  if (TARGETS.some((t) => variantOf(t)?.app === "linedesk")) {
    try {
      bundle = await bundleWorker();
    } catch (err) {
      bundleError = err;
    }
  }

  // One target at a time, alone on the machine: the others are not even running.
  for (const name of TARGETS) {
    let before = await fakeStats(fake);
    // Other processes on the machine (other sessions, editors, test runs) skew the figures:
    // wait (bounded) for a quiet moment, and record how busy it was.
    const idleBusy = await waitQuiet(name);
    try {
      if (name === "baseline") results.targets[name] = await runBaseline(secret, fake, fakeGroup);
      else {
        if (bundleError && variantOf(name).app === "linedesk") throw bundleError;
        results.targets[name] = await runWorker(name, channelId, secret, bundle, fake, fakeGroup);
      }
    } catch (err) {
      keepRunDir = true;
      results.targets[name] = { label: variantOf(name)?.label ?? name, error: err.message.slice(0, 4000) };
      log(`${name} failed: ${err.message.split("\n")[0]} (logs in ${runDir})`);
    }
    // What the fake LINE API saw during this target (baseline replies, the app's after-ack calls).
    const after = await fakeStats(fake);
    before ??= {};
    if (results.targets[name]) results.targets[name].machineBusyBeforePct = idleBusy;
    results.fakeLineCalls[name] = Object.fromEntries(Object.entries(after ?? {}).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => v > 0));
    await sleep(1000);
  }

  const b = results.targets.baseline;
  const l = results.targets.linedesk;
  if (b?.throughput && l?.throughput) {
    results.throughputRatio = Math.round((l.throughput.reqPerSec / b.throughput.reqPerSec) * 100) / 100;
    results.goals = {
      throughputAtLeast2_5x: results.throughputRatio >= 2.5,
      p99Under50msAt1000: (l.fixedRate.latencyMs.p99 ?? Infinity) < 50 && l.fixedRate.errors === 0 && l.fixedRate.non2xx === 0,
    };
  }
  results.finishedAt = new Date().toISOString();

  if (LIGHT_ONLY) {
    log("light-only run: figures above, results/ left as they were");
    return results;
  }
  const outDir = join(HERE, "results");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(outDir, "latest.md"), renderMarkdown(results));
  console.log(`\n${renderTable(results)}`);
  log(`wrote test/bench/results/latest.json and latest.md`);
  return results;
}

let exitCode = 0;
try {
  const results = await main();
  if (Object.values(results.targets).some((t) => t.error)) exitCode = 1;
} catch (err) {
  keepRunDir = true;
  console.error(`[bench] failed: ${err.stack ?? err}`);
  exitCode = 1;
} finally {
  await children.stopAll(3000);
  if (keepRunDir) log(`logs kept in ${runDir}`);
  else rmSync(runDir, { recursive: true, force: true });
  for (const dir of tmpfsDirs) rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
