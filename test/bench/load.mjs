// A small HTTP/1.1 load generator on raw keep-alive sockets (no pipelining), built for
// the benchmark so both servers are driven by exactly the same, cheap client.
//
// - closedLoop: `connections` sockets each send the next request as soon as the previous
//   answer arrives, for `durationMs` — the maximum-throughput mode.
// - constantRate: open loop; request i is due at start + i/rate no matter how the server
//   is doing. Latency is measured from that due time (not from when a socket was free),
//   so a stalled server cannot hide its backlog (no coordinated omission, as in wrk2).
//
// Every phase is bounded: a fixed duration, a hard cap on requests, a per-request
// timeout, a cap on sockets, and it only ever connects to the given 127.0.0.1 port.
import net from "node:net";

const CRLF2 = Buffer.from("\r\n\r\n");

function nowMs() {
  return performance.now();
}

/** One keep-alive connection with at most one request in flight. */
class Conn {
  constructor(pool) {
    this.pool = pool;
    this.buf = null;
    this.inflight = null; // { sentAt, dueAt, resolve }
    this.open = false;
    this.dead = false;
    this.socket = net.connect({ host: pool.host, port: pool.port });
    this.socket.setNoDelay(true);
    this.socket.on("connect", () => {
      this.open = true;
    });
    this.socket.on("data", (chunk) => this.onData(chunk));
    this.socket.on("error", (err) => this.fail(err.code ?? "error"));
    this.socket.on("close", () => this.fail("closed"));
  }

  send(req, dueAt) {
    if (this.dead) return Promise.resolve({ ok: false, error: "dead socket", sentAt: nowMs(), dueAt, end: nowMs() });
    return new Promise((resolve) => {
      this.inflight = { sentAt: nowMs(), dueAt, resolve };
      this.buf = null;
      this.socket.write(req);
    });
  }

  fail(reason) {
    if (this.dead) return;
    this.dead = true;
    this.socket.destroy();
    const f = this.inflight;
    this.inflight = null;
    if (f) f.resolve({ ok: false, error: reason, sentAt: f.sentAt, dueAt: f.dueAt, end: nowMs() });
  }

  onData(chunk) {
    this.buf = this.buf ? Buffer.concat([this.buf, chunk]) : chunk;
    const f = this.inflight;
    if (!f) return this.fail("unexpected data");
    const buf = this.buf;
    const headEnd = buf.indexOf(CRLF2);
    if (headEnd < 0) return;
    const head = buf.toString("latin1", 0, headEnd);
    const status = Number(head.slice(9, 12));
    let length = -1;
    let chunked = false;
    let close = false;
    for (const line of head.split("\r\n").slice(1)) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim().toLowerCase();
      if (name === "content-length") length = Number(value);
      else if (name === "transfer-encoding" && value.includes("chunked")) chunked = true;
      else if (name === "connection" && value === "close") close = true;
    }
    const bodyStart = headEnd + 4;
    let complete = false;
    if (chunked) {
      let pos = bodyStart;
      for (;;) {
        const lineEnd = buf.indexOf("\r\n", pos, "latin1");
        if (lineEnd < 0) break;
        const size = parseInt(buf.toString("latin1", pos, lineEnd), 16);
        if (size === 0) {
          complete = buf.indexOf(CRLF2, lineEnd) >= lineEnd;
          break;
        }
        pos = lineEnd + 2 + size + 2;
        if (pos > buf.length) break;
      }
    } else if (length >= 0) {
      complete = buf.length >= bodyStart + length;
    } else if (status === 204 || status === 304 || !close) {
      complete = true;
    }
    if (!complete) return;
    this.inflight = null;
    this.buf = null;
    f.resolve({ ok: true, status, sentAt: f.sentAt, dueAt: f.dueAt, end: nowMs() });
    if (close) this.fail("server closed");
  }
}

/** Latency samples and counters for one phase. */
class Recorder {
  constructor(maxSamples) {
    this.lat = new Float64Array(maxSamples);
    this.service = new Float64Array(maxSamples);
    this.n = 0;
    this.ok2xx = 0;
    this.non2xx = 0;
    this.errors = 0;
    this.statuses = Object.create(null);
    this.errorKinds = Object.create(null);
    this.lastEnd = 0;
  }

