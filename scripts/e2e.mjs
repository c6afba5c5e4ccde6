// `npm run test:e2e`: starts linedesk the way `npm start` does (fresh local state,
// a free port), runs the browser tests in test/e2e with Debian's chromium, stops the app.
// A test may start more instances itself (test/e2e/instance.mjs), e.g. a production one.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startInstance } from "../test/e2e/instance.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

let app;
try {
  app = await startInstance();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
process.on("exit", () => app.stop());
process.on("SIGINT", () => process.exit(130));

// The walks' screenshots refresh the README's pictures in docs/screenshots only when asked
// (`npm run screenshots`); a test run puts them in a fresh temp folder, printed at the end,
// so it leaves the checkout as it was.
const screenshots = process.env.E2E_SCREENSHOTS === "docs" ? join(root, "docs/screenshots") : mkdtempSync(join(tmpdir(), "linedesk-screenshots-"));

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const file of readdirSync(join(root, "test/e2e")).filter((f) => f.endsWith(".e2e.mjs") && (!only.length || only.some((o) => f.includes(o)))).sort()) {
  const { default: run } = await import(join(root, "test/e2e", file));
  const started = Date.now();
  try {
    await run({ base: app.base, screenshots });
    passed++;
    console.log(`✓ ${file} (${Date.now() - started} ms)`);
  } catch (error) {
    failed++;
    console.error(`✗ ${file}\n`, error);
    console.error("--- app log (tail) ---\n" + app.log().split("\n").slice(-40).join("\n"));
  }
}
console.log(`\n${passed} passed, ${failed} failed; screenshots in ${screenshots}`);
process.exit(failed ? 1 : 0);
