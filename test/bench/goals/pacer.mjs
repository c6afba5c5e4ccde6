// The pacer alone (test/bench/pacer/: the app's ChannelPacerDO and LINE client in a small
// Worker) against the rate-limited fake LINE, at rates the whole app cannot be driven to on
// this 2-core machine. Bulk pushes far beyond the allowed rate, an agent push every 100 ms;
// then LINE's allowance halves under the pacer's feet (429s, Retry-After, same retry key).
// Measured: pushes LINE accepted per second ÷ allowed (goal ≥ 0.9), lost and accepted
// twice (goal 0), the agent's wait next to the bulk sends' wait.
import http from "node:http";
import { join, resolve } from "node:path";
import { startLimitedLine } from "../fake-line-limited.mjs";
import { freePort } from "../inbox/procs.mjs";
import { percentiles, sleep } from "./app.mjs";

function post(agent, port, path) {
  return new Promise((resolvePost) => {
    const t0 = performance.now();
    const req = http.request({ host: "127.0.0.1", port, path, method: "POST", agent }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolvePost({ status: res.statusCode, ms: performance.now() - t0, body }));
    });
    req.on("error", (e) => resolvePost({ status: `error ${e.code ?? e.message}`, ms: performance.now() - t0 }));
    req.end();
  });
}

async function phase({ port, fake, count, concurrency, marker, agentEveryMs }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency + 4 });
  const bulkMs = [];
  const agentMs = [];
  const statuses = {};
  const texts = [];
  let next = 0;
  let done = false;
  const since = performance.now();
  const agentLoop = (async () => {
    let i = 0;
    while (!done && agentEveryMs) {
      await sleep(agentEveryMs);
      if (done) break;
      const text = `${marker}-agent-${i++}`;
      texts.push(text);
      const res = await post(agent, port, `/push?priority=agent&key=${crypto.randomUUID()}&text=${text}`);
      if (res.status === 200) agentMs.push(res.ms);
      else statuses[`agent ${res.status}`] = (statuses[`agent ${res.status}`] ?? 0) + 1;
    }
  })();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const text = `${marker}-${next++}`;
        texts.push(text);
        const res = await post(agent, port, `/push?priority=bulk&key=${crypto.randomUUID()}&text=${text}`);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status === 200) bulkMs.push(res.ms);
      }
    }),
  );
  done = true;
  await agentLoop;
  agent.destroy();
  const times = fake.stats().acceptedAt.filter((t) => t >= since);
  const acceptedPerSecond = times.length > 1 ? Math.round(((times.length - 1) / ((times[times.length - 1] - times[0]) / 1000)) * 10) / 10 : 0;
  return { count, concurrency, statuses, acceptedPerSecond, bulkMs: percentiles(bulkMs), agentMs: percentiles(agentMs), texts };
}

export async function pacerBench({ root, children, log, rate = 400, seconds = 8 }) {
  const fake = await startLimitedLine({ rate });
  const port = await freePort();
  const wrangler = join(root, "node_modules/wrangler/bin/wrangler.js");
  const config = resolve(root, "test/bench/pacer/wrangler.toml");
  const entry = children.spawn("pacer-worker", process.execPath, [
    wrangler, "dev", "--config", config, "--ip", "127.0.0.1", "--port", String(port), "--log-level", "warn", "--show-interactive-dev-session=false",
    "--var", `LINE_API_BASE_URL:http://127.0.0.1:${fake.port}`, "--var", `LINE_SEND_RATE_PER_SECOND:${rate}`,
  ], { cwd: root, env: { WRANGLER_SEND_METRICS: "false", CI: "1", X_LOCAL_OBSERVABILITY: "false" } });
  try {
    const until = Date.now() + 180_000;
    for (;;) {
      if (entry.exited || Date.now() > until) throw new Error(`pacer worker did not start:\n${entry.tail.slice(-2000)}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await sleep(300);
    }
    const concurrency = Math.max(32, Math.min(512, Math.round(rate / 2)));
    await phase({ port, fake, count: Math.min(200, rate), concurrency, marker: "warm", agentEveryMs: 0 });
    await sleep(1500);
    log(`pacer: ${rate * seconds} bulk pushes (${concurrency} at once) at an allowed ${rate}/s, an agent push every 100 ms`);
    const paced = await phase({ port, fake, count: rate * seconds, concurrency, marker: "paced", agentEveryMs: 100 });
    log(`pacer:   LINE accepted ${paced.acceptedPerSecond}/s of ${rate}/s; agent wait p50 ${paced.agentMs.p50} / p99 ${paced.agentMs.p99} ms, bulk p50 ${paced.bulkMs.p50} ms`);
    const before429 = fake.stats().tooMany;
    const half = Math.floor(rate / 2);
    fake.setRate(half);
    await sleep(1100);
    log(`pacer: LINE now allows only ${half}/s, the pacer still ${rate}/s: ${half * seconds} pushes`);
    const over = await phase({ port, fake, count: half * seconds, concurrency, marker: "over", agentEveryMs: 0 });
    over.rateLimited429 = fake.stats().tooMany - before429;
    log(`pacer:   LINE accepted ${over.acceptedPerSecond}/s of ${half}/s, answered 429 ${over.rateLimited429} times`);
    const accepted = fake.stats().texts;
    const expected = [...paced.texts, ...over.texts];
    const lost = expected.filter((t) => !accepted.has(t)).length;
    const duplicated = expected.filter((t) => (accepted.get(t) ?? 0) > 1).length;
    log(`pacer: ${expected.length} pushes, lost ${lost}, accepted twice ${duplicated}`);
    return {
      rate,
      paced: { ...paced, texts: undefined, rateLimited429: before429 },
      over: { ...over, texts: undefined, allowedRate: half },
      pushes: expected.length,
      lost,
      duplicated,
      throughputRatio: Math.round((paced.acceptedPerSecond / rate) * 100) / 100,
    };
  } finally {
    await children.stop(entry);
    await fake.close();
  }
}
