// A month of a busy workspace, generated deterministically: conversations (in the
// D1 index, with tags), their messages and conversation events, and follows.
// Raw facts go into bench-only tables (bench_raw_messages, bench_raw_events) —
// what a report would have to scan without rollups — and the same facts are
// counted into the rollup tables with the app's own mapping (effectOf + cells),
// as the listener would have done one event at a time. CSAT answers and SLA
// outcomes go into the app's own tables (csat_responses, sla_events), which is
// what their tabs would scan without rollups.
import { mulberry32 } from "../inbox/dataset.mjs";

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const ZONE = "Asia/Tokyo";
const LANGS = ["ja", "th", "en", "zh-TW", "id", null];

export const RAW_TABLES = [
  "CREATE TABLE IF NOT EXISTS bench_raw_messages (workspace_id TEXT, at INTEGER, conversation_id TEXT, channel_id TEXT, team_id TEXT, agent_id TEXT, direction TEXT, origin TEXT, via TEXT)",
  "CREATE TABLE IF NOT EXISTS bench_raw_events (workspace_id TEXT, at INTEGER, conversation_id TEXT, type TEXT, channel_id TEXT, team_id TEXT, agent_id TEXT, language TEXT)",
];
export const RAW_INDEXES = [
  "CREATE INDEX IF NOT EXISTS bench_raw_messages_at ON bench_raw_messages (workspace_id, at)",
  "CREATE INDEX IF NOT EXISTS bench_raw_events_at ON bench_raw_events (workspace_id, at)",
];

