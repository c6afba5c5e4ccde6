// Directory routes under /contacts: the list with filters and keyset pages, bulk
// tagging, a contact's own page, merge suggestions and the merge preview/confirm.
// Thin: validate with zod, call the directory and merge modules, render.
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { hasRole } from "../auth/middleware";
import type { AppEnv } from "../env";
import { t, tn } from "../ui/i18n";
import { contactActivity } from "./directory/activity";
import { bulkTagContacts } from "./directory/bulk-tag";
import { type DirectoryFilters, directoryQuery, filterQuery } from "./directory/filters";
import { listDirectory, resolveContactId } from "./directory/list";
import { mergeContacts } from "./merge/execute";
import { MERGE_MAX, planMerge } from "./merge/plan";
import { dismissSuggestion, mergeSuggestions } from "./merge/suggestions";
import { findContact } from "./queries/contact";
import { fieldDefinitions } from "./queries/fields";
import { loadContactPanel } from "./queries/panel";
import { findTag, workspaceTags } from "./queries/tags";
import { contactParam, rowId } from "./schemas";
import { ContactPage } from "./views/contact-page";
import { DirectoryPage } from "./views/directory-page";
import { MergePage } from "./views/merge-page";
import { SuggestionsPage } from "./views/suggestions-page";

const idList = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(rowId).max(100));
const noticeQuery = z.object({ notice: z.enum(["tagged", "merged", "dismissed", "linked", "imported"]).optional(), n: z.coerce.number().int().min(0).max(10_000).optional() });

const userOf = (c: Context<AppEnv>) => {
  const s = c.get("session");
  return { name: s.name, email: s.email, role: s.role };
};

function badFilter(issues: z.core.$ZodIssue[]) {
  const field = issues[0]?.path.join(".") ?? "";
  return new HTTPException(422, { message: t("contacts.dir.badFilter", { field }) });
}

async function renderDirectory(c: Context<AppEnv>, filters: DirectoryFilters, afterId: string | undefined, extra: { notice?: string; error?: string } = {}, status: 200 | 422 = 200) {
  const { workspaceId, csrfToken } = c.get("session");
  const db = c.env.DB;
  const [page, tags, channels, fields, suggestions] = await Promise.all([
    listDirectory(db, workspaceId, filters, { afterId }),
    workspaceTags(db, workspaceId),
    db.prepare("SELECT id, name FROM channels WHERE workspace_id = ?1 ORDER BY created_at").bind(workspaceId).all<{ id: string; name: string }>(),
    fieldDefinitions(db, workspaceId),
    mergeSuggestions(db, workspaceId),
  ]);
  return c.html(
    <DirectoryPage
      user={userOf(c)}
      csrfToken={csrfToken}
      filters={filters}
      rows={page.rows}
      nextAfterId={page.nextAfterId}
      paged={!!afterId}
      tags={tags}
      channels={channels.results}
      fields={fields}
      suggestionCount={suggestions.length}
      canManage={hasRole(c.get("session").role, "admin")}
      now={Date.now()}
      {...extra}
    />,
    status,
  );
}

function noticeText(notice: z.output<typeof noticeQuery>): string | undefined {
  const n = notice.n ?? 0;
  switch (notice.notice) {
    case "tagged":
      return tn("contacts.dir.tagged", n);
    case "merged":
      return t("contacts.merge.done", { count: String(n) });
    case "dismissed":
      return t("contacts.suggest.dismissed");
    case "imported":
      return tn("contacts.csv.done", n);
    case "linked":
      return t("contacts.link.sent");
    default:
      return undefined;
  }
}

