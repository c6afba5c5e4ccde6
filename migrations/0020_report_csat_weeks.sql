-- CSAT rollups gain weekly rows (grain 'w', bucket = day number of the local
-- Monday): a per-agent breakdown over a month reads ~6 rows per agent, not 30.
-- New answers write them as they are counted; this derives them for the answers
-- counted so far from the daily rows. A daily bucket is a local midnight, so
-- (bucket + 13.75 h) / 1 day is its local day number for UTC offsets from
-- -10:15 to +13:45: every zone but a few Pacific islands (UTC-11, -12, +14),
-- where a Monday's answers counted before this migration land in the week before.
-- Rows that exist already are left alone, so running it again changes nothing.
INSERT INTO report_csat (workspace_id, grain, bucket, tag_id, channel_id, team_id, agent_id, score_1, score_2, score_3, score_4, score_5, commented)
SELECT workspace_id, 'w', day - ((day + 3) % 7) AS week, tag_id, channel_id, team_id, agent_id,
  SUM(score_1), SUM(score_2), SUM(score_3), SUM(score_4), SUM(score_5), SUM(commented)
FROM (SELECT *, (bucket + 49500000) / 86400000 AS day FROM report_csat WHERE grain = 'd')
GROUP BY workspace_id, week, tag_id, channel_id, team_id, agent_id
ON CONFLICT DO NOTHING;
