// The reports' read path: every query goes through here so a request knows how
// many D1 rows it read (D1's meta.rows_read) — shown in Server-Timing and
// measured by the benchmark against a raw scan of the same figures — and so the
// queries of one tab reach D1 together.
import type { ReportFilters } from "./filters";

interface Pending {
  statement: D1PreparedStatement;
  resolve: (rows: unknown[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Queries asked for in the same turn (a tab's loaders run side by side under
 * Promise.all) go to D1 as one batch: one round trip to the database per
 * turn instead of one per query — in production D1 is a network hop away.
 */
export class ReportReader {
  rowsRead = 0;
  queries = 0;
  roundTrips = 0;
  private pending: Pending[] = [];

  constructor(
    readonly d1: D1Database,
    readonly workspaceId: string,
  ) {}

  all<T>(sql: string, ...params: unknown[]): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      if (this.pending.length === 0) queueMicrotask(() => void this.flush());
      this.pending.push({ statement: this.d1.prepare(sql).bind(...params), resolve: resolve as (rows: unknown[]) => void, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.roundTrips += 1;
    this.queries += batch.length;
    try {
      const results = await this.d1.batch(batch.map((p) => p.statement));
      batch.forEach((p, i) => {
        const result = results[i];
        this.rowsRead += Number(result?.meta?.rows_read ?? 0);
        p.resolve(result?.results ?? []);
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }
}

export type Dimension = "channel_id" | "team_id" | "agent_id" | "tag_id";

/**
 * The rollup cells a filter selects: one row per bucket; with `vary`, one row
 * per bucket for each of `ids` in that dimension (an IN list keeps every
 * lookup an index range on the time bucket, however long the history).
 */
export type CellRange = Pick<ReportFilters, "from" | "to" | "tagId" | "channelId" | "teamId" | "agentId"> & { grain: "h" | "d" | "w" };

export function cellWhere(f: CellRange, vary?: { dim: Dimension; ids: readonly string[] }): { sql: string; params: unknown[] } {
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
