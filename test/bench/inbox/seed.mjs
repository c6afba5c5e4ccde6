// Seeds the benchmark's own local state directory (never the developer's):
//   1. `wrangler d1 migrations apply DB --local --persist-to <dir>` (CI=1)
//   2. starts the app once, so its first-run bootstrap (src/db/seed.ts) creates the demo
//      workspace, channel and admin exactly as `npm start` does, then stops it
//   3. reads the real workspace / channel / admin ids from D1
//   4. loads the generated SQL (dataset.mjs) in chunks with
//      `wrangler d1 execute DB --local --persist-to <dir> --file <chunk>`; each chunk is
//      one D1 batch (one transaction), so an interrupted seed resumes at the next chunk.
// A marker file in <dir> records sizes and progress; a complete seed with the same sizes
// is reused.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp, DEMO_LOGIN } from "./app.mjs";
import { openLocalD1 } from "./d1.mjs";
import { baseSql, chunkSql, TAGS, TEAMS } from "./dataset.mjs";

// 2: conversation_search_short rows (the 2-character search terms) are seeded too.
const SEED_VERSION = 2;
const MARKER = "bench-inbox-seed.json";

const fmt = (n) => n.toLocaleString("en-US");
const secs = (ms) => `${Math.round(ms / 1000)} s`;

function readMarker(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), "utf8"));
  } catch {
    return null;
  }
}

function wrangler(children, root, dir, name, args, timeoutMs) {
  const entry = children.spawn(name, process.execPath, [join(root, "node_modules/wrangler/bin/wrangler.js"), ...args, "--persist-to", dir], {
    cwd: root,
    env: { CI: "1", WRANGLER_SEND_METRICS: "false" },
  });
  return children.waitExit(entry, timeoutMs);
}

/**
 * Makes sure `dir` holds a complete seed of `conversations` / `messages`.
 * Returns the marker: { workspaceId, adminId, channel1Id, ids: { channel2Id, agentIds, teamIds, tagIds }, ... }.
 */
