// Reports benchmark: each /reports tab over a month of a busy workspace —
// 100,000 conversations / 1,000,000 messages / 30 agents by default — served by
// the app itself (the bundled Worker under `wrangler dev`, on the seeded local
// D1) to a signed-in owner: request time p50/p95 as the client sees it on
// loopback, the Worker's own Server-Timing, and the D1 rows read (Server-Timing),
// against raw-scan queries of the same figures. Goal: p95 < 100 ms and at least
// 100x fewer rows read than the raw scan.
//
//   node test/bench/reports/run.mjs            (part of `npm run bench`)
//
// Environment (all optional):
//   BENCH_REPORTS_SCALE  fraction of the full size (default 1; e.g. 0.05 while other work runs)
//   BENCH_REPORTS_REPS   measured loads per tab (default 30)
//   BENCH_REPORTS_DIR    state dir (default .wrangler/bench-reports-<scale>; reused when seeded alike)
// Writes test/bench/results/reports-latest.{json,md}.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startGoalApp } from "../goals/app.mjs";
import { signIn } from "../inbox/app.mjs";
import { openLocalD1 } from "../inbox/d1.mjs";
import { Children } from "../inbox/procs.mjs";
import { loadReportCode } from "./app.mjs";
import { seed, ZONE } from "./dataset.mjs";
import { rawQueries, rawRowsRead } from "./raw.mjs";

// The full month is millions of rollup cells counted in memory: re-run with a larger heap.
if (!process.execArgv.some((a) => a.startsWith("--max-old-space-size"))) {
  const again = spawnSync(process.execPath, ["--max-old-space-size=10240", fileURLToPath(import.meta.url)], { stdio: "inherit" });
  process.exit(again.status ?? 1);
}

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../../..");
const RESULTS = resolve(HERE, "../results");
const scale = Math.min(1, Math.max(0.001, Number(process.env.BENCH_REPORTS_SCALE) || 1));
const reps = Math.max(3, Number(process.env.BENCH_REPORTS_REPS) || 30);
const conversations = Math.round(100_000 * scale);
const messagesPerConversation = 10;
const agents = 30;
const dir = resolve(ROOT, process.env.BENCH_REPORTS_DIR || `.wrangler/bench-reports-${scale}`);
const DAY = 86_400_000;
// A fixed month so a reused seed stays in range: the dataset ends at this instant.
const END = Date.UTC(2026, 10, 30, 15); // 2026-12-01 00:00 in Tokyo
const log = (...a) => console.log(...a);
// 3: CSAT answers and SLA outcomes seeded (CSAT with weekly cells); the owner can sign in.
const SEED_VERSION = 3;
const OWNER = { email: "agent0@bench.test", password: "bench-reports-owner" };
const seededAlike = (m) => m && m.conversations === conversations && m.version === SEED_VERSION;

