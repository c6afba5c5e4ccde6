// The app's own report code, bundled from src/ with esbuild for Node: the event →
// facts mapping and the cube cells (to build the rollups the listener would
// have written), the tab list, and the password hash (to sign in as the bench
// workspace's owner).
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export async function loadReportCode(root) {
  const { build } = createRequire(join(root, "package.json"))("esbuild");
  const dir = mkdtempSync(join(tmpdir(), "linedesk-reports-bench-"));
  const outfile = join(dir, "reports.mjs");
  try {
    await build({
      stdin: {
        contents: [
          `export { effectOf } from "./src/reports/facts";`,
          `export { cells, isWeekly } from "./src/reports/cube";`,
          `export { REPORT_TABS } from "./src/reports/tabs";`,
          `export { resolveFilters } from "./src/reports/filters";`,
          `export { hourStart, dayStart } from "./src/reports/zone";`,
          `export { hashPassword } from "./src/lib/crypto";`,
        ].join("\n"),
        resolveDir: root,
        loader: "ts",
        sourcefile: "reports-bench-entry.ts",
      },
      bundle: true,
      platform: "node",
      format: "esm",
      jsx: "automatic",
      jsxImportSource: "hono/jsx",
      outfile,
      logLevel: "error",
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
