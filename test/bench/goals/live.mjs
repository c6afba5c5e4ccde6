// Live-latency benchmark: 10 agents, each with the inbox open (the workspace feed socket,
// /inbox/live) and one conversation open (its thread socket, /inbox/c/:id/live), as the
// browser page holds them. A customer's message is sent as a signed webhook; measured
// from just before the POST until the frame carrying that message's text arrives:
//   thread — at the agent who has that conversation open (goal p50 ≤ 30 ms, p99 ≤ 100 ms)
//   list   — the re-rendered inbox row at every agent (goal p50 ≤ 60 ms, p99 ≤ 200 ms)
// Singles are sent one at a time, round-robin over the 10 conversations. Then a burst of
// 200 messages (20 per conversation, 20 webhooks in flight): every message must reach the
// open thread exactly once (0 lost, 0 duplicated).
import { createRequire } from "node:module";
import { join } from "node:path";
import { startLimitedLine } from "../fake-line-limited.mjs";
import { api, devVars, lineUserId, percentiles, postWebhook, signIn, sleep, startGoalApp, textEvent, waitForConversations } from "./app.mjs";

const require = createRequire(import.meta.url);
const WebSocket = require("ws");

function openSocket(url, base, session, onFrame) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { origin: base, cookie: `ld_session=${session}` } });
    const timer = setTimeout(() => reject(new Error(`socket ${url} did not become ready`)), 30_000);
    ws.on("message", (data) => {
      const text = data.toString();
      if (text === "pong") return;
      let frame;
      try {
        frame = JSON.parse(text);
      } catch {
        return;
      }
      if (frame.type === "ready") {
        clearTimeout(timer);
        resolve(ws);
      }
      onFrame(frame, performance.now());
    });
    ws.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

export async function liveBench({ root, children, runDir, log, messages = 100, agents = 10 }) {
  const fake = await startLimitedLine({ rate: 100_000 });
  const fakeUrl = `http://127.0.0.1:${fake.port}`;
  const vars = devVars(root);
  const app = await startGoalApp({ root, runDir, dir: join(runDir, "state-live"), children, name: "live-app", log, vars: { LINE_API_BASE_URL: fakeUrl, LINE_DATA_API_BASE_URL: fakeUrl } });
  const sockets = [];
  try {
    const users = Array.from({ length: agents }, (_, i) => lineUserId(0x11e000 + i));
    for (const u of users) await postWebhook(app.base, vars, [textEvent(u, "hi")]);
    const ids = await waitForConversations(api(app.base, vars), users);
    const session = await signIn(app.base);
    const wsBase = app.base.replace(/^http/, "ws");

    // marker → { sentAt, thread: [arrival times], list: Map(agent → first arrival) }
    const pending = new Map();
    const seen = (marker) => pending.get(marker);
    for (let a = 0; a < agents; a++) {
      const conv = ids.get(users[a]);
      sockets.push(
        await openSocket(`${wsBase}/inbox/live`, app.base, session, (frame, at) => {
          if (frame.type !== "conversation") return;
          for (const [marker, entry] of pending) if (!entry.list.has(a) && (frame.preview?.includes(marker) || frame.html?.includes(marker))) entry.list.set(a, at - entry.sentAt);
        }),
      );
      sockets.push(
        await openSocket(`${wsBase}/inbox/c/${conv}/live`, app.base, session, (frame, at) => {
          if (frame.type !== "message") return;
          const m = /live-[a-z]+-\d+/.exec(frame.html ?? "");
          const entry = m && seen(m[0]);
          if (entry) entry.thread.push(at - entry.sentAt);
        }),
      );
    }
    log(`live: ${agents} agents connected (inbox feed + one open thread each)`);
    await sleep(3000); // after-ack work of the first webhooks settles

    const send = async (marker, a) => {
      const entry = { sentAt: performance.now(), thread: [], list: new Map() };
      pending.set(marker, entry);
      const res = await postWebhook(app.base, vars, [textEvent(users[a], `order question ${marker}`)]);
      entry.status = res.status;
      return entry;
    };
    const singles = [];
    for (let i = 0; i < messages; i++) {
      singles.push(await send(`live-single-${i}`, i % agents));
      await sleep(120);
    }
    await sleep(3000);
    const threadMs = singles.flatMap((e) => e.thread.slice(0, 1));
    const listMs = singles.flatMap((e) => [...e.list.values()]);
    const thread = { ...percentiles(threadMs), missing: singles.filter((e) => e.thread.length === 0).length };
    const list = { ...percentiles(listMs), missing: singles.length * agents - listMs.length };
    log(`live: thread p50 ${thread.p50} / p99 ${thread.p99} ms (missing ${thread.missing}); list row p50 ${list.p50} / p99 ${list.p99} ms (missing ${list.missing})`);

    pending.clear();
    const burst = Array.from({ length: 200 }, (_, i) => ({ marker: `live-burst-${i}`, a: i % agents }));
    const entries = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < burst.length) {
          const b = burst[next++];
          entries.push(await send(b.marker, b.a));
        }
      }),
    );
    const acked = performance.now() - t0;
    const until = Date.now() + 60_000;
    while (Date.now() < until && entries.some((e) => e.thread.length === 0)) await sleep(250);
    await sleep(1000);
    const burstResult = {
      messages: burst.length,
      conversations: agents,
      ackSeconds: Math.round(acked) / 1000,
      non200: entries.filter((e) => e.status !== 200).length,
      lost: entries.filter((e) => e.thread.length === 0).length,
      duplicated: entries.filter((e) => e.thread.length > 1).length,
      threadMs: percentiles(entries.flatMap((e) => e.thread.slice(0, 1))),
    };
    log(`live: burst of 200 — lost ${burstResult.lost}, duplicated ${burstResult.duplicated}, non-200 ${burstResult.non200}, thread p50 ${burstResult.threadMs.p50} / p99 ${burstResult.threadMs.p99} ms`);
    return { agents, messages, thread, list, burst: burstResult };
  } finally {
    for (const ws of sockets) ws.terminate();
    await app.stop();
    await fake.close();
  }
}
