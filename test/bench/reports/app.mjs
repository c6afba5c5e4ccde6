// The app's own report code, bundled from src/ with esbuild for Node: the event →
// facts mapping and the cube cells (to build the rollups the listener would
// have written), and the tab loaders and the page renderer (to time a request).
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
          `export { cells } from "./src/reports/cube";`,
          `export { REPORT_TABS } from "./src/reports/tabs";`,
          `export { ReportReader } from "./src/reports/reader";`,
          `export { loadDirectory } from "./src/reports/directory";`,
          `export { resolveFilters } from "./src/reports/filters";`,
          `export { ReportPage } from "./src/reports/views/page";`,
          `export { withLocale } from "./src/ui/i18n";`,
          `export { hourStart, dayStart } from "./src/reports/zone";`,
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
