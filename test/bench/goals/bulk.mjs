// A 1,000-event webhook body for 1,000 customers (a broadcast's replies, a redelivery
// burst): one signed POST, timed until LINE would get its 200 (goal < 2 s; LINE gives up
// at 2 s). The body is spooled durably (IngestSpoolDO) before the 200 and fanned out to
// the 1,000 ConversationDOs after it; the benchmark also times that fan-out until all
// 1,000 conversations are in the inbox index (not a goal, reported).
import { join } from "node:path";
import { startLimitedLine } from "../fake-line-limited.mjs";
import { api, conversationIds, devVars, lineUserId, postWebhook, sleep, startGoalApp, textEvent } from "./app.mjs";

async function waitIndexed(client, users, timeoutMs) {
  const t0 = performance.now();
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ids = await conversationIds(client);
    if (users.every((u) => ids.has(u))) return Math.round((performance.now() - t0) / 100) / 10;
    await sleep(1000);
  }
  return null;
}

/**
 * Body 1 warms the isolate; each later body is sent once the previous one has fanned out
 * (its 1,000 conversations are in the index), so the ack is timed as LINE would see it on
 * a service that is not already busy creating 1,000 Durable Objects on the same local
 * thread. One more body is sent while the last one still fans out: reported, not a goal
 * (locally every Durable Object shares one workerd thread; in production they do not).
 */
export async function bulkBench({ root, children, runDir, log, events = 1000, bodies = 3 }) {
  const fake = await startLimitedLine({ rate: 100_000 });
  const fakeUrl = `http://127.0.0.1:${fake.port}`;
  const vars = devVars(root);
  const app = await startGoalApp({ root, runDir, dir: join(runDir, "state-bulk"), children, name: "bulk-app", log, vars: { LINE_API_BASE_URL: fakeUrl, LINE_DATA_API_BASE_URL: fakeUrl } });
  try {
    const client = api(app.base, vars);
    const acks = [];
    const fanOut = [];
    let duringFanOutMs = null;
    for (let b = 0; b <= bodies; b++) {
      const users = Array.from({ length: events }, (_, i) => lineUserId(0xb0000 * (b + 1) + i));
      const res = await postWebhook(app.base, vars, users.map((u, i) => textEvent(u, `broadcast reply ${i}`)));
      if (res.status !== 200) throw new Error(`the ${events}-event body answered ${res.status}`);
      if (b === bodies) {
        duringFanOutMs = Math.round(res.ms);
        log(`bulk: a body sent while the previous one still fans out: acknowledged in ${duringFanOutMs} ms`);
        break;
      }
      acks.push(Math.round(res.ms));
      log(`bulk: body ${b + 1}: ${events} events for ${events} customers acknowledged in ${Math.round(res.ms)} ms`);
      if (b < bodies - 1) {
        const s = await waitIndexed(client, users, 600_000);
        fanOut.push(s);
        log(`bulk:   its ${events} conversations reached the inbox index after ${s ?? "> 600"} s`);
      }
    }
    const measured = acks.slice(1);
    return { events, customers: events, bodies, ackMs: Math.max(...measured), ackMsAll: acks, fanOutSeconds: fanOut, ackWhileFanningOutMs: duringFanOutMs };
  } finally {
    await app.stop();
    await fake.close();
  }
}