export async function ensureSeeded({ root, dir, conversations, messages, chunkSize, seed = 20261123, children, log }) {
  const same = (m) => m && m.version === SEED_VERSION && m.conversations === conversations && m.messages === messages && m.seed === seed && m.chunkSize === chunkSize;
  let marker = readMarker(dir);
  let resumed = false;
  if (same(marker) && marker.complete) {
    const { db, dispose } = await openLocalD1(root, dir);
    try {
      const n = (await db.prepare("SELECT count(*) AS n FROM conversations WHERE workspace_id = ?1").bind(marker.workspaceId).first("n")) ?? 0;
      if (n === conversations) {
        log(`seed: reusing ${dir} (${fmt(conversations)} conversations, ${fmt(messages)} message documents, seeded ${marker.seededAt})`);
        return { ...marker, reused: true };
      }
      log(`seed: ${dir} has ${fmt(n)} conversations, expected ${fmt(conversations)}: seeding again`);
    } finally {
      await dispose();
    }
    marker = null;
  }
  // An interrupted first stage (migrations, bootstrap, base rows) is cheaper to redo than to untangle.
  if (!same(marker) || marker.stage === "init") {
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      if (!readMarker(dir)) throw new Error(`${dir} exists, is not empty and was not made by this benchmark; refusing to delete it (set BENCH_INBOX_DIR to another directory)`);
      log(`seed: ${dir} holds a different or unfinished seed; deleting it`);
      rmSync(dir, { recursive: true, force: true });
    }
    mkdirSync(dir, { recursive: true });
    marker = { version: SEED_VERSION, conversations, messages, seed, chunkSize, now: Date.now(), stage: "init", chunksDone: 0, complete: false };
    writeFileSync(join(dir, MARKER), JSON.stringify(marker, null, 2));
  } else {
    resumed = true;
    log(`seed: resuming an interrupted seed in ${dir} (stage ${marker.stage}, ${marker.chunksDone} chunks done)`);
  }
  const save = () => writeFileSync(join(dir, MARKER), JSON.stringify(marker, null, 2));
  const started = Date.now();

  if (marker.stage === "init") {
    log("seed: applying migrations (wrangler d1 migrations apply DB --local)...");
    await wrangler(children, root, dir, "seed-migrate", ["d1", "migrations", "apply", "DB", "--local"], 180_000);
    log("seed: starting the app once so its first-run bootstrap creates the demo workspace, channel and admin...");
    const app = await startApp({ root, dir, children, name: "seed-bootstrap", log });
    await (await fetch(`${app.base}/login`)).arrayBuffer();
    await app.stop();
    const { db, dispose } = await openLocalD1(root, dir);
    try {
      const admin = await db.prepare("SELECT id, workspace_id FROM users WHERE email = ?1").bind(DEMO_LOGIN.email).first();
      if (!admin) throw new Error("the app's bootstrap did not create the demo admin: is SIMULATOR=on in .dev.vars?");
      const channel = await db.prepare("SELECT id FROM channels WHERE workspace_id = ?1 ORDER BY created_at LIMIT 1").bind(admin.workspace_id).first();
      if (!channel) throw new Error("the app's bootstrap did not create a channel: are LINE_CHANNEL_* set in .dev.vars?");
      const existing = await db.prepare("SELECT count(*) AS n FROM conversations").first("n");
      if (existing) throw new Error(`fresh state dir already has ${existing} conversations`);
      Object.assign(marker, { workspaceId: admin.workspace_id, adminId: admin.id, channel1Id: channel.id });
    } finally {
      await dispose();
    }
    const base = baseSql({ seed, now: marker.now, workspaceId: marker.workspaceId, channel1Id: marker.channel1Id, adminId: marker.adminId });
    const tmp = mkdtempSync(join(tmpdir(), "linedesk-inbox-seed-"));
    try {
      writeFileSync(join(tmp, "base.sql"), base.sql);
      log(`seed: loading agents (${base.ids.agentIds.length} + admin), ${TEAMS.length} teams, ${TAGS.length} tags and a second channel...`);
      await wrangler(children, root, dir, "seed-base", ["d1", "execute", "DB", "--local", "--file", join(tmp, "base.sql")], 120_000);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    marker.ids = base.ids;
    marker.stage = "chunks";
    save();
  }

  const chunks = Math.ceil(conversations / chunkSize);
  const ctx = { seed, now: marker.now, workspaceId: marker.workspaceId, channel1Id: marker.channel1Id, adminId: marker.adminId };
  const range = (c) => {
    const from = c * chunkSize;
    const to = Math.min(conversations, from + chunkSize);
    // Messages split over chunks in proportion to their conversations (exact total).
    const msgs = Math.round((messages * to) / conversations) - Math.round((messages * from) / conversations);
    return { from, to, msgs };
  };
  const gen = (c) => {
    const { from, to, msgs } = range(c);
    return chunkSql(ctx, marker.ids, c, from, to, msgs);
  };
  if (marker.chunksDone < chunks) {
    log(`seed: loading ${fmt(conversations)} conversations and ${fmt(messages)} message search documents in ${chunks} chunks of ${fmt(chunkSize)} conversations (wrangler d1 execute --file)...`);
    log("seed: (messages themselves live in each conversation's Durable Object; the inbox list and search never read them, so only the D1 index and search documents are seeded)");
  }
  if (marker.chunksDone > 0 || resumed) {
    // A chunk killed right after its transaction committed but before the marker was
    // saved is already in D1: count, and skip it (or start over if the count is off).
    const { db, dispose } = await openLocalD1(root, dir);
    let n;
    try {
      n = await db.prepare("SELECT count(*) AS n FROM conversations WHERE workspace_id = ?1").bind(marker.workspaceId).first("n");
    } finally {
      await dispose();
    }
    const expected = marker.chunksDone ? range(marker.chunksDone - 1).to : 0;
    if (n !== expected) {
      if (marker.chunksDone < chunks && n === range(marker.chunksDone).to) {
        const counts = gen(marker.chunksDone).counts;
        marker.counts = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, (marker.counts?.[k] ?? 0) + v]));
        marker.chunksDone++;
        save();
      } else {
        throw new Error(`${dir} holds ${n} conversations, expected ${expected} after ${marker.chunksDone} chunks: delete it and run again`);
      }
    }
  }
  const tmp = mkdtempSync(join(tmpdir(), "linedesk-inbox-seed-"));
  const loadStarted = Date.now();
  const firstChunk = marker.chunksDone;
  try {
    let next = marker.chunksDone < chunks ? gen(marker.chunksDone) : null;
    for (let c = marker.chunksDone; c < chunks; c++) {
      const current = next;
      const file = join(tmp, `chunk-${c}.sql`);
      writeFileSync(file, current.sql);
      const size = statSync(file).size;
      const t0 = Date.now();
      const loading = wrangler(children, root, dir, `seed-chunk-${c}`, ["d1", "execute", "DB", "--local", "--file", file], 600_000);
      loading.catch(() => {}); // handled below; generation of the next chunk may still be running
      next = c + 1 < chunks ? gen(c + 1) : null; // generate the next chunk while this one loads
      await loading;
      rmSync(file, { force: true });
      marker.chunksDone = c + 1;
      marker.counts = Object.fromEntries(Object.entries(current.counts).map(([k, v]) => [k, (marker.counts?.[k] ?? 0) + v]));
      save();
      const done = c + 1 - firstChunk;
      const left = ((Date.now() - loadStarted) / done) * (chunks - c - 1);
      log(
        `seed: chunk ${c + 1}/${chunks}: ${fmt(range(c).to)} conversations, ${fmt(marker.counts.message_docs)} message documents loaded (${(size / 1e6).toFixed(1)} MB SQL in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${secs(Date.now() - started)} elapsed, ~${secs(left)} left)`,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  const { db, dispose } = await openLocalD1(root, dir);
  try {
    const n = await db.prepare("SELECT count(*) AS n FROM conversations WHERE workspace_id = ?1").bind(marker.workspaceId).first("n");
    const docs = await db.prepare("SELECT count(*) AS n FROM conversation_search").first("n");
    if (n !== conversations) throw new Error(`seeded ${n} conversations, expected ${conversations}`);
    marker.verified = { conversations: n, searchDocuments: docs };
  } finally {
    await dispose();
  }
  marker.complete = true;
  marker.stage = "complete";
  marker.seededAt = new Date().toISOString();
  marker.seedSeconds = Math.round((Date.now() - started) / 1000) + (marker.seedSeconds ?? 0);
  save();
  log(`seed: done in ${secs(Date.now() - started)}: ${fmt(marker.verified.conversations)} conversations, ${fmt(marker.verified.searchDocuments)} search documents (messages + titles)`);
  return { ...marker, reused: false };
}
