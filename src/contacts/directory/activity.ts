// A contact's recorded history for its page: audit entries about it and about
// every contact merged into it, newest first.
export interface ActivityItem {
  action: string;
  actorName: string | null;
  data: Record<string, unknown> | null;
  createdAt: number;
}

export async function contactActivity(d1: D1Database, workspaceId: string, contactId: string, limit = 30): Promise<ActivityItem[]> {
  const rows = await d1
    .prepare(
      `SELECT a.action, u.name AS actor_name, a.data, a.created_at FROM audit_logs a LEFT JOIN users u ON u.id = a.actor_id
       WHERE a.workspace_id = ?1 AND a.target_type = 'contact' AND (a.target_id = ?2 OR a.target_id IN (SELECT id FROM contacts WHERE merged_into_id = ?2))
       ORDER BY a.created_at DESC LIMIT ?3`,
    )
    .bind(workspaceId, contactId, limit)
    .all<{ action: string; actor_name: string | null; data: string | null; created_at: number }>();
  return rows.results.map((r) => ({ action: r.action, actorName: r.actor_name, data: parseData(r.data), createdAt: r.created_at }));
}

function parseData(raw: string | null): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
