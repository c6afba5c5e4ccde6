// The inbox benchmark's report: JSON (everything), a markdown page and a console table.
import { findings } from "./findings.mjs";

const fmt = (n) => (n === null || n === undefined ? "–" : typeof n === "number" ? n.toLocaleString("en-US") : String(n));

/**
 * Which part of the app issued a statement: the function it was recorded under
 * (session, list, directory, counts), with listConversations' search step told apart by
 * its SQL. Falls back to the SQL alone for statements recorded without a caller.
 */
export function statementSource(sql, caller = null) {
  if (caller === "list" || caller === null) {
    if (/conversation_search/i.test(sql)) return "search (FTS)";
    if (/title LIKE/i.test(sql)) return "search (title LIKE)";
  }
  if (caller) return caller;
  if (/from "sessions"/i.test(sql)) return "session";
  if (/from "(users|teams|tags|channels)"/i.test(sql)) return "directory";
  if (/SUM\(bucket/i.test(sql)) return "counts";
  if (/"conversations"|\bfrom conversations\b/i.test(sql)) return "list";
  return "other";
}

export function buildReport({ settings, seed, cases, http, rows, walks, wranglerLines, env, durationSeconds }) {
  const out = cases.map((c) => {
    const h = http[c.key];
    const r = rows[c.key];
    const statements = r.statements.map((s) => ({ source: statementSource(s.sql, s.caller), ...s }));
    const rowsRead = statements.reduce((a, s) => a + (s.rowsRead ?? 0), 0);
    const pick = (sources) => statements.filter((s) => sources.includes(s.source)).reduce((best, s) => (!best || (s.rowsRead ?? -1) > (best.rowsRead ?? -1) ? s : best), null);
    const brief = (s) => (s ? { rowsRead: s.rowsRead ?? null, rowsReturned: s.rowsReturned ?? null, sqlMs: s.sqlMs ?? null, error: s.error ?? null } : null);
    const main = pick(c.route === "counts" ? ["counts"] : ["list"]);
    const search = pick(["search (FTS)", "search (title LIKE)"]);
    const other = statements.filter((s) => s !== main && s !== search).reduce((a, s) => a + (s.rowsRead ?? 0), 0);
    return {
      key: c.key,
      group: c.group,
      label: c.label,
      route: c.route,
      path: c.path,
      filter: c.filter ?? null,
      walk: walks[c.key] ?? null,
      http: { ...h.stats, statuses: h.statuses, items: h.items, bytes: h.bytes, timingHeaders: h.timingHeaders, error: h.error },
      rows: { read: rowsRead, statements: statements.length, main: brief(main), search: brief(search), rest: other, error: r.error },
      statements,
    };
  });
  const report = {
    benchmark: "inbox list and search",
    generatedAt: new Date().toISOString(),
    durationSeconds,
    environment: env,
    settings: { ...settings, dir: settings.dir },
    dataset: {
      workspaceId: seed.workspaceId,
      conversations: seed.verified?.conversations ?? seed.conversations,
      messageSearchDocuments: seed.counts?.message_docs ?? seed.messages,
      titleSearchDocuments: seed.counts ? seed.counts.search_docs - seed.counts.message_docs : null,
      contacts: seed.counts?.contacts ?? null,
      conversationTags: seed.counts?.conversation_tags ?? null,
      agents: (seed.ids?.agentIds.length ?? 0) + 1,
      teams: seed.ids?.teamIds.length ?? null,
      tags: seed.ids?.tagIds.length ?? null,
      channels: 2,
      seededAt: seed.seededAt,
      seedSeconds: seed.seedSeconds,
      reused: seed.reused,
      note: "Only the D1 conversation index and the FTS5 search documents are seeded. Message bodies live in each conversation's Durable Object; the inbox list and search never read them, so no Durable Object was created.",
    },
    method: [
      "Server time: wall time of one request at a time from Node's fetch to `wrangler dev` (node scripts/start.mjs) on 127.0.0.1, body read included; p50/p95 by nearest rank. It includes wrangler dev's local proxy; GET /healthz (no D1) is measured as that floor.",
      "Rows read: the app's own query functions (src/inbox/queries.ts listConversations and viewCounts, src/inbox/directory.ts workspaceDirectory, src/auth/session.ts loadSession), bundled from src/ with esbuild, run against the same local D1 (Miniflare, the engine `wrangler d1 execute --local` uses) through a recording wrapper; each captured statement is re-run for D1's meta.rows_read and EXPLAIN QUERY PLAN. `wrangler d1 execute --local --json` only reports meta.duration locally, hence the binding.",
      "Route → functions: list = session + listConversations + workspaceDirectory; counts = session + viewCounts; page = session + listConversations + workspaceDirectory + viewCounts (as in src/inbox/routes.tsx and page.tsx).",
    ],
    wranglerRequestLog: wranglerLines,
    cases: out,
  };
  report.findings = findings(report);
  return report;
}

function status(c) {
  const codes = Object.entries(c.http.statuses ?? {});
  const bad = codes.filter(([code]) => code !== "200");
  return bad.length ? bad.map(([code, n]) => `${n}×${code}`).join(" ") : "ok";
}

const stmt = (s) => (!s ? "–" : s.error ? "error (see findings)" : `${fmt(s.rowsRead)} → ${fmt(s.rowsReturned)} (${fmt(s.sqlMs)})`);

const COLUMNS = [
  ["case", (c) => c.label],
  ["n", (c) => fmt(c.http.n)],
  ["p50 ms", (c) => fmt(c.http.p50)],
  ["p95 ms", (c) => fmt(c.http.p95)],
  ["HTTP", status],
  ["rows shown", (c) => fmt(c.http.items)],
  ["rows read / req", (c) => fmt(c.rows.read)],
  ["list/counts query: read → returned (SQLite ms)", (c) => stmt(c.rows.main)],
  ["search query: read → returned (ms)", (c) => stmt(c.rows.search)],
  ["other stmts (rows)", (c) => (c.rows.statements ? fmt(c.rows.rest) : "–")],
];

export function renderTable(report) {
  const rows = report.cases.map((c) => COLUMNS.map(([, f]) => String(f(c))));
  const head = COLUMNS.map(([h]) => h);
  const width = (s) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : /[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/.test(ch) ? 0 : 1), 0);
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const pad = (s, i) => (i === 0 ? s + " ".repeat(widths[i] - width(s)) : " ".repeat(widths[i] - width(s)) + s);
  const d = report.dataset;
  const warn = [];
  if (report.environment.cpuBusyPercentBeforeHttp > 20) warn.push(`CPUs were ${report.environment.cpuBusyPercentBeforeHttp}% busy with other work before the HTTP phase: latencies are noisy`);
  if (report.environment.workerReloadsDuringHttp) warn.push(`wrangler dev reloaded the Worker ${report.environment.workerReloadsDuringHttp} time(s) during the HTTP phase (src/ changed): latencies are skewed`);
  const lines = [
    ...warn.map((w) => `WARNING: ${w}`),
    `Inbox list/search — ${fmt(d.conversations)} conversations, ${fmt(d.messageSearchDocuments)} message search documents (+${fmt(d.titleSearchDocuments)} title documents), ${report.environment.cpus} CPUs`,
    head.map(pad).join("  "),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map((r) => r.map(pad).join("  ")),
  ];
  if (report.findings.length) {
    lines.push("", "Findings:");
    for (const f of report.findings) lines.push(`- [${f.severity}] ${f.title}`, ...f.detail.map((l) => `    ${l}`), ...(f.suggestion ? [`    Suggestion: ${f.suggestion}`] : []));
  }
  return lines.join("\n");
}

