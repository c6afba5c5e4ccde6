// Direct access to the local D1 database that `wrangler dev --persist-to <dir>` uses,
// through the same Miniflare build wrangler itself uses for `d1 execute --local`
// (same workerd, same SQLite file). Unlike `wrangler d1 execute --local --json`, whose
// local output keeps only meta.duration, the binding's results carry the full D1 meta
// (rows_read, rows_written, sql_duration_ms).
//
// Never open it while `wrangler dev` runs on the same directory: one writer at a time.
import { createRequire } from "node:module";
import { join } from "node:path";

/** The D1 database id wrangler uses locally (wrangler.toml database_id). */
export const DATABASE_ID = "00000000-0000-0000-0000-000000000000";

export async function openLocalD1(root, persistDir) {
  const require = createRequire(join(root, "node_modules/wrangler/package.json"));
  const { Miniflare, convertV4MiniflareOptions } = require("miniflare");
  const mf = new Miniflare(
    convertV4MiniflareOptions({ modules: true, script: "", resourcePersistencePath: join(persistDir, "v3"), d1Databases: { DATABASE: DATABASE_ID } }),
  );
  const db = await mf.getD1Database("DATABASE");
  return { db, dispose: () => mf.dispose() };
}
