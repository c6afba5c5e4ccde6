// /settings/tags: everyone sees the workspace's tags and what uses them; admins
// and owners create, rename, recolour, merge and delete them (src/tags/store.ts
// does the work and the audit). Other workspaces' tag ids are a 404.
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { requireRole } from "../auth/middleware";
import { db, schema } from "../db/client";
import { eq, sql } from "drizzle-orm";
import type { AppEnv } from "../env";
import { createTag, deleteTag, findTag, findTagByName, listTags, mergeTags, type TagView, tagUsage, updateTag, workspaceTags } from "../tags/store";
import { t } from "../ui/i18n";
import { changeContext, isHtmx, loadViewer, notFound, type Viewer } from "./context";
import { fieldErrors, idParam, listQuery, submittedText } from "./forms";
import { decodeCursor, encodeCursor } from "./queries/cursor";
import { tagForm, tagMergeForm } from "./tags-forms";
import { isAdmin } from "./team-rules";
import { MergeCard, TagPage, type TagPageProps } from "./views/tag-page";
import { TAGS_PATH, TagCreateCard, type TagCreateProps, TagRow, TagRows, TagsPage } from "./views/tags-page";

/** Merge suggestions list at most this many names (the field takes any tag's name). */
const MERGE_SUGGESTIONS = 200;

const badId = zValidator("param", idParam, (r) => {
  if (!r.success) throw notFound("tag");
});

async function page(d1: D1Database, workspaceId: string, cursorText: string | undefined) {
  const { items, nextCursor } = await listTags(d1, workspaceId, decodeCursor(cursorText));
  return { items, nextCursor: nextCursor ? encodeCursor(nextCursor) : null };
}

async function tagCount(d1: D1Database, workspaceId: string): Promise<number> {
  const row = await db(d1).select({ n: sql<number>`count(*)` }).from(schema.tags).where(eq(schema.tags.workspaceId, workspaceId)).get();
  return Number(row?.n ?? 0);
}

async function renderList(c: Context<AppEnv>, viewer: Viewer, extras: { cursor?: string; create?: Omit<TagCreateProps, "csrfToken"> } = {}, status: 200 | 422 = 200) {
  const [list, total] = await Promise.all([page(c.env.DB, viewer.workspaceId, extras.cursor), tagCount(c.env.DB, viewer.workspaceId)]);
  return c.html(<TagsPage viewer={viewer} list={list} total={total} create={extras.create} paged={Boolean(extras.cursor)} />, status);
}

async function loadTag(c: Context<AppEnv>, id: string): Promise<TagView> {
  const tag = await findTag(c.env.DB, c.get("session").workspaceId, id);
  if (!tag) throw notFound("tag");
  return tag;
}

async function renderTag(c: Context<AppEnv>, viewer: Viewer, tag: TagView, extras: Pick<TagPageProps, "edit" | "merge"> = {}, status: 200 | 422 = 200) {
  const [usage, all] = await Promise.all([tagUsage(c.env.DB, viewer.workspaceId, tag.id), workspaceTags(c.env.DB, viewer.workspaceId)]);
  const others = all.filter((o) => o.id !== tag.id).map((o) => o.name).slice(0, MERGE_SUGGESTIONS);
  return c.html(<TagPage viewer={viewer} tag={tag} usage={usage} others={others} {...extras} />, status);
}

/** Where a finished change goes: htmx follows HX-Redirect, a plain form the 303. */
function goTo(c: Context<AppEnv>, url: string): Response {
  if (!isHtmx(c)) return c.redirect(url, 303);
  c.header("HX-Redirect", url);
  return c.body(null, 200);
}

