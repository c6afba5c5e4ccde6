// The ingest benchmark's settings, from the environment (see also test/bench/README.md),
// and the small helpers every part of the runner shares.
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
//                                         mode hello|verify|rpc|store|rows|index: what the runtime and
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
//   BENCH_BASE         git refs, comma-separated (with BENCH_INTERLEAVE): every linedesk target
//                      also runs as of each, as `<target>@<ref>`, bundled from a worktree in the run
//                      dir: a change's A/B inside one run, free of the host's drift
//   BENCH_QUIET_WAIT   seconds to wait, before each target, for other processes to leave
//                      the CPUs < 15% busy (default 120; the busy % is recorded either way)

export const HOST = "127.0.0.1";

const num = (name, dflt) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : dflt;
};
export const SECONDS = Math.min(num("BENCH_SECONDS", 10), 300);
// V8 (both Node and workerd) needs several seconds of load before it settles.
export const WARMUP = Math.min(num("BENCH_WARMUP", Math.min(8, Math.max(2, SECONDS))), 60);
export const CONNECTIONS = Math.min(num("BENCH_CONNECTIONS", 64), 1024);
export const RATE = Math.min(num("BENCH_RATE", 1000), 20_000);
export const LIGHT_RATE = Math.min(num("BENCH_LIGHT_RATE", 50), 1000);
export const USERS = Math.min(num("BENCH_USERS", 8), 10_000);
// Issue 12's set: the developer's view, the production-like direct socket, and the floor
// that does the same durable work (the ingest goals are ratios against floor-store-direct).
export const DEFAULT_TARGETS = "baseline,linedesk,linedesk-direct,linedesk-worker,linedesk-mem,floor-hello-direct,floor-store-direct,floor-rows-direct";
export const TARGETS = (process.env.BENCH_TARGETS ?? DEFAULT_TARGETS).split(",").map((s) => s.trim());
/** New customers in the first-message phase (linedesk targets). */
export const FIRST_MESSAGES = Math.min(num("BENCH_FIRST_MESSAGES", 200), 2000);
export const WRANGLER_LOG = process.env.BENCH_WRANGLER_LOG ?? "warn";
export const BUNDLE = process.env.BENCH_BUNDLE !== "0";
export const PROFILE = process.env.BENCH_PROFILE !== "0";
export const PROFILE_LIGHT = process.env.BENCH_PROFILE === "light";
export const FIRST_ONLY = process.env.BENCH_FIRST_ONLY === "1";
export const LIGHT_ONLY = process.env.BENCH_LIGHT_ONLY === "1" || FIRST_ONLY;
export const LIGHT_REPEAT = Math.min(num("BENCH_LIGHT_REPEAT", 3), 20);
/** Git refs whose Worker runs next to this one in an interleaved run (A/B of a change). */
export const BASE_REFS = (process.env.BENCH_BASE ?? "").split(",").map((s) => s.trim()).filter(Boolean);
/** Rounds of the interleaved comparison (0: off); see interleave.mjs. */
export const INTERLEAVE = Math.min(num("BENCH_INTERLEAVE", 0), 50);
export const QUIET_WAIT = Math.min(Number(process.env.BENCH_QUIET_WAIT ?? 120), 1800);

export const LINEDESK_VARIANTS = {
  linedesk: { label: "linedesk (wrangler dev)", env: {}, direct: false },
  "linedesk-noobs": { label: "linedesk (wrangler dev, local traces off)", env: { X_LOCAL_OBSERVABILITY: "false" }, direct: false },
  "linedesk-direct": { label: "linedesk (workerd socket, no proxy, traces off)", env: { X_LOCAL_OBSERVABILITY: "false" }, direct: true },
  "linedesk-mem": { label: "linedesk (as direct, storage on tmpfs)", env: { X_LOCAL_OBSERVABILITY: "false" }, direct: true, tmpfs: true },
  "linedesk-worker": { label: "linedesk (as direct, no local asset router)", env: { X_LOCAL_OBSERVABILITY: "false" }, direct: true, noAssets: true },
};
// floor-<mode>[-direct]: the minimal Worker in test/bench/floor/ (see its header).
const FLOOR = /^floor-(hello|verify|rpc|store|rows|index)(-direct)?$/;
export function variantOf(name) {
  // `<variant>@<ref>`: the linedesk variant as of a BENCH_BASE ref (run.mjs bundleBase).
  const at = /^([^@]+)@(.+)$/.exec(name);
  if (at && LINEDESK_VARIANTS[at[1]]) return { ...LINEDESK_VARIANTS[at[1]], label: `${LINEDESK_VARIANTS[at[1]].label} @ ${at[2]}`, app: "linedesk", baseRef: at[2] };
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

export function log(msg) {
  console.log(`[bench] ${msg}`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