/** Inserts rows (arrays) through json_each in chunks: one statement per chunk. */
async function bulk(db, table, columns, rows, chunk = 4000) {
  const select = columns.map((_, i) => `json_extract(value, '$[${i}]')`).join(", ");
  for (let i = 0; i < rows.length; i += chunk) {
    await db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) SELECT ${select} FROM json_each(?)`).bind(JSON.stringify(rows.slice(i, i + chunk))).run();
  }
}

/** Generates the month in memory, then opens the database (`openDb`) and writes it: a long generation never leaves an idle connection to time out. */
export async function seed(openDb, app, { conversations, messagesPerConversation, agents: agentCount, end, log }) {
  const rnd = mulberry32(20261201);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const ws = "ws_bench_reports";
  const start = end - 30 * DAY;
  const now = Date.now();
  const channels = ["ch_bench_r1", "ch_bench_r2"];
  const teams = Array.from({ length: 5 }, (_, i) => `team_bench_r${i}`);
  const agents = Array.from({ length: agentCount }, (_, i) => `usr_bench_r${String(i).padStart(2, "0")}`);
  const tags = Array.from({ length: 12 }, (_, i) => `tag_bench_r${i}`);
  const convRows = [];
  const tagRows = [];
  const rawMessages = [];
  const rawEvents = [];
  const families = { conversations: new Map(), messages: new Map(), durations: new Map(), contacts: new Map(), csat: new Map(), sla: new Map() };
  const csatRows = [];
  const slaRows = [];
  const add = (map, key, measures) => {
    const row = map.get(key);
    if (!row) map.set(key, { ...measures });
    else for (const [k, v] of Object.entries(measures)) row[k] = (row[k] ?? 0) + v;
  };
  let evt = 0;
  for (let c = 0; c < conversations; c++) {
    const id = `conv_bench_r${String(c).padStart(7, "0")}`;
    const channelId = rnd() < 0.7 ? channels[0] : channels[1];
    const teamId = rnd() < 0.85 ? pick(teams) : null;
    const assigneeId = rnd() < 0.9 ? pick(agents) : null;
    const tagIds = tags.filter(() => rnd() < 0.08);
    const language = pick(LANGS);
    let at = start + Math.floor(rnd() * (30 * DAY - 6 * HOUR));
    const resolved = rnd() < 0.8;
    convRows.push([id, ws, channelId, "user", `U${c}`, `Customer ${c}`, resolved ? "resolved" : "open", resolved ? "resolved" : "active", assigneeId, teamId, "", "inbound", at, 0, 0, at]);
    for (const t of tagIds) tagRows.push([id, t, ws, resolved ? "resolved" : "active", at]);
    const snapshot = { channelId, teamId, assigneeId, tagIds, contactLanguage: language, clock: null };
    const events = [];
    const push = (type, data, origin, when) => events.push({ id: `e${++evt}`, type, data, at: when, workspaceId: ws, channelId, conversationId: id, sourceType: "user", contactId: null, lineUserId: null, origin });
    push("contact.followed", { unblocked: false }, { kind: "customer" }, at - 1000);
    push("conversation.opened", { reason: "created" }, { kind: "customer" }, at);
    if (assigneeId && rnd() < 0.6) push("conversation.assigned", { change: "assignee", assignee: { id: assigneeId, name: "a" }, team: teamId ? { id: teamId, name: "t" } : null, previousAssigneeId: null, previousTeamId: null }, { kind: "agent", userId: assigneeId, name: "a" }, at + 5000);
    const openedAt = at;
    let firstAgentAt = null;
    for (let m = 0; m < messagesPerConversation; m++) {
      at += Math.floor(rnd() * 20 * 60_000) + 1000;
      if (m % 2 === 0) push("message.received", { message: { agentId: null }, redelivered: false, standby: false }, { kind: "customer" }, at);
      else {
        const auto = rnd() < 0.25 || !assigneeId;
        const via = rnd() < 0.6 ? "reply" : "push";
        push("message.sent", { message: { agentId: auto ? null : assigneeId }, via }, auto ? { kind: "automation", rule: "away" } : { kind: "agent", userId: assigneeId, name: "a" }, at);
        if (!auto && firstAgentAt === null) firstAgentAt = at;
      }
    }
    // SLA (first response due in 15 minutes, resolution in 4 hours) and a CSAT answer for some resolved conversations.
    const sla = (kind, dueAt, doneAt) => {
      const outcome = doneAt <= dueAt ? "met" : "breached";
      const slaEventId = `sla_bench_r${slaRows.length}`;
      const when = Math.min(doneAt, dueAt);
      slaRows.push([slaEventId, ws, channelId, id, "pol_bench", kind, outcome, assigneeId, teamId, openedAt, dueAt, when]);
      push("sla.recorded", { slaEventId, kind, outcome, policyId: "pol_bench", assigneeId, teamId, startedAt: openedAt, dueAt }, { kind: "automation", rule: "sla" }, when);
    };
    if (firstAgentAt !== null) sla("first_response", openedAt + 15 * 60_000, firstAgentAt);
    if (resolved) {
      push("conversation.resolved", { previousStatus: "open" }, { kind: "agent", userId: assigneeId, name: "a" }, at + 60_000);
      sla("resolution", openedAt + 4 * HOUR, at + 60_000);
      if (assigneeId && rnd() < 0.3) {
        const score = [1, 2, 3, 4, 4, 5, 5, 5][Math.floor(rnd() * 8)];
        const comment = rnd() < 0.3 ? `Comment ${c}: ${score >= 4 ? "quick and kind" : "took too long"}` : null;
        const responseId = `csat_bench_r${csatRows.length}`;
        const sentAt = at + 60_000;
        const ratedAt = sentAt + Math.floor(rnd() * 30 * 60_000) + 5_000;
        csatRows.push([responseId, ws, channelId, id, null, assigneeId, teamId, "resolve", language ?? "en", "reply", "done", score, comment, sentAt, ratedAt, comment ? ratedAt + 60_000 : null]);
        push("csat.rated", { responseId, score, comment, agentId: assigneeId, teamId, trigger: "resolve", sentAt, ratedAt }, { kind: "customer" }, ratedAt);
      }
      if (rnd() < 0.1) {
        push("conversation.reopened", { previousStatus: "resolved" }, { kind: "customer" }, at + 2 * HOUR);
        push("conversation.opened", { reason: "reopened" }, { kind: "customer" }, at + 2 * HOUR);
      }
    }
    if (rnd() < 0.05) push("contact.unfollowed", {}, { kind: "customer" }, at + 3 * HOUR);
    for (const e of events) {
      if (e.at >= end) continue;
      const effect = app.effectOf(e, snapshot);
      if (effect.clock) snapshot.clock = effect.clock;
      for (const f of effect.facts) {
        if (f.family === "contacts") {
          for (const [grain, bucket] of [["h", app.hourStart(f.at)], ["d", app.dayStart(f.at, ZONE)]])
            for (const ch of ["*", f.channelId]) for (const lang of ["*", f.language]) add(families.contacts, JSON.stringify([grain, bucket, ch, lang]), f.add);
          continue;
        }
        if (f.family === "durations") f.businessHours = new Date(f.at).getUTCHours() < 9;
        for (const cell of app.cells(f.at, ZONE, f.dims, app.isWeekly(f.family))) {
          if (f.family === "durations") {
            const b = {};
            f.buckets.forEach((n, i) => n && (b[`b${i}`] = n));
            add(families.durations, JSON.stringify([...cell, f.metric, f.businessHours ? 1 : 0]), { count: f.count, sum_ms: f.sumMs, ...b });
          } else add(families[f.family], JSON.stringify(cell), f.add);
        }
      }
      const team = snapshot.teamId ?? "-";
      if (e.type === "sla.recorded" || e.type === "csat.rated") continue; // their raw rows are csatRows / slaRows
      if (e.type === "message.received" || e.type === "message.sent") rawMessages.push([ws, e.at, id, channelId, team, e.data.message.agentId ?? "-", e.type === "message.received" ? "inbound" : "outbound", e.origin.kind, e.data.via ?? null]);
      else rawEvents.push([ws, e.at, id, e.type === "conversation.opened" ? (e.data.reason === "created" ? "opened" : "reopened_open") : e.type.split(".")[1], channelId, team, e.type === "conversation.assigned" ? e.data.assignee.id : (assigneeId ?? "-"), language ?? "-"]);
    }
  }
  log(`seed: ${convRows.length} conversations, ${rawMessages.length} messages, ${rawEvents.length} other events; rollup rows: ${Object.entries(families).map(([k, v]) => `${k} ${v.size}`).join(", ")}`);
  const db = await openDb();
  await db.prepare("INSERT INTO workspaces (id, name, time_zone, created_at) VALUES (?, 'Bench reports', ?, ?)").bind(ws, ZONE, now).run();
  for (const [i, id] of channels.entries()) await db.prepare("INSERT INTO channels (id, workspace_id, name, line_channel_id, channel_secret_enc, access_token_enc, created_at) VALUES (?, ?, ?, ?, 'x', 'x', ?)").bind(id, ws, `Channel ${i + 1}`, `bench-r-${i}`, now).run();
  for (const [i, id] of teams.entries()) await db.prepare("INSERT INTO teams (id, workspace_id, name, created_at) VALUES (?, ?, ?, ?)").bind(id, ws, `Team ${i + 1}`, now).run();
  for (const [i, id] of agents.entries()) await db.prepare("INSERT INTO users (id, workspace_id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, 'x', ?, ?)").bind(id, ws, `agent${i}@bench.test`, `Agent ${i + 1}`, i === 0 ? "owner" : "agent", now).run();
  for (const [i, id] of tags.entries()) await db.prepare("INSERT INTO tags (id, workspace_id, name, created_at) VALUES (?, ?, ?, ?)").bind(id, ws, `Tag ${i + 1}`, now).run();
  await bulk(db, "conversations", ["id", "workspace_id", "channel_id", "source_type", "source_id", "title", "status", "bucket", "assignee_id", "team_id", "last_message_preview", "last_message_direction", "last_activity_at", "unread_count", "last_seq", "created_at"], convRows);
  await bulk(db, "conversation_tags", ["conversation_id", "tag_id", "workspace_id", "bucket", "last_activity_at"], tagRows);
  await bulk(db, "csat_responses", ["id", "workspace_id", "channel_id", "conversation_id", "contact_id", "agent_id", "team_id", "trigger", "language", "sent_via", "status", "score", "comment", "sent_at", "rated_at", "commented_at"], csatRows.filter((r) => r[14] < end));
  await bulk(db, "sla_events", ["id", "workspace_id", "channel_id", "conversation_id", "policy_id", "kind", "outcome", "assignee_id", "team_id", "started_at", "due_at", "at"], slaRows.filter((r) => r[11] < end));
  for (const sql of RAW_TABLES) await db.prepare(sql).run();
  await bulk(db, "bench_raw_messages", ["workspace_id", "at", "conversation_id", "channel_id", "team_id", "agent_id", "direction", "origin", "via"], rawMessages);
  await bulk(db, "bench_raw_events", ["workspace_id", "at", "conversation_id", "type", "channel_id", "team_id", "agent_id", "language"], rawEvents);
  for (const sql of RAW_INDEXES) await db.prepare(sql).run();
  const cube = ["grain", "bucket", "tag_id", "channel_id", "team_id", "agent_id"];
  // Rows straight from the maps, a chunk at a time (the full month is millions of cells).
  const write = async (table, map, keyColumns, measures, chunk = 4000) => {
    const columns = ["workspace_id", ...keyColumns, ...measures];
    const select = columns.map((_, i) => `json_extract(value, '$[${i}]')`).join(", ");
    let rows = [];
    const flush = async () => {
      if (rows.length) await db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) SELECT ${select} FROM json_each(?)`).bind(JSON.stringify(rows)).run();
      rows = [];
    };
    for (const [key, v] of map) {
      rows.push([ws, ...JSON.parse(key), ...measures.map((m) => v[m] ?? 0)]);
      if (rows.length >= chunk) await flush();
    }
    await flush();
    map.clear();
  };
  await write("report_conversations", families.conversations, cube, ["opened", "reopened", "resolved", "assigned"]);
  await write("report_messages", families.messages, cube, ["inbound", "outbound_agent", "outbound_automation", "outbound_api", "via_reply", "via_push", "failed"]);
  await write("report_durations", families.durations, [...cube, "metric", "business_hours"], ["count", "sum_ms", ...Array.from({ length: 16 }, (_, i) => `b${i}`)]);
  await write("report_contacts", families.contacts, ["grain", "bucket", "channel_id", "language"], ["new_friends", "unblocks", "blocks"]);
  await write("report_csat", families.csat, cube, ["score_1", "score_2", "score_3", "score_4", "score_5", "commented"]);
  await write("report_sla", families.sla, cube, ["first_met", "first_breached", "next_met", "next_breached", "resolution_met", "resolution_breached"]);
  // The backlog: one daily snapshot per day (what the hourly cron leaves as the day's row), unfiltered and per channel.
  const backlog = [];
  for (let d = app.dayStart(start, ZONE); d < end; d += DAY) {
    const open = rawEvents.filter((e) => e[3] === "opened" && e[1] < d + DAY).length - rawEvents.filter((e) => e[3] === "resolved" && e[1] < d + DAY).length;
    backlog.push([ws, "d", d, "*", "*", "*", "*", Math.max(0, open)]);
  }
  await bulk(db, "report_backlog", ["workspace_id", "grain", "bucket", "tag_id", "channel_id", "team_id", "agent_id", "open"], backlog);
  return { workspaceId: ws, messages: rawMessages.length, events: rawEvents.length, csatAnswers: csatRows.length, slaOutcomes: slaRows.length };
}
