// Route guards for the composer and quota sub-apps. They are mounted on /inbox
// next to the inbox's own sub-app, whose middleware may already have loaded the
// session for this request: reuse it instead of reading D1 twice. The CSRF
// check always runs (cheap with the x-csrf-token header htmx sends).
import type { MiddlewareHandler } from "hono";
import { requireCsrf, requireSession } from "../auth/middleware";
import type { AppEnv } from "../env";

/** requireSession(), skipped when an earlier middleware already set the session. */
export function sessionOnce(): MiddlewareHandler<AppEnv> {
  const load = requireSession();
  return async function sessionOnceMiddleware(c, next) {
    // `session` is typed as always present; at runtime it is unset until a guard sets it.
    const existing: unknown = c.get("session");
    if (existing) return next();
    return load(c, next);
  };
}

/** Session (reused when present) and then the CSRF check on state-changing methods. */
export function composerGuard(): MiddlewareHandler<AppEnv> {
  const session = sessionOnce();
  const csrf = requireCsrf();
  return async function composerGuardMiddleware(c, next) {
    // requireCsrf never answers by itself (it throws), so only the session guard's answer matters.
    return session(c, async () => {
      await csrf(c, next);
    });
  };
}
