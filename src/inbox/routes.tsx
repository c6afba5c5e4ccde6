// The agent inbox: the page, the list (views, filters, search, keyset pages) and
// bulk actions. Every route requires a session and sees only its own workspace.
// Per-conversation routes live in thread-routes.tsx.
import { Hono } from "hono";
import type { Context } from "hono";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { requireCsrf, requireSession } from "../auth/middleware";
import { auditInsert } from "../db/audit";
import { db, schema } from "../db/client";
import { conversationStub } from "../conversations/service";
import type { Actor, TriageChange } from "../conversations/port";
import type { AppEnv } from "../env";
import { localeParams } from "../conversations/live";
import { workspaceDirectory } from "./directory";
import { filterCounts, type ListFilter, listFilterSchema, viewCounts } from "./queries";
import { FilterFields } from "./views/list-toolbar";
import { freshParts, listFragment, renderInboxPage } from "./page";
import { triageProblemText } from "./triage-form";
import { t } from "../ui/i18n";
import { requireWebSocket, threadRoutes } from "./thread-routes";

const MAX_BULK = 100;
const hexId = z.string().regex(/^[0-9a-f]{64}$/);
const bulkForm = z.object({
  ids: z
    .array(hexId)
    .min(1, { error: () => t("inbox.bulk.error.none") })
    .max(MAX_BULK, { error: () => t("inbox.bulk.error.tooMany", { max: MAX_BULK }) }),
  action: z.enum(["apply", "resolve"]),
  assignee: z.string().max(40).optional(),
  tag: z.string().max(40).optional(),
});

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
    const form = parsed.success ? parsed.data : null;
    const unknownAgent = form?.assignee && !["me", "none"].includes(form.assignee) && !directory.agents.some((a) => a.id === form.assignee);
    const unknownTag = form?.tag && !directory.tags.some((t) => t.id === form.tag);
    if (!form || unknownAgent || unknownTag) {
      const message = !parsed.success ? parsed.error.issues[0]?.message ?? t("inbox.bulk.error.check") : triageProblemText(unknownAgent ? "agent" : "tag");
      c.header("HX-Retarget", "#toasts");
      c.header("HX-Reswap", "beforeend");
      return c.html(<div class="toast toast--error" role="alert">{message}</div>, 422);
    }
    const rows = await db(c.env.DB)
      .select({ id: schema.conversations.id, bucket: schema.conversations.bucket, pinned: schema.conversations.pinned, lastActivityAt: schema.conversations.lastActivityAt })
      .from(schema.conversations)
      .where(and(eq(schema.conversations.workspaceId, session.workspaceId), inArray(schema.conversations.id, form.ids)));
    const actor: Actor = { id: session.userId, name: session.name };
    const changes: TriageChange[] = [];
    if (form.action === "resolve") changes.push({ kind: "status", status: "resolved" });
    if (form.action === "apply" && form.assignee) {
      const id = form.assignee === "me" ? session.userId : form.assignee;
      const agent = directory.agents.find((a) => a.id === id);
      if (form.assignee === "none") changes.push({ kind: "assign", assignee: null });
      else if (agent) changes.push({ kind: "assign", assignee: { id: agent.id, name: agent.name } });
    }
    const tag = form.action === "apply" && form.tag ? directory.tags.find((t) => t.id === form.tag) : undefined;
    // Ten at a time: each conversation is its own Durable Object.
    for (let i = 0; i < rows.length; i += 10) {
      await Promise.all(rows.slice(i, i + 10).map(async (row) => {
        for (const change of changes) await conversationStub(c.env, row.id).triage(change, actor);
      }));
    }
    if (tag && rows.length) {
      const d = db(c.env.DB);
      const [added] = await d.batch([
        d
          .insert(schema.conversationTags)
          .values(rows.map((r) => ({ conversationId: r.id, tagId: tag.id, workspaceId: session.workspaceId, bucket: r.bucket, pinned: r.pinned, lastActivityAt: r.lastActivityAt })))
          .onConflictDoNothing()
          .returning({ conversationId: schema.conversationTags.conversationId }),
        ...rows.map((r) => auditInsert(c.env.DB, { workspaceId: session.workspaceId, actorId: session.userId, action: "conversation.tagged", targetType: "conversation", targetId: r.id, data: { tagId: tag.id, bulk: true } })),
      ]);
      // tag.added for the conversations that did not have the tag yet.
      for (let i = 0; i < added.length; i += 10) {
        await Promise.all(added.slice(i, i + 10).map((a) => conversationStub(c.env, a.conversationId).tagChanged("tag.added", { id: tag.id, name: tag.name }, "conversation", actor)));
      }
    }
    const [list, fresh] = await Promise.all([listFragment(c, listFilter), freshParts(c)]);
    return c.html(
      <>
        {list}
        {fresh}
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

