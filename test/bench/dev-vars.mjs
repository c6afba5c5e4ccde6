// The app's local settings (.dev.vars, created from .dev.vars.example when missing, as
// `npm start` does), read the way wrangler reads them: KEY=value per line, one pair of
// surrounding double or single quotes dropped. Shared by the ingest and goal benchmarks.
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The path of the checkout's .dev.vars, made from the example first when missing (`onCreate` hears it). */
export function devVarsPath(root, onCreate = () => {}) {
  const path = join(root, ".dev.vars");
  if (!existsSync(path)) {
    copyFileSync(join(root, ".dev.vars.example"), path);
    onCreate(path);
  }
  return path;
}

/** .dev.vars of the checkout at `root`, as KEY → value. */
export function readDevVars(root, onCreate = () => {}) {
  const vars = {};
  for (const line of readFileSync(devVarsPath(root, onCreate), "utf8").split("\n")) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (!m) continue;
    let v = m[2];
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    vars[m[1]] = v;
  }
  return vars;
}
