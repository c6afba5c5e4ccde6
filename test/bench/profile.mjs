// CPU profile of the Worker's isolate while the benchmark drives it, through wrangler dev's
// inspector (Chrome DevTools Protocol over ws://127.0.0.1:<inspector-port>/ws). Self time
// is attributed to source files through the bundle's source map, so the summary says how
// much of the Worker's JS time goes to hono, zod, drizzle, the app's own files, ...
import { readFileSync } from "node:fs";

/** Starts the V8 sampling profiler; returns stop() → the .cpuprofile object. */
export async function startProfile(wsUrl, samplingIntervalUs = 200) {
  // wrangler's inspector proxy wants an Origin it knows (localhost is one of them).
  const ws = new WebSocket(wsUrl, { headers: { Origin: "http://127.0.0.1" } });
  await new Promise((resolve, reject) => {
    ws.addEventListener("open", resolve, { once: true });
    ws.addEventListener("error", () => reject(new Error(`cannot connect to ${wsUrl}`)), { once: true });
  });
  let nextId = 1;
  const pending = new Map();
  ws.addEventListener("message", (ev) => {
    const msg = JSON.parse(String(ev.data));
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      msg.error ? reject(new Error(msg.error.message)) : resolve(msg.result);
    }
  });
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method} timed out`));
      }, 30_000);
      pending.set(id, { resolve: (v) => (clearTimeout(timer), resolve(v)), reject: (e) => (clearTimeout(timer), reject(e)) });
      ws.send(JSON.stringify({ id, method, params }));
    });
  await call("Profiler.enable");
  await call("Profiler.setSamplingInterval", { interval: samplingIntervalUs });
  await call("Profiler.start");
  return async function stop() {
    try {
      const { profile } = await call("Profiler.stop");
      return profile;
    } finally {
      ws.close();
    }
  };
}

// --- source maps (just enough to map a generated line:column to its source file) ---

const B64 = Object.fromEntries([..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].map((c, i) => [c, i]));

function decodeMappings(mappings) {
  // lines[i] = sorted array of [generatedColumn, sourceIndex, sourceLine]
  const lines = [];
  let src = 0;
  let srcLine = 0;
  for (const line of mappings.split(";")) {
    const segs = [];
    let col = 0;
    for (const seg of line.split(",")) {
      if (!seg) continue;
      const vals = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const d = B64[ch];
        value += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          vals.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += vals[0];
      if (vals.length >= 4) {
        src += vals[1];
        srcLine += vals[2];
        segs.push([col, src, srcLine]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

/** Returns (line0, col0) → { source, line } (line 1-based), or null when no map is available. */
export function loadSourceMap(path) {
  try {
    const map = JSON.parse(readFileSync(path, "utf8"));
    const lines = decodeMappings(map.mappings);
    return (line, col) => {
      const segs = lines[line];
      if (!segs || !segs.length) return null;
      let lo = 0;
      let hi = segs.length - 1;
      let best = 0;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (segs[mid][0] <= col) {
          best = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      const source = map.sources[segs[best][1]];
      return source ? { source, line: segs[best][2] + 1 } : null;
    };
  } catch {
    return null;
  }
}

/** Groups a source path into a readable bucket: an npm package or an app file. */
function bucketOf(source) {
  const nm = source.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = source.slice(nm + "node_modules/".length).split("/");
    return `npm:${rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  const srcAt = source.indexOf("src/");
  return srcAt >= 0 ? source.slice(srcAt) : source.replace(/^(\.\.\/)+/, "");
}

/**
 * Self time per bucket and per function. `mapFor(url)` gives a source mapper for a script
 * URL (or null). Returns { totalMs, buckets, functions, appInclusive }, each a list of
 * [name, ms, % of all samples]; appInclusive is self + callees for the app's own functions.
 */
export function summarizeProfile(profile, mapFor, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const buckets = new Map();
  const fns = new Map();
  let total = 0;
  for (const [id, us] of selfUs) {
    const { callFrame: cf } = byId.get(id);
    total += us;
    let bucket;
    if (!cf.url) bucket = cf.functionName.startsWith("(") ? cf.functionName : `native:${cf.functionName || "(anonymous)"}`;
    else {
      const pos = mapFor(cf.url)?.(cf.lineNumber, cf.columnNumber);
      bucket = pos ? bucketOf(pos.source) : cf.url.split("/").pop();
    }
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
    const fname = `${cf.functionName || "(anonymous)"} [${bucket}]`;
    fns.set(fname, (fns.get(fname) ?? 0) + us);
  }
  // Inclusive time of the app's own functions (bucket src/...), counted once per stack even
  // under recursion: says e.g. how much goes to the webhook handler vs. the DO's ingest.
  const inclusive = new Map();
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = new Map();
  const nodeKey = (id) => {
    if (keyOf.has(id)) return keyOf.get(id);
    const { callFrame: cf } = byId.get(id);
    let key = null;
    if (cf.url) {
      const pos = mapFor(cf.url)?.(cf.lineNumber, cf.columnNumber);
      const bucket = pos ? bucketOf(pos.source) : null;
      if (bucket?.startsWith("src/")) key = `${cf.functionName || "(anonymous)"} [${bucket}:${pos.line}]`;
    }
    keyOf.set(id, key);
    return key;
  };
  for (const [id, us] of selfUs) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const key = nodeKey(cur);
      if (key && !seen.has(key)) {
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + us);
      }
    }
  }
  const list = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => [k, Math.round(us / 100) / 10, Math.round((us / total) * 1000) / 10]);
  return { totalMs: Math.round(total / 1000), buckets: list(buckets), functions: list(fns), appInclusive: list(inclusive) };
}
