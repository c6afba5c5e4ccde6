// The listener is at least once: the same event handled again — one after the
// other or racing — is counted once. And the real path: a customer's message
// through the webhook and the conversation's outbox lands in the rollups.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { recordEvent, reportsListener } from "../../src/reports/recorder";
import { customer, fakeLine } from "../outbound-webhooks/helpers";
import { domainEvent, message, type World, world } from "./helpers";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

let w: World;
beforeAll(async () => {
  w = await world("listener", "UTC", 2, 5);
});

async function inboundTotal(workspaceId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COALESCE(SUM(inbound), 0) AS n FROM report_messages WHERE workspace_id = ? AND grain = 'h' AND tag_id = '*' AND channel_id = '*' AND team_id = '*' AND agent_id = '*'")
    .bind(workspaceId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("idempotency", () => {
  it("an event delivered twice, or twice at once, is counted once (rollups and the response clock)", async () => {
    const conv = w.conversations[0]!;
    const at = Date.now() - 60_000;
    const received = domainEvent(w, conv, "message.received", { message: message("inbound", null, at), redelivered: false, standby: false }, at);
    await recordEvent(env.DB, received);
    await recordEvent(env.DB, received);
    expect(await inboundTotal(w.workspaceId)).toBe(1);

    const again = domainEvent(w, conv, "message.received", { message: message("inbound", null, at + 1), redelivered: false, standby: false }, at + 1);
    await Promise.all([recordEvent(env.DB, again), recordEvent(env.DB, again), recordEvent(env.DB, again)]);
    expect(await inboundTotal(w.workspaceId)).toBe(2);

    const agent = w.agents[0]!;
    const reply = domainEvent(w, conv, "message.sent", { message: message("outbound", agent.id, at + 120_000), via: "reply" }, at + 120_000, { kind: "agent", userId: agent.id, name: agent.name });
    await Promise.all([recordEvent(env.DB, reply), recordEvent(env.DB, reply)]);
    const durations = await env.DB.prepare("SELECT metric, count, sum_ms FROM report_durations WHERE workspace_id = ? AND grain = 'd' AND tag_id = '*' AND channel_id = '*' AND team_id = '*' AND agent_id = '*'")
      .bind(w.workspaceId)
      .all<{ metric: string; count: number; sum_ms: number }>();
    expect(durations.results).toEqual([{ metric: "first_response", count: 1, sum_ms: 120_000 }]);
  });

  it("is registered for every domain event type it counts", async () => {
    const { domainListeners } = await import("../../src/listeners");
    for (const type of ["message.received", "message.sent", "message.failed", "conversation.opened", "conversation.assigned", "conversation.resolved", "conversation.reopened", "contact.followed", "contact.unfollowed"] as const) {
      expect(domainListeners.listenersFor(type)).toContain(reportsListener);
    }
  });
});

describe("through the webhook", () => {
  it("a customer's follow and messages reach the rollups from the conversation's outbox", async () => {
    fakeLine();
    const yuki = customer(w, "listener-real");
    await yuki.follows();
    await yuki.says("hello");
    await yuki.says("are you there?");
    expect(await inboundTotal(w.workspaceId)).toBeGreaterThanOrEqual(4);
    const contacts = await env.DB.prepare("SELECT new_friends FROM report_contacts WHERE workspace_id = ? AND grain = 'd' AND channel_id = ? AND language = '*'")
      .bind(w.workspaceId, w.channelId)
      .first<{ new_friends: number }>();
    expect(contacts?.new_friends).toBe(1);
    const opened = await env.DB.prepare("SELECT SUM(opened) AS n FROM report_conversations WHERE workspace_id = ? AND grain = 'd' AND channel_id = ? AND tag_id = '*' AND team_id = '*' AND agent_id = '*'")
      .bind(w.workspaceId, w.channelId)
      .first<{ n: number }>();
    expect(opened?.n).toBe(1);
  });
});
