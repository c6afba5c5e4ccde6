// Inbox list and search benchmark: 100,000 conversations / 1,000,000 message search
// documents in the demo workspace, server time p50/p95 per request and D1 rows read
// per request.
//
//   npm exec -- node test/bench/inbox/run.mjs        (Node 22)
//
// From another script (e.g. `npm run bench`), run it as a child process:
//   spawnSync(process.execPath, ["test/bench/inbox/run.mjs"], { stdio: "inherit" })
// Exit code 0 when the report was written (failing requests are findings, not failures).
//
// Phases:
//   1. seed (seed.mjs): a dedicated local state dir, reused when already seeded with the
//      same sizes. First seed ≈ 2 minutes on 2 cores (10 SQL files of ~28 MB); ~1.7 GB on disk.
//   2. HTTP (http.mjs): `node scripts/start.mjs` (PORT, LINEDESK_PERSIST_TO) on a free
//      port, sign in through the login form, then every case (cases.mjs) BENCH_INBOX_REPS
//      times, one request at a time, round-robin; only 127.0.0.1 is ever contacted.
//   3. rows read (app-queries.mjs): with the app stopped, the app's own query functions
//      (bundled from src/) run against the same local D1 through a recording wrapper;
//      each statement is re-run for meta.rows_read and EXPLAIN QUERY PLAN.
//   4. report (report.mjs): table on stdout, test/bench/results/inbox-latest.{md,json}.
// Every child runs in its own process group and is stopped on exit, failure and signals.
//
// Environment (all optional):
//   BENCH_INBOX_CONVERSATIONS  conversations to seed (default 100000)
//   BENCH_INBOX_MESSAGES       message search documents to seed (default 1000000)
//   BENCH_INBOX_CHUNK          conversations per SQL file loaded by wrangler (default 10000)
//   BENCH_INBOX_DIR            state dir (default .wrangler/bench-inbox; reused if seeded alike)
//   BENCH_INBOX_REPS           measured requests per case (default 50)
//   BENCH_INBOX_WARMUP         unmeasured rounds over all cases first (default 2)
//   BENCH_INBOX_MAX_SECONDS    time budget of the measured HTTP phase (default 900)
//   BENCH_INBOX_QUIET_WAIT     seconds to wait, before measuring, for other processes to leave
//                              the CPUs < 20% busy (default 120; the busy % is recorded either way)
//   BENCH_INBOX_KEEP_LOGS      1: keep the child logs dir in /tmp
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startApp, signIn } from "./app.mjs";
import { loadAppQueries, measureStatements } from "./app-queries.mjs";
import { buildCases, routeCalls } from "./cases.mjs";
import { openLocalD1 } from "./d1.mjs";
import { measureCases, request, walkCursor } from "./http.mjs";
import { Children, machineBusy } from "./procs.mjs";
import { buildReport, renderMarkdown, renderTable } from "./report.mjs";
import { ensureSeeded } from "./seed.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../../..");
const RESULTS = resolve(HERE, "../results");

const int = (name, dflt, max) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? Math.min(v, max) : dflt;
};
const settings = {
  conversations: int("BENCH_INBOX_CONVERSATIONS", 100_000, 2_000_000),
  messages: int("BENCH_INBOX_MESSAGES", 1_000_000, 20_000_000),
  chunkSize: int("BENCH_INBOX_CHUNK", 10_000, 100_000),
  dir: resolve(ROOT, process.env.BENCH_INBOX_DIR || ".wrangler/bench-inbox"),
  reps: int("BENCH_INBOX_REPS", 50, 10_000),
  warmup: Number.isInteger(Number(process.env.BENCH_INBOX_WARMUP)) && process.env.BENCH_INBOX_WARMUP !== "" ? Math.min(Number(process.env.BENCH_INBOX_WARMUP), 20) : 2,
  maxSeconds: int("BENCH_INBOX_MAX_SECONDS", 900, 7200),
  quietWait: Number.isFinite(Number(process.env.BENCH_INBOX_QUIET_WAIT)) && process.env.BENCH_INBOX_QUIET_WAIT !== undefined ? Math.min(Math.max(0, Number(process.env.BENCH_INBOX_QUIET_WAIT)), 1800) : 120,
};
if (settings.messages < settings.conversations) throw new Error("BENCH_INBOX_MESSAGES must be at least BENCH_INBOX_CONVERSATIONS (one message per conversation or more)");

const logDir = mkdtempSync(join(tmpdir(), "linedesk-bench-inbox-"));
const children = new Children(logDir);
const startedAt = Date.now();
const log = (msg) => console.log(`[inbox-bench ${String(Math.round((Date.now() - startedAt) / 1000)).padStart(4)}s] ${msg}`);

process.on("exit", () => children.killAllNow());
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, async () => {
    console.error(`\n${sig}: stopping child processes...`);
    await children.stopAll(2000);
    process.exit(130);
  });
}

