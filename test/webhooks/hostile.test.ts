// Signed but hostile webhook bodies: deep nesting anywhere in the body answers
// 400 (never 500) and stores nothing.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { postWebhook, textEvent, userId, webhookBody } from "../helpers/line";

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

describe("deeply nested webhook bodies", () => {
  it.each([
    ["the whole body", () => nested(5000)],
    ["an event field", () => JSON.stringify(webhookBody([textEvent("hi", { userId: userId("deep-1") })])).replace('"text":"hi"', `"text":"hi","extra":${nested(5000)}`)],
    ["an unknown event", () => `{"destination":"U0","events":[{"type":"futureEvent","webhookEventId":"01DEEP","timestamp":1,"mode":"active","source":{"type":"user","userId":"${userId("deep-2")}"},"payload":${nested(5000)}}]}`],
    ["an object chain", () => `{"destination":"U0","events":[],"x":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}`],
  ])("answers 400 for 5,000 levels in %s", async (_where, body) => {
    const res = await postWebhook(null, { raw: body() });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.stringContaining("nested") });
  });

  it("stores nothing from them", async () => {
    const before = await env.DB.prepare("SELECT COUNT(*) AS n FROM conversations").first<{ n: number }>();
    await postWebhook(null, { raw: JSON.stringify(webhookBody([textEvent("x", { userId: userId("deep-3") })])).replace('"text":"x"', `"text":"x","y":${nested(5000)}`) });
    const after = await env.DB.prepare("SELECT COUNT(*) AS n FROM conversations").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });
});
