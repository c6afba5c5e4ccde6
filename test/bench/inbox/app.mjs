// The app under test: `node scripts/start.mjs` (what `npm start` runs: migrations, then
// wrangler dev on 127.0.0.1:$PORT, demo workspace seeded on the first request) on the
// benchmark's own state directory, and a signed-in agent session.
import { join } from "node:path";
import { freePort } from "./procs.mjs";

export const HOST = "127.0.0.1";
export const DEMO_LOGIN = { email: "admin@linedesk.test", password: "linedesk-demo" };

/**
 * Starts the app in its own process group and waits until it answers /healthz.
 * `onLine` sees every output line (wrangler's request log included).
 */
export async function startApp({ root, dir, children, name = "app", onLine, log = () => {}, timeoutMs = 180_000, env = {} }) {
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const entry = children.spawn(name, process.execPath, [join(root, "scripts/start.mjs")], {
    cwd: root,
    env: { PORT: String(port), LINEDESK_PERSIST_TO: dir, WRANGLER_SEND_METRICS: "false", ...env },
    onLine,
  });
  const deadline = Date.now() + timeoutMs;
  let warned = false;
  while (Date.now() < deadline) {
    if (!warned && entry.tail.includes("Build failed")) {
      warned = true;
      log(`${name}: wrangler dev could not build src/ (being edited?); waiting for it to rebuild — see the log for the errors`);
    }
    if (entry.exited) throw new Error(`${name} exited (${entry.exitCode}) before answering:\n${entry.tail.slice(-3000)}`);
    if (entry.tail.includes("linedesk is running")) {
      try {
        const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) });
        if (res.ok) return { base, port, entry, stop: () => children.stop(entry) };
      } catch {}
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await children.stop(entry);
  throw new Error(`${name} did not start within ${timeoutMs / 1000} s:\n${entry.tail.slice(-3000)}`);
}

function cookiesOf(res) {
  const out = {};
  for (const line of res.headers.getSetCookie()) {
    const m = /^([^=;]+)=([^;]*)/.exec(line);
    if (m) out[m[1].trim()] = m[2];
  }
  return out;
}

/** Signs in through the login form (double-submit CSRF cookie; the demo admin unless `login` says who); returns the session token. */
export async function signIn(base, login = DEMO_LOGIN) {
  const form = await fetch(`${base}/login`, { signal: AbortSignal.timeout(15_000) });
  const html = await form.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const loginCookie = cookiesOf(form).ld_login_csrf;
  if (!form.ok || !csrf || !loginCookie) throw new Error(`GET /login: no CSRF token (status ${form.status})`);
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    // A browser sends Origin with a form POST; the app's same-origin check refuses one without it.
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `ld_login_csrf=${loginCookie}`, origin: base },
    body: new URLSearchParams({ email: login.email, password: login.password, _csrf: csrf }).toString(),
    signal: AbortSignal.timeout(30_000),
  });
  await res.arrayBuffer();
  const token = cookiesOf(res).ld_session;
  if (res.status !== 303 || !token) throw new Error(`POST /login: expected 303 with ld_session, got ${res.status}`);
  return token;
}
