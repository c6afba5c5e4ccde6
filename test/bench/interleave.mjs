// BENCH_INTERLEAVE=<rounds>: the Worker targets run at once and take turns, round after
// round: the max-throughput load (BENCH_CONNECTIONS, BENCH_SECONDS), then the light load
// (BENCH_LIGHT_RATE for 5 s: service time and CPU per message with its after-ack work),
// each followed by its after-ack work drained. This host's speed drifts by up to 2x within
// minutes (other tenants), so targets measured one after another can differ by that much
// for no reason of their own; a ratio taken inside one round, seconds apart, cancels the
// drift. Each round starts with the next target, so none always follows the same one.
// Written to results/interleaved-latest.{json,md}; the goals table reads it (goals/report.mjs).
import { closedLoop, constantRate, oneRequest } from "./load.mjs";
import { drain, withCpu } from "./phases.mjs";
import { CONNECTIONS, HOST, LIGHT_ONLY, LIGHT_RATE, SECONDS, WARMUP, log } from "./settings.mjs";
import { assertAccepted } from "./targets.mjs";

const SKIPPED = { reqPerSec: 0, latencyMs: {}, errors: 0, non2xx: 0, serverCpuMsPerReq: 0, ok2xx: 0 };

/** The ratios are taken against this target when it runs. */
export const REFERENCE = "floor-store-direct";

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const r2 = (v) => Math.round(v * 100) / 100;

/** targets: [{ t (targets.mjs), groups (process groups for CPU) }], all already answering. */
export async function interleave(targets, rounds) {
  const load = (t, seconds) => closedLoop({ host: HOST, port: t.port, next: t.next, connections: CONNECTIONS, durationMs: seconds * 1000 });
  for (const { t, groups } of targets) {
    // A target that refuses a valid webhook would only show up as 0 req/s: stop here instead.
    assertAccepted(t.name, await oneRequest({ host: HOST, port: t.port, request: t.next() }));
    log(`${t.name}: warm-up ${WARMUP}s (closed loop, ${CONNECTIONS} connections)`);
    const warm = await load(t, WARMUP);
    await drain(groups, warm.ok2xx);
  }
  const results = Object.fromEntries(targets.map(({ t }) => [t.name, { label: t.label, rounds: [] }]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < targets.length; k++) {
      const { t, groups } = targets[(r + k) % targets.length];
      // BENCH_LIGHT_ONLY: rounds of the light load alone (an A/B of CPU per message needs many).
      const run = LIGHT_ONLY ? SKIPPED : await withCpu(groups, () => load(t, SECONDS));
      const after = LIGHT_ONLY ? { cpuMsPerRequest: 0 } : await drain(groups, run.ok2xx);
      const light = await withCpu(groups, () => constantRate({ host: HOST, port: t.port, next: t.next, rate: LIGHT_RATE, durationMs: 5000 }));
      const lightAfter = await drain(groups, light.ok2xx);
      results[t.name].rounds.push({
        round: r + 1,
        reqPerSec: run.reqPerSec,
        latencyMs: run.latencyMs,
        errors: run.errors + light.errors,
        non2xx: run.non2xx + light.non2xx,
        serverCpuMsPerReq: run.serverCpuMsPerReq,
        afterCpuMsPerReq: after.cpuMsPerRequest,
        light: { latencyMs: light.latencyMs, cpuMsPerReq: r2(light.serverCpuMsPerReq + lightAfter.cpuMsPerRequest), cpuSecondsByRole: light.cpuSeconds, afterCpuSeconds: lightAfter.cpuSeconds },
      });
      log(`round ${r + 1}/${rounds}: ${t.name} ${run.reqPerSec} req/s, p99 ${run.latencyMs.p99} ms, ${run.serverCpuMsPerReq} + ${after.cpuMsPerRequest} ms server CPU per request; light ${LIGHT_RATE} req/s: p99 ${light.latencyMs.p99} ms, ${light.serverCpuMsPerReq} + ${lightAfter.cpuMsPerRequest} ms CPU per request; errors ${run.errors + light.errors}, non-2xx ${run.non2xx + light.non2xx}`);
    }
  }
  const reference = results[REFERENCE];
  for (const [name, target] of Object.entries(results)) {
    target.medianReqPerSec = r2(median(target.rounds.map((x) => x.reqPerSec)));
    target.medianCpuMsPerReq = r2(median(target.rounds.map((x) => x.serverCpuMsPerReq + x.afterCpuMsPerReq)));
    target.errors = target.rounds.reduce((a, x) => a + x.errors + x.non2xx, 0);
    target.light = { medianP99Ms: r2(median(target.rounds.map((x) => x.light.latencyMs.p99))), medianCpuMsPerReq: r2(median(target.rounds.map((x) => x.light.cpuMsPerReq))) };
    if (!reference || name === REFERENCE) continue;
    const spread = (ratios) => ({ median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), rounds: ratios.map(r2) });
    const against = (pick) => target.rounds.map((x, i) => pick(x) / Math.max(0.001, reference.rounds[i] ? pick(reference.rounds[i]) : 0));
    target.vsReference = spread(against((x) => x.reqPerSec));
    target.lightVsReference = { p99: spread(against((x) => x.light.latencyMs.p99)), cpu: spread(against((x) => x.light.cpuMsPerReq)) };
  }
  return { reference: reference ? REFERENCE : null, targets: results };
}

export function renderInterleaved(out) {
  const names = Object.keys(out.targets);
  const lines = [
    "# Webhook ingest, interleaved (latest run)",
    "",
    `Run ${out.startedAt} on ${out.machine.cpus} × ${out.machine.cpuModel?.split(" ").slice(0, 2).join(" ") ?? "CPU"}, Node ${out.machine.node}. Generated by \`BENCH_INTERLEAVE=${out.settings.rounds} npm run bench\`; raw figures in interleaved-latest.json.`,
    "",
    `Every target runs at once; they take turns, ${out.settings.rounds} rounds: ${out.settings.connections} connections for ${out.settings.seconds}s, then ${out.settings.lightRate} req/s for 5s, each followed by its after-ack work drained (the light load's CPU per request counts it). Ratios are taken inside each round against ${out.reference ?? "(no reference target)"}.`,
    "",
    "| target | req/s by round | median req/s | median server CPU ms/request (incl. after-ack) | ÷ reference, median (min–max) | light load: median p99 ms / CPU ms per request (÷ reference) | errors + non-2xx |",
    "|---|---|---:|---:|---:|---:|---:|",
  ];
  const shown = (ratio) => `${r2(ratio.median)}x (${r2(ratio.min)}–${r2(ratio.max)})`;
  for (const name of names) {
    const t = out.targets[name];
    const ratio = t.vsReference ? shown(t.vsReference) : name === out.reference ? "1x" : "–";
    const light = t.light ? `${t.light.medianP99Ms} / ${t.light.medianCpuMsPerReq}${t.lightVsReference ? ` (${r2(t.lightVsReference.p99.median)}x / ${r2(t.lightVsReference.cpu.median)}x)` : ""}` : "–";
    lines.push(`| ${name} | ${t.rounds.map((x) => x.reqPerSec).join(", ")} | ${t.medianReqPerSec} | ${t.medianCpuMsPerReq} | ${ratio} | ${light} | ${t.errors} |`);
  }
  return `${lines.join("\n")}\n`;
}
