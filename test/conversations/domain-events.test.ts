// Domain events with their origin, as listeners see them: a postback is the
// customer's; an automated answer is automation's and never triggers a rule
// again; a tag added or taken off through the API is the API's. Events are read from the
// conversation's outbox before the alarm hands them to the listeners.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import type { DomainEvent } from "../../src/conversations/events";
import { newId } from "../../src/lib/ids";
import { api, customerConversation, insertToken } from "../api/helpers";
import { event, postWebhook, webhookBody } from "../helpers/line";
import { allDueNow, editMeta } from "../helpers/conversations";
import { demoWorkspaceId } from "../helpers/users";
import { addRule, customer, drain, fakeLine, newChannel, sends } from "../automation/helpers";

let restore: (() => void) | null = null;
afterEach(() => restore?.());

/** The domain events waiting for a conversation's listeners, oldest first. */
async function queuedEvents(stub: DurableObjectStub<ConversationDO>): Promise<DomainEvent[]> {
  return runInDurableObject(stub, (_i: ConversationDO, state) =>
    state.storage.sql
      .exec("SELECT payload FROM events ORDER BY seq")
      .toArray()
      .map((r) => (JSON.parse(String(r.payload)) as { event: DomainEvent }).event),
  );
}

describe("domain events", () => {
  it("a tapped postback is postback.received from the customer, with its data and picker params", async () => {
    const routed = fakeLine();
    restore = routed.restore;
    const channel = await newChannel("Postback OA");
    const c = customer(channel, "postback");
    const postback = event("postback", { replyToken: "rt-pb", postback: { data: "action=menu&item=faq", params: { date: "2026-12-24" } } }, { userId: c.uid });
    const res = await postWebhook(webhookBody([postback]), { channelId: channel.lineChannelId });
    expect(res.status).toBe(200);
    const events = await queuedEvents(c.stub());
    const tapped = events.find((e) => e.type === "postback.received");
    expect(tapped).toMatchObject({ origin: { kind: "customer" }, lineUserId: c.uid, data: { data: "action=menu&item=faq", params: { date: "2026-12-24" }, standby: false } });
    await drain(c.stub());
    // Nothing answers a postback by itself (keyword rules read typed text only).
    expect(sends(routed.calls)).toEqual([]);
  });

  it("an automated answer is message.sent with origin automation and never triggers a keyword rule again", async () => {
    const routed = fakeLine();
    restore = routed.restore;
    const channel = await newChannel("Loop OA");
    // The reply contains its own keyword: a loop if automated messages counted as triggers.
    await addRule(channel, { name: "Price", keywords: ["price"], matchMode: "contains", reply: { messages: [{ type: "text", text: "Our price list: price.example" }], quickReplies: [] } });
    const c = customer(channel, "loop");
    await c.says("price?");
    expect(sends(routed.calls)).toEqual([{ via: "reply", messages: [{ type: "text", text: "Our price list: price.example" }] }]);
    const [answer] = (await c.thread()).filter((m) => m.direction === "outbound");
    expect(answer?.origin).toEqual({ kind: "automation", rule: "Keyword: Price" });
    // Run everything that is left (and once more): still exactly one answer.
    await drain(c.stub());
    expect(sends(routed.calls)).toHaveLength(1);

    // The event listeners got for it: message.sent, origin automation.
    const stub = c.stub();
    await postWebhook(webhookBody([event("message", { replyToken: "rt-2", message: { type: "text", id: "loop-2", text: "price again", quoteToken: "q" } }, { userId: c.uid })]), { channelId: channel.lineChannelId });
    await allDueNow(stub);
    await runDurableObjectAlarm(stub);
    const sent = (await queuedEvents(stub)).filter((e) => e.type === "message.sent");
    expect(sent.map((e) => e.origin)).toEqual([{ kind: "automation", rule: "Keyword: Price" }]);
  });

  it("a tag added through the API is tag.added with origin api; taking it off is tag.removed", async () => {
    const workspaceId = await demoWorkspaceId();
    const tagId = newId("tag");
    await env.DB.prepare("INSERT INTO tags (id, workspace_id, name, color, created_at) VALUES (?, ?, 'VIP', 'violet', 0)").bind(tagId, workspaceId).run();
    const token = await insertToken(workspaceId, { name: "CRM" });
    const { id, stub } = await customerConversation("events-tag");
    // Hold the conversation's event run an hour, so its outbox still has what the calls queued when read below.
    await editMeta(stub, "eventsRanAt", () => Date.now() + 3_600_000);
    expect((await api(token.token).send("POST", `/conversations/${id}/tags`, { tagId })).status).toBe(200);
    const tagged = (await queuedEvents(stub)).filter((e) => e.type === "tag.added");
    expect(tagged).toMatchObject([{ origin: { kind: "api", tokenId: token.id }, data: { target: "conversation", tag: { id: tagId, name: "VIP" } } }]);
    // Adding it again changes nothing and says nothing.
    await api(token.token).send("POST", `/conversations/${id}/tags`, { tagId });
    expect((await queuedEvents(stub)).filter((e) => e.type === "tag.added")).toHaveLength(1);

    expect((await api(token.token).send("DELETE", `/conversations/${id}/tags/${tagId}`)).status).toBe(200);
    const untagged = (await queuedEvents(stub)).filter((e) => e.type === "tag.removed");
    expect(untagged).toMatchObject([{ origin: { kind: "api", tokenId: token.id }, data: { target: "conversation", tag: { id: tagId, name: "VIP" } } }]);
    // A tag it no longer has: nothing to say.
    await api(token.token).send("DELETE", `/conversations/${id}/tags/${tagId}`);
    expect((await queuedEvents(stub)).filter((e) => e.type === "tag.removed")).toHaveLength(1);
  });
});
