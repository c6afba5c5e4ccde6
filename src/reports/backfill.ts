// The history backfill: builds the rollups for what happened before a workspace's
// events were counted live (report_workspaces.live_since), from the D1 records
// that outlive the events — the conversation index (opened), the audit log
// (resolved, reopened, assigned), the first-response reporting events, the
// answered CSAT surveys (csat_responses) and the SLA outcomes (sla_events).
// Messages live in each conversation's Durable Object, so message counts start
// with live counting. Dimensions come from the conversation as it is now (its
// channel, team, assignee and tags), the best the history records.
//
// It runs in chunks (the minute cron, and each poll of the progress panel): each
// chunk's rollup writes and its cursor move are one batch guarded by the cursor
// it started from, so a chunk is counted once even if two runners race.
import { NONE, type Dims, type Fact, type Guard, factStatements, mergeFacts } from "./cube";
import { csatAdd, durationFact, slaAdd } from "./facts";
import { CONVERSATION_TAGS_SQL, withinBusinessHours } from "./recorder";
import { safeZone } from "./zone";

export const PHASES = ["conversations", "audit", "responses", "csat", "sla", "done"] as const;
type Phase = (typeof PHASES)[number];
export const CHUNK = 200;

export interface BackfillRow {
  workspace_id: string;
  status: "running" | "done";
  phase: Phase;
  cursor: string;
  processed: number;
  total: number;
  cutoff_at: number;
  started_at: number;
  finished_at: number | null;
}

export async function backfillState(d1: D1Database, workspaceId: string): Promise<BackfillRow | null> {
  return d1.prepare("SELECT * FROM report_backfills WHERE workspace_id = ?").bind(workspaceId).first<BackfillRow>();
}

/** Starts the backfill once per workspace (a finished one stays finished: history is read once). */
export async function startBackfill(d1: D1Database, workspaceId: string, now = Date.now()): Promise<BackfillRow> {
  const existing = await backfillState(d1, workspaceId);
  if (existing) return existing;
  const live = await d1.prepare("SELECT live_since FROM report_workspaces WHERE workspace_id = ?").bind(workspaceId).first<{ live_since: number }>();
  const cutoff = live?.live_since ?? now;
  const [convs, audits, responses, ratings, outcomes] = await d1.batch([
    d1.prepare("SELECT COUNT(*) AS n FROM conversations WHERE workspace_id = ? AND created_at < ?").bind(workspaceId, cutoff),
    d1.prepare(`SELECT COUNT(*) AS n FROM audit_logs WHERE workspace_id = ? AND created_at < ? AND ${AUDIT_ACTIONS}`).bind(workspaceId, cutoff),
    d1.prepare("SELECT COUNT(*) AS n FROM reporting_events WHERE workspace_id = ? AND kind = 'first_response' AND created_at < ?").bind(workspaceId, cutoff),
    d1.prepare(`SELECT COUNT(*) AS n FROM csat_responses WHERE workspace_id = ? AND rated_at < ? AND ${CSAT_DONE}`).bind(workspaceId, cutoff),
    d1.prepare("SELECT COUNT(*) AS n FROM sla_events WHERE workspace_id = ? AND at < ?").bind(workspaceId, cutoff),
  ]);
  const n = (r: D1Result | undefined) => Number((r?.results[0] as { n?: number } | undefined)?.n ?? 0);
  await d1
    .prepare("INSERT OR IGNORE INTO report_backfills (workspace_id, status, phase, cursor, processed, total, cutoff_at, started_at, updated_at) VALUES (?, 'running', 'conversations', '', 0, ?, ?, ?, ?)")
    .bind(workspaceId, n(convs) + n(audits) + n(responses) + n(ratings) + n(outcomes), cutoff, now, now)
    .run();
  return (await backfillState(d1, workspaceId)) as BackfillRow;
}

const AUDIT_ACTIONS = "target_type = 'conversation' AND action IN ('conversation.status', 'conversation.assigned')";
/** Answers complete enough to have been counted live (csat.rated is emitted when a survey is done). */
const CSAT_DONE = "status = 'done' AND score IS NOT NULL";

interface ConversationDims {
  id: string;
  channel_id: string;
  team_id: string | null;
  assignee_id: string | null;
  created_at: number;
}

async function dimsOf(d1: D1Database, conv: ConversationDims): Promise<Dims> {
  const tags = await d1.prepare(CONVERSATION_TAGS_SQL).bind(conv.id).all<{ tag_id: string }>();
  return { channelId: conv.channel_id, teamId: conv.team_id ?? NONE, agentId: conv.assignee_id ?? NONE, tagIds: tags.results.map((r) => r.tag_id) };
}

