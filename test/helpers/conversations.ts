// Finding the Durable Object and index row behind a LINE source, as the webhook does.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import type { MetaKey, MetaValue } from "../../src/conversations/meta";
import { conversationKeyName, type ConversationKey } from "../../src/conversations/model";
import type { ConversationRuntime } from "../../src/conversations/runtime";
import { CHANNEL_ID } from "./line";

export async function channelRowId(): Promise<string> {
  const row = await env.DB.prepare("SELECT id FROM channels WHERE line_channel_id = ?").bind(CHANNEL_ID).first<{ id: string }>();
  if (!row) throw new Error("default channel missing: did a request run ensureBootstrap?");
  return row.id;
}

export async function conversationOf(source: ConversationKey["source"]) {
  const id = env.CONVERSATIONS.idFromName(conversationKeyName({ channelId: await channelRowId(), source }));
  return { id: id.toString(), stub: env.CONVERSATIONS.get(id) };
}

/**
 * Runs the DO's alarm until its outbox is done (bounded), like the runtime
 * would. A busy conversation's index refresh and domain events wait for the
 * next run, an interval after the last (runtime.ts AFTER_ACK_INTERVAL_MS); time
 * is moved past that wait rather than slept through (retries keep their backoff).
 * Other timers (snooze wake-ups, delivery retries) keep their times.
 */
export async function drainOutbox(stub: DurableObjectStub, rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await runInDurableObject(stub, (_instance: unknown, state: DurableObjectState) => {
      state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE kind = 'index'; UPDATE events SET next_at = 0 WHERE attempts = 0");
    });
    if (!(await runDurableObjectAlarm(stub))) return;
  }
}

/** Makes every job and event the conversation has queued due now (time moved, not slept through). */
export async function allDueNow(stub: DurableObjectStub): Promise<void> {
  await runInDurableObject(stub, (_instance: unknown, state: DurableObjectState) => {
    state.storage.sql.exec("UPDATE outbox SET next_at = 0; UPDATE events SET next_at = 0");
  });
}

export async function indexRow(conversationId: string) {
  return env.DB.prepare("SELECT * FROM conversations WHERE id = ?").bind(conversationId).first<Record<string, unknown>>();
}

/**
 * Changes one meta value of a conversation as time passing would (an older reply
 * token, a snooze that ran out): through the conversation's store, which keeps
 * meta in memory, never by editing its SQLite table behind its back.
 */
export async function editMeta<K extends MetaKey>(stub: DurableObjectStub, key: K, edit: (value: MetaValue<K> | null) => MetaValue<K> | null): Promise<void> {
  await runInDurableObject(stub, (instance: ConversationDO) => {
    const { store } = runtimeOf(instance);
    store.setMeta(key, edit(store.getMeta(key)));
  });
}

/** The runtime inside a ConversationDO (runInDurableObject's instance), for tests that look at what it keeps in memory. */
export function runtimeOf(instance: ConversationDO): ConversationRuntime {
  return (instance as unknown as { rt: ConversationRuntime }).rt;
}

/** Opens a workspace's live inbox feed as `userId`, collecting its frames as they arrive. */
export async function openInboxFeed<Frame = { type: string }>(workspaceId: string, userId: string): Promise<{ ws: WebSocket; frames: Frame[] }> {
  const feed = env.WORKSPACES.get(env.WORKSPACES.idFromName(workspaceId));
  const res = await feed.fetch(`https://workspace/live?user=${userId}`, { headers: { upgrade: "websocket" } });
  const ws = res.webSocket;
  if (res.status !== 101 || !ws) throw new Error(`the inbox feed answered ${res.status}, not a WebSocket`);
  const frames: Frame[] = [];
  ws.addEventListener("message", (e) => frames.push(JSON.parse(String(e.data)) as Frame));
  ws.accept();
  return { ws, frames };
}
