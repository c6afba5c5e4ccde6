// Reports benchmark: each /reports tab over a month of a busy workspace —
// 100,000 conversations / 1,000,000 messages / 30 agents by default — server
// time p50/p95 (the tab's loader and the page render, the app's own code bundled
// for Node, against the local D1 that `wrangler dev` uses) and D1 rows read,
// against a raw-scan query of the same figures. Goal: p95 < 100 ms and at least
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
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openLocalD1 } from "../inbox/d1.mjs";
import { loadReportCode } from "./app.mjs";
import { seed, ZONE } from "./dataset.mjs";
import { rawQueries, rawRowsRead } from "./raw.mjs";

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

const markerPath = join(dir, "bench-reports.json");
const marker = existsSync(markerPath) ? JSON.parse(readFileSync(markerPath, "utf8")) : null;
if (!marker || marker.conversations !== conversations) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`migrations → ${dir}`);
  const applied = spawnSync(process.execPath, [join(ROOT, "node_modules/wrangler/bin/wrangler.js"), "d1", "migrations", "apply", "DB", "--local", "--persist-to", dir], { cwd: ROOT, env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false" }, stdio: "inherit" });
  if (applied.status !== 0) process.exit(1);
}

const app = await loadReportCode(ROOT);
const { db, dispose } = await openLocalD1(ROOT, dir);
try {
  let seeded = marker;
  if (!marker || marker.conversations !== conversations) {
    const t0 = Date.now();
    const info = await seed(db, app, { conversations, messagesPerConversation, agents, end: END, log });
    seeded = { conversations, ...info, seconds: Math.round((Date.now() - t0) / 1000) };
    writeFileSync(markerPath, JSON.stringify(seeded));
    log(`seed: done in ${seeded.seconds}s`);
  } else log(`seed: reusing ${dir}`);

  const ws = seeded.workspaceId;
  const filters = app.resolveFilters({ preset: "last30" }, ZONE, END - 1);
  const raw = rawQueries(ws, filters.from, filters.to);
  const rows = [];
  for (const tab of app.REPORT_TABS) {
    const times = [];
    let rowsRead = 0;
    for (let i = 0; i < reps + 2; i++) {
      const started = performance.now();
      const reader = new app.ReportReader(db, ws);
      const directory = await app.loadDirectory(db, ws);
      const result = await tab.load({ reader, filters, directory });
      const html = await app.withLocale({ locale: "en", timeZone: ZONE }, () =>
        app.ReportPage({ user: { name: "Bench", email: "b@bench.test", role: "owner" }, csrfToken: "x", tab, filters, directory: { ...directory, timeZone: ZONE }, result, backfill: null, canBackfill: false }).toString(),
      );
      if (!String(html).includes("rsec")) throw new Error(`${tab.id}: no sections rendered`);
      if (i >= 2) times.push(performance.now() - started);
      rowsRead = reader.rowsRead;
    }
    times.sort((a, b) => a - b);
    const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    const rawRows = raw[tab.id] ? await rawRowsRead(db, raw[tab.id]) : null;
    rows.push({ tab: tab.id, p50: +q(0.5).toFixed(1), p95: +q(0.95).toFixed(1), rowsRead, rawRowsRead: rawRows, ratio: rawRows ? Math.round(rawRows / Math.max(1, rowsRead)) : null });
  }
  const result = {
    when: new Date().toISOString(),
    scale,
    dataset: { conversations, messages: seeded.messages, agents, range: "last 30 days (daily rollups)", timeZone: ZONE },
    reps,
    machine: { cpus: cpus().length, loadavg: loadavg().map((v) => +v.toFixed(2)) },
    goal: { p95Ms: 100, fewerRowsX: 100 },
    rows,
  };
  const table = [
    "| tab | p50 ms | p95 ms | rows read | raw-scan rows read | fewer rows | goal |",
    "|---|---:|---:|---:|---:|---:|---|",
    ...rows.map((r) => `| ${r.tab} | ${r.p50} | ${r.p95} | ${r.rowsRead.toLocaleString("en")} | ${r.rawRowsRead?.toLocaleString("en") ?? "n/a (reads the audit log itself)"} | ${r.ratio ? `${r.ratio}x` : "–"} | ${r.p95 < 100 && (r.ratio === null || r.ratio >= 100) ? "met" : "missed"} |`),
  ].join("\n");
  const md = `# Reports benchmark\n\n${result.when} · scale ${scale} (${conversations.toLocaleString("en")} conversations, ${seeded.messages.toLocaleString("en")} messages, ${agents} agents) · ${reps} loads per tab · load average ${result.machine.loadavg.join(" / ")} on ${result.machine.cpus} CPUs\n\nServer time = the tab's loader + the page render (the app's code bundled for Node) against the local D1 of \`wrangler dev\`; rows read = D1 meta.rows_read of the rollup queries, against raw-scan queries of the same figures over every message and conversation event in the range (bench-only tables bench_raw_messages / bench_raw_events, indexed by workspace and time).\n\n${table}\n`;
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, "reports-latest.json"), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(RESULTS, "reports-latest.md"), md);
  console.log(table);
} finally {
  await dispose();
}