async function conversationsById(d1: D1Database, ids: string[]): Promise<Map<string, ConversationDims>> {
  if (!ids.length) return new Map();
  const rows = await d1.prepare("SELECT id, channel_id, team_id, assignee_id, created_at FROM conversations WHERE id IN (SELECT value FROM json_each(?))").bind(JSON.stringify([...new Set(ids)])).all<ConversationDims>();
  return new Map(rows.results.map((r) => [r.id, r]));
}

/** Reads one chunk of the current phase: its facts and where the next chunk starts. */
async function readChunk(d1: D1Database, b: BackfillRow): Promise<{ facts: Fact[]; cursor: string; count: number }> {
  const ws = b.workspace_id;
  if (b.phase === "conversations") {
    const rows = await d1.prepare("SELECT id, channel_id, team_id, assignee_id, created_at FROM conversations WHERE workspace_id = ? AND created_at < ? AND id > ? ORDER BY id LIMIT ?").bind(ws, b.cutoff_at, b.cursor, CHUNK).all<ConversationDims>();
    // A conversation created around the switch-on may have had its opening counted live already.
    const live = await d1
      .prepare("SELECT conversation_id FROM report_conversation_clocks WHERE conversation_id IN (SELECT value FROM json_each(?)) AND opened_counted = 1")
      .bind(JSON.stringify(rows.results.map((c) => c.id)))
      .all<{ conversation_id: string }>();
    const counted = new Set(live.results.map((r) => r.conversation_id));
    const facts: Fact[] = [];
    for (const c of rows.results.filter((c) => !counted.has(c.id))) facts.push({ family: "conversations", at: c.created_at, dims: await dimsOf(d1, c), add: { opened: 1 } });
    return { facts, cursor: rows.results.at(-1)?.id ?? "", count: rows.results.length };
  }
  const [afterAt = 0, afterId = ""] = b.cursor ? [Number(b.cursor.split(":")[0]), b.cursor.split(":")[1] ?? ""] : [];
  if (b.phase === "audit") {
    const rows = await d1
      .prepare(`SELECT id, action, target_id, data, created_at FROM audit_logs WHERE workspace_id = ? AND created_at < ? AND ${AUDIT_ACTIONS} AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ?`)
      .bind(ws, b.cutoff_at, afterAt, afterAt, afterId, CHUNK)
      .all<{ id: string; action: string; target_id: string; data: string | null; created_at: number }>();
    const convs = await conversationsById(d1, rows.results.map((r) => r.target_id));
    const facts: Fact[] = [];
    for (const r of rows.results) {
      const conv = convs.get(r.target_id);
      if (!conv) continue;
      const data = (r.data ? JSON.parse(r.data) : {}) as { from?: string; to?: string | null };
      const dims = await dimsOf(d1, conv);
      if (r.action === "conversation.assigned" && data.to) facts.push({ family: "conversations", at: r.created_at, dims: { ...dims, agentId: data.to }, add: { assigned: 1 } });
      else if (r.action === "conversation.status" && data.to === "resolved") facts.push({ family: "conversations", at: r.created_at, dims, add: { resolved: 1 } });
      else if (r.action === "conversation.status" && data.to === "open" && (data.from === "resolved" || data.from === "snoozed")) facts.push({ family: "conversations", at: r.created_at, dims, add: { reopened: 1 } });
    }
    const last = rows.results.at(-1);
    return { facts, cursor: last ? `${last.created_at}:${last.id}` : "", count: rows.results.length };
  }
  if (b.phase === "csat" || b.phase === "sla") return readOutcomes(d1, b, afterAt, afterId);
  const rows = await d1
    .prepare("SELECT id, conversation_id, value_ms, created_at FROM reporting_events WHERE workspace_id = ? AND kind = 'first_response' AND created_at < ? AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ?")
    .bind(ws, b.cutoff_at, afterAt, afterAt, afterId, CHUNK)
    .all<{ id: string; conversation_id: string; value_ms: number | null; created_at: number }>();
  const convs = await conversationsById(d1, rows.results.map((r) => r.conversation_id));
  const facts: Fact[] = [];
  for (const r of rows.results) {
    const conv = convs.get(r.conversation_id);
    if (!conv || r.value_ms === null) continue;
    const inside = await withinBusinessHours(d1, conv.channel_id, r.created_at - r.value_ms);
    facts.push(durationFact(r.created_at, await dimsOf(d1, conv), "first_response", r.value_ms, inside));
  }
  const last = rows.results.at(-1);
  return { facts, cursor: last ? `${last.created_at}:${last.id}` : "", count: rows.results.length };
}

