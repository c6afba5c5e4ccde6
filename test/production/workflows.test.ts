// Workflows with SIMULATOR unset, from an empty database: the owner creates the
// FAQ menu from its template and publishes it; a customer's first message gets
// the menu as quick-reply postbacks by the free reply token, in the customer's
// language (a Japanese LINE profile: the shipped texts were left unedited); the
// run log shows the run waiting for the answer.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { conversationKeyName } from "../../src/conversations/model";
import { drainOutbox } from "../helpers/conversations";
import { customerWrites, fakeLineCalls, provisionFakeChannel } from "./fake-line";
import { completeSetup } from "./helpers";

describe("workflows in production", { timeout: 30_000 }, () => {
  it("a published FAQ menu answers a new customer with quick replies", async () => {
    const owner = await completeSetup();
    const fake = await provisionFakeChannel("Sakura Shop JP");
    const added = await owner.post("/settings/channels", { name: "Japan", lineChannelId: fake.channelId, channelSecret: fake.channelSecret ?? "", accessToken: fake.accessToken ?? "" });
    expect(added.status).toBe(303);
    expect((await owner.post(`${added.headers.get("location") ?? ""}/webhook/set`, {}, { htmx: true })).status).toBe(200);
    const created = await owner.post("/settings/workflows", { template: "faq" });
    expect(created.status).toBe(303);
    const editor = created.headers.get("location") ?? "";
    expect((await owner.post(`${editor}/publish`, {})).status).toBe(303);

    const { chatId, delivery } = await customerWrites(fake.channelId, "山田 花子", "こんにちは");
    expect(delivery).toBe("ok 200");
    const channelRow = await env.DB.prepare("SELECT id FROM channels WHERE line_channel_id = ?").bind(fake.channelId).first<{ id: string }>();
    const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(conversationKeyName({ channelId: channelRow?.id ?? "", source: { type: "user", userId: chatId } })));
    await drainOutbox(stub, 8);
    const reply = fakeLineCalls.find((c) => c.path === "/v2/bot/message/reply");
    const message = (reply?.body as { messages: Array<{ text: string; quickReply?: { items: Array<{ action: { type: string; label: string } }> } }> } | undefined)?.messages[0];
    expect(message?.text).toBe("山田 花子さん、こんにちは！どのようなご用件でしょうか？");
    expect(message?.quickReply?.items.map((i) => [i.action.type, i.action.label])).toEqual([["postback", "営業時間"], ["postback", "配送について"], ["postback", "担当者と話す"]]);
    const runs = await (await owner.get(`${editor}/runs`)).text();
    expect(runs).toContain('data-run-status="waiting"');
  });
});
