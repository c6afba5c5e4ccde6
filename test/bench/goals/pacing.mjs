// Outbound pacing benchmark. The app (npm start, demo workspace) talks to a fake LINE
// that answers 429 above `rate` reply+push calls per second (fake-line-limited.mjs), and
// its channel pacer is set to the same rate (LINE_SEND_RATE_PER_SECOND; LINE's real
// limit is 2,000/s — too much for this 2-core machine to generate end to end, so the
// rate is lowered on both sides alike).
//
// Phase "paced": bulk sends through the REST API (origin "api" = bulk priority), far more
// at once than the rate allows, into `conversations` conversations, while an agent
// answers through the composer every 250 ms. Measured: messages LINE accepted per second
// between the first and the last acceptance (goal ≥ 90% of the rate), the agent's
// answers' latency next to the bulk sends' (an agent never waits behind the bulk queue).
// Phase "over": LINE's allowance drops to half (someone else uses the channel), the pacer
// does not know: LINE answers 429 and the app must wait and send again.
// Both: every message accepted by LINE exactly once (0 lost, 0 duplicated).
// The sends go to the Worker's own socket, as the ingest targets' "direct" do (wrangler's
// proxy is a second workerd process production does not have, and on 2 cores it takes
// CPU from the app: 12.0–12.5 against 8.6–10.0 ms per send); BENCH_PACING_VIA=proxy sends
// through the port `npm start` prints instead.
import { join } from "node:path";
import { startLimitedLine } from "../fake-line-limited.mjs";
import { cpuDelta, groupCpu } from "../procs.mjs";
import { agentSends, api, csrfOf, lineUserId, percentiles, postWebhook, signIn, sleep, startGoalApp, textEvent, waitForConversations, devVars, workerBase } from "./app.mjs";

async function pool(items, concurrency, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  });
  await Promise.all(workers);
}

async function bulkPhase({ client, ids, count, concurrency, marker, agent }) {
  const convs = [...ids.values()];
  const items = Array.from({ length: count }, (_, i) => ({ conversation: convs[i % convs.length], text: `${marker}-${i}` }));
  const latencies = [];
  const statuses = {};
  const agentLatencies = [];
  let bulkDone = false;
  const agentLoop = (async () => {
    if (!agent) return;
    let i = 0;
    while (!bulkDone) {
      await sleep(250);
      if (bulkDone) break;
      const conv = convs[(i * 7) % convs.length];
      const res = await agentSends(agent.base, agent.session, agent.csrf, conv, `${marker}-agent-${i}`).catch((e) => ({ status: `error ${e.cause?.code ?? e.name}`, ms: null }));
      if (res.status === 200) agentLatencies.push(res.ms);
      else statuses[`agent ${res.status}`] = (statuses[`agent ${res.status}`] ?? 0) + 1;
      agent.texts.push(`${marker}-agent-${i}`);
      i++;
    }
  })();
  const t0 = performance.now();
  await pool(items, concurrency, async (item) => {
    const res = await client.post(`/conversations/${item.conversation}/messages`, { type: "text", text: item.text }).catch((e) => ({ status: `error ${e.cause?.code ?? e.name}`, ms: null }));
    if (res.ms === null) return void (statuses[res.status] = (statuses[res.status] ?? 0) + 1);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    latencies.push(res.ms);
  });
  bulkDone = true;
  await agentLoop;
  return { texts: items.map((i) => i.text), seconds: (performance.now() - t0) / 1000, statuses, bulkLatencyMs: percentiles(latencies), agentLatencyMs: percentiles(agentLatencies) };
}

/** Accepted-per-second between the first and the last acceptance after `since`. */
function acceptedRate(stats, since) {
  const times = stats.acceptedAt.filter((t) => t >= since);
  if (times.length < 2) return 0;
  return Math.round(((times.length - 1) / ((times[times.length - 1] - times[0]) / 1000)) * 10) / 10;
}

async function waitDelivered(fake, texts, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (texts.every((t) => fake.stats().texts.has(t))) return;
    await sleep(500);
  }
}

