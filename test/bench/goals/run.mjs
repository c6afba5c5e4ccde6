// The issue-12 goal benchmarks, after the ingest targets (`npm run bench` runs this last):
//   pacer   the pacer alone (ChannelPacerDO + LINE client in a small Worker) at 400/s (pacer.mjs)
//   pacing  outbound pacing through the whole app against a fake LINE that answers 429 above a rate (pacing.mjs)
//   live    10 agents on WebSockets: webhook → open thread / inbox list row (live.mjs)
//   open    click → thread and composer usable at 1,000 messages (open.mjs, chromium)
//   bulk    a 1,000-event webhook for 1,000 customers: time to the 200 (bulk.mjs)
// Each starts its own app (npm start on a fresh state dir, a port the OS picks). Prints the
// goals with their ratios and writes test/bench/results/goals-latest.{json,md}; figures from
// earlier runs of benchmarks not selected this time are kept.
//
// Environment (optional):
//   BENCH_GOALS          comma list (default "pacer,pacing,live,open,bulk")
//   BENCH_PACER_RATE     allowed pushes per second for the pacer-alone benchmark (default 400)
//   BENCH_PACING_RATE    allowed reply+push per second at the fake LINE and the pacer (default 100)
//   BENCH_PACING_SECONDS seconds of bulk sends at that rate (default 10)
//   BENCH_PACING_CONCURRENCY API sends in flight in the pacing benchmark (default 0.6 × the rate, 16–400)
//   BENCH_PACING_VIA     "worker" (default): the pacing sends go to the Worker's own socket;
//                        "proxy": through wrangler's proxy, the port `npm start` prints
//   BENCH_LIVE_MESSAGES  single messages timed in the live benchmark (default 100)
//   BENCH_OPEN_MESSAGES  messages in the opened thread (default 1000)
//   BENCH_OPEN_REPS      timed opens (default 10)
//   BENCH_KEEP           1 keeps the run dir (logs, state)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Children, machineBusy } from "../inbox/procs.mjs";
import { renderGoals } from "./report.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../../..");
const RESULTS = resolve(HERE, "../results");
const num = (name, dflt, max) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.min(v, max) : dflt;
};
const selected = (process.env.BENCH_GOALS ?? "pacer,pacing,live,open,bulk").split(",").map((s) => s.trim()).filter(Boolean);
const runDir = mkdtempSync(join(tmpdir(), "linedesk-goals-"));
const children = new Children(runDir);
const log = (m) => console.log(`[goals] ${m}`);
process.on("exit", () => children.killAllNow());
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, async () => {
    await children.stopAll(1500);
    process.exit(130);
  });
}

const benches = {
  pacer: async () => (await import("./pacer.mjs")).pacerBench({ root: ROOT, children, log, rate: num("BENCH_PACER_RATE", 400, 2000), seconds: num("BENCH_PACING_SECONDS", 10, 120) }),
  pacing: async () => (await import("./pacing.mjs")).pacingBench({ root: ROOT, children, runDir, log, rate: num("BENCH_PACING_RATE", 100, 2000), seconds: num("BENCH_PACING_SECONDS", 10, 120), concurrency: process.env.BENCH_PACING_CONCURRENCY ? num("BENCH_PACING_CONCURRENCY", 60, 1000) : null, via: process.env.BENCH_PACING_VIA === "proxy" ? "proxy" : "worker" }),
  live: async () => (await import("./live.mjs")).liveBench({ root: ROOT, children, runDir, log, messages: num("BENCH_LIVE_MESSAGES", 100, 2000) }),
  open: async () => (await import("./open.mjs")).openBench({ root: ROOT, children, runDir, log, messages: num("BENCH_OPEN_MESSAGES", 1000, 5000), reps: num("BENCH_OPEN_REPS", 10, 100) }),
  bulk: async () => (await import("./bulk.mjs")).bulkBench({ root: ROOT, children, runDir, log }),
};

let failed = false;
const previous = existsSync(join(RESULTS, "goals-latest.json")) ? JSON.parse(readFileSync(join(RESULTS, "goals-latest.json"), "utf8")) : { results: {} };
const out = { startedAt: new Date().toISOString(), machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version }, results: { ...previous.results } };
try {
  for (const name of selected) {
    if (!benches[name]) throw new Error(`unknown BENCH_GOALS entry ${name}`);
    const busy = await machineBusy(1000);
    log(`${name}: machine ${busy}% busy before start`);
    try {
      out.results[name] = { ...(await benches[name]()), machineBusyBeforePct: busy, measuredAt: new Date().toISOString() };
    } catch (err) {
      failed = true;
      out.results[name] = { error: String(err.stack ?? err).slice(0, 4000), machineBusyBeforePct: busy, measuredAt: new Date().toISOString() };
      log(`${name} failed: ${String(err.message).split("\n")[0]} (logs in ${runDir})`);
    }
  }
} finally {
  await children.stopAll(3000);
}
out.finishedAt = new Date().toISOString();
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, "goals-latest.json"), `${JSON.stringify(out, null, 2)}\n`);
const md = renderGoals(out);
writeFileSync(join(RESULTS, "goals-latest.md"), md);
console.log(`\n${md}`);
log("wrote test/bench/results/goals-latest.json and goals-latest.md");
if (failed || process.env.BENCH_KEEP === "1") log(`logs kept in ${runDir}`);
else rmSync(runDir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
