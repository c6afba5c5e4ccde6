// /settings/canned-replies: everyone manages their personal replies; supervisors
// and up also manage the shared ones. Others' personal replies are a 404.
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { canEditReply, canShareReplies } from "./canned-rules";
import { changeContext, isHtmx, loadViewer, notFound, type Viewer } from "./context";
import { cannedReplyEditForm, cannedReplyForm, cannedScopeQuery, type FieldErrors, fieldErrors, idParam, submittedText } from "./forms";
import {
  type CannedReply,
  createCannedReply,
  deleteCannedReply,
  findCannedReply,
  listCannedReplies,
  shortcutTaken,
  updateCannedReply,
} from "./queries/canned-replies";
import type { CannedFormValues } from "./views/canned-form";
import { CannedCreateCard, CannedEditPage, CannedEditRow, CannedPage, CannedRow, CannedRows } from "./views/canned-page";
import { t } from "../ui/i18n";

const LIST = "/settings/canned-replies";

const badId = zValidator("param", idParam, (r) => {
  if (!r.success) throw notFound("cannedReply");
});

async function renderPage(c: Context<AppEnv>, viewer: Viewer, create?: { values: Partial<CannedFormValues>; errors: FieldErrors }) {
  const { scope, cursor } = cannedScopeQuery.parse(c.req.query());
  const list = await listCannedReplies(c.env.DB, { workspaceId: viewer.workspaceId, userId: viewer.id }, scope, cursor);
  return c.html(<CannedPage viewer={viewer} list={{ ...list, filter: scope }} create={create} paged={Boolean(cursor)} />, create ? 422 : 200);
}

/** A reply the viewer may change: 404 when they cannot see it, 403 when it is shared and they are an agent. */
async function loadEditable(c: Context<AppEnv>, viewer: Viewer, id: string): Promise<CannedReply> {
  const reply = await findCannedReply(c.env.DB, { workspaceId: viewer.workspaceId, userId: viewer.id }, id);
  if (!reply) throw notFound("cannedReply");
  if (!canEditReply(viewer, reply)) throw new HTTPException(403, { message: t("settings.canned.refuseEdit") });
  return reply;
}

function takenMessage(shared: boolean, shortcut: string): string {
  return shared ? t("settings.canned.takenShared", { shortcut }) : t("settings.canned.takenPersonal", { shortcut });
}

const FIELDS = ["shortcut", "body", "scope"] as const;

export const cannedRoutes = new Hono<AppEnv>()
  .get("/", zValidator("query", cannedScopeQuery), async (c) => renderPage(c, await loadViewer(c)))
  .get("/more", zValidator("query", cannedScopeQuery), async (c) => {
    const { scope, cursor } = c.req.valid("query");
    if (!isHtmx(c)) return c.redirect(`${LIST}?scope=${scope}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, 303);
    const viewer = await loadViewer(c);
    const list = await listCannedReplies(c.env.DB, { workspaceId: viewer.workspaceId, userId: viewer.id }, scope, cursor);
    return c.html(<CannedRows {...list} filter={scope} viewer={viewer} />);
  })
  .post("/", async (c) => {
    const viewer = await loadViewer(c);
    const body = await c.req.parseBody();
    const values = submittedText(body, FIELDS);
    const parsed = cannedReplyForm.safeParse(body);
    let errors: FieldErrors | null = parsed.success ? null : fieldErrors(parsed.error);
    if (parsed.success) {
      const shared = parsed.data.scope === "shared";
      if (shared && !canShareReplies(viewer.role)) throw new HTTPException(403, { message: t("settings.canned.refuseShare") });
      if (await shortcutTaken(c.env.DB, viewer.workspaceId, shared ? null : viewer.id, parsed.data.shortcut)) {
        errors = { shortcut: takenMessage(shared, parsed.data.shortcut) };
      }
    }
    if (errors || !parsed.success) {
      const create = { values, errors: errors ?? {} };
      return isHtmx(c) ? c.html(<CannedCreateCard viewer={viewer} {...create} />, 422) : renderPage(c, viewer, create);
    }
    const { shortcut, body: text, scope } = parsed.data;
    const reply = await createCannedReply(c.env.DB, changeContext(c), { ownerId: scope === "shared" ? null : viewer.id, shortcut, body: text });
    if (!isHtmx(c)) return c.redirect(LIST, 303);
    return c.html(
      <>
        <CannedCreateCard viewer={viewer} values={{ scope }} />
        <hx-partial hx-target="#canned-list" hx-swap="afterbegin">
          <CannedRow reply={reply} viewer={viewer} />
        </hx-partial>
      </>,
    );
  })
  .get("/:id", badId, async (c) => {
    if (!isHtmx(c)) return c.redirect(LIST, 303);
    const viewer = await loadViewer(c);
    const reply = await findCannedReply(c.env.DB, { workspaceId: viewer.workspaceId, userId: viewer.id }, c.req.valid("param").id);
    if (!reply) throw notFound("cannedReply");
    return c.html(<CannedRow reply={reply} viewer={viewer} />);
  })
  .get("/:id/edit", badId, async (c) => {
    const viewer = await loadViewer(c);
    const reply = await loadEditable(c, viewer, c.req.valid("param").id);
    const values = { shortcut: reply.shortcut, body: reply.body };
    if (isHtmx(c)) return c.html(<CannedEditRow reply={reply} viewer={viewer} csrfToken={viewer.csrfToken} values={values} />);
    return c.html(<CannedEditPage reply={reply} viewer={viewer} csrfToken={viewer.csrfToken} values={values} />);
  })
  .post("/:id", badId, async (c) => {
    const viewer = await loadViewer(c);
    const reply = await loadEditable(c, viewer, c.req.valid("param").id);
    const body = await c.req.parseBody();
    const values = submittedText(body, FIELDS);
    const parsed = cannedReplyEditForm.safeParse(body);
    let errors: FieldErrors | null = parsed.success ? null : fieldErrors(parsed.error);
    if (parsed.success && (await shortcutTaken(c.env.DB, viewer.workspaceId, reply.ownerId, parsed.data.shortcut, reply.id))) {
      errors = { shortcut: takenMessage(reply.ownerId === null, parsed.data.shortcut) };
    }
    if (errors || !parsed.success) {
      const props = { reply, viewer, csrfToken: viewer.csrfToken, values, errors: errors ?? {} };
      return c.html(isHtmx(c) ? <CannedEditRow {...props} /> : <CannedEditPage {...props} />, 422);
    }
    const updated = await updateCannedReply(c.env.DB, changeContext(c), reply, parsed.data);
    return isHtmx(c) ? c.html(<CannedRow reply={updated} viewer={viewer} />) : c.redirect(LIST, 303);
  })
  .post("/:id/delete", badId, async (c) => {
    const viewer = await loadViewer(c);
    const reply = await loadEditable(c, viewer, c.req.valid("param").id);
    await deleteCannedReply(c.env.DB, changeContext(c), reply);
    return isHtmx(c) ? c.body("", 200) : c.redirect(LIST, 303);
  });
