// Which optional features a workspace uses, in ONE D1 read, kept a few seconds
// per isolate. Every customer message reaches several listeners (push, workflows,
// SLA, CSAT) that each have nothing to do in most workspaces; asking D1 once
// instead of once per listener is most of what an ingested message costs after
// the ack (issue 12's profile). A change made in this isolate is seen at once
// (the code that makes it calls forgetWorkspaceFeatures); one made elsewhere in
// production is seen within FEATURES_TTL_MS, like outbound webhook subscriptions.

import { KeptReads } from "../lib/kept-reads";

/** How long a workspace's answer is kept in this isolate. */
export const FEATURES_TTL_MS = 5_000;

/** A rated survey waits this long for its comment (src/csat/survey.ts uses it). */
export const CSAT_COMMENT_WINDOW_MS = 30 * 60 * 1000;

/** A workflow run can be waiting (question timeout, wait step) up to 7 days; 8 to be safe. */
export const WORKFLOW_RUN_HORIZON_MS = 8 * 24 * 3_600_000;

export interface WorkspaceFeatures {
  /** Someone subscribed a device to push notifications. */
  push: boolean;
  /** A workflow is published, or one ran recently enough to be waiting. */
  workflows: boolean;
  /** An SLA policy exists, or some conversation still has a target due from one since deleted. */
  sla: boolean;
  /** A channel sends the CSAT survey on resolve. */
  csatOnResolve: boolean;
  /** A survey was rated within the comment window (the next text may be its comment). */
  csatComments: boolean;
}

const FEATURES_SQL = `SELECT
  EXISTS (SELECT 1 FROM push_subscriptions WHERE workspace_id = ?1) AS push,
  EXISTS (SELECT 1 FROM workflows WHERE workspace_id = ?1 AND (published_version_id IS NOT NULL OR last_run_at > ?2 - ${WORKFLOW_RUN_HORIZON_MS})) AS workflows,
  (EXISTS (SELECT 1 FROM sla_policies WHERE workspace_id = ?1)
    OR EXISTS (SELECT 1 FROM conversations WHERE workspace_id = ?1 AND bucket IN ('active', 'snoozed', 'resolved') AND sla_due_at IS NOT NULL)) AS sla,
  EXISTS (SELECT 1 FROM csat_settings WHERE workspace_id = ?1 AND on_resolve = 1) AS csat_on_resolve,
  EXISTS (SELECT 1 FROM csat_responses WHERE workspace_id = ?1 AND rated_at >= ?2 - ${CSAT_COMMENT_WINDOW_MS}) AS csat_comments`;

interface Row {
  push: number;
  workflows: number;
  sla: number;
  csat_on_resolve: number;
  csat_comments: number;
}

const kept = new KeptReads<WorkspaceFeatures>({ ttlMs: FEATURES_TTL_MS, max: 1000 });

export function workspaceFeatures(d1: D1Database, workspaceId: string, now = Date.now()): Promise<WorkspaceFeatures> {
  return kept.get(workspaceId, now, () =>
    d1
      .prepare(FEATURES_SQL)
      .bind(workspaceId, now)
      .first<Row>()
      .then((row) => ({
        push: row?.push === 1,
        workflows: row?.workflows === 1,
        sla: row?.sla === 1,
        csatOnResolve: row?.csat_on_resolve === 1,
        csatComments: row?.csat_comments === 1,
      })),
  );
}

/** Call after a change any WorkspaceFeatures field depends on has been written to D1. */
export function forgetWorkspaceFeatures(workspaceId: string): void {
  kept.forget(workspaceId);
}
