// Every request (pages and the LINE webhook) first makes sure the app can work:
// APP_SECRET is set, and the first workspace and env channel exist (db/seed.ts).
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ensureBootstrap } from "../db/seed";
import type { AppEnv, Bindings } from "../env";
import { t } from "../ui/i18n";

/** Without APP_SECRET nothing can be encrypted or signed: say how to fix it instead of failing later. */
export async function requireBootstrap(env: Bindings): Promise<void> {
  if (!env.APP_SECRET || env.APP_SECRET.length < 32) {
    throw new HTTPException(503, { message: t("error.appSecret") });
  }
  await ensureBootstrap(env);
}

/** The same as Hono middleware (the page app). */
export async function bootstrapped(c: Context<AppEnv>, next: () => Promise<void>): Promise<void> {
  await requireBootstrap(c.env);
  await next();
}