const markerPath = join(dir, "bench-reports.json");
const marker = existsSync(markerPath) ? JSON.parse(readFileSync(markerPath, "utf8")) : null;
if (!seededAlike(marker)) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`migrations → ${dir}`);
  const applied = spawnSync(process.execPath, [join(ROOT, "node_modules/wrangler/bin/wrangler.js"), "d1", "migrations", "apply", "DB", "--local", "--persist-to", dir], { cwd: ROOT, env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false" }, stdio: "inherit" });
  if (applied.status !== 0) process.exit(1);
}

const app = await loadReportCode(ROOT);
let seeded = marker;
let raw = null;
const filters = app.resolveFilters({ preset: "last30" }, ZONE, END - 1);
{
  let d1 = null;
  const openDb = async () => (d1 ??= await openLocalD1(ROOT, dir)).db;
  try {
    if (!seededAlike(marker)) {
      const t0 = Date.now();
      const info = await seed(openDb, app, { conversations, messagesPerConversation, agents, end: END, log });
      const db = await openDb();
      await db.prepare("UPDATE users SET password_hash = ? WHERE workspace_id = ? AND email = ?").bind(await app.hashPassword(OWNER.password), info.workspaceId, OWNER.email).run();
      seeded = { version: SEED_VERSION, conversations, ...info, seconds: Math.round((Date.now() - t0) / 1000) };
      writeFileSync(markerPath, JSON.stringify(seeded));
      log(`seed: done in ${seeded.seconds}s`);
    } else log(`seed: reusing ${dir}`);
    const db = await openDb();
    const queries = rawQueries(seeded.workspaceId, filters.from, filters.to);
    raw = Object.fromEntries(await Promise.all(Object.entries(queries).map(async ([tab, q]) => [tab, await rawRowsRead(db, q)])));
  } finally {
    await d1?.dispose(); // one writer at a time: the app opens the same D1 next
  }
}

const runDir = mkdtempSync(join(tmpdir(), "linedesk-bench-reports-"));
const children = new Children(runDir);
process.on("exit", () => children.killAllNow());
const timing = (header) => {
  const m = /reports;dur=(\d+(?:\.\d+)?);desc="rows_read=(\d+) queries=(\d+) round_trips=(\d+)"/.exec(header ?? "");
  return m ? { serverMs: Number(m[1]), rowsRead: Number(m[2]), queries: Number(m[3]), roundTrips: Number(m[4]) } : null;
};
const rows = [];
try {
  const server = await startGoalApp({ root: ROOT, runDir, dir, children, name: "reports-app", log });
  const token = await signIn(server.base, OWNER);
  const range = `preset=custom&from=${filters.fromDate}&to=${filters.toDate}`;
  for (const tab of app.REPORT_TABS) {
    const times = [];
    const serverTimes = [];
    let seen = null;
    for (let i = 0; i < reps + 2; i++) {
      const started = performance.now();
      const res = await fetch(`${server.base}/reports/${tab.id}?${range}`, { headers: { cookie: `ld_session=${token}` }, redirect: "manual", signal: AbortSignal.timeout(60_000) });
      const html = await res.text();
      const ms = performance.now() - started;
      if (res.status !== 200 || !html.includes("rsec")) throw new Error(`${tab.id}: HTTP ${res.status}, ${html.includes("rsec") ? "" : "no sections rendered"}`);
      seen = timing(res.headers.get("server-timing"));
      if (!seen) throw new Error(`${tab.id}: no reports Server-Timing`);
      if (i >= 2) {
        times.push(ms);
        serverTimes.push(seen.serverMs);
      }
    }
    const q = (list, p) => {
      const sorted = [...list].sort((a, b) => a - b);
      return +sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1);
    };
    const rawRows = raw[tab.id] ?? null;
    rows.push({ tab: tab.id, p50: q(times, 0.5), p95: q(times, 0.95), serverP50: q(serverTimes, 0.5), serverP95: q(serverTimes, 0.95), rowsRead: seen.rowsRead, queries: seen.queries, roundTrips: seen.roundTrips, rawRowsRead: rawRows, ratio: rawRows ? Math.round(rawRows / Math.max(1, seen.rowsRead)) : null });
    log(`${tab.id}: p50 ${rows.at(-1).p50} ms, p95 ${rows.at(-1).p95} ms, ${seen.rowsRead} rows`);
  }
} finally {
  await children.stopAll(3000);
  rmSync(runDir, { recursive: true, force: true });
}

const result = {
  when: new Date().toISOString(),
  scale,
  dataset: { conversations, messages: seeded.messages, csatAnswers: seeded.csatAnswers, slaOutcomes: seeded.slaOutcomes, agents, range: `${filters.fromDate} – ${filters.toDate} (daily rollups)`, timeZone: ZONE },
  reps,
  machine: { cpus: cpus().length, loadavg: loadavg().map((v) => +v.toFixed(2)) },
  goal: { p95Ms: 100, fewerRowsX: 100 },
  rows,
};
const table = [
  "| tab | request p50 ms | request p95 ms | Worker p50 / p95 ms | D1 queries (round trips) | rows read | raw-scan rows read | fewer rows | goal |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---|",
  ...rows.map((r) => `| ${r.tab} | ${r.p50} | ${r.p95} | ${r.serverP50} / ${r.serverP95} | ${r.queries} (${r.roundTrips}) | ${r.rowsRead.toLocaleString("en")} | ${r.rawRowsRead?.toLocaleString("en") ?? "n/a (reads the audit log itself)"} | ${r.ratio ? `${r.ratio}x` : "–"} | ${r.p95 < 100 && (r.ratio === null || r.ratio >= 100) ? "met" : "missed"} |`),
].join("\n");
const md = `# Reports benchmark\n\n${result.when} · scale ${scale} (${conversations.toLocaleString("en")} conversations, ${seeded.messages.toLocaleString("en")} messages, ${seeded.csatAnswers.toLocaleString("en")} CSAT answers, ${seeded.slaOutcomes.toLocaleString("en")} SLA outcomes, ${agents} agents; ${result.dataset.range}) · ${reps} loads per tab · load average ${result.machine.loadavg.join(" / ")} on ${result.machine.cpus} CPUs\n\nRequest = GET /reports/<tab> by a signed-in owner, timed by the client on loopback (the bundled Worker under \`wrangler dev\`, its local D1); Worker = the route's own Server-Timing (filters, names, the tab's queries, backfill state; the page render is not in it); rows read = D1 meta.rows_read of the tab's rollup queries (Server-Timing), against raw-scan queries of the same figures over every message, conversation event, CSAT answer and SLA outcome in the range (bench-only tables bench_raw_messages / bench_raw_events, the app's csat_responses / sla_events; all indexed by workspace and time).\n\n${table}\n`;
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, "reports-latest.json"), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(RESULTS, "reports-latest.md"), md);
console.log(table);
