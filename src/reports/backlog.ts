// The backlog snapshot (hourly cron): how many conversations are open (active:
// open or follow-up) per channel, team, assignee and tag, written as this hour's
// row and as today's row (a day shows its last snapshot). Snapshots are
// replaced, not added to, so running twice in an hour is harmless.
import { ALL, NONE } from "./cube";
import { dayStart, hourStart, safeZone } from "./zone";

interface Group {
  tag_id: string | null;
  channel_id: string;
  team_id: string | null;
  assignee_id: string | null;
  n: number;
}

/** Untagged counts and per-tag counts (own tags and the contact's), grouped by channel, team and assignee. */
const GROUPS_SQL = `SELECT NULL AS tag_id, channel_id, team_id, assignee_id, COUNT(*) AS n FROM conversations
  WHERE workspace_id = ?1 AND bucket = 'active' GROUP BY channel_id, team_id, assignee_id
  UNION ALL
  SELECT t.tag_id, c.channel_id, c.team_id, c.assignee_id, COUNT(*) AS n FROM (
    SELECT conversation_id, tag_id FROM conversation_tags WHERE workspace_id = ?1 AND bucket = 'active'
    UNION SELECT c2.id, ct.tag_id FROM conversations c2 JOIN contact_tags ct ON ct.contact_id = c2.contact_id WHERE c2.workspace_id = ?1 AND c2.bucket = 'active'
  ) t JOIN conversations c ON c.id = t.conversation_id GROUP BY t.tag_id, c.channel_id, c.team_id, c.assignee_id`;

export async function snapshotBacklog(d1: D1Database, workspaceId: string, timeZone: string, now: number): Promise<void> {
  const groups = await d1.prepare(GROUPS_SQL).bind(workspaceId).all<Group>();
  const cells = new Map<string, number>();
  for (const g of groups.results) {
    const tag = g.tag_id ?? ALL;
    for (const channel of [ALL, g.channel_id])
      for (const team of [ALL, g.team_id ?? NONE])
        for (const agent of [ALL, g.assignee_id ?? NONE]) {
          const key = JSON.stringify([tag, channel, team, agent]);
          cells.set(key, (cells.get(key) ?? 0) + g.n);
        }
  }
  cells.set(JSON.stringify([ALL, ALL, ALL, ALL]), cells.get(JSON.stringify([ALL, ALL, ALL, ALL])) ?? 0);
  const hour = hourStart(now);
  const day = dayStart(now, timeZone);
  const rows = [...cells].flatMap(([key, n]) => {
    const [tag, channel, team, agent] = JSON.parse(key) as string[];
    return [
      ["h", hour, tag, channel, team, agent, n],
      ["d", day, tag, channel, team, agent, n],
    ];
  });
  const insert = `INSERT INTO report_backlog (workspace_id, grain, bucket, tag_id, channel_id, team_id, agent_id, open)
    SELECT ?, json_extract(c.value, '$[0]'), json_extract(c.value, '$[1]'), json_extract(c.value, '$[2]'), json_extract(c.value, '$[3]'), json_extract(c.value, '$[4]'), json_extract(c.value, '$[5]'), json_extract(c.value, '$[6]') FROM json_each(?) c`;
  await d1.batch([
    d1.prepare("DELETE FROM report_backlog WHERE workspace_id = ? AND ((grain = 'h' AND bucket = ?) OR (grain = 'd' AND bucket = ?))").bind(workspaceId, hour, day),
    d1.prepare(insert).bind(workspaceId, JSON.stringify(rows)),
  ]);
}

/** Every workspace's snapshot. */
export async function snapshotAllBacklogs(d1: D1Database, now: number): Promise<void> {
  const workspaces = await d1.prepare("SELECT id, time_zone FROM workspaces").all<{ id: string; time_zone: string }>();
  for (const ws of workspaces.results) await snapshotBacklog(d1, ws.id, safeZone(ws.time_zone), now);
}

/** Event ids older than this are forgotten: redeliveries come within minutes, retries within hours. */
export const SEEN_RETENTION_MS = 14 * 86_400_000;

export async function purgeSeenEvents(d1: D1Database, now: number): Promise<void> {
  await d1.prepare("DELETE FROM report_events_seen WHERE rowid IN (SELECT rowid FROM report_events_seen WHERE at < ? LIMIT 5000)").bind(now - SEEN_RETENTION_MS).run();
}