export function renderMarkdown(report) {
  const d = report.dataset;
  const esc = (s) => String(s).replace(/\|/g, "\\|");
  const md = [];
  md.push(`# Inbox list and search benchmark`, "");
  md.push(`Generated ${report.generatedAt} in ${report.durationSeconds} s — Node ${report.environment.node}, wrangler ${report.environment.wrangler}, ${report.environment.cpus} × ${report.environment.cpuModel ?? "CPU"}; CPUs ${report.environment.cpuBusyPercentBeforeHttp ?? "?"}% busy (all processes) just before the HTTP phase${report.environment.workerReloadsDuringHttp ? `; **wrangler dev reloaded the Worker ${report.environment.workerReloadsDuringHttp} time(s) during the HTTP phase (src/ changed), so those timings are skewed**` : ""}.`, "");
  md.push(`## Dataset`, "");
  md.push(
    `${fmt(d.conversations)} conversations in one workspace (${d.channels} channels, ${d.agents} agents, ${d.teams} teams, ${d.tags} tags, ${fmt(d.conversationTags)} conversation tags, ${fmt(d.contacts)} contacts), ${fmt(d.messageSearchDocuments)} message search documents + ${fmt(d.titleSearchDocuments)} title documents in \`conversation_search\` (FTS5 trigram). ${d.reused ? `Reused the seed from ${d.seededAt}.` : `Seeded in ${d.seedSeconds} s.`}`,
    "",
    d.note,
    "",
  );
  md.push(`## Method`, "", ...report.method.map((m) => `- ${m}`), `- ${report.settings.reps} measured requests per case after ${report.settings.warmup} warm-up rounds, round-robin over the cases, one request at a time.`, "");
  md.push(`## Results`, "");
  md.push(`| ${COLUMNS.map(([h]) => h).join(" | ")} |`, `|${COLUMNS.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`);
  for (const c of report.cases) md.push(`| ${COLUMNS.map(([, f]) => esc(f(c))).join(" | ")} |`);
  md.push("");
  const headers = report.cases.find((c) => Object.keys(c.http.timingHeaders ?? {}).length)?.http.timingHeaders;
  md.push(headers ? `Timing headers seen: \`${JSON.stringify(headers)}\`.` : "No `server-timing` or `cf-*` headers are sent by `wrangler dev` or the app, so the figures are client-side loopback latency.", "");
  if (report.wranglerRequestLog?.length) md.push("wrangler dev also logs a duration per request (sample below); its lines are not emitted in request order, so they are not matched to cases.", "", "```", ...report.wranglerRequestLog.slice(0, 5), "```", "");
  md.push(`## Findings`, "");
  if (!report.findings.length) md.push("Nothing reads far more rows than it shows.", "");
  for (const f of report.findings) md.push(`### [${f.severity}] ${f.title}`, "", ...f.detail.map((l) => (l.startsWith("    ") ? l : `${l}`)), "", ...(f.suggestion ? [`**Suggestion:** ${f.suggestion}`, ""] : []));
  // Long select lists (drizzle's select() names every column) hide the WHERE clause: abbreviate them.
  const compact = (sql) =>
    sql.replace(/\s+/g, " ").replace(/^select (.{150,}?) from /i, (_, list) => `select <${list.split(",").length} columns> from `);
  const statement = (s) => [
    `- ${s.source}: ${s.error ? `**error: ${esc(s.error)}**` : `${fmt(s.rowsRead)} rows read → ${fmt(s.rowsReturned)} returned, ${fmt(s.sqlMs)} ms in SQLite`}${s.inBatch ? " (in a batch)" : ""}`,
    "",
    "  ```sql",
    `  ${compact(s.sql).slice(0, 900)}${compact(s.sql).length > 900 ? " …" : ""}`,
    "  ```",
    "",
    "  ```",
    ...s.plan.map((p) => `  ${p}`),
    "  ```",
    "",
  ];
  const common = (s) => s.source === "session" || s.source === "directory";
  md.push(`## Statements and query plans per case`, "");
  const first = report.cases.find((c) => c.route === "list");
  if (first) {
    md.push("Every route first loads the session, and list/page routes also read the workspace directory (agents, teams, tags, channels); these statements are the same in every case:", "");
    for (const s of first.statements.filter(common)) md.push(...statement(s));
  }
  for (const c of report.cases) {
    md.push(`### ${esc(c.label)}`, "", `\`GET ${c.path.length > 200 ? `${c.path.slice(0, 200)}…` : c.path}\` — p50 ${fmt(c.http.p50)} ms, p95 ${fmt(c.http.p95)} ms, ${fmt(c.rows.read)} rows read in all${c.http.error ? ` — **${esc(c.http.error)}**` : ""}${c.walk ? ` — cursor reached by walking ${c.walk.pages} pages (${c.walk.ms} ms)` : ""}`, "");
    const own = c.statements.filter((s) => !common(s));
    if (!own.length) md.push("(no statements besides the common ones)", "");
    for (const s of own) md.push(...statement(s));
  }
  return md.join("\n") + "\n";
}