export async function pacingBench({ root, children, runDir, log, seconds = 10, rate = 100, conversations = 40, concurrency: fixedConcurrency = null, via = "worker" }) {
  const fake = await startLimitedLine({ rate });
  const fakeUrl = `http://127.0.0.1:${fake.port}`;
  const vars = devVars(root);
  const app = await startGoalApp({
    root,
    runDir,
    dir: join(runDir, "state-pacing"),
    children,
    name: "pacing-app",
    log,
    vars: { LINE_API_BASE_URL: fakeUrl, LINE_DATA_API_BASE_URL: fakeUrl, LINE_SEND_RATE_PER_SECOND: String(rate) },
  });
  try {
    const users = Array.from({ length: conversations }, (_, i) => lineUserId(0x9a000 + i));
    const base = via === "proxy" ? app.base : await workerBase(app);
    log(`pacing: sending to ${base} (${via === "proxy" ? "through wrangler's proxy" : "the Worker's own socket"})`);
    for (const u of users) await postWebhook(base, vars, [textEvent(u, "hello, any news on my order?")]);
    const client = api(base, vars);
    const allIds = await waitForConversations(client, users);
    const ids = new Map(users.map((u) => [u, allIds.get(u)]));
    const session = await signIn(base);
    const agent = { base, session, csrf: await csrfOf(base, session), texts: [] };
    await sleep(2000); // let the after-ack work of the webhooks settle

    // Enough sends in flight to keep a queue at the pacer (the allowed rate is the limit, not the client).
    const concurrency = fixedConcurrency ?? Math.max(16, Math.min(400, Math.round(rate * 0.6)));
    log(`pacing: phase paced — ${rate * seconds} bulk sends (${concurrency} at once) into ${conversations} conversations at an allowed ${rate}/s, an agent answering every 250 ms`);
    let since = performance.now();
    // The app's CPU (both wrangler workerd processes) over the phase, per message LINE accepted:
    // steadier than throughput on a host whose speed swings. Cloudflare bills the Worker's and
    // the objects' part of it; wrangler's proxy and the local asset router are in it too.
    const cpuBefore = groupCpu(app.entry.child.pid);
    const paced = await bulkPhase({ client, ids, count: rate * seconds, concurrency, marker: "paced", agent });
    await waitDelivered(fake, [...paced.texts, ...agent.texts], 60_000);
    const acceptedInPhase = fake.stats().acceptedAt.filter((t) => t >= since).length;
    paced.workerdCpuMsPerSend = Math.round((((cpuDelta(cpuBefore, groupCpu(app.entry.child.pid)).workerd ?? 0) * 1000) / Math.max(1, acceptedInPhase)) * 100) / 100;
    paced.acceptedPerSecond = acceptedRate(fake.stats(), since);
    paced.rateLimited429 = fake.stats().tooMany;
    log(`pacing:   LINE accepted ${paced.acceptedPerSecond}/s of ${rate}/s allowed, 429s ${paced.rateLimited429}; agent p50 ${paced.agentLatencyMs.p50} ms vs bulk p50 ${paced.bulkLatencyMs.p50} ms; workerd CPU ${paced.workerdCpuMsPerSend} ms per send`);

    const half = Math.max(1, Math.floor(rate / 2));
    fake.setRate(half);
    const before429 = fake.stats().tooMany;
    since = performance.now();
    log(`pacing: phase over — LINE now allows only ${half}/s, the pacer still ${rate}/s: ${half * seconds} sends`);
    const over = await bulkPhase({ client, ids, count: half * seconds, concurrency, marker: "over", agent: null });
    await waitDelivered(fake, over.texts, 90_000);
    over.acceptedPerSecond = acceptedRate(fake.stats(), since);
    over.rateLimited429 = fake.stats().tooMany - before429;
    log(`pacing:   LINE accepted ${over.acceptedPerSecond}/s of ${half}/s allowed, answered 429 ${over.rateLimited429} times`);

    const texts = fake.stats().texts;
    const expected = [...paced.texts, ...agent.texts, ...over.texts];
    const lost = expected.filter((t) => !texts.has(t)).length;
    const duplicated = expected.filter((t) => (texts.get(t) ?? 0) > 1).length;
    log(`pacing: ${expected.length} messages, lost ${lost}, sent twice ${duplicated}, retry-key replays answered 409: ${fake.stats().conflicts}`);
    return {
      rate,
      via,
      conversations,
      concurrency,
      paced,
      over: { ...over, allowedRate: half },
      messages: expected.length,
      lost,
      duplicated,
      retryKeyReplays409: fake.stats().conflicts,
      goals: {
        throughputRatio: Math.round((paced.acceptedPerSecond / rate) * 100) / 100,
        throughputMet: paced.acceptedPerSecond >= rate * 0.9,
        noLossNoDuplicates: lost === 0 && duplicated === 0,
        agentAheadOfBulk: paced.agentLatencyMs.n > 0 && paced.agentLatencyMs.p99 < paced.bulkLatencyMs.p50,
      },
    };
  } finally {
    await app.stop();
    await fake.close();
  }
}
