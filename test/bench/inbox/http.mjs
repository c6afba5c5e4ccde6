// HTTP side: one signed-in agent sends the cases one at a time (no concurrency, so the
// latency on loopback is the server's time plus wrangler dev's local proxy), round-robin
// so slow drifts hit every case alike. Every loop is bounded in count and time.

const CURSOR = /cursor=([01]\.\d{1,16}\.[0-9a-f]{64})/;

export async function request(base, path, token, { hx = false, timeoutMs = 30_000 } = {}) {
  const headers = { cookie: `ld_session=${token}`, accept: "text/html,application/json" };
  if (hx) headers["hx-request"] = "true";
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, { headers, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
  const body = await res.text();
  const ms = performance.now() - t0;
  const timingHeaders = {};
  for (const [k, v] of res.headers) if (k.startsWith("cf-") || k === "server-timing" || k === "x-response-time") timingHeaders[k] = v;
  return {
    ms,
    status: res.status,
    bytes: Buffer.byteLength(body),
    items: (body.match(/data-conversation-id="/g) ?? []).length,
    nextCursor: CURSOR.exec(body)?.[1] ?? null,
    timingHeaders,
    body,
  };
}

/**
 * Follows "Load more" up to `pages` times from the first page; returns the cursor of the
 * deepest page reached ({ cursor, pages }; fewer pages when the list ends sooner).
 */
export async function walkCursor(base, token, path, pages) {
  let cursor = null;
  let walked = 0;
  const t0 = performance.now();
  for (let p = 0; p < pages; p++) {
    const res = await request(base, cursor ? `${path}${path.includes("?") ? "&" : "?"}cursor=${cursor}` : path, token, { hx: true });
    if (res.status !== 200) throw new Error(`walking ${path}: page ${p + 1} answered ${res.status}`);
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
    walked = p + 1;
  }
  if (!cursor) throw new Error(`walking ${path}: the first page has no "Load more" link`);
  return { cursor, pages: walked, ms: performance.now() - t0 };
}

export function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  const r = (v) => Math.round(v * 10) / 10;
  return s.length ? { n: s.length, p50: r(at(50)), p95: r(at(95)), min: r(s[0]), max: r(s[s.length - 1]), mean: r(s.reduce((a, b) => a + b, 0) / s.length) } : { n: 0 };
}

function errorText(body) {
  const text = body.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/g, " ").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
  return text.slice(0, 200);
}

/**
 * Measures every case `reps` times after `warmup` unmeasured rounds, stopping early when
 * `maxSeconds` is spent. Returns per-case { stats, statuses, items, bytes, timingHeaders, error }.
 */
export async function measureCases({ base, token, cases, reps, warmup, maxSeconds, log }) {
  const results = new Map(cases.map((c) => [c.key, { samples: [], statuses: {}, items: null, bytes: null, timingHeaders: {}, error: null }]));
  const hx = (c) => c.route === "list";
  for (let w = 0; w < warmup; w++) for (const c of cases) await request(base, c.path, token, { hx: hx(c) });
  const deadline = Date.now() + maxSeconds * 1000;
  const started = Date.now();
  let rounds = 0;
  for (let r = 0; r < reps && Date.now() < deadline; r++) {
    for (const c of cases) {
      const out = results.get(c.key);
      const res = await request(base, c.path, token, { hx: hx(c) });
      out.samples.push(res.ms);
      out.statuses[res.status] = (out.statuses[res.status] ?? 0) + 1;
      if (out.items === null) {
        out.items = c.route === "list" || c.route === "page" ? res.items : null;
        out.bytes = res.bytes;
        out.timingHeaders = res.timingHeaders;
      }
      if (res.status !== 200 && !out.error) out.error = `HTTP ${res.status}: ${errorText(res.body)}`;
    }
    rounds = r + 1;
    if (rounds % 10 === 0 || rounds === reps) log(`http: round ${rounds}/${reps} (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  if (rounds < reps) log(`http: time budget of ${maxSeconds} s spent after ${rounds} of ${reps} rounds`);

  return Object.fromEntries([...results].map(([k, v]) => [k, { ...v, stats: stats(v.samples), samples: undefined }]));
}