async function main() {
  log(`settings: ${JSON.stringify(settings)}; child logs in ${logDir}`);
  const seed = await ensureSeeded({ root: ROOT, ...settings, children, log });
  const cases = buildCases(seed);

  // ---- HTTP phase
  log("http: starting the app (node scripts/start.mjs) on the seeded state...");
  const wranglerLines = [];
  const reloads = [];
  let measuring = false;
  const app = await startApp({
    root: ROOT,
    dir: settings.dir,
    children,
    name: "app",
    log,
    onLine: (line) => {
      // wrangler dev rebuilds and reloads the Worker when files under src/ change.
      if (line.includes("Reloading local server")) {
        reloads.push(Math.round((Date.now() - startedAt) / 1000));
        if (measuring) log("http: WARNING: wrangler dev reloaded the Worker during the measurement (src/ changed?); timings around it are skewed");
      }
      if (wranglerLines.length < 5 && /\[wrangler:info\] GET \/inbox/.test(line)) wranglerLines.push(line.replace(/\x1b\[[0-9;]*m/g, ""));
    },
  });
  let http;
  let token;
  let busyBefore = null;
  let reloadsDuringHttp = 0;
  const walks = {};
  try {
    log(`http: app is up at ${app.base}; signing in as the demo admin...`);
    token = await signIn(app.base);
    for (const c of cases.filter((c) => c.deep)) {
      const w = await walkCursor(app.base, token, c.path, c.deep);
      c.filter = { ...c.filter, cursor: w.cursor };
      c.path = `${c.path}&cursor=${w.cursor}`;
      walks[c.key] = { pages: w.pages, ms: Math.round(w.ms) };
      if (w.pages < c.deep) c.label = c.label.replace(`page ${c.deep + 1}`, `page ${w.pages + 1} (the last)`);
      log(`http: walked ${w.pages} pages of ${c.filter.view} in ${Math.round(w.ms)} ms`);
    }
    const probe = await request(app.base, "/inbox/counts", token);
    if (probe.status !== 200) throw new Error(`GET /inbox/counts answered ${probe.status}`);
    log(`http: counts ${probe.body}`);
    // Other work on the machine skews latency: wait (bounded) for the CPUs to be quiet.
    const quietUntil = Date.now() + settings.quietWait * 1000;
    busyBefore = await machineBusy(2000);
    while (busyBefore > 20 && Date.now() < quietUntil) {
      log(`http: CPUs ${busyBefore}% busy with the app idle; waiting for other work to finish (up to ${settings.quietWait} s)...`);
      busyBefore = await machineBusy(5000);
    }
    log(`http: CPUs ${busyBefore}% busy with the app idle${busyBefore > 20 ? " — something else is running; timings will be noisy" : ""}`);
    log(`http: ${cases.length} cases × ${settings.reps} requests (after ${settings.warmup} warm-up rounds), one at a time...`);
    measuring = true;
    const reloadsBefore = reloads.length;
    http = await measureCases({ base: app.base, token, cases, reps: settings.reps, warmup: settings.warmup, maxSeconds: settings.maxSeconds, log });
    measuring = false;
    reloadsDuringHttp = reloads.length - reloadsBefore;
  } finally {
    log("http: stopping the app...");
    await app.stop();
  }

  // ---- rows read phase (the app is stopped: one process on the D1 file at a time)
  log("rows: bundling the app's query functions from src/ and replaying each case against the local D1...");
  const appQueries = await loadAppQueries(ROOT);
  const { db, dispose } = await openLocalD1(ROOT, settings.dir);
  const rows = {};
  try {
    const ctx = { workspaceId: seed.workspaceId, userId: seed.adminId, token };
    for (const c of cases) rows[c.key] = await measureStatements(db, routeCalls(appQueries, c, ctx));
  } finally {
    await dispose();
  }

  const report = buildReport({
    settings,
    seed,
    cases,
    http,
    rows,
    walks,
    wranglerLines,
    env: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, wrangler: JSON.parse(readFileSync(join(ROOT, "node_modules/wrangler/package.json"), "utf8")).version, cpuBusyPercentBeforeHttp: busyBefore, workerReloadsDuringHttp: reloadsDuringHttp },
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
  });
  console.log(`\n${renderTable(report)}\n`);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, "inbox-latest.json"), JSON.stringify(report, null, 2) + "\n");
  writeFileSync(join(RESULTS, "inbox-latest.md"), renderMarkdown(report));
  log(`wrote ${join(RESULTS, "inbox-latest.md")} and inbox-latest.json`);
}

try {
  await main();
  await children.stopAll();
  if (process.env.BENCH_INBOX_KEEP_LOGS !== "1") rmSync(logDir, { recursive: true, force: true });
} catch (error) {
  console.error(`\ninbox benchmark failed: ${error?.stack ?? error}`);
  console.error(`child logs kept in ${logDir}`);
  await children.stopAll(2000);
  process.exitCode = 1;
}
