// Settings → API: admins and owners create named tokens (shown once, stored as
// SHA-256 only), see them listed with prefix, scope, creator and last use, and
// revoke them; agents and supervisors cannot; other workspaces' tokens are 404.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { newId } from "../../src/lib/ids";
import { api, insertToken } from "../api/helpers";
import type { Agent } from "../helpers/session";
import { auditActions, loginAs, loginInNewWorkspace, type TestUser } from "../helpers/users";

let admin: Agent & { user: TestUser };

beforeAll(async () => {
  admin = await loginAs("admin", { name: "Mina (admin)" });
});

const TOKEN = /value="(ld_[A-Za-z0-9_-]{43})"/;

async function create(form: Record<string, string>, htmx = true) {
  const res = await admin.post("/settings/api", form, { htmx });
  const html = await res.text();
  return { res, html, token: TOKEN.exec(html)?.[1] ?? null };
}

describe("creating a token", () => {
  it("shows the token once, never caches it, and stores only its SHA-256", async () => {
    const { res, html, token } = await create({ name: "Zendesk sync", scope: "read_write", expires: "never" });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(token).not.toBeNull();
    expect(html).toContain("Your new token “Zendesk sync”");
    const row = await env.DB.prepare("SELECT * FROM api_tokens WHERE name = 'Zendesk sync' AND workspace_id = ?").bind(admin.user.workspaceId).first<Record<string, unknown>>();
    expect(row).toMatchObject({ token_hash: await sha256Hex(token ?? ""), scope: "read_write", created_by: admin.user.id, prefix: token?.slice(0, 10), revoked_at: null, expires_at: null });
    // The plain token is nowhere in D1: not in the token row, not in the audit log.
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await env.DB.prepare("SELECT data FROM audit_logs WHERE workspace_id = ? AND action = 'api_token.created'").bind(admin.user.workspaceId).all<{ data: string }>();
    expect(audit.results.map((r) => r.data).join()).not.toContain(token);
    expect(audit.results.map((r) => JSON.parse(r.data))).toContainEqual(expect.objectContaining({ name: "Zendesk sync", scope: "read_write" }));
    // Nor on the list page, which shows the name, the short prefix and who made it.
    const page = await (await admin.get("/settings/api")).text();
    expect(page).toContain("Zendesk sync");
    expect(page).toContain(`${token?.slice(0, 10)}…`);
    expect(page).toContain("by Mina (admin)");
    expect(page).toContain("Never used");
    expect(page).not.toContain(token);
    // And it works.
    expect((await api(token ?? "").get("/tags")).status).toBe(200);
  });

  it("works without JavaScript: the whole page, with the token box and the new row", async () => {
    const { res, html, token } = await create({ name: "Nightly export", scope: "read", expires: "30d" }, false);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(token).not.toBeNull();
    expect(html).toContain("<html");
    expect(html).toContain("Read only, expires in 30 days");
    const row = await env.DB.prepare("SELECT scope, expires_at, created_at FROM api_tokens WHERE prefix = ?").bind(token?.slice(0, 10)).first<{ scope: string; expires_at: number; created_at: number }>();
    expect(row?.scope).toBe("read");
    expect(row?.expires_at).toBe((row?.created_at ?? 0) + 30 * 24 * 60 * 60 * 1000);
  });

  it("re-renders the form with the problem and 422 when it is not valid", async () => {
    const empty = await create({ name: "  ", scope: "read_write", expires: "never" });
    expect(empty.res.status).toBe(422);
    expect(empty.html).toContain('id="api-token-create"');
    expect(empty.html).toContain("Give the token a name");
    expect(empty.token).toBeNull();
    const scope = await create({ name: "Odd scope", scope: "admin", expires: "never" });
    expect(scope.res.status).toBe(422);
    expect(scope.html).toContain("Choose read only or read and write");
    expect(scope.html).toContain('value="Odd scope"');
    const plain = await create({ name: "", scope: "read", expires: "never" }, false);
    expect(plain.res.status).toBe(422);
    expect(plain.html).toContain("<html");
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM api_tokens WHERE name = 'Odd scope'").first<{ n: number }>();
    expect(count?.n).toBe(0);
  });
});

