// API tokens at the door: unknown, revoked and expired tokens are 401 (a revoke in
// Settings at once, one made on another instance within API_TOKEN_TTL_MS); read-only
// tokens may read but get 403 JSON on every kind of write; the last use is recorded,
// at most once a minute per token.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { API_TOKEN_TTL_MS, apiTokenByHash, forgetApiTokens, recordApiTokenUse } from "../../src/auth/api-token-check";
import { LAST_USED_RESOLUTION_MS } from "../../src/auth/middleware";
import { sha256Hex } from "../../src/lib/crypto";
import { revokeApiToken } from "../../src/settings/api-tokens";
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

  it("stops working the moment it is revoked in Settings", async () => {
    const t = await insertToken(workspaceId, { name: "Soon revoked" });
    expect((await api(t.token).get("/conversations")).status).toBe(200);
    expect(await revokeApiToken(env.DB, { workspaceId, actorId: "usr_admin" }, t.id)).toMatchObject({ id: t.id });
    const res = await api(t.token).get("/conversations");
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toBe("This API token has been revoked");
  });

  it("sees a revoke made on another instance once the kept row is older than the TTL", async () => {
    const t = await insertToken(workspaceId, { name: "Revoked elsewhere" });
    const hash = await sha256Hex(t.token);
    const now = Date.now();
    expect((await apiTokenByHash(env.DB, hash, now))?.revokedAt).toBeNull();
    // Another instance revokes it: D1 changes, this isolate's memory does not.
    await env.DB.prepare("UPDATE api_tokens SET revoked_at = ? WHERE id = ?").bind(now, t.id).run();
    expect((await apiTokenByHash(env.DB, hash, now + API_TOKEN_TTL_MS))?.revokedAt).toBeNull();
    expect((await apiTokenByHash(env.DB, hash, now + API_TOKEN_TTL_MS + 1))?.revokedAt).toBe(now);
  });

  it("stops working when it expires", async () => {
    const t = await insertToken(workspaceId, { expiresAt: Date.now() + 60 * 60_000 });
    expect((await api(t.token).get("/tags")).status).toBe(200);
    // A token's expiry is fixed when it is made: the test moves it instead of waiting an hour,
    // and drops the kept row, which still has the old one.
    await env.DB.prepare("UPDATE api_tokens SET expires_at = ? WHERE id = ?").bind(Date.now() - 1, t.id).run();
    forgetApiTokens();
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
    const first = await lastUsed(t.id);
    expect(first).toBeGreaterThanOrEqual(before);

    // Used again within the minute: no new write.
    expect((await api(t.token).get("/teams")).status).toBe(200);
    expect(await lastUsed(t.id)).toBe(first);

    // A minute later (the clock is passed in, so nothing waits): the next use is written.
    const row = await apiTokenByHash(env.DB, await sha256Hex(t.token));
    if (!row || first === null) throw new Error("token row missing");
    const later = first + LAST_USED_RESOLUTION_MS;
    await recordApiTokenUse(env.DB, row, later - 1, LAST_USED_RESOLUTION_MS);
    expect(await lastUsed(t.id)).toBe(first);
    await recordApiTokenUse(env.DB, row, later, LAST_USED_RESOLUTION_MS);
    expect(await lastUsed(t.id)).toBe(later);
  });
});
