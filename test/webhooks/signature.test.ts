// The webhook door: nothing gets in without LINE's signature, and bad requests get clear statuses.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { signBody } from "../../src/lib/crypto";
import { postWebhook, textEvent, userId, webhookBody } from "../helpers/line";

async function storedConversations(): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM conversations").first<{ n: number }>();
  return row?.n ?? 0;
}

describe("webhook signature", () => {
  const body = webhookBody([textEvent("hello", { userId: userId("sig") })]);

  it("rejects a request without x-line-signature with 401", async () => {
    const res = await postWebhook(body, { signature: null });
    expect(res.status).toBe(401);
  });

  it("rejects a signature that is not base64 with 401", async () => {
    const res = await postWebhook(body, { signature: "not a signature!!" });
    expect(res.status).toBe(401);
  });

  it("rejects a signature made with another secret with 401", async () => {
    const res = await postWebhook(body, { signature: await signBody("some-other-secret", JSON.stringify(body)) });
    expect(res.status).toBe(401);
  });

  it("rejects a tampered body with 401 (signature of the original body)", async () => {
    const original = JSON.stringify(body);
    const signature = await signBody(env.LINE_CHANNEL_SECRET ?? "", original);
    const tampered = original.replace("hello", "hellO");
    const res = await postWebhook(null, { raw: tampered, signature });
    expect(res.status).toBe(401);
  });

  it("stores nothing for rejected requests", async () => {
    await postWebhook(body, { signature: null });
    await postWebhook(body, { signature: "AAAA" });
    expect(await storedConversations()).toBe(0);
  });

  it("answers 404 for an unknown channel, before reading the body", async () => {
    const res = await postWebhook(body, { channelId: "1234567" });
    expect(res.status).toBe(404);
  });

  it("answers 413 for a body over the limit", async () => {
    const huge = JSON.stringify({ destination: "U0", events: [], pad: "x".repeat(1024 * 1024 + 10) });
    const res = await postWebhook(null, { raw: huge });
    expect(res.status).toBe(413);
  });

  it("answers 400 for signed JSON that is malformed", async () => {
    const res = await postWebhook(null, { raw: '{"destination": "U0", "events": [' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: expect.stringContaining("JSON") });
  });

  it("answers 400 for signed JSON that is not a webhook body", async () => {
    const res = await postWebhook({ hello: "world" });
    expect(res.status).toBe(400);
  });

  it("answers 200 to LINE's verify call (no events)", async () => {
    const res = await postWebhook({ destination: `U${"f".repeat(32)}`, events: [] });
    expect(res.status).toBe(200);
  });

  it("accepts a correctly signed webhook, answering LINE with JSON", async () => {
    const res = await postWebhook(body);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({ ok: true });
  });

  it("answers 404 JSON to anything but POST /webhooks/line/:channelId, storing nothing", async () => {
    const url = `https://linedesk.test/webhooks/line/${env.LINE_CHANNEL_ID}`;
    const text = JSON.stringify(body);
    const headers = { "content-type": "application/json", "x-line-signature": await signBody(env.LINE_CHANNEL_SECRET ?? "", text) };
    for (const [target, method] of [[url, "GET"], [`${url}/`, "POST"], ["https://linedesk.test/webhooks/other", "POST"], ["https://linedesk.test/webhooks/line", "POST"]] as const) {
      const res = await SELF.fetch(target, { method, headers, ...(method === "POST" ? { body: text } : {}) });
      expect(res.status, `${method} ${target}`).toBe(404);
      expect(await res.json()).toMatchObject({ error: expect.any(String) });
    }
    expect(await storedConversations()).toBe(0);
  });
});
