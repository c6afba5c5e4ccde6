// The REST API: list conversations, read a thread, send a reply like an agent would.
import { env, SELF } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { conversationOf, drainOutbox } from "../helpers/conversations";
import { postWebhook, routeLineToSimulator, textEvent, userId, webhookBody } from "../helpers/line";
import { ORIGIN } from "../helpers/session";

const auth = { authorization: `Bearer ${env.DEMO_API_TOKEN}` };
let restore: (() => void) | null = null;
afterEach(() => restore?.());

async function setup(seed: string) {
  const routed = routeLineToSimulator((call) => (call.path.endsWith("/push") || call.path.endsWith("/reply") ? new Response(JSON.stringify({ sentMessages: [] }), { status: 200 }) : null));
  restore = routed.restore;
  expect((await postWebhook(webhookBody([textEvent("Is the blue one in stock?", { userId: userId(seed) })]))).status).toBe(200);
  const c = await conversationOf({ type: "user", userId: userId(seed) });
  await drainOutbox(c.stub);
  return { ...c, calls: routed.calls };
}

describe("REST API", () => {
  it("lists conversations and reads messages", async () => {
    const { id } = await setup("api-list");
    const list = await SELF.fetch(`${ORIGIN}/api/v1/conversations`, { headers: auth });
    expect(list.status).toBe(200);
    const body = await list.json<{ data: Array<{ id: string; lastMessagePreview: string }> }>();
    expect(body.data.find((c) => c.id === id)).toMatchObject({ lastMessagePreview: "Is the blue one in stock?" });
    const messages = await SELF.fetch(`${ORIGIN}/api/v1/conversations/${id}/messages`, { headers: auth });
    expect(await messages.json()).toMatchObject({ data: [{ direction: "inbound", body: { type: "text", text: "Is the blue one in stock?" }, status: "received" }] });
  });

  it("sends a text the same way an agent reply is sent", async () => {
    const { id, calls } = await setup("api-send");
    const res = await SELF.fetch(`${ORIGIN}/api/v1/conversations/${id}/messages`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ text: "Yes, 3 left." }) });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ data: { direction: "outbound", status: "sent", via: "reply", body: { type: "text", text: "Yes, 3 left." } } });
    expect(calls.some((c) => c.path === "/v2/bot/message/reply")).toBe(true);
  });

  it("explains bad input with a JSON error", async () => {
    const { id } = await setup("api-bad");
    const post = (body: string, type = "application/json") => SELF.fetch(`${ORIGIN}/api/v1/conversations/${id}/messages`, { method: "POST", headers: { ...auth, "content-type": type }, body });
    const empty = await post(JSON.stringify({ text: "" }));
    expect(empty.status).toBe(422);
    expect(await empty.json()).toEqual({ error: "text: text must not be empty" });
    expect((await post("{not json")).status).toBe(400);
    expect((await post("text=hi", "application/x-www-form-urlencoded")).status).toBe(415);
    const unknown = await SELF.fetch(`${ORIGIN}/api/v1/conversations/${"c".repeat(64)}/messages`, { headers: auth });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "Conversation not found" });
  });
});
