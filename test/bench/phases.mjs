// The ingest benchmark's phases against one target: warm-up, max throughput, fixed rate,
// light load, first messages, the CPU each costs (including after-ack work, drained until
// quiet), and the optional CPU profile of the Worker's isolate.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { closedLoop, constantRate, oneRequest } from "./load.mjs";
import { cpuDelta, groupCpu, machineBusy } from "./procs.mjs";
import { loadSourceMap, startProfile, summarizeProfile } from "./profile.mjs";
import { CONNECTIONS, FIRST_MESSAGES, HOST, LIGHT_ONLY, LIGHT_RATE, LIGHT_REPEAT, FIRST_ONLY, PROFILE_LIGHT, QUIET_WAIT, RATE, SECONDS, WARMUP, log, sleep } from "./settings.mjs";
import { assertAccepted } from "./targets.mjs";
import { webhookRequestFactory } from "./webhook.mjs";

/** Runs `fn` and reports CPU seconds used meanwhile by the server's process group(s) and by us. */
export async function withCpu(groups, fn) {
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

export async function benchTarget(t, groups) {
  const out = { label: t.label, url: t.url };
  const good = await oneRequest({ host: HOST, port: t.port, request: t.next() });
  const bad = await oneRequest({ host: HOST, port: t.port, request: t.badRequest() });
  out.smoke = { validSignature: good.status, badSignature: bad.status };
  log(`${t.name}: smoke valid-signature → ${good.status}, bad-signature → ${bad.status}`);
  assertAccepted(t.name, good);
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
export async function firstMessages(t) {
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
export async function profilePhase(t, inspectorPort, config, runDir) {
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
    // The isolate's thread time that was not idle, per answered request: comparable between targets of one run.
    const idleMs = summary.buckets.find(([name]) => name === "(idle)")?.[1] ?? 0;
    const busyMsPerRequest = Math.round(((summary.totalMs - idleMs) / Math.max(1, load.ok2xx)) * 1000) / 1000;
    log(`${t.name}:   profiled ${load.ok2xx} requests at ${load.reqPerSec} req/s: ${busyMsPerRequest} ms of the isolate's thread busy per request`);
    return {
      busyMsPerRequest, seconds, reqPerSecWhileProfiling: load.reqPerSec, requests: load.ok2xx, jsMsPerRequest: Math.round((summary.totalMs / Math.max(1, load.ok2xx)) * 1000) / 1000, ...summary };
  } catch (err) {
    log(`${t.name}: profiling failed: ${err.message}`);
    return { error: err.message };
  }
}

/**
 * Quiet polls (500 ms each) that end a drain: 3 s, well past linedesk's after-ack interval
 * (src/conversations/runtime.ts AFTER_ACK_INTERVAL_MS, 1 s; a build tried with 2 s), so a
 * busy conversation's last run is counted with the phase that caused it rather than
 * falling into the next target's turn (with a 2 s interval and 1 s of quiet, it did).
 */
const QUIET_POLLS = 6;

/**
 * Waits (at most 60 s) until the servers' process groups use < 5% of a core for QUIET_POLLS
 * polls in a row; returns the CPU they used meanwhile and per request of the previous phase.
 */
export async function drain(groups, requests) {
  const total = () => groups.reduce((sum, g) => sum + Object.values(groupCpu(g.pid)).reduce((a, p) => a + p.cpuS, 0), 0);
  const start = total();
  const t0 = Date.now();
  let last = start;
  let quiet = 0;
  while (Date.now() - t0 < 60_000 && quiet < QUIET_POLLS) {
    await sleep(500);
    const now = total();
    quiet = now - last < 0.025 ? quiet + 1 : 0;
    last = now;
  }
  const cpu = last - start;
  return { seconds: Math.round((Date.now() - t0) / 100) / 10, cpuSeconds: Math.round(cpu * 100) / 100, cpuMsPerRequest: Math.round((cpu / Math.max(1, requests)) * 1e5) / 100 };
}

/** Waits up to BENCH_QUIET_WAIT seconds for the machine to be < 15% busy; returns the last reading. */
export async function waitQuiet(name) {
  const until = Date.now() + QUIET_WAIT * 1000;
  let busy = await machineBusy(1000);
  if (busy > 15) log(`machine is ${busy}% busy before ${name} (other processes); waiting up to ${QUIET_WAIT}s for it to calm down...`);
  while (busy > 15 && Date.now() < until) busy = await machineBusy(2000);
  if (busy > 15) log(`WARNING: still ${busy}% busy before ${name}: its figures will be low and noisy`);
  return busy;
}

