// Helpers for the automation tests: a channel of its own per test (so settings
// and the cron's state never leak between tests), settings and rules written
// the way the settings pages write them, customers writing to that channel,
// LINE answered in-process (reply and push accepted, profiles named), and the
// cron driven with explicit times through the Worker's scheduled() handler.
import { createExecutionContext, createScheduledController, env, runDurableObjectAlarm, runInDurableObject, SELF, waitOnExecutionContext } from "cloudflare:test";
import { drainOutbox, editMeta } from "../helpers/conversations";
import { saveSettings, type SettingsChange } from "../../src/automation/settings";
import { createRule, type RuleInput } from "../../src/automation/rules";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { conversationKeyName, type ThreadMessage } from "../../src/conversations/model";
import type { WeeklyHours } from "../../src/db/schema/automation";
import worker from "../../src/index";
import { encryptSecret } from "../../src/lib/crypto";
import { newId } from "../../src/lib/ids";
import { CHANNEL_SECRET, event, type LineCall, postWebhook, routeLineToSimulator, textEvent, userId, webhookBody } from "../helpers/line";
import { demoWorkspaceId } from "../helpers/users";

export const ALWAYS_OPEN: WeeklyHours = Array.from({ length: 7 }, () => [{ start: 0, end: 1440 }]);
export const ALWAYS_CLOSED: WeeklyHours = Array.from({ length: 7 }, () => []);

export interface TestChannel {
  id: string;
  lineChannelId: string;
  workspaceId: string;
}

let seq = 0;

/** A fresh channel in the demo workspace (same secret and token as the default one). */
export async function newChannel(name = "Automation test OA"): Promise<TestChannel> {
  const workspaceId = await demoWorkspaceId();
  const lineChannelId = `3${String(Date.now()).slice(-6)}${String(++seq).padStart(3, "0")}`;
  const id = newId("ch");
  await env.DB.prepare("INSERT INTO channels (id, workspace_id, name, line_channel_id, channel_secret_enc, access_token_enc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .bind(id, workspaceId, name, lineChannelId, await encryptSecret(env.APP_SECRET, CHANNEL_SECRET), await encryptSecret(env.APP_SECRET, env.LINE_CHANNEL_ACCESS_TOKEN ?? ""), Date.now())
    .run();
  return { id, lineChannelId, workspaceId };
}

export async function configure(channel: TestChannel, change: SettingsChange): Promise<void> {
  await saveSettings(env.DB, { workspaceId: channel.workspaceId, actorId: "usr_test" }, channel.id, change, "test");
}

export async function addRule(channel: TestChannel, input: Partial<RuleInput> & Pick<RuleInput, "keywords">) {
  return createRule(env.DB, { workspaceId: channel.workspaceId, actorId: "usr_test" }, channel.id, {
    name: input.name ?? input.keywords[0] ?? "rule",
    matchMode: "exact",
    priority: 10,
    activeWindow: "always",
    reply: { messages: [{ type: "text", text: `Answer to ${input.keywords[0]}` }], quickReplies: [] },
    enabled: true,
    ...input,
  });
}

/** Sets every user of the workspace offline, then `online` of them online. */
export async function setAgentsOnline(workspaceId: string, online: number): Promise<void> {
  await env.DB.prepare("UPDATE users SET availability = 'offline' WHERE workspace_id = ?").bind(workspaceId).run();
  if (online > 0) await env.DB.prepare("UPDATE users SET availability = 'online' WHERE id IN (SELECT id FROM users WHERE workspace_id = ? AND active = 1 ORDER BY created_at LIMIT ?)").bind(workspaceId, online).run();
}

/** LINE answered in-process: reply and push succeed, profiles have a name. */
export function fakeLine(displayName = "Yuki") {
  return routeLineToSimulator((call: LineCall) => {
    if (call.path === "/v2/bot/message/reply" || call.path === "/v2/bot/message/push") return Response.json({ sentMessages: [] });
    if (call.path.startsWith("/v2/bot/profile/")) return Response.json({ userId: call.path.split("/").pop(), displayName });
    return null;
  });
}

export function sends(calls: LineCall[]): Array<{ via: "reply" | "push"; messages: Array<Record<string, unknown>> }> {
  return calls
    .filter((c) => c.path === "/v2/bot/message/reply" || c.path === "/v2/bot/message/push")
    .map((c) => ({ via: c.path.endsWith("reply") ? ("reply" as const) : ("push" as const), messages: (c.body as { messages: Array<Record<string, unknown>> }).messages }));
}

export function sentTexts(calls: LineCall[]): string[] {
  return sends(calls).flatMap((s) => s.messages.filter((m) => m.type === "text").map((m) => String(m.text)));
}

export function customer(channel: TestChannel, seed: string) {
  const uid = userId(`${seed}-${++seq}`);
  const source = { type: "user" as const, userId: uid };
  const stub = () => env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(conversationKeyName({ channelId: channel.id, source })));
  return {
    uid,
    stub,
    id: () => stub().id.toString(),
    /** Posts the events to the channel's webhook and runs the conversation's outbox until it is empty. */
    async send(events: unknown[]): Promise<void> {
      const res = await postWebhook(webhookBody(events), { channelId: channel.lineChannelId });
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      await drain(stub());
    },
    says(text: string, o: Parameters<typeof textEvent>[1] = {}) {
      return this.send([textEvent(text, { userId: uid, ...o })]);
    },
    follows(isUnblocked = false) {
      return this.send([event("follow", { replyToken: `rt-follow-${++seq}`, follow: { isUnblocked } }, { userId: uid })]);
    },
    async thread(): Promise<ThreadMessage[]> {
      return (await stub().thread({ limit: 200 })).messages;
    },
  };
}

/** Runs the conversation's alarm until its outbox is empty, as time passing would (see drainOutbox). */
export function drain(stub: DurableObjectStub, rounds = 8): Promise<void> {
  return drainOutbox(stub, rounds);
}

/** Moves every stored time in a conversation back by `ms` (messages, automation state), as if that long had passed. */
export async function ageConversation(stub: DurableObjectStub, ms: number): Promise<void> {
  await runInDurableObject(stub, (_i: ConversationDO, state) => {
    state.storage.sql.exec("UPDATE messages SET created_at = created_at - ?", ms);
  });
  await editMeta(stub, "automation", (state) => {
    if (!state) return state;
    const aged = { ...state };
    for (const key of ["awaitingSince", "lastAgentAt", "awaySentAt", "noAgentSentAt", "closedInboundAt", "openAgainSentAt", "greetedAt"]) {
      const at = aged[key];
      if (typeof at === "number") aged[key] = at - ms;
    }
    return aged;
  });
}

/** Runs the Worker's scheduled() handler as Cron would at `at` (every-minute trigger unless told). */
export async function runCron(at: number, cron = "* * * * *"): Promise<void> {
  const controller = createScheduledController({ scheduledTime: new Date(at), cron });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
}

export async function settingsRow(channel: TestChannel) {
  return env.DB.prepare("SELECT * FROM automation_settings WHERE channel_id = ?").bind(channel.id).first<Record<string, unknown>>();
}

export { SELF };