describe("revoking", () => {
  it("asks first, revokes at once (401), audits, and keeps the row marked Revoked", async () => {
    const { token } = await create({ name: "Old CRM", scope: "read_write", expires: "never" });
    const row = await env.DB.prepare("SELECT id FROM api_tokens WHERE prefix = ?").bind(token?.slice(0, 10)).first<{ id: string }>();
    const id = row?.id ?? "";
    const page = await (await admin.get("/settings/api")).text();
    expect(page).toContain(`hx-post="/settings/api/${id}/revoke"`);
    expect(page).toContain("Revoke the token “Old CRM”? Anything using it stops working at once.");
    expect((await api(token ?? "").get("/tags")).status).toBe(200);
    const res = await admin.post(`/settings/api/${id}/revoke`, {}, { htmx: true });
    expect(res.status).toBe(200);
    const fragment = await res.text();
    expect(fragment).toContain(`id="api-token-${id}"`);
    expect(fragment).toContain("Revoked");
    expect(fragment).not.toContain("/revoke");
    expect((await api(token ?? "").get("/tags")).status).toBe(401);
    const audit = await auditActions(admin.user.workspaceId);
    expect(audit).toContainEqual(expect.objectContaining({ action: "api_token.revoked", target_id: id, actor_id: admin.user.id }));
  });

  it("shows the last use on the list once the token has been used", async () => {
    const t = await insertToken(admin.user.workspaceId, { name: "Busy bot" });
    expect((await api(t.token).get("/tags")).status).toBe(200);
    const html = await (await admin.get("/settings/api")).text();
    const row = html.slice(html.indexOf(`id="api-token-${t.id}"`));
    expect(row.slice(0, row.indexOf("</li>"))).toContain("Last used");
  });
});

describe("who may", () => {
  it("refuses agents and supervisors (403) and hides the nav entry from them", async () => {
    for (const role of ["agent", "supervisor"] as const) {
      const person = await loginAs(role);
      expect((await person.get("/settings/api")).status).toBe(403);
      expect((await person.post("/settings/api", { name: "Sneaky", scope: "read_write", expires: "never" })).status).toBe(403);
      const team = await (await person.get("/settings/team")).text();
      expect(team).not.toContain('href="/settings/api"');
    }
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM api_tokens WHERE name = 'Sneaky'").first<{ n: number }>()).toEqual({ n: 0 });
  });

  it("lets owners in and shows them the nav entry", async () => {
    const owner = await loginAs("owner");
    const res = await owner.get("/settings/api");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('href="/settings/api"');
  });

  it("answers 404 for another workspace's token, which keeps working", async () => {
    const t = await insertToken(admin.user.workspaceId, { name: "Not theirs" });
    const outsider = await loginInNewWorkspace("owner");
    const res = await outsider.post(`/settings/api/${t.id}/revoke`, {}, { htmx: true });
    expect(res.status).toBe(404);
    expect((await api(t.token).get("/tags")).status).toBe(200);
    expect(await (await outsider.get("/settings/api")).text()).not.toContain("Not theirs");
  });
});

describe("the list", () => {
  it("pages by keyset, newest first", async () => {
    const other = await loginInNewWorkspace("admin");
    const base = Date.now() - 1_000_000;
    for (let i = 0; i < 27; i++) {
      await env.DB.prepare("INSERT INTO api_tokens (id, workspace_id, name, token_hash, scope, prefix, created_at) VALUES (?, ?, ?, ?, 'read', ?, ?)")
        .bind(newId("tok", base + i * 1000), other.user.workspaceId, `Token ${String(i).padStart(2, "0")}`, await sha256Hex(`t-${i}-${Math.random()}`), "ld_abcdefg", base + i * 1000)
        .run();
    }
    const first = await (await other.get("/settings/api")).text();
    const names = (html: string) => [...html.matchAll(/class="api-token__name">([^<]+)</g)].map((m) => m[1]);
    expect(names(first)).toHaveLength(25);
    expect(names(first)[0]).toBe("Token 26");
    const more = /hx-get="(\/settings\/api\/tokens\?cursor=[^"]+)"/.exec(first)?.[1]?.replace(/&amp;/g, "&");
    expect(more).toBeTruthy();
    const rest = await (await other.get(more ?? "", { headers: { "hx-request": "true" } })).text();
    expect(names(rest)).toEqual(["Token 01", "Token 00"]);
    expect(rest).not.toContain("Show more tokens");
  });
});
