// The CSAT comments list: answered surveys with a comment, newest first, read
// from csat_responses (a list of texts, not a figure: no rollup) with the tab's
// filters, keyset-paged on (rated_at, id) so an old page costs what a new one does.
import { ALL, NONE } from "../cube";
import type { TabContext } from "../tab";

export const COMMENT_PAGE_SIZE = 25;
/** The CSV export's ceiling (newest first). */
export const COMMENT_EXPORT_LIMIT = 10_000;

interface CommentRow {
  id: string;
  rated_at: number;
  score: number;
  comment: string;
  agent_id: string | null;
  channel_id: string;
}

/** `ratedAt:id` of the last row shown: the next page starts strictly after it. */
function parseCursor(raw: string): [number, string] | null {
  const m = /^(\d{1,16}):([\w-]{1,64})$/.exec(raw);
  return m ? [Number(m[1]), m[2] ?? ""] : null;
}

/** `col = ?`, or `col IS NULL` for the "none" choice; nothing for "all". */
function dimension(where: string[], params: unknown[], col: string, value: string) {
  if (value === ALL) return;
  if (value === NONE) where.push(`${col} IS NULL`);
  else {
    where.push(`${col} = ?`);
    params.push(value);
  }
}

export async function loadComments({ reader, filters: f, directory: d }: TabContext, limit = COMMENT_PAGE_SIZE) {
  const where = ["workspace_id = ?", "rated_at >= ?", "rated_at < ?", "comment IS NOT NULL", "comment != ''"];
  const params: unknown[] = [reader.workspaceId, f.from, f.to];
  dimension(where, params, "channel_id", f.channelId);
  dimension(where, params, "team_id", f.teamId);
  dimension(where, params, "agent_id", f.agentId);
  if (f.tagId !== ALL) {
    // A conversation counts under its own tags and its contact's (as in the rollups).
    where.push("(conversation_id IN (SELECT conversation_id FROM conversation_tags WHERE tag_id = ?) OR contact_id IN (SELECT contact_id FROM contact_tags WHERE tag_id = ?))");
    params.push(f.tagId, f.tagId);
  }
  const cursor = parseCursor(f.before);
  if (cursor) {
    where.push("(rated_at < ? OR (rated_at = ? AND id < ?))");
    params.push(cursor[0], cursor[0], cursor[1]);
  }
  const rows = await reader.all<CommentRow>(
    `SELECT id, rated_at, score, comment, agent_id, channel_id FROM csat_responses WHERE ${where.join(" AND ")} ORDER BY rated_at DESC, id DESC LIMIT ?`,
    ...params,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const name = (list: Array<{ id: string; name: string }>, id: string | null) => (id === null ? "" : (list.find((n) => n.id === id)?.name ?? id));
  return {
    rows: page.map((r) => ({ at: r.rated_at, score: r.score, comment: r.comment, agent: name(d.agents, r.agent_id), channel: name(d.channels, r.channel_id) })),
    next: rows.length > limit && last ? `${last.rated_at}:${last.id}` : undefined,
  };
}
