// Request guards: agent session (cookie), CSRF token on state changes, API bearer token.
import { eq } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { db, schema } from "../db/client";
import { type AppEnv, simulatorEnabled } from "../env";
import { sha256Hex } from "../lib/crypto";
import { type AgentSession, loadSession, SESSION_COOKIE } from "./session";

declare module "hono" {
  interface ContextVariableMap {
    session: AgentSession;
    apiWorkspaceId: string;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Requires a signed-in agent. Pages redirect to /login; htmx requests get
 * HX-Redirect so the whole page goes there; other requests get 401.
 */
export function requireSession(): MiddlewareHandler<AppEnv> {
  return async function requireSessionMiddleware(c, next) {
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await loadSession(c.env.DB, token, Date.now(), simulatorEnabled(c.env)) : null;
    if (!session) {
      if (c.req.header("hx-request")) {
        c.header("HX-Redirect", "/login");
        throw new HTTPException(401, { message: "Your session has ended. Please sign in again." });
      }
      if (c.req.method === "GET" && c.req.header("upgrade")?.toLowerCase() !== "websocket") {
        return c.redirect(`/login?next=${encodeURIComponent(new URL(c.req.url).pathname)}`);
      }
      throw new HTTPException(401, { message: "Sign in required" });
    }
    c.set("session", session);
    await next();
  };
}

/**
 * Checks the session's CSRF token on every state-changing request: a `_csrf`
 * form field or an `x-csrf-token` header. Runs after requireSession.
 */
export function requireCsrf(): MiddlewareHandler<AppEnv> {
  return async function requireCsrfMiddleware(c, next) {
    if (!SAFE_METHODS.has(c.req.method)) {
      const expected = c.get("session").csrfToken;
      let sent = c.req.header("x-csrf-token");
      if (!sent) {
        const type = c.req.header("content-type") ?? "";
        if (type.includes("form")) {
          const form = await c.req.parseBody();
          const value = form._csrf;
          sent = typeof value === "string" ? value : undefined;
        }
      }
      if (!sent || !(await sameSecret(sent, expected))) {
        throw new HTTPException(403, { message: "This form has expired. Reload the page and try again." });
      }
    }
    await next();
  };
}

/** Constant-time comparison of two secrets (hash both, compare digests). */
export async function sameSecret(a: string, b: string): Promise<boolean> {
  const [ha, hb] = await Promise.all([sha256Hex(a), sha256Hex(b)]);
  let diff = 0;
  for (let i = 0; i < ha.length; i++) diff |= ha.charCodeAt(i) ^ hb.charCodeAt(i);
  return diff === 0 && a.length === b.length;
}

/** Requires `Authorization: Bearer <token>` of a workspace API token. */
export function requireApiToken(): MiddlewareHandler<AppEnv> {
  return async function requireApiTokenMiddleware(c, next) {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{16,200})$/i.exec(header.trim());
    if (!match?.[1]) {
      c.header("WWW-Authenticate", 'Bearer realm="linedesk"');
      throw new HTTPException(401, { message: "A valid API token is required (Authorization: Bearer <token>)" });
    }
    const row = await db(c.env.DB)
      .select({ id: schema.apiTokens.id, workspaceId: schema.apiTokens.workspaceId, demo: schema.apiTokens.demo })
      .from(schema.apiTokens)
      .where(eq(schema.apiTokens.tokenHash, await sha256Hex(match[1])))
      .get();
    // DEMO_API_TOKEN works only while the simulator is on, even where the demo seeded it.
    const demoRefused = !simulatorEnabled(c.env) && (row?.demo === 1 || (c.env.DEMO_API_TOKEN !== undefined && (await sameSecret(match[1], c.env.DEMO_API_TOKEN))));
    if (!row || demoRefused) {
      c.header("WWW-Authenticate", 'Bearer realm="linedesk", error="invalid_token"');
      throw new HTTPException(401, { message: "The API token is not valid" });
    }
    c.set("apiWorkspaceId", row.workspaceId);
    await next();
  };
}

export type Role = AgentSession["role"];
const ROLE_RANK: Record<Role, number> = { agent: 0, supervisor: 1, admin: 2, owner: 3 };

/** True when `role` is at least `minimum` (owner > admin > supervisor > agent). */
export function hasRole(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}

/** Requires at least `minimum` role (after requireSession); 403 with a clear message otherwise. */
export function requireRole(minimum: Role): MiddlewareHandler<AppEnv> {
  return async function requireRoleMiddleware(c, next) {
    if (!hasRole(c.get("session").role, minimum)) {
      throw new HTTPException(403, { message: `Only ${minimum}s and above can do this.` });
    }
    await next();
  };
}
