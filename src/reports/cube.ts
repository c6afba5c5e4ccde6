// Writing facts into the rollup cubes (src/db/schema/reports.ts). One fact is
// one SQL statement whatever the number of cells it touches: the cells (grain ×
// bucket × every "*"-subset of the dimensions) travel as one JSON parameter.
// Every statement carries a guard (e.g. "this event was not counted yet"), so a
// batch of them plus the guard's own marker commits all or nothing, once.
import { BUCKET_COLUMNS, BUCKET_COUNT } from "./histogram";
import { dayStart, hourStart, weekOf } from "./zone";

export const ALL = "*";
export const NONE = "-";

/** Where a conversation fact belongs; `tagIds` are the conversation's tags (its own and its contact's). */
export interface Dims {
  channelId: string;
  teamId: string;
  agentId: string;
  tagIds: readonly string[];
}

export const CONVERSATION_MEASURES = ["opened", "reopened", "resolved", "assigned"] as const;
export const MESSAGE_MEASURES = ["inbound", "outbound_agent", "outbound_automation", "outbound_api", "via_reply", "via_push", "failed"] as const;
export const CONTACT_MEASURES = ["new_friends", "unblocks", "blocks"] as const;
export const CSAT_MEASURES = ["score_1", "score_2", "score_3", "score_4", "score_5", "commented"] as const;
export const SLA_MEASURES = ["first_met", "first_breached", "next_met", "next_breached", "resolution_met", "resolution_breached"] as const;
export const DURATION_METRICS = ["first_response", "next_response", "resolution"] as const;
export type DurationMetric = (typeof DURATION_METRICS)[number];

export type Fact =
  | { family: "conversations"; at: number; dims: Dims; add: Partial<Record<(typeof CONVERSATION_MEASURES)[number], number>> }
  | { family: "messages"; at: number; dims: Dims; add: Partial<Record<(typeof MESSAGE_MEASURES)[number], number>> }
  | { family: "csat"; at: number; dims: Dims; add: Partial<Record<(typeof CSAT_MEASURES)[number], number>> }
  | { family: "sla"; at: number; dims: Dims; add: Partial<Record<(typeof SLA_MEASURES)[number], number>> }
  | { family: "durations"; at: number; dims: Dims; metric: DurationMetric; businessHours: boolean; count: number; sumMs: number; buckets: readonly number[] }
  | { family: "contacts"; at: number; channelId: string; language: string; add: Partial<Record<(typeof CONTACT_MEASURES)[number], number>> };

/** A condition every statement of one write checks, with its parameters. */
export interface Guard {
  sql: string;
  params: unknown[];
}

/** No condition: the write's batch decides on its own whether it commits (see recorder.ts). */
export const ALWAYS: Guard = { sql: "1", params: [] };

type Grain = "h" | "d" | "w";
type Cell = [grain: Grain, bucket: number, tag: string, channel: string, team: string, agent: string];

/**
 * The one family (and its table) whose facts are also counted per local week:
 * CSAT answers are few per agent and day, so a per-agent breakdown over a month
 * would read nearly as many daily rows as there are answers; weekly rows cut that fivefold.
 */
export const WEEKLY = { family: "csat", table: "report_csat" } as const;
export const isWeekly = (family: Fact["family"]): boolean => family === WEEKLY.family;

/** The cube cells of a fact: the grains × each dimension as itself and as "all". */
export function cells(at: number, timeZone: string, dims: Dims, weekly = false): Cell[] {
  const out: Cell[] = [];
  const buckets: Array<[Grain, number]> = [["h", hourStart(at)], ["d", dayStart(at, timeZone)]];
  if (weekly) buckets.push(["w", weekOf(at, timeZone)]);
  const tags = [ALL, ...new Set(dims.tagIds)];
  for (const [grain, bucket] of buckets)
    for (const tag of tags)
      for (const channel of [ALL, dims.channelId])
        for (const team of [ALL, dims.teamId])
          for (const agent of [ALL, dims.agentId]) out.push([grain, bucket, tag, channel, team, agent]);
  return out;
}

const CUBE_COLUMNS = "workspace_id, grain, bucket, tag_id, channel_id, team_id, agent_id";
const CUBE_KEY = "workspace_id, grain, tag_id, channel_id, team_id, agent_id, bucket";
const CELL_SELECT = "json_extract(c.value, '$[0]'), json_extract(c.value, '$[1]'), json_extract(c.value, '$[2]'), json_extract(c.value, '$[3]'), json_extract(c.value, '$[4]'), json_extract(c.value, '$[5]')";

function countStatement(d1: D1Database, table: string, measures: readonly string[], workspaceId: string, cellsJson: string, add: Partial<Record<string, number>>, guard: Guard): D1PreparedStatement {
  const values = measures.map((m) => add[m] ?? 0);
  const sql = `INSERT INTO ${table} (${CUBE_COLUMNS}, ${measures.join(", ")})
    SELECT ?, ${CELL_SELECT}, ${measures.map(() => "?").join(", ")} FROM json_each(?) c WHERE ${guard.sql}
    ON CONFLICT (${CUBE_KEY}) DO UPDATE SET ${measures.map((m) => `${m} = ${m} + excluded.${m}`).join(", ")}`;
  return d1.prepare(sql).bind(workspaceId, ...values, cellsJson, ...guard.params);
}

