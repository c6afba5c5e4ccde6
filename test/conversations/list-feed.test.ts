// The inbox list row of a busy conversation: its D1 index write waits for the next
// batch (runtime.ts AFTER_ACK_INTERVAL_MS), but open inboxes see a customer's message
// at once, announced at ingest from the conversation's own state, and notify once.
import { afterEach, describe, expect, it } from "vitest";
import { conversationOf, drainOutbox, editMeta, indexRow, openInboxFeed } from "../helpers/conversations";
import { postWebhook, routeLineToSimulator, textEvent, userId, webhookBody } from "../helpers/line";

let restore: (() => void) | null = null;
afterEach(() => restore?.());

interface ListFrame {
  type: string;
  id?: string;
  inbound?: boolean;
  preview?: string;
  unread?: number;
}

/** Waits (bounded) for a frame; a bug fails the test rather than hanging it. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe("the inbox list row of a busy conversation", () => {
  it("reaches open inboxes when the message is stored, before the index write, with one notification per message", async () => {
    restore = routeLineToSimulator((call) => (call.path.startsWith("/v2/bot/profile/") ? Response.json({ userId: call.path.split("/").pop(), displayName: "Busy Nok" }) : null)).restore;
    const uid = userId("list-feed-busy");
    await postWebhook(webhookBody([textEvent("first", { userId: uid })]));
    const { id, stub } = await conversationOf({ type: "user", userId: uid });
    await drainOutbox(stub);
    const workspaceId = String((await indexRow(id))?.workspace_id);
    const inbox = await openInboxFeed<ListFrame>(workspaceId, "usr_list_feed");
    await until(() => inbox.frames.some((f) => f.type === "ready"));
    const rows = () => inbox.frames.filter((f) => f.type === "conversation" && f.id === id);

    // Nobody had the inbox open at the last index write: this message waits for its run.
    await postWebhook(webhookBody([textEvent("second", { userId: uid })]));
    await drainOutbox(stub);
    await until(() => rows().length >= 1);
    expect(rows().map((f) => [f.preview, f.inbound])).toEqual([["second", true]]);

    // Now an inbox is open and the index was just written (as if a moment ago, with time to
    // spare before the next write, so no alarm gets there first): the next message's row goes
    // out at ingest, while D1 still has the one before.
    await editMeta(stub, "indexedAt", () => Date.now() + 60_000);
    await postWebhook(webhookBody([textEvent("third <b>", { userId: uid })]));
    await until(() => rows().length >= 2);
    expect(rows()[1]).toMatchObject({ preview: "third <b>", inbound: true, unread: 3 });
    expect((await indexRow(id))?.last_message_preview).toBe("second");

    // The index write then publishes the same row again, without a second notification.
    await drainOutbox(stub);
    await until(() => rows().length >= 3);
    expect(rows().map((f) => [f.preview, f.inbound])).toEqual([["second", true], ["third <b>", true], ["third <b>", false]]);
    expect((await indexRow(id))?.last_message_preview).toBe("third <b>");
    inbox.ws.close(1000, "done");
  });
});
