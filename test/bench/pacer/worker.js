// The pacer on its own, for test/bench/goals/pacer.mjs: the app's ChannelPacerDO and LINE
// client (src/line/), without the rest of the app, so the pacing can be measured at rates
// this 2-core machine cannot drive through the whole app. One push per request:
//   POST /push?priority=agent|bulk&key=<retry key>&text=<marker>
// waits for the channel's turn (paceSend), pushes to LINE_API_BASE_URL with the retry key,
// and on LINE's 429 reports it to the pacer (reportThrottle) and goes again with the same
// key — what src/conversations/outbound.ts does, minus the outbox. 409 counts as sent.
import { ChannelPacerDO, paceSend, reportThrottle } from "../../../src/line/pacer-do.ts";
import { createLineClient, LineApiError } from "../../../src/line/client.ts";

export { ChannelPacerDO };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/healthz") return new Response("ok");
    const priority = url.searchParams.get("priority") === "agent" ? "agent" : "bulk";
    const key = url.searchParams.get("key") ?? crypto.randomUUID();
    const text = url.searchParams.get("text") ?? "";
    const client = createLineClient({ accessToken: "bench", apiBase: env.LINE_API_BASE_URL, dataBase: env.LINE_API_BASE_URL });
    const started = Date.now();
    let throttled = 0;
    for (let attempt = 1; attempt <= 100; attempt++) {
      const grant = await paceSend(env, "bench-channel", priority);
      try {
        await client.push({ to: `U${"0".repeat(32)}`, messages: [{ type: "text", text }] }, key);
        return Response.json({ sent: true, attempts: attempt, throttled, ms: Date.now() - started });
      } catch (error) {
        if (!(error instanceof LineApiError)) throw error;
        if (error.status === 409) return Response.json({ sent: true, attempts: attempt, throttled, ms: Date.now() - started });
        if (!error.rateLimited && !error.retryable) return Response.json({ sent: false, error: error.reason }, { status: 502 });
        if (error.rateLimited) {
          throttled++;
          await sleep(await reportThrottle(env, "bench-channel", { grant, retryAfterMs: error.retryAfterMs }));
        }
      }
    }
    return Response.json({ sent: false, error: "gave up" }, { status: 502 });
  },
};