/** The statements that add these facts to the rollups, each behind the guard. */
export function factStatements(d1: D1Database, workspaceId: string, timeZone: string, facts: readonly Fact[], guard: Guard): D1PreparedStatement[] {
  return facts.map((fact) => {
    if (fact.family === "contacts") {
      const out: Array<[string, number, string, string]> = [];
      for (const [grain, bucket] of [["h", hourStart(fact.at)], ["d", dayStart(fact.at, timeZone)]] as const)
        for (const channel of [ALL, fact.channelId]) for (const language of [ALL, fact.language]) out.push([grain, bucket, channel, language]);
      const values = CONTACT_MEASURES.map((m) => fact.add[m] ?? 0);
      const sql = `INSERT INTO report_contacts (workspace_id, grain, bucket, channel_id, language, ${CONTACT_MEASURES.join(", ")})
        SELECT ?, json_extract(c.value, '$[0]'), json_extract(c.value, '$[1]'), json_extract(c.value, '$[2]'), json_extract(c.value, '$[3]'), ?, ?, ? FROM json_each(?) c WHERE ${guard.sql}
        ON CONFLICT (workspace_id, grain, channel_id, language, bucket) DO UPDATE SET ${CONTACT_MEASURES.map((m) => `${m} = ${m} + excluded.${m}`).join(", ")}`;
      return d1.prepare(sql).bind(workspaceId, ...values, JSON.stringify(out), ...guard.params);
    }
    const cellsJson = JSON.stringify(cells(fact.at, timeZone, fact.dims, isWeekly(fact.family)));
    if (fact.family === "conversations") return countStatement(d1, "report_conversations", CONVERSATION_MEASURES, workspaceId, cellsJson, fact.add, guard);
    if (fact.family === "messages") return countStatement(d1, "report_messages", MESSAGE_MEASURES, workspaceId, cellsJson, fact.add, guard);
    if (fact.family === "csat") return countStatement(d1, "report_csat", CSAT_MEASURES, workspaceId, cellsJson, fact.add, guard);
    if (fact.family === "sla") return countStatement(d1, "report_sla", SLA_MEASURES, workspaceId, cellsJson, fact.add, guard);
    const buckets = Array.from({ length: BUCKET_COUNT }, (_, i) => fact.buckets[i] ?? 0);
    const sql = `INSERT INTO report_durations (${CUBE_COLUMNS}, metric, business_hours, count, sum_ms, ${BUCKET_COLUMNS.join(", ")})
      SELECT ?, ${CELL_SELECT}, ?, ?, ?, ?, ${BUCKET_COLUMNS.map(() => "?").join(", ")} FROM json_each(?) c WHERE ${guard.sql}
      ON CONFLICT (${CUBE_KEY.replace(", bucket", ", metric, business_hours, bucket")}) DO UPDATE SET count = count + excluded.count, sum_ms = sum_ms + excluded.sum_ms, ${BUCKET_COLUMNS.map((b) => `${b} = ${b} + excluded.${b}`).join(", ")}`;
    return d1.prepare(sql).bind(workspaceId, fact.metric, fact.businessHours ? 1 : 0, fact.count, fact.sumMs, ...buckets, cellsJson, ...guard.params);
  });
}

const addInto = <K extends string>(into: Partial<Record<K, number>>, add: Partial<Record<K, number>>): void => {
  for (const [m, v] of Object.entries(add) as Array<[K, number | undefined]>) into[m] = (into[m] ?? 0) + (v ?? 0);
};

/**
 * Facts that land in the same cells, added up: one statement for all of them. Same
 * cells means the same family, hour, local day (and week), dimensions — and for
 * durations the same metric and business-hours flag; for contacts the same channel and language.
 */
export function mergeFacts(facts: readonly Fact[], timeZone: string): Fact[] {
  const out = new Map<string, Fact>();
  for (const f of facts) {
    const when = `${hourStart(f.at)}|${dayStart(f.at, timeZone)}${isWeekly(f.family) ? `|${weekOf(f.at, timeZone)}` : ""}`;
    const where = f.family === "contacts" ? `${f.channelId}|${f.language}` : JSON.stringify([f.dims.channelId, f.dims.teamId, f.dims.agentId, [...new Set(f.dims.tagIds)].sort()]);
    const what = f.family === "durations" ? `${f.metric}|${f.businessHours}` : "";
    const key = `${f.family}|${what}|${when}|${where}`;
    const prev = out.get(key);
    if (!prev) {
      out.set(key, structuredClone(f));
      continue;
    }
    if (prev.family === "durations" && f.family === "durations") {
      prev.count += f.count;
      prev.sumMs += f.sumMs;
      prev.buckets = Array.from({ length: Math.max(prev.buckets.length, f.buckets.length) }, (_, i) => (prev.buckets[i] ?? 0) + (f.buckets[i] ?? 0));
    } else if (prev.family !== "durations" && f.family !== "durations") {
      addInto(prev.add as Partial<Record<string, number>>, f.add as Partial<Record<string, number>>);
    }
  }
  return [...out.values()];
}
