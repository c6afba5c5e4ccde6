// Helpers for the CSAT tests: a workspace and channel of their own with the
// survey switched on, a customer who chats, an agent who answers and resolves,
// and the LINE calls the app made (to the fake LINE in this isolate).
import { env } from "cloudflare:test";
import type { LineCall } from "../helpers/line";
import { forgetWorkspaceFeatures } from "../../src/db/workspace-features";
import { event } from "../helpers/line";
import { customer, fakeLine, newWorkspace, type Setup } from "../outbound-webhooks/helpers";

export async function csatWorkspace(label: string, settings: { onResolve?: number; onlyIfAgentAnswered?: number; minDaysBetween?: number; texts?: Record<string, Record<string, string>> } = {}): Promise<Setup> {
  const setup = await newWorkspace(`CSAT ${label}`, ["agent"]);
  await env.DB.prepare("INSERT INTO csat_settings (channel_id, workspace_id, on_resolve, only_if_agent_answered, min_days_between, texts, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .bind(setup.channelId, setup.workspaceId, settings.onResolve ?? 1, settings.onlyIfAgentAnswered ?? 1, settings.minDaysBetween ?? 7, JSON.stringify(settings.texts ?? {}), Date.now())
    .run();
  forgetWorkspaceFeatures(setup.workspaceId);
  return setup;
}

let seq = 0;

/** A customer with helpers to tap the survey's buttons. */
export function surveyCustomer(setup: Setup, seed: string) {
  const c = customer(setup, seed);
  return {
    ...c,
    taps(data: string, options: { mode?: "active" | "standby" } = {}) {
      const standby = options.mode === "standby";
      return c.post([event("postback", { ...(standby ? {} : { replyToken: `rt-pb-${++seq}` }), postback: { data } }, { userId: c.uid, mode: options.mode ?? "active" })]);
    },
  };
}

export async function agentAnswersAndResolves(setup: Setup, c: ReturnType<typeof surveyCustomer>, text = "Your order ships today.") {
  const agent = setup.people.agent ?? setup.admin;
  await c.stub().send({ agent: { id: agent.id, name: agent.name }, messages: [{ type: "text", text }], preview: { type: "text", text } });
  await c.stub().triage({ kind: "status", status: "resolved" }, { id: agent.id, name: agent.name });
}

/** The survey messages LINE was asked to send (reply or push), with how. */
export function sent(calls: LineCall[]): Array<{ via: "reply" | "push"; messages: Array<Record<string, unknown>> }> {
  return calls
    .filter((c) => c.path === "/v2/bot/message/reply" || c.path === "/v2/bot/message/push")
    .map((c) => ({ via: c.path.endsWith("reply") ? ("reply" as const) : ("push" as const), messages: (c.body as { messages: Array<Record<string, unknown>> }).messages }));
}

export async function responses(conversationId: string) {
  const { results } = await env.DB.prepare("SELECT * FROM csat_responses WHERE conversation_id = ? ORDER BY sent_at").bind(conversationId).all<Record<string, unknown>>();
  return results;
}

export { fakeLine };