  add(r) {
    this.lastEnd = Math.max(this.lastEnd, r.end);
    if (!r.ok) {
      this.errors++;
      this.errorKinds[r.error] = (this.errorKinds[r.error] ?? 0) + 1;
      return;
    }
    this.statuses[r.status] = (this.statuses[r.status] ?? 0) + 1;
    if (r.status >= 200 && r.status < 300) this.ok2xx++;
    else this.non2xx++;
    if (this.n < this.lat.length) {
      this.lat[this.n] = r.end - (r.dueAt ?? r.sentAt);
      this.service[this.n] = r.end - r.sentAt;
      this.n++;
    }
  }

  summary(startedAt, durationMs) {
    const pct = (arr, p) => {
      if (arr.length === 0) return null;
      const i = Math.min(arr.length - 1, Math.ceil((p / 100) * arr.length) - 1);
      return round(arr[Math.max(0, i)]);
    };
    const lat = this.lat.slice(0, this.n).sort();
    const service = this.service.slice(0, this.n).sort();
    const completed = this.ok2xx + this.non2xx;
    const elapsed = Math.max(durationMs, this.lastEnd - startedAt);
    let sum = 0;
    for (const v of lat) sum += v;
    return {
      requests: completed + this.errors,
      ok2xx: this.ok2xx,
      non2xx: this.non2xx,
      errors: this.errors,
      statuses: this.statuses,
      errorKinds: this.errorKinds,
      elapsedMs: round(elapsed),
      reqPerSec: round((this.ok2xx / elapsed) * 1000, 1),
      latencyMs: {
        mean: lat.length ? round(sum / lat.length) : null,
        p50: pct(lat, 50),
        p90: pct(lat, 90),
        p99: pct(lat, 99),
        p999: pct(lat, 99.9),
        max: lat.length ? round(lat[lat.length - 1]) : null,
      },
      serviceMs: { p50: pct(service, 50), p99: pct(service, 99) },
    };
  }
}

function round(v, digits = 2) {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function assertLoopback(host) {
  if (host !== "127.0.0.1") throw new Error(`load generator only targets 127.0.0.1, not ${host}`);
}

/** Sends one request on a fresh connection and returns { status, body } (for smoke checks). */
export function oneRequest({ host, port, request, timeoutMs = 10_000 }) {
  assertLoopback(host);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const chunks = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on("data", (c) => chunks.push(c));
    socket.on("end", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("utf8");
      const [head, ...rest] = text.split("\r\n\r\n");
      resolve({ status: Number(head.slice(9, 12)), head, body: rest.join("\r\n\r\n") });
    });
    // Connection: close makes the server end the socket after answering.
    const raw = request.toString("latin1").replace("\r\n", "\r\nConnection: close\r\n");
    socket.write(Buffer.from(raw, "latin1"));
  });
}

/**
 * Closed loop: `connections` sockets, each sending back to back for `durationMs`.
 * `next()` returns the next raw request Buffer. Hard cap: `maxRequests`.
 */
export async function closedLoop({ host, port, next, connections, durationMs, timeoutMs = 10_000, maxRequests = 2_000_000 }) {
  assertLoopback(host);
  const rec = new Recorder(maxRequests);
  const pool = { host, port };
  const startedAt = nowMs();
  const deadline = startedAt + durationMs;
  let sent = 0;
  let reconnects = 0;

  const watchdog = setInterval(() => {
    const t = nowMs();
    for (const c of conns) if (c.conn.inflight && t - c.conn.inflight.sentAt > timeoutMs) c.conn.fail("timeout");
  }, 100);

  const conns = Array.from({ length: connections }, () => ({ conn: new Conn(pool) }));
  async function worker(slot) {
    while (nowMs() < deadline && sent < maxRequests) {
      if (slot.conn.dead) {
        if (++reconnects > connections * 20) break; // a dead server must not spin us forever
        slot.conn = new Conn(pool);
      }
      sent++;
      const r = await slot.conn.send(next(), undefined);
      rec.add(r);
      if (!r.ok) await new Promise((res) => setTimeout(res, 5));
    }
  }
  try {
    await Promise.all(conns.map(worker));
  } finally {
    clearInterval(watchdog);
    for (const c of conns) c.conn.fail("done");
  }
  return { mode: "closed-loop", connections, durationMs, reconnects, ...rec.summary(startedAt, durationMs) };
}

