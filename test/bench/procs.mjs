// Child processes for the benchmark: each is started in its own process group so the
// whole tree (npm → wrangler → workerd, ...) can be stopped by group id, and nothing else.
// Also reads per-group CPU time from /proc, to tell where the CPU went in each phase.
import { spawn, execFileSync } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync, readlinkSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";

const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export class Children {
  constructor(logDir) {
    this.logDir = logDir;
    this.children = []; // { name, child, exited }
  }

  /** Spawns `cmd args` in a new process group; stdout/stderr also go to <logDir>/<name>.log. */
  spawn(name, cmd, args, { env, cwd } = {}) {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ["pipe", "pipe", "pipe"] });
    const log = createWriteStream(join(this.logDir, `${name.replace(/[^\w@.-]/g, "_")}.log`));
    const entry = { name, child, exited: false, output: "" };
    const onChunk = (chunk) => {
      log.write(chunk);
      if (entry.output.length < 200_000) entry.output += chunk.toString("utf8");
    };
    child.stdout.on("data", onChunk);
    child.stderr.on("data", onChunk);
    child.on("exit", (code, signal) => {
      entry.exited = true;
      entry.exitInfo = signal ?? code;
      log.end();
    });
    child.on("error", (err) => {
      entry.exited = true;
      entry.exitInfo = err.message;
    });
    this.children.push(entry);
    return entry;
  }

  /** Resolves with the first stdout JSON line that has ready:true, or rejects on timeout/exit. */
  waitReadyLine(entry, timeoutMs = 15_000) {
    return this.waitJsonLine(entry, (msg) => msg.ready, timeoutMs);
  }

  /** Resolves with the first stdout JSON line for which `match(msg)` is true. */
  waitJsonLine(entry, match, timeoutMs = 15_000) {
    return new Promise((resolve, reject) => {
      let pending = "";
      const timer = setTimeout(() => done(new Error(`${entry.name}: no expected line within ${timeoutMs} ms:\n${entry.output.slice(-2000)}`)), timeoutMs);
      const onData = (chunk) => {
        pending += chunk.toString("utf8");
        let nl;
        while ((nl = pending.indexOf("\n")) >= 0) {
          const line = pending.slice(0, nl);
          pending = pending.slice(nl + 1);
          try {
            const msg = JSON.parse(line);
            if (match(msg)) return done(null, msg);
          } catch {}
        }
      };
      const onExit = () => done(new Error(`${entry.name} exited (${entry.exitInfo}):\n${entry.output.slice(-2000)}`));
      function done(err, value) {
        clearTimeout(timer);
        entry.child.stdout.off("data", onData);
        entry.child.off("exit", onExit);
        err ? reject(err) : resolve(value);
      }
      entry.child.stdout.on("data", onData);
      entry.child.once("exit", onExit);
    });
  }

  /** Waits for a child to exit by itself (e.g. a migration command); rejects on non-zero. */
  waitExit(entry, timeoutMs = 120_000) {
    return new Promise((resolve, reject) => {
      if (entry.exited) return entry.exitInfo === 0 ? resolve() : reject(new Error(`${entry.name} failed (${entry.exitInfo})`));
      const timer = setTimeout(() => {
        this.killGroup(entry, "SIGKILL");
        reject(new Error(`${entry.name} did not finish within ${timeoutMs} ms:\n${entry.output.slice(-2000)}`));
      }, timeoutMs);
      entry.child.once("exit", (code) => {
        clearTimeout(timer);
        code === 0 ? resolve() : reject(new Error(`${entry.name} failed (exit ${code}):\n${entry.output.slice(-3000)}`));
      });
    });
  }

  /** Stops one child's whole process group (SIGTERM, then SIGKILL after `graceMs`). */
  async stop(entry, graceMs = 3000) {
    entry.child.stdin?.end();
    this.killGroup(entry, "SIGTERM");
    const until = Date.now() + graceMs;
    while (Date.now() < until && groupPids(entry.child.pid).length > 0) await new Promise((r) => setTimeout(r, 100));
    this.killGroup(entry, "SIGKILL");
  }

  killGroup(entry, signal) {
    try {
      process.kill(-entry.child.pid, signal);
    } catch {}
  }

  /** SIGTERM every group we started, then SIGKILL whatever is left after `graceMs`. */
  async stopAll(graceMs = 3000) {
    for (const e of this.children) {
      e.child.stdin?.end();
      this.killGroup(e, "SIGTERM");
    }
    const until = Date.now() + graceMs;
    while (Date.now() < until && this.children.some((e) => groupPids(e.child.pid).length > 0)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    this.stopAllNow();
  }

  /** Synchronous last resort (process 'exit' handler): SIGKILL every group we started. */
  stopAllNow() {
    for (const e of this.children) this.killGroup(e, "SIGKILL");
  }
}

function readStat(pid) {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = raw.lastIndexOf(")");
    const comm = raw.slice(raw.indexOf("(") + 1, close);
    const f = raw.slice(close + 2).split(" ");
    return { pid, comm, pgrp: Number(f[2]), ticks: Number(f[11]) + Number(f[12]), threads: Number(f[17]) };
  } catch {
    return null;
  }
}

/** Live processes of process group `pgid`. */
export function groupPids(pgid) {
  const out = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(name);
    if (s && s.pgrp === pgid) out.push(s);
  }
  return out;
}

/** CPU seconds so far per process (by pid, with its command name) in group `pgid`. */
export function groupCpu(pgid) {
  const byPid = {};
  for (const s of groupPids(pgid)) byPid[s.pid] = { comm: s.comm, cpuS: s.ticks / CLK_TCK, threads: s.threads };
  return byPid;
}

/**
 * CPU seconds spent between two groupCpu() snapshots, per role: `roleOf(pid, comm)` names
 * a process (default: its command name); processes with the same role are added up.
 */
export function cpuDelta(before, after, roleOf = (_pid, comm) => comm) {
  const out = {};
  for (const [pid, a] of Object.entries(after)) {
    const b = before[pid]?.cpuS ?? 0;
    const role = roleOf(Number(pid), a.comm);
    out[role] = Math.round(((out[role] ?? 0) + a.cpuS - b) * 100) / 100;
  }
  return out;
}

/** TCP ports that process `pid` listens on (from /proc; IPv4 only, which is all we bind). */
export function listeningPorts(pid) {
  const inodes = new Set();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]);
      } catch {}
    }
  } catch {
    return [];
  }
  const ports = [];
  for (const line of readFileSync("/proc/net/tcp", "utf8").split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || f[3] !== "0A") continue; // 0A = LISTEN
    if (inodes.has(f[9])) ports.push(parseInt(f[1].split(":")[1], 16));
  }
  return ports;
}

/** The command line of `pid` as an array ([] if gone). */
export function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
}

function cpuTimes() {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + (f[4] ?? 0);
  return { idle, total: f.reduce((a, b) => a + b, 0) };
}

/** Percentage of all CPUs busy (anyone's processes) over the next `ms`. */
export async function machineBusy(ms) {
  const a = cpuTimes();
  await new Promise((r) => setTimeout(r, ms));
  const b = cpuTimes();
  const total = b.total - a.total;
  return total > 0 ? Math.round((1 - (b.idle - a.idle) / total) * 100) : 0;
}
