// Storing a message answers it without reading its row back (issue 12: that read cost
// about a quarter of an ingest). The answer must be exactly what a later read of the row
// gives — the thread, live updates and domain events all start from it.
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { ThreadStore } from "../../src/conversations/store";

describe("a stored message's answer", () => {
  it("is what reading its row back gives, for received, outbound and system lines", async () => {
    const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName("inserted-message"));
    const seen = await runInDurableObject(stub, (_i: ConversationDO, state) => {
      const store = new ThreadStore(state.storage.sql);
      const ann = `U${"a".repeat(32)}`;
      store.setProfile(ann, { displayName: "Ann <Shop>" }, 1);
      const received = store.insertReceived({
        id: "msg_in",
        webhookEventId: "wev_1",
        lineMessageId: "5001",
        direction: "inbound",
        body: { type: "text", text: "Is the blue one back? \u{1F600}", emojis: [{ index: 0, length: 6, productId: "p", emojiId: "001" }] },
        senderLineUserId: ann,
        status: "received",
        markAsReadToken: "mark",
        quoteToken: "quote-1",
        createdAt: 1_700_000_000_000,
        redelivered: true,
        standby: true,
        answer: true,
      });
      const stranger = store.insertReceived({ id: "msg_in2", webhookEventId: "wev_2", direction: "inbound", body: { type: "sticker", packageId: "446", stickerId: "1988", stickerResourceType: "STATIC" }, senderLineUserId: `U${"b".repeat(32)}`, status: "received", createdAt: 2 });
      const redelivery = store.insertReceived({ id: "msg_in3", webhookEventId: "wev_1", direction: "inbound", body: { type: "text", text: "again" }, status: "received", createdAt: 3 });
      const outbound = store.insertOutbound({
        id: "msg_out",
        direction: "outbound",
        body: { type: "text", text: "Yes, from Friday." },
        agentId: "usr_1",
        agentName: "Aom",
        status: "pending",
        retryKey: "6f1c2b7e-0000-4000-8000-000000000000",
        payload: [{ type: "text", text: "Yes, from Friday." }],
        createdAt: 4,
        origin: { kind: "agent", userId: "usr_1", name: "Aom" },
      });
      const seq = store.insert({ id: "msg_sys", direction: "system", body: { type: "activity", action: "reopened", text: "Reopened", actorName: null }, status: "received", createdAt: 5 });
      return { received, stranger, redelivery, outbound, seq, read: ["msg_in", "msg_in2", "msg_out", "msg_sys"].map((id) => store.get(id)) };
    });
    expect(seen.redelivery).toBeNull();
    expect(seen.received).toEqual(seen.read[0]);
    expect(seen.received).toMatchObject({ senderName: "Ann <Shop>", redelivered: true, standby: true, quoteToken: "quote-1", answer: true });
    expect(seen.stranger).not.toHaveProperty("answer");
    expect(seen.stranger).toEqual(seen.read[1]);
    expect(seen.stranger?.senderName).toBeNull();
    expect(seen.outbound).toEqual(seen.read[2]);
    expect(seen.outbound.origin).toEqual({ kind: "agent", userId: "usr_1", name: "Aom" });
    expect(seen.seq).toBe(seen.read[3]?.seq);
    // Each line comes after the one before (an ignored redelivery may use up a seq).
    const seqs = seen.read.map((m) => m?.seq ?? 0);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(4);
  });
});
