// CSV export of CSAT answers (Settings → CSAT → Download CSV): every answered
// survey of the workspace, newest first, read in keyset pages so a large
// history streams without OFFSET. Cells that a spreadsheet would run as a
// formula (= + - @) are prefixed with an apostrophe.
export const CSV_HEADER = ["rated_at", "score", "comment", "channel", "agent", "team", "contact", "conversation_id", "trigger", "sent_via", "sent_at", "response_id"];
const PAGE = 500;

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

interface Row {
  id: string;
  rated_at: number;
  score: number;
  comment: string | null;
  channel: string | null;
  agent: string | null;
  team: string | null;
  contact: string | null;
  conversation_id: string;
  trigger: string;
  sent_via: string | null;
  sent_at: number;
}

/** The CSV as a stream of pages. */
export function csatCsv(d1: D1Database, workspaceId: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: { at: number; id: string } | null = null;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${CSV_HEADER.join(",")}\r\n`));
      }
      const { results } = await d1
        .prepare(
          `SELECT r.id, r.rated_at, r.score, r.comment, ch.name AS channel, u.name AS agent, tm.name AS team, ct.display_name AS contact,
                  r.conversation_id, r.trigger, r.sent_via, r.sent_at
             FROM csat_responses r
             LEFT JOIN channels ch ON ch.id = r.channel_id LEFT JOIN users u ON u.id = r.agent_id
             LEFT JOIN teams tm ON tm.id = r.team_id LEFT JOIN contacts ct ON ct.id = r.contact_id
            WHERE r.workspace_id = ?1 AND r.rated_at IS NOT NULL AND (?2 IS NULL OR r.rated_at < ?2 OR (r.rated_at = ?2 AND r.id < ?3))
            ORDER BY r.rated_at DESC, r.id DESC LIMIT ${PAGE}`,
        )
        .bind(workspaceId, cursor?.at ?? null, cursor?.id ?? "")
        .all<Row>();
      for (const r of results) {
        const cells = [new Date(r.rated_at).toISOString(), r.score, r.comment, r.channel, r.agent, r.team, r.contact, r.conversation_id, r.trigger, r.sent_via, new Date(r.sent_at).toISOString(), r.id];
        controller.enqueue(encoder.encode(`${cells.map(csvCell).join(",")}\r\n`));
      }
      const last = results.at(-1);
      if (results.length < PAGE || !last) controller.close();
      else cursor = { at: last.rated_at, id: last.id };
    },
  });
}
