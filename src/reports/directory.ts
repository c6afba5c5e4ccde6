// Names for the ids in the rollups: the workspace's channels, teams, people and
// tags (small lists, one batch), in display order.
export interface Named {
  id: string;
  name: string;
}

export interface Directory {
  timeZone: string;
  channels: Named[];
  teams: Named[];
  agents: Named[];
  tags: Named[];
}

export async function loadDirectory(d1: D1Database, workspaceId: string): Promise<Directory> {
  const [ws, channels, teams, agents, tags] = await d1.batch([
    d1.prepare("SELECT time_zone FROM workspaces WHERE id = ?").bind(workspaceId),
    d1.prepare("SELECT id, name FROM channels WHERE workspace_id = ? ORDER BY name, id").bind(workspaceId),
    d1.prepare("SELECT id, name FROM teams WHERE workspace_id = ? ORDER BY name, id").bind(workspaceId),
    d1.prepare("SELECT id, name FROM users WHERE workspace_id = ? ORDER BY name, id").bind(workspaceId),
    d1.prepare("SELECT id, name FROM tags WHERE workspace_id = ? ORDER BY lower(name), id").bind(workspaceId),
  ]);
  const list = (r: D1Result | undefined) => (r?.results ?? []) as Named[];
  return {
    timeZone: (ws?.results[0] as { time_zone?: string } | undefined)?.time_zone ?? "UTC",
    channels: list(channels),
    teams: list(teams),
    agents: list(agents),
    tags: list(tags),
  };
}

export function nameOf(list: Named[], id: string): string | null {
  return list.find((n) => n.id === id)?.name ?? null;
}
