// Production-mode helpers: the first run through /setup exactly as a browser does
// it (double-submit CSRF cookie, form post), and signing in afterwards.
import { env, SELF } from "cloudflare:test";
import { type Agent, agentFromCookie, hiddenCsrf, ORIGIN } from "../helpers/session";

export { agentFromCookie };

export const OWNER = { name: "Sato Haruka", email: "haruka@sakura-shop.example", password: "plum blossom river lantern 42" } as const;

export function cookieValue(setCookie: string | null, name: string): string | null {
  const match = setCookie ? new RegExp(`${name}=([^;]+)`).exec(setCookie) : null;
  return match?.[1] ?? null;
}

/** Opens /setup and returns its CSRF cookie and field, as a browser would hold them. */
export async function openSetup(): Promise<{ cookie: string; csrf: string; html: string; status: number }> {
  const page = await SELF.fetch(`${ORIGIN}/setup`, { redirect: "manual" });
  const html = await page.text();
  const token = cookieValue(page.headers.get("set-cookie"), "ld_setup_csrf");
  return { cookie: token ? `ld_setup_csrf=${token}` : "", csrf: page.status === 200 ? hiddenCsrf(html) : "", html, status: page.status };
}

export type SetupFields = Partial<Record<"setupKey" | "workspaceName" | "timeZone" | "language" | "name" | "email" | "password" | "confirm", string>>;

export function setupFields(overrides: SetupFields = {}): Record<string, string> {
  return {
    setupKey: env.SETUP_KEY ?? "",
    workspaceName: "Sakura Shop",
    timeZone: "Asia/Tokyo",
    language: "ja",
    name: OWNER.name,
    email: OWNER.email,
    password: OWNER.password,
    confirm: OWNER.password,
    ...overrides,
  };
}

export async function postSetup(fields: Record<string, string>, options: { ip?: string } = {}): Promise<Response> {
  const { cookie, csrf } = await openSetup();
  return SELF.fetch(`${ORIGIN}/setup`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: ORIGIN, ...(options.ip ? { "cf-connecting-ip": options.ip } : {}) },
    body: new URLSearchParams({ _csrf: csrf, ...fields }),
  });
}

/** Runs the whole first-run setup and returns the signed-in owner. */
export async function completeSetup(overrides: SetupFields = {}): Promise<Agent> {
  const res = await postSetup(setupFields(overrides));
  const session = cookieValue(res.headers.get("set-cookie"), "ld_session");
  if (res.status !== 303 || !session) throw new Error(`setup failed: ${res.status} ${await res.text()}`);
  return agentFromCookie(`ld_session=${session}`);
}

