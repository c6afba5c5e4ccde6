// The agent inbox: the page, the list (views, filters, search, keyset pages) and
// bulk actions. Every route requires a session and sees only its own workspace.
// Per-conversation routes live in thread-routes.tsx.
import { Hono } from "hono";
import type { Context } from "hono";
import { requireCsrf, requireSession } from "../auth/middleware";
import type { AppEnv } from "../env";
import { localeParams } from "../conversations/live";
import { workspaceDirectory } from "./directory";
import { filterCounts, type ListFilter, listFilterSchema, viewCounts } from "./queries";
import { FilterFields } from "./views/list-toolbar";
import { freshParts, listFragment, renderInboxPage } from "./page";
import { triageProblemText } from "./triage-form";
import { t } from "../ui/i18n";
import { requireWebSocket, threadRoutes } from "./thread-routes";
import { applyBulk, bulkForm, bulkOutcomeText, unknownInBulk } from "./bulk";

function parseFilter(c: Context<AppEnv>, prefix = ""): Partial<ListFilter> {
  const q = c.req.query();
  const raw = Object.fromEntries(["view", "team", "tag", "channel", "q", "sort", "cursor"].map((k) => [k, q[`${prefix}${k}`]]).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = listFilterSchema.safeParse(raw);
  return parsed.success ? parsed.data : { view: "all" };
}

export const inboxRoutes = new Hono<AppEnv>()
  .use(requireSession(), requireCsrf())
  .get("/", async (c) => renderInboxPage(c, parseFilter(c), null))
  .get("/list", async (c) => c.html(await listFragment(c, parseFilter(c), c.req.query("active"))))
  .get("/filters", async (c) => {
    const session = c.get("session");
    const directory = await workspaceDirectory(c.env.DB, session.workspaceId);
    const counts = await filterCounts(c.env.DB, session.workspaceId, {
      teams: directory.teams.map((t) => t.id),
      tags: directory.tags.map((t) => t.id),
      channels: directory.channels.map((ch) => ch.id),
    });
    return c.html(<FilterFields filter={parseFilter(c)} directory={directory} counts={counts} />);
  })
  .get("/counts", async (c) => {
    const session = c.get("session");
    return c.json(await viewCounts(c.env.DB, session.workspaceId, session.userId));
  })
  .post("/bulk", async (c) => {
    const session = c.get("session");
    const body = await c.req.parseBody({ all: true });
    const ids = body.ids === undefined ? [] : Array.isArray(body.ids) ? body.ids : [body.ids];
    const parsed = bulkForm.safeParse({ ...body, ids });
    const filter = listFilterSchema.safeParse(Object.fromEntries(Object.entries(body).filter(([k, v]) => k.startsWith("filter_") && typeof v === "string" && v).map(([k, v]) => [k.slice(7), v])));
    const listFilter = filter.success ? filter.data : { view: "all" as const };
    const directory = await workspaceDirectory(c.env.DB, session.workspaceId);
    const unknown = parsed.success ? unknownInBulk(parsed.data, directory) : null;
    if (!parsed.success || unknown) {
      const message = !parsed.success ? parsed.error.issues[0]?.message ?? t("inbox.bulk.error.check") : triageProblemText(unknown ?? "tag");
      c.header("HX-Retarget", "#toasts");
      c.header("HX-Reswap", "beforeend");
      return c.html(<div class="toast toast--error" role="alert">{message}</div>, 422);
    }
    const outcome = await applyBulk(c.env, session.workspaceId, { id: session.userId, name: session.name }, parsed.data, directory);
    const [list, fresh] = await Promise.all([listFragment(c, listFilter), freshParts(c)]);
    return c.html(
      <>
        {list}
        {fresh}
        <hx-partial hx-target="#toasts" hx-swap="beforeend">
          <div class="toast" role="status" data-bulk-outcome>
            {bulkOutcomeText(outcome)}
          </div>
        </hx-partial>
      </>,
    );
  })
  .get("/live", async (c) => {
    requireWebSocket(c);
    const session = c.get("session");
    const feed = c.env.WORKSPACES.get(c.env.WORKSPACES.idFromName(session.workspaceId));
    const url = new URL("https://workspace/live");
    url.searchParams.set("user", session.userId);
    localeParams(url);
    return feed.fetch(new Request(url, c.req.raw));
  })
  .route("/c", threadRoutes);