export const tagRoutes = new Hono<AppEnv>()
  .get("/", zValidator("query", listQuery), async (c) => renderList(c, await loadViewer(c), { cursor: c.req.valid("query").cursor }))
  .get("/more", zValidator("query", listQuery), async (c) => {
    const { cursor } = c.req.valid("query");
    if (!isHtmx(c)) return c.redirect(`${TAGS_PATH}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`, 303);
    const session = c.get("session");
    return c.html(<TagRows {...await page(c.env.DB, session.workspaceId, cursor)} admin={isAdmin(session.role)} />);
  })
  .post("/", requireRole("admin"), async (c) => {
    const viewer = await loadViewer(c);
    const body = await c.req.parseBody();
    const values = submittedText(body, ["name", "color"]);
    const parsed = tagForm.safeParse(body);
    const fail = (create: Omit<TagCreateProps, "csrfToken">) => (isHtmx(c) ? c.html(<TagCreateCard csrfToken={viewer.csrfToken} {...create} />, 422) : renderList(c, viewer, { create }, 422));
    if (!parsed.success) return fail({ values, errors: fieldErrors(parsed.error) });
    const created = await createTag(c.env.DB, viewer.workspaceId, viewer.id, parsed.data.name, parsed.data.color);
    if ("taken" in created) return fail({ values, errors: { name: t("settings.tags.taken", { name: created.taken.name }) } });
    if (!isHtmx(c)) return c.redirect(TAGS_PATH, 303);
    const row = { ...created.tag, usage: { conversations: 0, contacts: 0 } };
    return c.html(
      <>
        <TagCreateCard csrfToken={viewer.csrfToken} values={{ color: parsed.data.color }} />
        <hx-partial hx-target="#tag-list" hx-swap="afterbegin">
          <TagRow tag={row} admin />
        </hx-partial>
      </>,
    );
  })
  .get("/:id", requireRole("admin"), badId, async (c) => renderTag(c, await loadViewer(c), await loadTag(c, c.req.valid("param").id)))
  .post("/:id", requireRole("admin"), badId, async (c) => {
    const viewer = await loadViewer(c);
    const tag = await loadTag(c, c.req.valid("param").id);
    const body = await c.req.parseBody();
    const values = submittedText(body, ["name", "color"]);
    const parsed = tagForm.safeParse(body);
    if (!parsed.success) return renderTag(c, viewer, tag, { edit: { values, errors: fieldErrors(parsed.error) } }, 422);
    const updated = await updateTag(c.env.DB, changeContext(c), tag, parsed.data);
    if ("taken" in updated) return renderTag(c, viewer, tag, { edit: { values, errors: { name: t("settings.tags.takenMerge", { name: updated.taken.name }) } } }, 422);
    return c.redirect(`${TAGS_PATH}/${tag.id}`, 303);
  })
  .post("/:id/merge", requireRole("admin"), badId, async (c) => {
    const viewer = await loadViewer(c);
    const tag = await loadTag(c, c.req.valid("param").id);
    const body = await c.req.parseBody();
    const typed = submittedText(body, ["into"]).into ?? "";
    const parsed = tagMergeForm.safeParse(body);
    const into = parsed.success ? await findTagByName(c.env.DB, viewer.workspaceId, parsed.data.into) : null;
    const error = !parsed.success
      ? (fieldErrors(parsed.error).into ?? t("settings.tags.nameMissing"))
      : !into
        ? t("settings.tags.mergeUnknown", { name: parsed.data.into })
        : into.id === tag.id
          ? t("settings.tags.mergeSelf")
          : null;
    if (error || !into) {
      if (!isHtmx(c)) return renderTag(c, viewer, tag, { merge: { into: typed, error: error ?? "" } }, 422);
      const [usage, all] = await Promise.all([tagUsage(c.env.DB, viewer.workspaceId, tag.id), workspaceTags(c.env.DB, viewer.workspaceId)]);
      const others = all.filter((o) => o.id !== tag.id).map((o) => o.name).slice(0, MERGE_SUGGESTIONS);
      return c.html(<MergeCard tag={tag} usage={usage} others={others} csrfToken={viewer.csrfToken} merge={{ into: typed, error: error ?? "" }} />, 422);
    }
    await mergeTags(c.env.DB, changeContext(c), tag, into);
    return goTo(c, `${TAGS_PATH}/${into.id}`);
  })
  .post("/:id/delete", requireRole("admin"), badId, async (c) => {
    const tag = await loadTag(c, c.req.valid("param").id);
    await deleteTag(c.env.DB, changeContext(c), tag);
    return goTo(c, TAGS_PATH);
  });
