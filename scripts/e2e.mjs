// `npm run test:e2e`: starts linedesk the way `npm start` does (fresh local state,
// a free port), runs the browser tests in test/e2e with Debian's chromium, stops the app.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const state = mkdtempSync(join(tmpdir(), "linedesk-e2e-"));
const base = `http://127.0.0.1:${port}`;
const app = spawn(process.execPath, [join(root, "scripts/start.mjs")], {
  cwd: root,
  env: { ...process.env, PORT: String(port), LINEDESK_PERSIST_TO: state },
  stdio: ["ignore", "pipe", "pipe"],
  detached: true,
});
let log = "";
app.stdout.on("data", (d) => (log += d));
app.stderr.on("data", (d) => (log += d));

function stopApp() {
  try {
    process.kill(-app.pid, "SIGTERM");
  } catch {
    // already gone
  }
  rmSync(state, { recursive: true, force: true });
}
process.on("exit", stopApp);
process.on("SIGINT", () => process.exit(130));

const deadline = Date.now() + 120_000;
while (!log.includes("linedesk is running")) {
  if (Date.now() > deadline || app.exitCode !== null) {
    console.error(log);
    console.error("linedesk did not start");
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 300));
}

let passed = 0;
let failed = 0;
for (const file of readdirSync(join(root, "test/e2e")).filter((f) => f.endsWith(".e2e.mjs")).sort()) {
  const { default: run } = await import(join(root, "test/e2e", file));
  const started = Date.now();
  try {
    await run({ base, screenshots: join(root, "docs/screenshots") });
    passed++;
    console.log(`✓ ${file} (${Date.now() - started} ms)`);
  } catch (error) {
    failed++;
    console.error(`✗ ${file}\n`, error);
    console.error("--- app log (tail) ---\n" + log.split("\n").slice(-40).join("\n"));
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
