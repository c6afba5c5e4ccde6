// Defects from the new-user walk (issue 8): a lone "/" pushed to the customer
// (4), no warning that the customer blocked the account (5), and LINE emoji
// that lost their place in the text (11).
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { ThreadMessage } from "../../src/conversations/model";
import { MessageBubble } from "../../src/ui/message-bubble";
import { drainOutbox } from "../helpers/conversations";
import { event, messageEvent, postWebhook, textEvent, userId, webhookBody } from "../helpers/line";
import { type Agent, login } from "../helpers/session";
import { customerWrites, lineRecorder, sentMessages } from "./helpers";

let agent: Agent;
beforeAll(async () => {
  agent = await login();
});
const record = lineRecorder();

const htmx = { htmx: true } as const;

describe("a lone canned-reply prefix (defect 4)", () => {
  it.each(["/", " / ", "／", "/\r\n"])("refuses %j with a 422 that says why, and sends nothing to LINE", async (text) => {
    const calls = record();
    const { id } = await customerWrites(`cmp-slash-${text.trim().charCodeAt(0)}`, [textEvent("hi", { userId: userId(`cmp-slash-${text.trim().charCodeAt(0)}`), replyToken: null })]);
    const res = await agent.post(`/inbox/c/${id}/compose/text`, { text }, htmx);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("A lone “/” is not sent to the customer");
    expect(html).toContain('role="alert"');
    expect(sentMessages(calls)).toEqual([]);
  });

  it("refuses it on the no-JavaScript form and through the REST API too", async () => {
    const calls = record();
    const { id } = await customerWrites("cmp-slash-plain", [textEvent("hi", { userId: userId("cmp-slash-plain"), replyToken: null })]);
    const plain = await agent.post(`/inbox/c/${id}/messages`, { text: "/" }, htmx);
    expect(plain.status).toBe(422);
    const api = await SELF.fetch(`https://linedesk.test/api/v1/conversations/${id}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${env.DEMO_API_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ text: "/" }),
    });
    expect(api.status).toBe(422);
    expect(sentMessages(calls)).toEqual([]);
  });

  it("still sends a message that starts with a slash and says something", async () => {
    const calls = record();
    const { id } = await customerWrites("cmp-slash-ok");
    const res = await agent.post(`/inbox/c/${id}/compose/text`, { text: "/help shows the menu" }, htmx);
    expect(res.status).toBe(200);
    expect(sentMessages(calls)).toMatchObject([{ type: "text", text: "/help shows the menu" }]);
  });
});

describe("the customer blocked the account (defect 5)", () => {
  it("shows a banner with the date over the composer and a Send that says LINE will not deliver", async () => {
    record();
    const seed = "cmp-blocked";
    const uid = userId(seed);
    const { id, stub } = await customerWrites(seed);
    const before = await (await agent.get(`/inbox/c/${id}/compose/status`)).text();
    expect(before).not.toContain("data-customer-blocked");

    const blockedAt = Date.UTC(2026, 10, 3, 5, 5);
    expect((await postWebhook(webhookBody([event("unfollow", {}, { userId: uid, timestamp: blockedAt })]))).status).toBe(200);
    await drainOutbox(stub);

    const status = await (await agent.get(`/inbox/c/${id}/compose/status`)).text();
    expect(status).toContain('data-customer-blocked="true"');
    expect(status).toContain("blocked this account on");
    expect(status).toContain(`datetime="${new Date(blockedAt).toISOString()}"`);
    expect(status).toContain("LINE accepts what you send but delivers nothing until they unblock it");
    expect(status).toContain("Will not be delivered");

    // The composer after a (refused) send carries the status, and its Send button's blocked label.
    const composer = await (await agent.post(`/inbox/c/${id}/compose/text`, { text: "" }, htmx)).text();
    expect(composer).toContain('id="composer-blocked"');
    expect(composer).toContain("composer__send-label--blocked");
    expect(composer).toContain("Send anyway");
    expect(composer).toContain("LINE will not deliver this: the customer has blocked the account");

    // Sending is still allowed.
    expect((await agent.post(`/inbox/c/${id}/compose/text`, { text: "For the record" }, htmx)).status).toBe(200);

    // Following again clears it.
    expect((await postWebhook(webhookBody([event("follow", { replyToken: "rt-refollow", follow: { isUnblocked: true } }, { userId: uid })]))).status).toBe(200);
    await drainOutbox(stub);
    expect(await (await agent.get(`/inbox/c/${id}/compose/status`)).text()).not.toContain("data-customer-blocked");
  });
});

describe("LINE emoji in text (defect 11)", () => {
  const base: ThreadMessage = {
    id: "msg_00000000000000000001", seq: 1, direction: "inbound", body: { type: "text", text: "" }, lineMessageId: "1", senderLineUserId: null, senderName: null,
    agentId: null, agentName: null, status: "received", via: null, error: null, mediaKey: null, quoteToken: null, createdAt: 0, redelivered: false, standby: false, unsent: false,
  };
  const render = (body: ThreadMessage["body"], direction: ThreadMessage["direction"] = "inbound") =>
    String(MessageBubble({ message: { ...base, body, direction, status: direction === "inbound" ? "received" : "sent" }, conversationId: "c".repeat(64), stickerUrl: () => "" }));

  it("puts each emoji inline at its index, with the customer's code as the fallback text", () => {
    const text = "Hi (love) is it in stock? (smile)";
    const html = render({
      type: "text",
      text,
      emojis: [
        { index: 3, length: 6, productId: "5ac1bfd5040ab15980c9b435", emojiId: "002" },
        { index: 26, length: 7, productId: "5ac1bfd5040ab15980c9b435", emojiId: "001" },
      ],
    });
    const inner = /<div class="bubble__text">(.*?)<\/div>/s.exec(html)?.[1] ?? "";
    // Text, emoji, text, emoji — in the order of the message, nothing moved above it.
    expect(inner.replace(/<img[^>]*data-fallback="([^"]*)"[^>]*>/g, "[$1]")).toBe("Hi [(love)] is it in stock? [(smile)]");
    expect(inner).toContain('alt="(love)"');
  });

  it("falls back to the emoji's product/emoji id for the `$` placeholder of a message we sent", () => {
    const html = render({ type: "text", text: "Thanks $!", emojis: [{ index: 7, length: 1, productId: "5ac1bfd5040ab15980c9b435", emojiId: "005" }] }, "outbound");
    expect(html).toContain('data-fallback="LINE emoji 5ac1bfd5040ab15980c9b435/005"');
    const inner = /<div class="bubble__text">(.*?)<\/div>/s.exec(html)?.[1] ?? "";
    expect(inner.replace(/<img[^>]*>/g, "[emoji]")).toBe("Thanks [emoji]!");
  });

  it("keeps a customer message with emoji readable end to end", async () => {
    record();
    const { id } = await customerWrites("cmp-emoji", [
      messageEvent(
        { type: "text", id: "990001", text: "(love) thanks", emojis: [{ index: 0, length: 6, productId: "5ac1bfd5040ab15980c9b435", emojiId: "002" }] },
        { userId: userId("cmp-emoji") },
      ),
    ]);
    const page = await (await agent.get(`/inbox/c/${id}`, { headers: { "hx-request": "true" } })).text();
    expect(page).toMatch(/<img class="line-emoji"[^>]*data-fallback="\(love\)"[^>]*> thanks/);
  });
});
