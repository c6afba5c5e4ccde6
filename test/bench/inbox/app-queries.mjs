// Rows read per request, from the app's own query code (no hand-copied SQL).
//
// The functions the inbox routes call (src/inbox/queries.ts listConversations and
// viewCounts, src/inbox/directory.ts workspaceDirectory, src/auth/session.ts
// loadSession) are bundled from src/ with esbuild and run in Node against the seeded
// local D1 through a recording wrapper: every statement they issue (sql + bound
// parameters, batches included) is captured, then re-run alone to read D1's
// meta.rows_read / meta.timings.sql_duration_ms and its EXPLAIN QUERY PLAN.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Bundles the app's query functions; returns the module. */
export async function loadAppQueries(root) {
  const { build } = createRequire(join(root, "package.json"))("esbuild");
  const dir = mkdtempSync(join(tmpdir(), "linedesk-inbox-queries-"));
  const outfile = join(dir, "app-queries.mjs");
  try {
    await build({
      stdin: {
        contents: [
          `export { listConversations, viewCounts, PAGE_SIZE } from "./src/inbox/queries";`,
          `export { workspaceDirectory } from "./src/inbox/directory";`,
          `export { loadSession } from "./src/auth/session";`,
        ].join("\n"),
        resolveDir: root,
        loader: "ts",
        sourcefile: "inbox-bench-entry.ts",
      },
      bundle: true,
      platform: "node",
      format: "esm",
      outfile,
      logLevel: "error",
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A D1Database that forwards to `real` and appends { sql, params, caller } of every executed
 * statement to `log` (`caller` names the app function that was handed this D1).
 */
export function recordingD1(real, log, caller = null) {
  const wrap = (stmt, sql, params) => ({
    __real: stmt,
    __sql: sql,
    __params: params,
    bind: (...p) => wrap(stmt.bind(...p), sql, p),
    all: () => (log.push({ sql, params, caller }), stmt.all()),
    raw: (o) => (log.push({ sql, params, caller }), stmt.raw(o)),
    first: (c) => (log.push({ sql, params, caller }), stmt.first(c)),
    run: () => (log.push({ sql, params, caller }), stmt.run()),
  });
  return {
    prepare: (sql) => wrap(real.prepare(sql), sql, []),
    batch: (stmts) => {
      for (const s of stmts) log.push({ sql: s.__sql, params: s.__params, caller, batch: true });
      return real.batch(stmts.map((s) => s.__real));
    },
    exec: () => {
      throw new Error("exec is not expected on the inbox read path");
    },
  };
}

/**
 * Runs `fn(d1For)` — `d1For(caller)` gives a recording D1 for one app function — then
 * measures each captured statement: rows_read, rows returned, SQLite time (median of
 * `repeat` runs) and the query plan.
 */
export async function measureStatements(real, fn, repeat = 5) {
  const log = [];
  let value;
  let error = null;
  try {
    value = await fn((caller) => recordingD1(real, log, caller));
  } catch (e) {
    error = shortError(e);
  }
  const statements = [];
  for (const { sql, params, batch, caller } of log) {
    const entry = { caller, sql, params: params.length > 12 ? [...params.slice(0, 12).map(short), `… ${params.length} parameters in all`] : params.map(short), paramCount: params.length, inBatch: !!batch };
    try {
      const runs = [];
      let last;
      for (let i = 0; i < repeat; i++) {
        last = await real.prepare(sql).bind(...params).all();
        runs.push(last.meta.timings?.sql_duration_ms ?? last.meta.duration ?? 0);
      }
      runs.sort((a, b) => a - b);
      entry.rowsRead = last.meta.rows_read;
      entry.rowsReturned = last.results.length;
      entry.sqlMs = runs[Math.floor(runs.length / 2)];
    } catch (e) {
      entry.error = shortError(e);
    }
    try {
      const plan = await real.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all();
      entry.plan = formatPlan(plan.results);
    } catch (e) {
      entry.plan = [`(no plan: ${shortError(e)})`];
    }
    statements.push(entry);
  }
  return { value, error, statements };
}

const short = (p) => (typeof p === "string" && p.length > 80 ? `${p.slice(0, 77)}...` : p);

/** The innermost cause's message, without the (possibly huge) query text drizzle puts in front. */
export function shortError(e) {
  let err = e;
  while (err?.cause) err = err.cause;
  return String(err?.message ?? err).slice(0, 300);
}

/** EXPLAIN QUERY PLAN rows as an indented tree (like the sqlite3 shell). */
function formatPlan(rows) {
  const depth = new Map([[0, -1]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    return `${"  ".repeat(d)}${r.detail}`;
  });
}
