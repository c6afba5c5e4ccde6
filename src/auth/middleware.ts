// Request guards: agent session (cookie), CSRF token on state changes, API bearer token.
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { type AppEnv, simulatorEnabled } from "../env";
import { matchLanguage, setLocaleContext, t } from "../ui/i18n";
import type { LanguageCode } from "../lib/locales";
import { sha256Hex } from "../lib/crypto";
import { apiTokenByHash, recordApiTokenUse } from "./api-token-check";
import { type AgentSession, loadSession, SESSION_COOKIE } from "./session";

/** The API token a request authenticated with (set by requireApiToken). */
export interface ApiTokenContext {
  id: string;
  workspaceId: string;
  /** The name an admin gave it, e.g. "Zendesk sync". */
  name: string;
  scope: "read" | "read_write";
}

declare module "hono" {
  interface ContextVariableMap {
    session: AgentSession;
    /** The UI language the browser asked for (Accept-Language), or null when none of ours matched. */
    browserLocale: LanguageCode | null;
    apiToken: ApiTokenContext;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The agent's chosen language, else what the browser asks for, else the workspace's, else English. */
export function agentLocale(session: Pick<AgentSession, "language" | "workspaceLanguage">, browser: LanguageCode | null | undefined): LanguageCode {
  return (session.language ? matchLanguage(session.language) : null) ?? browser ?? matchLanguage(session.workspaceLanguage) ?? "en";
}

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
        throw new HTTPException(401, { message: t("error.sessionEnded") });
      }
      if (c.req.method === "GET" && c.req.header("upgrade")?.toLowerCase() !== "websocket") {
        return c.redirect(`/login?next=${encodeURIComponent(new URL(c.req.url).pathname)}`);
      }
      throw new HTTPException(401, { message: t("error.signInRequired") });
    }
    c.set("session", session);
    // The agent's own language (else the browser's, else the workspace's) and time zone from here on.
    setLocaleContext({ locale: agentLocale(session, c.get("browserLocale")), timeZone: session.timeZone });
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
        throw new HTTPException(403, { message: t("error.formExpired") });
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

/** lastUsedAt is written at most this often per token, to spare D1 a write on every call. */
export const LAST_USED_RESOLUTION_MS = 60_000;

function refuseToken(message: string, error = "invalid_token"): never {
  const res = new Response(null, { headers: { "WWW-Authenticate": `Bearer realm="linedesk", error="${error}"` } });
  throw new HTTPException(401, { message, res });
}

/**
 * Requires `Authorization: Bearer <token>` of a workspace API token that is
 * neither revoked nor expired. A read-only token gets 403 on anything but
 * GET/HEAD/OPTIONS. Sets `apiToken` for the routes and records the last
 * use, at most once a minute per token.
 */
export function requireApiToken(): MiddlewareHandler<AppEnv> {
  return async function requireApiTokenMiddleware(c, next) {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{16,200})$/i.exec(header.trim());
    if (!match?.[1]) {
      const res = new Response(null, { headers: { "WWW-Authenticate": 'Bearer realm="linedesk"' } });
      throw new HTTPException(401, { message: "A valid API token is required (Authorization: Bearer <token>)", res });
    }
    const row = await apiTokenByHash(c.env.DB, await sha256Hex(match[1]));
    const now = Date.now();
    if (!row) refuseToken("The API token is not valid");
    // DEMO_API_TOKEN works only while the simulator is on, even where the demo seeded it.
    const demoToken = row.demo === 1 || (c.env.DEMO_API_TOKEN !== undefined && c.env.DEMO_API_TOKEN !== "" && (await sameSecret(match[1], c.env.DEMO_API_TOKEN)));
    if (demoToken && !simulatorEnabled(c.env)) refuseToken("The API token is not valid");
    if (row.revokedAt !== null) refuseToken("This API token has been revoked");
    if (row.expiresAt !== null && row.expiresAt <= now) refuseToken("This API token has expired");
    if (row.scope === "read" && !SAFE_METHODS.has(c.req.method)) {
      throw new HTTPException(403, { message: "This API token can only read. Create a read and write token in Settings → API to make changes." });
    }
    await recordApiTokenUse(c.env.DB, row, now, LAST_USED_RESOLUTION_MS);
    c.set("apiToken", { id: row.id, workspaceId: row.workspaceId, name: row.name, scope: row.scope });
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
      throw new HTTPException(403, { message: t(`error.roleRequired.${minimum}`) });
    }
    await next();
  };
}
