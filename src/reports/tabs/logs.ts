// Logs: the audit log (who changed what, when), newest first, searchable by
// action, target or details, filtered by the person who acted, keyset-paged.
import { t } from "../../ui/i18n";
import { ALL } from "../cube";
import type { ReportTab, TabContext } from "../tab";

export const LOG_PAGE_SIZE = 50;
/** The CSV export's ceiling (newest first); the page says when a range has more. */
export const LOG_EXPORT_LIMIT = 10_000;

interface LogRow {
  id: string;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  data: string | null;
  created_at: number;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** `createdAt:id` of the last row shown: the next page starts strictly after it. */
function parseCursor(raw: string): [number, string] | null {
  const m = /^(\d{1,16}):([\w-]{1,64})$/.exec(raw);
  return m ? [Number(m[1]), m[2] ?? ""] : null;
}

export async function loadLogs({ reader, filters: f, directory: d }: TabContext, limit = LOG_PAGE_SIZE) {
  const where = ["workspace_id = ?", "created_at >= ?", "created_at < ?"];
  const params: unknown[] = [reader.workspaceId, f.from, f.to];
  if (f.agentId !== ALL) {
    where.push("actor_id = ?");
    params.push(f.agentId);
  }
  if (f.q) {
    const like = `%${likeEscape(f.q)}%`;
    where.push("(action LIKE ? ESCAPE '\\' OR target_type LIKE ? ESCAPE '\\' OR target_id LIKE ? ESCAPE '\\' OR data LIKE ? ESCAPE '\\')");
    params.push(like, like, like, like);
  }
  const cursor = parseCursor(f.before);
  if (cursor) {
    where.push("(created_at < ? OR (created_at = ? AND id < ?))");
    params.push(cursor[0], cursor[0], cursor[1]);
  }
  const rows = await reader.all<LogRow>(
    `SELECT id, actor_id, action, target_type, target_id, data, created_at FROM audit_logs WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id DESC LIMIT ?`,
    ...params,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const actor = (id: string | null) => (id === null ? t("reports.automation") : (d.agents.find((a) => a.id === id)?.name ?? id));
  return {
    rows: page.map((r) => ({ at: r.created_at, actor: actor(r.actor_id), action: r.action, target: `${r.target_type} ${r.target_id}`, details: r.data ?? "" })),
    next: rows.length > limit && last ? `${last.created_at}:${last.id}` : undefined,
  };
}

export const logsTab: ReportTab = {
  id: "logs",
  labelKey: "reports.tab.logs",
  filters: ["agent"],
  async load(ctx) {
    const { rows, next } = await loadLogs(ctx);
    return {
      next,
      sections: [
        {
          id: "audit",
          title: t("reports.s.audit"),
          table: {
            columns: [
              { key: "at", label: t("reports.col.when"), format: "datetime" },
              { key: "actor", label: t("reports.col.actor"), format: "text" },
              { key: "action", label: t("reports.col.action"), format: "text" },
              { key: "target", label: t("reports.col.target"), format: "text" },
              { key: "details", label: t("reports.col.details"), format: "text" },
            ],
            rows,
          },
        },
      ],
    };
  },
};
