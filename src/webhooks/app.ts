// LINE's webhook, outside the page app: the Worker entry sends /webhooks/* here
// before the page app (language, first-run redirect, form origin check, CSP and
// its router of every page), none of which applies to machine traffic. This is
// the hot path: every customer message comes through it, so it is a plain fetch
// handler for its one route rather than a Hono app: Hono's context, router,
// middleware chain and c.json took about 0.05 ms of CPU per webhook in the
// benchmark's profile (README, "Issue 12").
import { HTTPException } from "hono/http-exception";
import type { Bindings } from "../env";
import { requireBootstrap } from "../setup/bootstrapped";
import { t } from "../ui/i18n";
import { receiveLineWebhook } from "./routes";

export const WEBHOOK_PREFIX = "/webhooks/";

/** POST /webhooks/line/:channelId (no trailing slash, like every route of the app). */
const LINE_WEBHOOK = /^\/webhooks\/line\/([^/]+)$/;
const JSON_HEADERS = { "content-type": "application/json" };

const answer = (body: unknown, status: number) => new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });

/** Answers a request under WEBHOOK_PREFIX: 200 only after every event is durably stored. */
export async function handleWebhook(request: Request, env: Bindings, path: string): Promise<Response> {
  try {
    const match = request.method === "POST" ? LINE_WEBHOOK.exec(path) : null;
    if (!match?.[1]) return answer({ error: "Not found" }, 404);
    await requireBootstrap(env);
    await receiveLineWebhook(request, env, safeDecode(match[1]));
    return new Response('{"ok":true}', { headers: JSON_HEADERS });
  } catch (error) {
    if (error instanceof HTTPException) return answer({ error: error.message }, error.status);
    console.error("webhook failed", path, error instanceof Error ? (error.stack ?? error.message) : error);
    return answer({ error: t("error.generic") }, 500);
  }
}

/** A malformed %-escape is left as it is (the channel id check then refuses it). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
