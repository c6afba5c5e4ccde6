// Signing in as the demo admin the way a browser does (CSRF cookie + form).
import { SELF } from "cloudflare:test";
import { DEMO_ADMIN } from "../../src/db/seed";

export const ORIGIN = "https://linedesk.test";

function cookieValue(setCookie: string | null, name: string): string | null {
  const match = setCookie ? new RegExp(`${name}=([^;]+)`).exec(setCookie) : null;
  return match?.[1] ?? null;
}

export function hiddenCsrf(html: string): string {
  const match = /name="_csrf"[^>]*value="([^"]+)"/.exec(html) ?? /value="([^"]+)"[^>]*name="_csrf"/.exec(html);
  if (!match?.[1]) throw new Error("no _csrf field in page");
  return match[1];
}

export interface Agent {
  cookie: string;
  csrf: string;
  get(path: string, init?: RequestInit): Promise<Response>;
  post(path: string, form: Record<string, string>, init?: { htmx?: boolean; csrf?: string | null }): Promise<Response>;
}

export async function login(email: string = DEMO_ADMIN.email, password: string = DEMO_ADMIN.password): Promise<Agent> {
  const page = await SELF.fetch(`${ORIGIN}/login`);
  const loginCsrf = cookieValue(page.headers.get("set-cookie"), "ld_login_csrf");
  const token = hiddenCsrf(await page.text());
  const res = await SELF.fetch(`${ORIGIN}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `ld_login_csrf=${loginCsrf}`, origin: ORIGIN },
    body: new URLSearchParams({ email, password, _csrf: token }),
  });
  const session = cookieValue(res.headers.get("set-cookie"), "ld_session");
  if (res.status !== 303 || !session) throw new Error(`login failed: ${res.status}`);
  return agentFromCookie(`ld_session=${session}`);
}

/** A signed-in browser from its session cookie: reads the CSRF token the inbox page carries. */
export async function agentFromCookie(cookie: string): Promise<Agent> {
  const inbox = await SELF.fetch(`${ORIGIN}/inbox`, { headers: { cookie } });
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(await inbox.text())?.[1];
  if (!csrf) throw new Error(`no csrf meta on the inbox page (${inbox.status})`);
  return {
    cookie,
    csrf,
    get: (path, init = {}) => SELF.fetch(`${ORIGIN}${path}`, { redirect: "manual", ...init, headers: { cookie, ...(init.headers as Record<string, string>) } }),
    post: (path, form, o = {}) =>
      SELF.fetch(`${ORIGIN}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded", ...(o.htmx ? { "hx-request": "true" } : {}) },
        body: new URLSearchParams(o.csrf === null ? form : { _csrf: o.csrf ?? csrf, ...form }),
      }),
  };
}
