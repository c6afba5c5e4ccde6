// A 1,000-event webhook body for 1,000 customers (a broadcast's replies, a redelivery
// burst): one signed POST, timed until LINE would get its 200 (goal < 2 s; LINE gives up
// at 2 s). The body is spooled durably (IngestSpoolDO) before the 200 and fanned out to
// the 1,000 ConversationDOs after it; the benchmark also times that fan-out until all
// 1,000 conversations are in the inbox index (not a goal, reported). Three bodies, the
// first one warms the isolate.
import { join } from "node:path";
import { startLimitedLine } from "../fake-line-limited.mjs";
import { api, conversationIds, devVars, lineUserId, percentiles, postWebhook, sleep, startGoalApp, textEvent } from "./app.mjs";

export async function bulkBench({ root, children, runDir, log, events = 1000, bodies = 3 }) {
  const fake = await startLimitedLine({ rate: 100_000 });
  const fakeUrl = `http://127.0.0.1:${fake.port}`;
  const vars = devVars(root);
  const app = await startGoalApp({ root, runDir, dir: join(runDir, "state-bulk"), children, name: "bulk-app", log, vars: { LINE_API_BASE_URL: fakeUrl, LINE_DATA_API_BASE_URL: fakeUrl } });
  try {
    const acks = [];
    let fanOutSeconds = null;
    for (let b = 0; b < bodies; b++) {
      const users = Array.from({ length: events }, (_, i) => lineUserId(0xb0000 * (b + 1) + i));
      const res = await postWebhook(app.base, vars, users.map((u, i) => textEvent(u, `broadcast reply ${i}`)));
      if (res.status !== 200) throw new Error(`the ${events}-event body answered ${res.status}`);
      acks.push(res.ms);
      log(`bulk: body ${b + 1}: ${events} events for ${events} customers acknowledged in ${Math.round(res.ms)} ms`);
      if (b === bodies - 1) {
        const t0 = performance.now();
        const client = api(app.base, vars);
        const until = Date.now() + 300_000;
        while (Date.now() < until) {
          const ids = await conversationIds(client);
          if (users.every((u) => ids.has(u))) {
            fanOutSeconds = Math.round((performance.now() - t0 + res.ms) / 100) / 10;
            break;
          }
          await sleep(1000);
        }
        log(`bulk: all ${events} conversations of the last body in the inbox index after ${fanOutSeconds ?? "> 300"} s`);
      }
    }
    const measured = acks.slice(1);
    return { events, customers: events, bodies, ackMs: Math.round(Math.max(...measured)), ackMsAll: acks.map(Math.round), ackStats: percentiles(measured), fanOutSeconds };
  } finally {
    await app.stop();
    await fake.close();
  }
}
