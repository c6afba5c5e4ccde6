// Sending through the API like the composer does (text with quick replies, a
// free sticker; LINE's sender name only when asked), validation errors, and
// private notes that agents see in the thread and LINE never does.
import { beforeAll, describe, expect, it } from "vitest";
import { routeLineToSimulator } from "../helpers/line";
import { demoWorkspaceId } from "../helpers/users";
import { type Api, api, customerConversation, errorOf, insertToken } from "./helpers";

/** LINE accepts every reply and push (the simulator does not know the test's reply tokens). */
const acceptSends = () =>
  routeLineToSimulator((call) => (call.path === "/v2/bot/message/reply" || call.path === "/v2/bot/message/push" ? new Response(JSON.stringify({ sentMessages: [] }), { status: 200 }) : null));

let shopify: Api;

beforeAll(async () => {
  shopify = api((await insertToken(await demoWorkspaceId(), { name: "Shopify orders" })).token);
});

interface MessageJson {
  id: string;
  seq: number;
  direction: string;
  status: string;
  via: string | null;
  body: Record<string, unknown>;
  sender: Record<string, unknown>;
}

const sentPayloads = (calls: Array<{ path: string; body: unknown }>) =>
  calls.filter((c) => c.path === "/v2/bot/message/reply" || c.path === "/v2/bot/message/push").flatMap((c) => (c.body as { messages: Array<Record<string, unknown>> }).messages);

describe("sending", () => {
  it("sends a text with quick-reply buttons, shown in the thread as the token", async () => {
    const { id } = await customerConversation("api-msg-quick", "When does my order arrive?");
    const line = acceptSends();
    const res = await shopify.send("POST", `/conversations/${id}/messages`, { text: "Which order?", quickReplies: [{ label: "The red shoes" }, { label: "Other", text: "Another order" }] });
    expect(res.status).toBe(201);
    const { data } = await res.json<{ data: MessageJson }>();
    expect(data).toMatchObject({ direction: "outbound", status: "sent", via: "reply", sender: { type: "agent", name: "API · Shopify orders" } });
    const [sent] = sentPayloads(line.calls);
    expect(sent).toEqual({
      type: "text",
      text: "Which order?",
      quickReply: {
        items: [
          { type: "action", action: { type: "message", label: "The red shoes", text: "The red shoes" } },
          { type: "action", action: { type: "message", label: "Other", text: "Another order" } },
        ],
      },
    });
    const thread = await (await shopify.get(`/conversations/${id}/messages`)).json<{ data: MessageJson[] }>();
    expect(thread.data.at(-1)?.body).toMatchObject({ type: "text", text: "Which order?", quickReplies: [{ label: "The red shoes", text: "The red shoes" }, { label: "Other", text: "Another order" }] });
  });

  it("sends a free sticker with the sender name the caller chose", async () => {
    const { id } = await customerConversation("api-msg-sticker");
    const line = acceptSends();
    const res = await shopify.send("POST", `/conversations/${id}/messages`, { type: "sticker", packageId: "446", stickerId: "1988", senderName: "Aom" });
    expect(res.status).toBe(201);
    expect(sentPayloads(line.calls)).toEqual([{ type: "sticker", packageId: "446", stickerId: "1988", sender: { name: "Aom" } }]);
  });

  it("refuses what LINE or the composer would refuse, with the field named", async () => {
    const { id } = await customerConversation("api-msg-invalid");
    const line = acceptSends();
    const post = (body: unknown) => shopify.send("POST", `/conversations/${id}/messages`, body);
    expect(await errorOf(await post({ text: "" }))).toBe("text: text must not be empty");
    expect(await errorOf(await post({ type: "sticker", packageId: "1", stickerId: "1" }))).toBe("stickerId: LINE only lets accounts send stickers from its free sticker list");
    expect(await errorOf(await post({ text: "hi", quickReplies: [{ label: "x".repeat(21) }] }))).toBe("quickReplies.0.label: a quick-reply label can have at most 20 characters");
    expect(await errorOf(await post({ text: "hi", quickReplies: Array.from({ length: 14 }, (_, i) => ({ label: `b${i}` })) }))).toBe("quickReplies: at most 13 quick replies");
    expect(await errorOf(await post({ text: "hi", senderName: "A very long sender name" }))).toBe("senderName: senderName can have at most 20 characters");
    expect((await post({ text: "x".repeat(5001) })).status).toBe(422);
    expect(sentPayloads(line.calls)).toEqual([]);
  });

  it("pages the thread with nextBefore", async () => {
    const { id } = await customerConversation("api-msg-pages", "first");
    acceptSends();
    for (const text of ["one", "two", "three"]) await shopify.send("POST", `/conversations/${id}/messages`, { text });
    const newest = await (await shopify.get(`/conversations/${id}/messages?limit=2`)).json<{ data: MessageJson[]; nextBefore: number | null }>();
    expect(newest.data.map((m) => m.body.text)).toEqual(["two", "three"]);
    const older = await (await shopify.get(`/conversations/${id}/messages?limit=2&before=${newest.nextBefore}`)).json<{ data: MessageJson[]; nextBefore: number | null }>();
    expect(older.data.map((m) => m.body.text)).toEqual(["first", "one"]);
    expect(older.nextBefore).toBeNull();
    expect((await shopify.get(`/conversations/${id}/messages?before=-3`)).status).toBe(400);
  });
});

describe("private notes", () => {
  it("adds notes that never reach LINE and lists only notes", async () => {
    const { id } = await customerConversation("api-msg-notes", "Refund please");
    const line = acceptSends();
    const created = await shopify.send("POST", `/conversations/${id}/notes`, { text: "Order #1042 was refunded on the 3rd." });
    expect(created.status).toBe(201);
    expect((await created.json<{ data: unknown }>()).data).toMatchObject({ text: "Order #1042 was refunded on the 3rd.", author: { name: "API · Shopify orders" } });
    await shopify.send("POST", `/conversations/${id}/messages`, { text: "Your refund is on its way." });
    await shopify.send("POST", `/conversations/${id}/notes`, { text: "Customer informed." });
    const notes = await (await shopify.get(`/conversations/${id}/notes`)).json<{ data: Array<{ text: string }>; nextBefore: number | null }>();
    expect(notes.data.map((n) => n.text)).toEqual(["Order #1042 was refunded on the 3rd.", "Customer informed."]);
    const older = await (await shopify.get(`/conversations/${id}/notes?limit=1`)).json<{ data: Array<{ text: string }>; nextBefore: number | null }>();
    expect(older.data.map((n) => n.text)).toEqual(["Customer informed."]);
    expect(older.nextBefore).not.toBeNull();
    expect(JSON.stringify(line.calls)).not.toContain("refunded on the 3rd");
    expect(sentPayloads(line.calls).map((m) => m.text)).toEqual(["Your refund is on its way."]);
    expect(await errorOf(await shopify.send("POST", `/conversations/${id}/notes`, { text: "   " }))).toBe("text: text must not be empty");
  });
});