export const directoryRoutes = new Hono<AppEnv>()
  .get("/", zValidator("query", directoryQuery.extend(noticeQuery.shape), (r) => {
    if (!r.success) throw badFilter(r.error.issues);
  }), async (c) => {
    const { after, notice, n, ...filters } = c.req.valid("query");
    return renderDirectory(c, filters, after, { notice: noticeText({ notice, n }) });
  })
  .post("/bulk-tag", zValidator("query", directoryQuery), async (c) => {
    const { workspaceId, userId } = c.get("session");
    const { after: _after, ...filters } = c.req.valid("query");
    const body = await c.req.parseBody({ all: true });
    const ids = idList.safeParse(body.ids);
    const tagId = rowId.safeParse(body.tag);
    if (!ids.success || !ids.data.length) return renderDirectory(c, filters, undefined, { error: t("contacts.dir.noneSelected") }, 422);
    if (!tagId.success) return renderDirectory(c, filters, undefined, { error: t("contacts.dir.tagMissing") }, 422);
    const tag = await findTag(c.env.DB, workspaceId, tagId.data);
    if (!tag) throw new HTTPException(404, { message: t("contacts.error.tagNotFound") });
    const tagged = await bulkTagContacts(c.env, workspaceId, { id: userId, name: c.get("session").name }, ids.data, tag);
    if (tagged === null) throw new HTTPException(404, { message: t("contacts.error.contactNotFound") });
    return c.redirect(`/contacts${filterQuery(filters, { notice: "tagged", n: String(tagged) })}`, 303);
  })
  .get("/suggestions", zValidator("query", noticeQuery), async (c) => {
    const { workspaceId, csrfToken } = c.get("session");
    const suggestions = await mergeSuggestions(c.env.DB, workspaceId);
    return c.html(<SuggestionsPage user={userOf(c)} csrfToken={csrfToken} suggestions={suggestions} notice={noticeText(c.req.valid("query"))} />);
  })
  .post("/suggestions/dismiss", async (c) => {
    const { workspaceId, userId } = c.get("session");
    const ids = idList.safeParse((await c.req.parseBody({ all: true })).ids);
    if (!ids.success || ids.data.length < 2 || ids.data.length > MERGE_MAX) throw new HTTPException(422, { message: t("contacts.merge.pickTwo") });
    await dismissSuggestion(c.env.DB, workspaceId, userId, ids.data);
    return c.redirect("/contacts/suggestions?notice=dismissed", 303);
  })
  .get("/merge", zValidator("query", z.object({ ids: idList, survivor: rowId.optional() }), (r) => {
    if (!r.success) throw new HTTPException(422, { message: t("contacts.merge.pickTwo") });
  }), async (c) => {
    const { workspaceId, csrfToken } = c.get("session");
    const { survivor } = c.req.valid("query");
    const ids = [...new Set(c.req.queries("ids") ?? [])].filter((id) => rowId.safeParse(id).success);
    if (ids.length < 2 || ids.length > MERGE_MAX) throw new HTTPException(422, { message: t("contacts.merge.pickTwo") });
    const plan = await planMerge(c.env.DB, workspaceId, ids, survivor && ids.includes(survivor) ? survivor : (ids.slice().sort()[0] ?? ""));
    if (!plan) throw new HTTPException(409, { message: t("contacts.merge.unavailable") });
    return c.html(<MergePage user={userOf(c)} csrfToken={csrfToken} plan={plan} />);
  })
  .post("/merge", async (c) => {
    const session = c.get("session");
    const body = await c.req.parseBody({ all: true });
    const ids = idList.safeParse(body.ids);
    const survivor = rowId.safeParse(body.survivor);
    if (!ids.success || !survivor.success || ids.data.length < 2 || ids.data.length > MERGE_MAX) throw new HTTPException(422, { message: t("contacts.merge.pickTwo") });
    const plan = await planMerge(c.env.DB, session.workspaceId, ids.data, survivor.data);
    if (!plan) throw new HTTPException(409, { message: t("contacts.merge.unavailable") });
    const choices: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (k.startsWith("field_") && typeof v === "string" && rowId.safeParse(v).success) choices[k.slice(6)] = v;
    const result = await mergeContacts(c.env, { workspaceId: session.workspaceId, actor: { id: session.userId, name: session.name }, plan, choices });
    if (!result.ok) {
      const label = plan.conflicts.find((x) => x.fieldId === result.fieldId)?.label ?? "";
      const error = result.reason === "choice_missing" ? t("contacts.merge.choiceMissing", { label }) : t("contacts.merge.unavailable");
      return c.html(<MergePage user={userOf(c)} csrfToken={session.csrfToken} plan={plan} choices={choices} error={error} />, result.reason === "choice_missing" ? 422 : 409);
    }
    return c.redirect(`/contacts/${result.survivorId}?notice=merged&n=${result.conversations.length}`, 303);
  })
  .get("/:contactId", zValidator("param", contactParam, (r) => {
    if (!r.success) throw new HTTPException(404, { message: t("contacts.error.contactNotFound") });
  }), zValidator("query", noticeQuery), async (c) => {
    const session = c.get("session");
    const requested = c.req.valid("param").contactId;
    const live = await resolveContactId(c.env.DB, session.workspaceId, requested);
    if (!live) throw new HTTPException(404, { message: t("contacts.error.contactNotFound") });
    if (live !== requested) return c.redirect(`/contacts/${live}`, 302);
    const contact = await findContact(c.env.DB, session.workspaceId, live);
    if (!contact) throw new HTTPException(404, { message: t("contacts.error.contactNotFound") });
    const [data, activity] = await Promise.all([loadContactPanel(c.env.DB, session.workspaceId, contact), contactActivity(c.env.DB, session.workspaceId, contact.id)]);
    return c.html(
      <ContactPage
        {...data}
        user={userOf(c)}
        csrfToken={session.csrfToken}
        canManageFields={hasRole(session.role, "admin")}
        activity={activity}
        notice={noticeText(c.req.valid("query"))}
        now={Date.now()}
      />,
    );
  });
