// Reports in production (SIMULATOR unset, an empty database): the owner finds
// Reports in the menu, a customer's first message is counted live from the
// conversation's outbox, and the history backfill finishes on a young workspace.
import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { conversationKeyName } from "../../src/conversations/model";
import { drainOutbox } from "../helpers/conversations";
import { customerWrites, provisionFakeChannel } from "./fake-line";
import { completeSetup } from "./helpers";

vi.setConfig({ testTimeout: 120_000 });

describe("reports without the simulator", () => {
  it("counts a customer's message and builds an empty history", async () => {
    const owner = await completeSetup();
    const empty = await owner.get("/reports/conversations?preset=today");
    expect(empty.status).toBe(200);
    const html = await empty.text();
    expect(html).toContain('href="/reports"');
    expect(html).toContain('action="/reports/backfill"');

    const fake = await provisionFakeChannel("Reports Shop");
    const added = await owner.post("/settings/channels", { name: "Japan", lineChannelId: fake.channelId, channelSecret: fake.channelSecret ?? "", accessToken: fake.accessToken ?? "" });
    expect(added.status).toBe(303);
    expect((await owner.post(`${added.headers.get("location")}/webhook/set`, {}, { htmx: true })).status).toBe(200);
    const { chatId, delivery } = await customerWrites(fake.channelId, "山田 花子", "注文した傘はいつ届きますか？");
    expect(delivery).toBe("ok 200");
    const channel = await env.DB.prepare("SELECT id FROM channels WHERE line_channel_id = ?").bind(fake.channelId).first<{ id: string }>();
    await drainOutbox(env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(conversationKeyName({ channelId: channel?.id ?? "", source: { type: "user", userId: chatId } }))));

    const csv = await (await owner.get("/reports/export/messages?preset=today")).text();
    const totals = csv.split("\r\n").filter((line) => /^\d{4}-\d{2}-\d{2} \d{2}:00,/.test(line)).map((line) => Number(line.split(",")[1]));
    expect(totals.reduce((a, b) => a + b, 0)).toBe(1);

    expect((await owner.post("/reports/backfill", {})).status).toBe(303);
    const after = await (await owner.get("/reports/conversations")).text();
    // The owner reads Japanese (the workspace's language): the history is built from nothing, nothing is running.
    expect(after).toContain("0件の記録から過去分を集計しました");
    expect(after).not.toContain("/reports/backfill/step");
  });
});
