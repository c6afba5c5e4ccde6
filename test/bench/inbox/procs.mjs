// Child processes for the inbox benchmark. Every child gets its own process group, so
// stopping it stops its whole tree (npm → node → wrangler → workerd) and nothing else.
// Output goes to a log file; the last part is kept in memory for error messages.
import { spawn } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { delimiter, dirname, join } from "node:path";

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

/** Live pids of process group `pgid` (from /proc). */
function groupPids(pgid) {
  const out = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const raw = readFileSync(`/proc/${name}/stat`, "utf8");
      const f = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) === pgid && f[0] !== "Z") out.push(Number(name));
    } catch {}
  }
  return out;
}

export class Children {
  constructor(logDir) {
    this.logDir = logDir;
    this.entries = [];
  }

  /** Spawns `cmd args` in a new process group; output is logged to <logDir>/<name>.log. */
  spawn(name, cmd, args, { env, cwd, onLine } = {}) {
    // `#!/usr/bin/env node` scripts (node_modules/.bin/wrangler, spawned by scripts/start.mjs)
    // must run on this Node (22), not whatever `node` comes first on the PATH.
    const PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`;
    const child = spawn(cmd, args, { cwd, env: { ...process.env, PATH, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const log = createWriteStream(join(this.logDir, `${name}.log`));
    const entry = { name, child, exited: false, exitCode: null, tail: "" };
    let pending = "";
    const onChunk = (chunk) => {
      log.write(chunk);
      const text = chunk.toString("utf8");
      entry.tail = (entry.tail + text).slice(-20_000);
      if (onLine) {
        pending += text;
        let nl;
        while ((nl = pending.indexOf("\n")) >= 0) {
          onLine(pending.slice(0, nl));
          pending = pending.slice(nl + 1);
        }
      }
    };
    child.stdout.on("data", onChunk);
    child.stderr.on("data", onChunk);
    entry.done = new Promise((resolve) => {
      child.on("exit", (code, signal) => {
        entry.exited = true;
        entry.exitCode = signal ?? code;
        log.end();
        resolve(entry.exitCode);
      });
      child.on("error", (err) => {
        entry.exited = true;
        entry.exitCode = err.message;
        resolve(entry.exitCode);
      });
    });
    this.entries.push(entry);
    return entry;
  }

  /** Waits for a child to finish; rejects on a non-zero exit or after `timeoutMs` (then kills it). */
  async waitExit(entry, timeoutMs) {
    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
    const code = await Promise.race([entry.done, timeout]);
    clearTimeout(timer);
    if (code === "timeout") {
      await this.stop(entry);
      throw new Error(`${entry.name} did not finish within ${Math.round(timeoutMs / 1000)} s:\n${entry.tail.slice(-3000)}`);
    }
    if (code !== 0) throw new Error(`${entry.name} failed (${code}):\n${entry.tail.slice(-3000)}`);
  }

  /** SIGTERM to the child's process group, SIGKILL after `graceMs` if anything is left. */
  async stop(entry, graceMs = 5000) {
    const pgid = entry.child.pid;
    signalGroup(pgid, "SIGTERM");
    const until = Date.now() + graceMs;
    while (Date.now() < until && groupPids(pgid).length > 0) await new Promise((r) => setTimeout(r, 100));
    signalGroup(pgid, "SIGKILL");
    this.entries = this.entries.filter((e) => e !== entry);
  }

  async stopAll(graceMs = 5000) {
    for (const e of [...this.entries]) await this.stop(e, graceMs);
  }

  /** Synchronous last resort (process 'exit' handler). */
  killAllNow() {
    for (const e of this.entries) signalGroup(e.child.pid, "SIGKILL");
  }
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {}
}

function cpuTimes() {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: f[3] + (f[4] ?? 0), total: f.reduce((a, b) => a + b, 0) };
}

/** Percentage of all CPUs busy (anyone's processes) over the next `ms`. */
export async function machineBusy(ms) {
  const a = cpuTimes();
  await new Promise((r) => setTimeout(r, ms));
  const b = cpuTimes();
  const total = b.total - a.total;
  return total > 0 ? Math.round((1 - (b.idle - a.idle) / total) * 100) : 0;
}
