// /settings/api: REST API tokens, admins and owners only. A new token is shown
// once (no-store) in the response that created it; D1 keeps its SHA-256.
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { requireRole } from "../auth/middleware";
import type { AppEnv } from "../env";
import { activeTokenCount, apiTokenForm, createApiToken, findApiToken, listApiTokens, revokeApiToken } from "./api-tokens";
import { changeContext, isHtmx, loadViewer, noStore, notFound, type Viewer } from "./context";
import { fieldErrors, idParam, listQuery, submittedText } from "./forms";
import { ApiTokenRows, ApiTokenRowView, OneTimeToken } from "./views/api-token-rows";
import { ApiTokenCreateCard, type ApiTokensPageProps, ApiTokensPage } from "./views/api-tokens-page";

const LIST = "/settings/api";

const badId = zValidator("param", idParam, (r) => {
  if (!r.success) throw notFound("apiToken");
});

async function renderPage(c: Context<AppEnv>, viewer: Viewer, extras: Pick<ApiTokensPageProps, "create" | "created"> & { cursor?: string } = {}, status: 200 | 422 = 200) {
  const [tokens, activeCount] = await Promise.all([listApiTokens(c.env.DB, viewer.workspaceId, extras.cursor), activeTokenCount(c.env.DB, viewer.workspaceId)]);
  const origin = new URL(c.req.url).origin;
  return c.html(<ApiTokensPage viewer={viewer} origin={origin} tokens={tokens} activeCount={activeCount} create={extras.create} created={extras.created} paged={Boolean(extras.cursor)} />, status);
}

export const apiTokenRoutes = new Hono<AppEnv>()
  .use(requireRole("admin"))
  .get("/", zValidator("query", listQuery), async (c) => renderPage(c, await loadViewer(c), { cursor: c.req.valid("query").cursor }))
  .get("/tokens", zValidator("query", listQuery), async (c) => {
    const { cursor } = c.req.valid("query");
    if (!isHtmx(c)) return c.redirect(`${LIST}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`, 303);
    const session = c.get("session");
    return c.html(<ApiTokenRows {...await listApiTokens(c.env.DB, session.workspaceId, cursor)} csrfToken={session.csrfToken} />);
  })
  .post("/", async (c) => {
    const viewer = await loadViewer(c);
    const body = await c.req.parseBody();
    const parsed = apiTokenForm.safeParse(body);
    if (!parsed.success) {
      const create = { values: submittedText(body, ["name", "scope", "expires"]), errors: fieldErrors(parsed.error) };
      return isHtmx(c) ? c.html(<ApiTokenCreateCard csrfToken={viewer.csrfToken} {...create} />, 422) : renderPage(c, viewer, { create }, 422);
    }
    const created = await createApiToken(c.env.DB, { ...changeContext(c), actorName: viewer.name }, parsed.data);
    // The plain token is in this response only: no cache, no browser history copy.
    noStore(c);
    const shown = { name: created.row.name, scope: created.row.scope, token: created.token, expiresAt: created.row.expiresAt };
    if (!isHtmx(c)) return renderPage(c, viewer, { created: shown });
    return c.html(
      <>
        <ApiTokenCreateCard csrfToken={viewer.csrfToken} />
        <hx-partial hx-target="#api-token-notice" hx-swap="innerHTML">
          <OneTimeToken {...shown} />
        </hx-partial>
        <hx-partial hx-target="#api-token-list" hx-swap="afterbegin">
          <ApiTokenRowView token={created.row} csrfToken={viewer.csrfToken} />
        </hx-partial>
      </>,
    );
  })
  .post("/:id/revoke", badId, async (c) => {
    const session = c.get("session");
    const id = c.req.valid("param").id;
    const existing = await findApiToken(c.env.DB, session.workspaceId, id);
    if (!existing) throw notFound("apiToken");
    // Revoking twice is harmless: the second time changes nothing and writes no audit entry.
    if (existing.revokedAt === null) await revokeApiToken(c.env.DB, changeContext(c), id);
    if (!isHtmx(c)) return c.redirect(LIST, 303);
    const row = await findApiToken(c.env.DB, session.workspaceId, id);
    return row ? c.html(<ApiTokenRowView token={row} csrfToken={session.csrfToken} />) : c.body("", 200);
  });
