// Helpers for the workflow tests: a published workflow on a test channel, a
// team with an online agent, the conversation's workflow timer made due, and
// the LINE messages a conversation sent.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { newId } from "../../src/lib/ids";
import type { Step, Trigger } from "../../src/workflows/definition";
import { createWorkflow, findWorkflow, publish, saveDraft } from "../../src/workflows/store";
import { createUser } from "../helpers/users";
import { drain, type TestChannel } from "../automation/helpers";

export async function publishedWorkflow(channel: TestChannel, name: string, trigger: Trigger, steps: Step[]): Promise<string> {
  const ctx = { workspaceId: channel.workspaceId, actorId: null };
  const id = await createWorkflow(env.DB, ctx, name, { trigger, steps });
  const wf = await findWorkflow(env.DB, channel.workspaceId, id);
  if (!wf) throw new Error("workflow vanished");
  const result = await publish(env.DB, ctx, wf);
  if ("problems" in result) throw new Error(result.problems.join("; "));
  return id;
}

export async function republish(workspaceId: string, id: string, steps: Step[]): Promise<void> {
  const wf = await findWorkflow(env.DB, workspaceId, id);
  if (!wf) throw new Error("workflow vanished");
  await saveDraft(env.DB, workspaceId, id, { draft: { ...wf.draft, steps } });
  const again = await findWorkflow(env.DB, workspaceId, id);
  if (!again) throw new Error("workflow vanished");
  const result = await publish(env.DB, { workspaceId, actorId: null }, again);
  if ("problems" in result) throw new Error(result.problems.join("; "));
}

/** A team with one online agent (and one offline), both active. */
export async function teamWithOnlineAgent(workspaceId: string, name: string) {
  const teamId = newId("team");
  await env.DB.prepare("INSERT INTO teams (id, workspace_id, name, created_at) VALUES (?, ?, ?, ?)").bind(teamId, workspaceId, `${name} ${teamId.slice(-5)}`, Date.now()).run();
  const online = await createUser({ workspaceId, name: `${name} online` });
  const offline = await createUser({ workspaceId, name: `${name} offline` });
  await env.DB.prepare("UPDATE users SET availability = 'online' WHERE id = ?").bind(online.id).run();
  for (const u of [online, offline]) await env.DB.prepare("INSERT INTO team_members (team_id, user_id) VALUES (?, ?)").bind(teamId, u.id).run();
  return { teamId, online, offline };
}

/** Makes the conversation's workflow timer due now and runs the alarm (time passing, without sleeping). */
export async function fireWorkflowTimer(stub: DurableObjectStub): Promise<void> {
  await runInDurableObject(stub, (_i: ConversationDO, state) => state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE id = 'timer:workflows:step'"));
  await runDurableObjectAlarm(stub);
  await drain(stub);
}

export async function runRows(workflowId: string) {
  return (await env.DB.prepare("SELECT * FROM workflow_runs WHERE workflow_id = ? ORDER BY started_at").bind(workflowId).all<Record<string, unknown>>()).results;
}

export async function logKinds(workflowId: string): Promise<string[]> {
  return (await env.DB.prepare("SELECT kind FROM workflow_run_log WHERE workflow_id = ? ORDER BY at, id").bind(workflowId).all<{ kind: string }>()).results.map((r) => r.kind);
}

/** Postback data of the quick-reply option labelled `label` in the latest question sent. */
export function postbackOf(messages: Array<Record<string, unknown>>, label: string): string {
  for (const m of [...messages].reverse()) {
    const items = (m.quickReply as { items?: Array<{ action: { label: string; data: string } }> } | undefined)?.items ?? [];
    const tmpl = (m.template as { actions?: Array<{ label: string; data: string }> } | undefined)?.actions ?? [];
    const hit = [...items.map((i) => i.action), ...tmpl].find((a) => a.label === label);
    if (hit) return hit.data;
  }
  throw new Error(`no option ${label}`);
}
