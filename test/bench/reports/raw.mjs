// The raw-scan queries: each tab's figures computed from the raw facts (every
// message and conversation event, CSAT answer and SLA outcome in the range), as
// reports would have to without rollups. Only their D1 rows read are compared; the figures are not shown.
const DAY_SQL = "(at + 32400000) / 86400000"; // Asia/Tokyo days, like the dataset

export function rawQueries(ws, from, to) {
  const m = (select, extra = "") => [`SELECT ${select} FROM bench_raw_messages WHERE workspace_id = ? AND at >= ? AND at < ? ${extra}`, ws, from, to];
  const e = (select, extra = "") => [`SELECT ${select} FROM bench_raw_events WHERE workspace_id = ? AND at >= ? AND at < ? ${extra}`, ws, from, to];
  return {
    conversations: [
      e(`${DAY_SQL} AS d, SUM(type = 'opened'), SUM(type = 'resolved'), SUM(type = 'reopened')`, "GROUP BY d"),
      e("channel_id, SUM(type = 'opened'), SUM(type = 'resolved')", "GROUP BY channel_id"),
      e("team_id, SUM(type = 'opened'), SUM(type = 'resolved')", "GROUP BY team_id"),
      [`SELECT t.tag_id, SUM(r.type = 'opened') FROM bench_raw_events r JOIN conversation_tags t ON t.conversation_id = r.conversation_id WHERE r.workspace_id = ? AND r.at >= ? AND r.at < ? GROUP BY t.tag_id`, ws, from, to],
      // Backlog per day: everything opened or resolved before the range's end.
      [`SELECT ${DAY_SQL} AS d, SUM(type = 'opened') - SUM(type = 'resolved') FROM bench_raw_events WHERE workspace_id = ? AND at < ? GROUP BY d`, ws, to],
    ],
    responses: [m("conversation_id, at, direction, origin", "ORDER BY conversation_id, at")],
    resolutions: [e("conversation_id, type, at", "AND type IN ('opened', 'resolved', 'reopened') ORDER BY conversation_id, at")],
    messages: [m(`${DAY_SQL} AS d, SUM(direction = 'inbound'), SUM(origin = 'agent'), SUM(origin = 'automation'), SUM(via = 'reply'), SUM(via = 'push')`, "GROUP BY d"), m("channel_id, COUNT(*)", "GROUP BY channel_id")],
    contacts: [e(`${DAY_SQL} AS d, language, SUM(type = 'followed'), SUM(type = 'unfollowed')`, "AND type IN ('followed', 'unfollowed') GROUP BY d, language")],
    csat: [
      [`SELECT (rated_at + 32400000) / 86400000 AS d, score, COUNT(*), SUM(comment IS NOT NULL) FROM csat_responses WHERE workspace_id = ? AND rated_at >= ? AND rated_at < ? GROUP BY d, score`, ws, from, to],
      [`SELECT agent_id, score, COUNT(*) FROM csat_responses WHERE workspace_id = ? AND rated_at >= ? AND rated_at < ? GROUP BY agent_id, score`, ws, from, to],
      [`SELECT team_id, score, COUNT(*) FROM csat_responses WHERE workspace_id = ? AND rated_at >= ? AND rated_at < ? GROUP BY team_id, score`, ws, from, to],
      // The comments' first page is read from the answers either way.
      [`SELECT id, rated_at, score, comment FROM csat_responses WHERE workspace_id = ? AND rated_at >= ? AND rated_at < ? AND comment IS NOT NULL ORDER BY rated_at DESC, id DESC LIMIT 26`, ws, from, to],
    ],
    sla: [
      [`SELECT ${DAY_SQL} AS d, kind, outcome, COUNT(*) FROM sla_events WHERE workspace_id = ? AND at >= ? AND at < ? GROUP BY d, kind, outcome`, ws, from, to],
      [`SELECT assignee_id, kind, outcome, COUNT(*) FROM sla_events WHERE workspace_id = ? AND at >= ? AND at < ? GROUP BY assignee_id, kind, outcome`, ws, from, to],
      [`SELECT team_id, kind, outcome, COUNT(*) FROM sla_events WHERE workspace_id = ? AND at >= ? AND at < ? GROUP BY team_id, kind, outcome`, ws, from, to],
    ],
    agents: [m("agent_id, conversation_id, at, direction, origin", "ORDER BY conversation_id, at"), e("agent_id, SUM(type = 'assigned'), SUM(type = 'resolved')", "GROUP BY agent_id"), [`SELECT agent_id, score, COUNT(*) FROM csat_responses WHERE workspace_id = ? AND rated_at >= ? AND rated_at < ? GROUP BY agent_id, score`, ws, from, to]],
  };
}

export async function rawRowsRead(db, queries) {
  let rows = 0;
  for (const [sql, ...params] of queries) {
    // Counted, not returned: the scan is the same, and a million result rows would not fit through the local binding.
    const result = await db.prepare(`SELECT COUNT(*) AS n FROM (${sql})`).bind(...params).all();
    rows += Number(result.meta?.rows_read ?? 0);
  }
  return rows;
}