/** A chunk of CSAT answers or SLA outcomes: their own agent and team (as counted live), the conversation's tags. */
async function readOutcomes(d1: D1Database, b: BackfillRow, afterAt: number, afterId: string): Promise<{ facts: Fact[]; cursor: string; count: number }> {
  const sql =
    b.phase === "csat"
      ? `SELECT id, conversation_id, channel_id, agent_id, team_id, rated_at AS at, score, comment, NULL AS kind, NULL AS outcome FROM csat_responses
          WHERE workspace_id = ? AND rated_at < ? AND ${CSAT_DONE} AND (rated_at > ? OR (rated_at = ? AND id > ?)) ORDER BY rated_at, id LIMIT ?`
      : `SELECT id, conversation_id, channel_id, assignee_id AS agent_id, team_id, at, NULL AS score, NULL AS comment, kind, outcome FROM sla_events
          WHERE workspace_id = ? AND at < ? AND (at > ? OR (at = ? AND id > ?)) ORDER BY at, id LIMIT ?`;
  const rows = await d1
    .prepare(sql)
    .bind(b.workspace_id, b.cutoff_at, afterAt, afterAt, afterId, CHUNK)
    .all<{ id: string; conversation_id: string; channel_id: string; agent_id: string | null; team_id: string | null; at: number; score: number | null; comment: string | null; kind: string | null; outcome: string | null }>();
  const facts: Fact[] = [];
  for (const r of rows.results) {
    const tags = await d1.prepare(CONVERSATION_TAGS_SQL).bind(r.conversation_id).all<{ tag_id: string }>();
    const dims: Dims = { channelId: r.channel_id, teamId: r.team_id ?? NONE, agentId: r.agent_id ?? NONE, tagIds: tags.results.map((t) => t.tag_id) };
    if (b.phase === "csat" && r.score !== null) facts.push({ family: "csat", at: r.at, dims, add: csatAdd(r.score, r.comment) });
    else if (b.phase === "sla" && r.kind && (r.outcome === "met" || r.outcome === "breached")) facts.push({ family: "sla", at: r.at, dims, add: slaAdd(r.kind, r.outcome) });
  }
  const last = rows.results.at(-1);
  return { facts, cursor: last ? `${last.at}:${last.id}` : "", count: rows.results.length };
}

/** Runs one chunk; returns the state after it (null: no backfill). */
export async function backfillStep(d1: D1Database, workspaceId: string, now = Date.now()): Promise<BackfillRow | null> {
  const b = await backfillState(d1, workspaceId);
  if (!b || b.status !== "running") return b;
  const zone = safeZone((await d1.prepare("SELECT time_zone FROM workspaces WHERE id = ?").bind(workspaceId).first<{ time_zone: string }>())?.time_zone);
  const chunk = await readChunk(d1, b);
  const guard: Guard = { sql: "EXISTS (SELECT 1 FROM report_backfills WHERE workspace_id = ? AND phase = ? AND cursor = ?)", params: [workspaceId, b.phase, b.cursor] };
  const done = chunk.count < CHUNK;
  const nextPhase = done ? (PHASES[PHASES.indexOf(b.phase) + 1] ?? "done") : b.phase;
  await d1.batch([
    ...factStatements(d1, workspaceId, zone, mergeFacts(chunk.facts, zone), guard),
    d1
      .prepare(
        `UPDATE report_backfills SET phase = ?, cursor = ?, processed = processed + ?, status = ?, finished_at = ?, updated_at = ? WHERE workspace_id = ? AND phase = ? AND cursor = ?`,
      )
      .bind(nextPhase, done ? "" : chunk.cursor, chunk.count, nextPhase === "done" ? "done" : "running", nextPhase === "done" ? now : null, now, workspaceId, b.phase, b.cursor),
  ]);
  return backfillState(d1, workspaceId);
}

/** The cron's share: a few chunks of every running backfill. */
export async function runBackfills(d1: D1Database, now: number, chunksPerRun = 10): Promise<void> {
  const running = await d1.prepare("SELECT workspace_id FROM report_backfills WHERE status = 'running'").all<{ workspace_id: string }>();
  for (const { workspace_id } of running.results) {
    for (let i = 0; i < chunksPerRun; i++) {
      const state = await backfillStep(d1, workspace_id, now);
      if (!state || state.status !== "running") break;
    }
  }
}
