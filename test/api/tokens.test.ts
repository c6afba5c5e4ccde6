// API tokens at the door: unknown, revoked and expired tokens are 401 at once;
// read-only tokens may read but get 403 JSON on every kind of write; the last
// use is recorded, at most once a minute per token.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { demoWorkspaceId } from "../helpers/users";
import { api, customerConversation, errorOf, insertToken } from "./helpers";

let workspaceId: string;
let conversationId: string;

beforeAll(async () => {
  workspaceId = await demoWorkspaceId();
  conversationId = (await customerConversation("api-tokens-door")).id;
});

const lastUsed = async (id: string) => (await env.DB.prepare("SELECT last_used_at FROM api_tokens WHERE id = ?").bind(id).first<{ last_used_at: number | null }>())?.last_used_at ?? null;

describe("bearer tokens", () => {
  it("answers 401 JSON without a token or with an unknown one", async () => {
    const none = await api("").get("/conversations");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    const unknown = await api("ld_this-token-does-not-exist-anywhere").get("/conversations");
    expect(unknown.status).toBe(401);
    expect(await errorOf(unknown)).toBe("The API token is not valid");
  });

  it("stops working the moment it is revoked", async () => {
    const t = await insertToken(workspaceId, { name: "Soon revoked" });
    expect((await api(t.token).get("/conversations")).status).toBe(200);
    await env.DB.prepare("UPDATE api_tokens SET revoked_at = ? WHERE id = ?").bind(Date.now(), t.id).run();
    const res = await api(t.token).get("/conversations");
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toBe("This API token has been revoked");
  });

  it("stops working when it expires", async () => {
    const t = await insertToken(workspaceId, { expiresAt: Date.now() + 60 * 60_000 });
    expect((await api(t.token).get("/tags")).status).toBe(200);
    await env.DB.prepare("UPDATE api_tokens SET expires_at = ? WHERE id = ?").bind(Date.now() - 1, t.id).run();
    const res = await api(t.token).get("/tags");
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toBe("This API token has expired");
  });
});

describe("scopes", () => {
  it("lets a read-only token read and refuses every write with 403 JSON", async () => {
    const t = await insertToken(workspaceId, { scope: "read", name: "Dashboard" });
    const reader = api(t.token);
    expect((await reader.get(`/conversations/${conversationId}`)).status).toBe(200);
    expect((await reader.get(`/conversations/${conversationId}/messages`)).status).toBe(200);
    const writes = [
      await reader.send("POST", `/conversations/${conversationId}/messages`, { text: "Should never be sent" }),
      await reader.send("PATCH", `/conversations/${conversationId}`, { status: "resolved" }),
      await reader.send("POST", `/conversations/${conversationId}/notes`, { text: "nope" }),
      await reader.send("DELETE", `/conversations/${conversationId}/tags/tag_00000000000000000000`),
    ];
    for (const res of writes) {
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toContain("can only read");
    }
    const messages = await (await reader.get(`/conversations/${conversationId}/messages`)).json<{ data: Array<{ direction: string }> }>();
    expect(messages.data.filter((m) => m.direction !== "inbound")).toEqual([]);
    const conversation = await (await reader.get(`/conversations/${conversationId}`)).json<{ data: { status: string } }>();
    expect(conversation.data.status).toBe("open");
  });
});

describe("last used", () => {
  it("records the first use, skips writes within a minute, and records again after", async () => {
    const t = await insertToken(workspaceId);
    expect(await lastUsed(t.id)).toBeNull();
    const before = Date.now();
    expect((await api(t.token).get("/teams")).status).toBe(200);
    expect(await lastUsed(t.id)).toBeGreaterThanOrEqual(before);

    // Recorded "just now" (set a little ahead so the check does not depend on how fast this runs): no new write.
    const recent = Date.now() + 30_000;
    await env.DB.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").bind(recent, t.id).run();
    expect((await api(t.token).get("/teams")).status).toBe(200);
    expect(await lastUsed(t.id)).toBe(recent);

    // More than a minute ago: the next use is written.
    const old = Date.now() - 61_000;
    await env.DB.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").bind(old, t.id).run();
    expect((await api(t.token).get("/teams")).status).toBe(200);
    expect(await lastUsed(t.id)).toBeGreaterThan(old + 60_000);
  });
});
