// CSAT and SLA with SIMULATOR unset, from an empty database: the owner sets up
// the workspace, adds a channel, switches the survey on and adds an SLA policy
// in Settings; a customer writes (the row shows when the first response is
// due); an agent answers and resolves; the survey goes to the fake LINE in the
// customer's language, and the first response counts as met.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { conversationKeyName } from "../../src/conversations/model";
import { drainOutbox } from "../helpers/conversations";
import { customerWrites, fakeLineCalls, provisionFakeChannel } from "./fake-line";
import { completeSetup } from "./helpers";

describe("CSAT and SLA in production mode", () => {
  it("an empty database to a survey in LINE and an SLA met", { timeout: 60_000 }, async () => {
    const owner = await completeSetup();
    const fake = await provisionFakeChannel("Sakura Shop JP");
    const added = await owner.post("/settings/channels", { name: "Japan", lineChannelId: fake.channelId, channelSecret: fake.channelSecret ?? "", accessToken: fake.accessToken ?? "" });
    expect(added.status).toBe(303);
    // LINE's webhook URL set from the channel page, so the customer's messages reach linedesk.
    expect((await owner.post(`${added.headers.get("location")}/webhook/set`, {}, { htmx: true })).status).toBe(200);
    const channelId = (await env.DB.prepare("SELECT id FROM channels WHERE line_channel_id = ?").bind(fake.channelId).first<{ id: string }>())?.id ?? "";

    expect((await owner.post("/settings/csat", { channelId, onResolve: "on", onlyIfAgentAnswered: "on", minDaysBetween: "7" })).status).toBe(303);
    expect((await owner.post("/settings/sla", { name: "Everyone", position: "1", firstResponseMinutes: "30" })).status).toBe(303);

    const { chatId, delivery } = await customerWrites(fake.channelId, "山田 花子", "傘の色を変更できますか？");
    expect(delivery).toBe("ok 200");
    const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(conversationKeyName({ channelId, source: { type: "user", userId: chatId } })));
    await drainOutbox(stub, 8);
    const row = await env.DB.prepare("SELECT id, sla_due_at FROM conversations WHERE channel_id = ?").bind(channelId).first<{ id: string; sla_due_at: number | null }>();
    expect(row?.sla_due_at).toBeTypeOf("number");

    const ownerRow = await env.DB.prepare("SELECT id, name FROM users LIMIT 1").first<{ id: string; name: string }>();
    const agent = { id: ownerRow?.id ?? null, name: ownerRow?.name ?? "" };
    await stub.send({ agent, messages: [{ type: "text", text: "はい、変更できます。" }], preview: { type: "text", text: "はい、変更できます。" } });
    await stub.triage({ kind: "status", status: "resolved" }, agent);
    await drainOutbox(stub, 8);

    const survey = fakeLineCalls.filter((c) => c.path === "/v2/bot/message/push" || c.path === "/v2/bot/message/reply").map((c) => JSON.stringify(c.body)).find((b) => b.includes("csat:"));
    expect(survey).toContain("本日のサポートはいかがでしたか？");
    const met = await env.DB.prepare("SELECT kind, outcome FROM sla_events WHERE conversation_id = ?").bind(row?.id ?? "").all();
    expect(met.results).toEqual([{ kind: "first_response", outcome: "met" }]);
  });
});