/**
 * Open loop at a constant `rate` (req/s) for `durationMs`. Sockets are opened on demand
 * up to `maxConnections` (the first `warmConnections` up front); when all are busy, due
 * requests wait in a queue and their wait counts in their latency.
 */
export async function constantRate({ host, port, next, rate, durationMs, maxConnections = 512, warmConnections = 32, timeoutMs = 10_000 }) {
  assertLoopback(host);
  const total = Math.floor((rate * durationMs) / 1000);
  const interval = 1000 / rate;
  const rec = new Recorder(total);
  const pool = { host, port };
  const all = [];
  const idle = [];
  const queue = []; // due times of requests waiting for a socket
  let qHead = 0;
  let issued = 0;
  let completed = 0;
  let maxQueue = 0;
  let openFailures = 0;
  let stopped = false;

  const addConn = () => {
    const c = new Conn(pool);
    all.push(c);
    return c;
  };
  for (let i = 0; i < Math.min(warmConnections, maxConnections); i++) idle.push(addConn());
  await new Promise((res) => setTimeout(res, 200)); // let the warm sockets connect

  const startedAt = nowMs();
  let finish;
  const done = new Promise((res) => (finish = res));

  const dispatch = (conn, dueAt) => {
    conn.send(next(), dueAt).then((r) => {
      if (stopped) return;
      rec.add(r);
      completed++;
      if (!r.ok) openFailures++;
      const nextConn = conn.dead ? null : conn;
      if (qHead < queue.length) {
        const due = queue[qHead++];
        dispatch(nextConn ?? replacement(), due);
      } else if (nextConn) idle.push(nextConn);
      if (completed === total) finish();
    });
  };
  const replacement = () => {
    const c = addConn();
    return c;
  };

  const tick = () => {
    const t = nowMs();
    const dueCount = Math.min(total, Math.floor((t - startedAt) / interval) + 1);
    while (issued < dueCount) {
      const dueAt = startedAt + issued * interval;
      issued++;
      let conn = null;
      while (idle.length && !conn) {
        const c = idle.pop();
        if (!c.dead) conn = c;
      }
      if (!conn && all.filter((c) => !c.dead).length < maxConnections) conn = addConn();
      if (conn) dispatch(conn, dueAt);
      else {
        queue.push(dueAt);
        maxQueue = Math.max(maxQueue, queue.length - qHead);
      }
    }
    if (issued < total && !stopped) setTimeout(tick, Math.max(0, Math.min(1, startedAt + issued * interval - nowMs())));
  };
  tick();

  const watchdog = setInterval(() => {
    const t = nowMs();
    for (const c of all) if (c.inflight && t - c.inflight.sentAt > timeoutMs) c.fail("timeout");
    // Past the end plus the timeout, anything still queued is given up on.
    if (t > startedAt + durationMs + timeoutMs * 2) finish();
  }, 100);
  if (total === 0) finish();
  await done;
  stopped = true;
  clearInterval(watchdog);
  // Whatever is still in flight or queued now was given up on: it counts as an error.
  for (const c of all) c.fail("gave up (phase time limit)");
  await new Promise((res) => setImmediate(res));
  if (total - completed > 0) {
    rec.errors += total - completed;
    rec.errorKinds["not completed in time"] = total - completed;
  }
  const summary = rec.summary(startedAt, durationMs);
  return {
    mode: "constant-rate",
    targetRate: rate,
    durationMs,
    scheduled: total,
    unfinished: total - completed,
    socketsOpened: all.length,
    maxQueued: maxQueue,
    achievedRate: round((summary.ok2xx / summary.elapsedMs) * 1000, 1),
    ...summary,
  };
}
