// The reports' read path: every query goes through here so a request knows how
// many D1 rows it read (D1's meta.rows_read) — shown in Server-Timing and
// measured by the benchmark against a raw scan of the same figures.
import type { ReportFilters } from "./filters";

export class ReportReader {
  rowsRead = 0;
  queries = 0;
  constructor(
    readonly d1: D1Database,
    readonly workspaceId: string,
  ) {}

  async all<T>(sql: string, ...params: unknown[]): Promise<T[]> {
    const result = await this.d1.prepare(sql).bind(...params).all<T>();
    this.rowsRead += Number(result.meta?.rows_read ?? 0);
    this.queries += 1;
    return result.results;
  }
}

export type Dimension = "channel_id" | "team_id" | "agent_id" | "tag_id";

/**
 * The rollup cells a filter selects: one row per bucket; with `vary`, one row
 * per bucket for each of `ids` in that dimension (an IN list keeps every
 * lookup an index range on the time bucket, however long the history).
 */
export function cellWhere(f: ReportFilters, vary?: { dim: Dimension; ids: readonly string[] }): { sql: string; params: unknown[] } {
  const fixed: Array<["tag_id" | "channel_id" | "team_id" | "agent_id", string]> = [
    ["tag_id", f.tagId],
    ["channel_id", f.channelId],
    ["team_id", f.teamId],
    ["agent_id", f.agentId],
  ];
  const parts: string[] = ["grain = ?", "bucket >= ?", "bucket < ?"];
  const params: unknown[] = [f.grain, f.from, f.to];
  for (const [col, value] of fixed) {
    if (vary && col === vary.dim && value === "*") {
      parts.push(`${col} IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify(vary.ids));
    } else {
      parts.push(`${col} = ?`);
      params.push(value);
    }
  }
  return { sql: parts.join(" AND "), params };
}
