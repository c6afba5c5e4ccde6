// Starting linedesk for browser tests the way `npm start` does: fresh local state in
// a temporary directory, a free port, and a stop() that removes both. Extra
// environment (e.g. LINEDESK_SIMULATOR=off, LINE_API_BASE_URL) starts other modes.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts an instance and resolves once it printed that it runs; rejects with its log otherwise. */
export async function startInstance(env = {}, label = "linedesk") {
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), "linedesk-e2e-"));
  const app = spawn(process.execPath, [join(root, "scripts/start.mjs")], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), LINEDESK_PERSIST_TO: state },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  app.stdout.on("data", (d) => (log += d));
  app.stderr.on("data", (d) => (log += d));
  const stop = () => {
    try {
      process.kill(-app.pid, "SIGTERM");
    } catch {
      // already gone
    }
    rmSync(state, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  while (!log.includes("linedesk is running")) {
    if (Date.now() > deadline || app.exitCode !== null) {
      stop();
      throw new Error(`${label} did not start\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { base: `http://127.0.0.1:${port}`, stop, log: () => log };
}
