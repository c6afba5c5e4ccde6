// The composer as an agent uses it: text with a quote and quick replies,
// stickers and locations — the LINE payload each produces, and each bad input
// answered with a 422 fragment that says what is wrong.
import { beforeAll, describe, expect, it } from "vitest";
import { MessageBubble } from "../../src/ui/message-bubble";
import type { ThreadMessage } from "../../src/conversations/model";
import { messageEvent, textEvent, userId } from "../helpers/line";
import { type Agent, login } from "../helpers/session";
import { customerWrites, foreignConversation, lineRecorder, sentMessages } from "./helpers";

let agent: Agent;
beforeAll(async () => {
  agent = await login();
});
const record = lineRecorder();

const htmx = { htmx: true } as const;

describe("text", () => {
  it("sends the text with the agent as sender and the quote token", async () => {
    const calls = record();
    const { id } = await customerWrites("cmp-text");
    const res = await agent.post(
      `/inbox/c/${id}/compose/text`,
      // URLSearchParams cannot repeat keys through a record, so build the repeated fields by hand below.
      { text: "Which size?", quoteToken: "q-abc_123", quotedMessageId: "123456", quoteText: "Mika: do you have it in blue?" },
      htmx,
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.headers.get("hx-trigger") ?? "{}")).toEqual({ "composer-sent": { target: "body" } });
    const html = await res.text();
    expect(html).toContain('id="composer"');
    expect(html).toContain('hx-target="#thread-messages"');
    expect(html).toContain("Which size?");
    expect(sentMessages(calls)).toEqual([{ type: "text", text: "Which size?", sender: { name: "Aiko (admin)" }, quoteToken: "q-abc_123" }]);
  });

  it("sends up to 13 quick-reply buttons (a button without text sends its label)", async () => {
    const calls = record();
    const { id } = await customerWrites("cmp-qr");
    const body = new URLSearchParams([["_csrf", agent.csrf], ["text", "Pick one"]]);
    for (const [label, text] of [["Small", "I want small"], ["Medium", ""], ["", ""], ["Large 🐻", "L please"]]) {
      body.append("qrLabel", label ?? "");
      body.append("qrText", text ?? "");
    }
    const res = await postForm(id, body);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("bubble__quick-replies");
    expect(sentMessages(calls)[0]).toMatchObject({
      type: "text",
      text: "Pick one",
      quickReply: {
        items: [
          { type: "action", action: { type: "message", label: "Small", text: "I want small" } },
          { type: "action", action: { type: "message", label: "Medium", text: "Medium" } },
          { type: "action", action: { type: "message", label: "Large 🐻", text: "L please" } },
        ],
      },
    });
  });

  it("refuses 14 quick replies, a label over 20 characters and an empty message with 422, keeping what was typed", async () => {
    const calls = record();
    const { id } = await customerWrites("cmp-qr-bad");
    const many = new URLSearchParams([["_csrf", agent.csrf], ["text", "Too many <b>buttons</b>"]]);
    for (let i = 1; i <= 14; i++) {
      many.append("qrLabel", `Option ${i}`);
      many.append("qrText", "");
    }
    const tooMany = await postForm(id, many);
    expect(tooMany.status).toBe(422);
    const html = await tooMany.text();
    expect(html).toContain("at most 13 quick-reply buttons (this one has 14)");
    expect(html).toContain("Too many &lt;b&gt;buttons&lt;/b&gt;");
    expect(html).toContain('value="Option 14"');

    const longLabel = await postForm(id, new URLSearchParams([["_csrf", agent.csrf], ["text", "hi"], ["qrLabel", "x".repeat(21)], ["qrText", ""]]));
    expect(longLabel.status).toBe(422);
    expect(await longLabel.text()).toContain("Quick reply 1: the label can have at most 20 characters");

    const empty = await agent.post(`/inbox/c/${id}/compose/text`, { text: " \r\n " }, htmx);
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Write a message before sending");

    const badQuote = await agent.post(`/inbox/c/${id}/compose/text`, { text: "hi", quoteToken: "<script>" }, htmx);
    expect(badQuote.status).toBe(422);
    expect(await badQuote.text()).toContain("That quote has expired");
    expect(sentMessages(calls)).toEqual([]);
  });

  it("without htmx redirects back to the conversation, or shows the problem on a page", async () => {
    record();
    const { id } = await customerWrites("cmp-nojs");
    const ok = await agent.post(`/inbox/c/${id}/compose/text`, { text: "Plain form" });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(`/inbox/c/${id}`);
    const bad = await agent.post(`/inbox/c/${id}/compose/text`, { text: "" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Write a message before sending");
  });
});

describe("sticker and location", () => {
  it("sends a sticker from LINE's free packages, with a quote token when quoting", async () => {
    const calls = record();
    const { id } = await customerWrites("cmp-sticker");
    const res = await agent.post(`/inbox/c/${id}/compose/sticker`, { sticker: "11537/52002734", quoteToken: "q-sticker" }, htmx);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="composer-tool-sticker"');
    expect(html).toContain('hx-target="#composer-status"');
    expect(sentMessages(calls)).toEqual([{ type: "sticker", packageId: "11537", stickerId: "52002734", sender: { name: "Aiko (admin)" }, quoteToken: "q-sticker" }]);
  });

  it("refuses stickers a bot may not send", async () => {
    const calls = record();
    const { id } = await customerWrites("cmp-sticker-bad");
    for (const sticker of ["446/9999", "52/1", "446", "abc/def"]) {
      const res = await agent.post(`/inbox/c/${id}/compose/sticker`, { sticker }, htmx);
      expect(res.status).toBe(422);
      expect(await res.text()).toMatch(/free sticker list|Pick a sticker/);
    }
    expect(sentMessages(calls)).toEqual([]);
  });

  it("sends a location", async () => {
    const calls = record();
    const { id } = await customerWrites("cmp-location");
    const res = await agent.post(`/inbox/c/${id}/compose/location`, { title: "Shibuya store", address: "2-21-1 Shibuya, Tokyo", latitude: "35.6580", longitude: "139,7016" }, htmx);
    expect(res.status).toBe(200);
    expect(sentMessages(calls)).toEqual([
      { type: "location", title: "Shibuya store", address: "2-21-1 Shibuya, Tokyo", latitude: 35.658, longitude: 139.7016, sender: { name: "Aiko (admin)" } },
    ]);
  });

  it.each([
    [{ title: "", address: "a", latitude: "1", longitude: "1" }, "Enter the place name"],
    [{ title: "t", address: "a".repeat(101), latitude: "1", longitude: "1" }, "The address can have at most 100 characters"],
    [{ title: "t", address: "a", latitude: "91", longitude: "1" }, "Latitude must be a number between -90 and 90"],
    [{ title: "t", address: "a", latitude: "north", longitude: "1" }, "Latitude must be a number between -90 and 90"],
    [{ title: "t", address: "a", latitude: "1", longitude: "-180.5" }, "Longitude must be a number between -180 and 180"],
    [{ title: "t", address: "a", latitude: "1", longitude: "" }, "Enter the longitude"],
  ])("refuses a bad location %o", async (fields, message) => {
    const calls = record();
    const { id } = await customerWrites("cmp-location-bad");
    const res = await agent.post(`/inbox/c/${id}/compose/location`, fields, htmx);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain("open");
    expect(sentMessages(calls)).toEqual([]);
  });
});

describe("guards and status", () => {
  it("answers 404 for unknown and other workspaces' conversations, 403 without CSRF", async () => {
    record();
    const foreign = await foreignConversation();
    for (const id of [foreign, "a".repeat(64), "not-an-id"]) {
      expect((await agent.post(`/inbox/c/${id}/compose/text`, { text: "hi" }, htmx)).status).toBe(404);
      expect((await agent.post(`/inbox/c/${id}/compose/sticker`, { sticker: "446/1988" }, htmx)).status).toBe(404);
      expect((await agent.get(`/inbox/c/${id}/compose/status`)).status).toBe(404);
      expect((await agent.get(`/inbox/c/${id}/compose/canned?q=a`)).status).toBe(404);
    }
    const { id } = await customerWrites("cmp-csrf");
    expect((await agent.post(`/inbox/c/${id}/compose/text`, { text: "hi" }, { csrf: null })).status).toBe(403);
    expect((await agent.post(`/inbox/c/${id}/compose/location`, { title: "t", address: "a", latitude: "1", longitude: "1" }, { csrf: "wrong" })).status).toBe(403);
  });

  it("points sticker images at the right place for the environment, only for sendable stickers", async () => {
    const ok = await agent.get("/inbox/compose/stickers/446/1988");
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/simulator/stickers/446/1988");
    expect((await agent.get("/inbox/compose/stickers/446/1")).status).toBe(404);
  });

  it("says the next message is free while the reply token is fresh, then that it will be pushed", async () => {
    record();
    const { id } = await customerWrites("cmp-status");
    const fresh = await (await agent.get(`/inbox/c/${id}/compose/status`)).text();
    expect(fresh).toContain("composer-status--free");
    expect(fresh).toMatch(/data-expires-in="\d+"/);
    await agent.post(`/inbox/c/${id}/compose/text`, { text: "Thanks!" }, htmx);
    const after = await (await agent.get(`/inbox/c/${id}/compose/status`)).text();
    expect(after).toContain("composer-status--push");
    expect(after).toContain("counts against this month&#39;s quota");

    const old = await customerWrites("cmp-status-old", [textEvent("no token", { userId: userId("cmp-status-old"), replyToken: null })]);
    expect(await (await agent.get(`/inbox/c/${old.id}/compose/status`)).text()).toContain("Will be pushed");
  });

  it("shows a Quote action on customer messages that carry a quote token, and escapes their text", async () => {
    record();
    const { id } = await customerWrites("cmp-quote", [
      messageEvent({ type: "text", id: "880001", quoteToken: "qt-880001", text: `<img src=x onerror=alert(1)> "hi"` }, { userId: userId("cmp-quote") }),
    ]);
    const page = await (await agent.get(`/inbox/c/${id}`)).text();
    expect(page).toContain('data-quote-token="qt-880001"');
    expect(page).toContain('data-quote-line-id="880001"');
    expect(page).not.toContain("<img src=x");
    const message: ThreadMessage = {
      id: "msg_00000000000000000000", seq: 1, direction: "inbound", body: { type: "text", text: "x" }, lineMessageId: "1", senderLineUserId: null, senderName: null,
      agentId: null, agentName: null, status: "received", via: null, error: null, mediaKey: null, quoteToken: null, createdAt: 0, redelivered: false, standby: false, unsent: false,
    };
    expect(String(MessageBubble({ message, conversationId: id, stickerUrl: () => "" }))).not.toContain("msg__quote");
    expect(String(MessageBubble({ message: { ...message, quoteToken: "t", unsent: true }, conversationId: id, stickerUrl: () => "" }))).not.toContain("msg__quote");
  });
});

function postForm(id: string, body: URLSearchParams) {
  return agent.get(`/inbox/c/${id}/compose/text`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "hx-request": "true", origin: "https://linedesk.test" },
    body,
  });
}
