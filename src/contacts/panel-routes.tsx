// Contact panel routes: the panel fragment and its inline actions (tags, custom
// field values, notes with @mentions). Thin: validate, call queries, render.
// Every route is workspace-scoped: another workspace's ids answer 404.
import { contactTagChanged } from "../conversations/service";
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { hasRole } from "../auth/middleware";
import type { AppEnv } from "../env";
import { t } from "../ui/i18n";
import { completeMention, mentionedAgents, mentionQuery, suggestAgents } from "./mentions";
import { mentionExcerpt, pushMentions } from "./notify";
import { type ContactProfile, conversationInWorkspace, findContact, latestConversationOf } from "./queries/contact";
import { resolveContactId } from "./directory/list";
import { findField, fieldValue, saveFieldValue } from "./queries/fields";
import { addNote, contactNotes, mentionableAgents } from "./queries/notes";
import { loadContactPanel } from "./queries/panel";
import { contactTags, findOrCreateTag, findTag, tagContact, untagContact, workspaceTags } from "./queries/tags";
import { contactFieldParam, contactParam, contactTagParam, conversationContext, fieldValueForm, fieldValueSchema, firstError, noteDraft, noteForm, tagForm } from "./schemas";
import { ContactPanel, ContactPanelPage } from "./views/contact-panel";
import { FieldRow } from "./views/fields-section";
import { MentionSuggestions, NoteForm, NotesSection } from "./views/notes-section";
import { TagsSection } from "./views/tags-section";

const notFound = () => new HTTPException(404, { message: t("contacts.error.contactNotFound") });
const on404 = (r: { success: boolean }) => {
  if (!r.success) throw notFound();
};
const contactV = zValidator("param", contactParam, on404);

const isHtmx = (c: Context<AppEnv>) => !!c.req.header("hx-request");

/**
 * The contact to act on: a contact merged into another forwards to its survivor
 * (a panel left open during a merge tags, notes and edits the merged contact).
 */
async function loadContact(c: Context<AppEnv>, contactId: string): Promise<ContactProfile> {
  const { workspaceId } = c.get("session");
  const live = await resolveContactId(c.env.DB, workspaceId, contactId);
  const contact = live ? await findContact(c.env.DB, workspaceId, live) : null;
  if (!contact) throw notFound();
  return contact;
}

/** The conversation named by `?conversation=` / a hidden field: null when absent, 404 when foreign. */
async function conversationFrom(c: Context<AppEnv>, raw: string | undefined): Promise<string | null> {
  if (!raw) return null;
  if (!(await conversationInWorkspace(c.env.DB, c.get("session").workspaceId, raw))) {
    throw new HTTPException(404, { message: t("contacts.error.conversationNotFound") });
  }
  return raw;
}

/** After a plain (non-htmx) form post: back to the panel page. Failures become an error page. */
function backToPanel(c: Context<AppEnv>, contactId: string) {
  return c.redirect(`/contacts/${contactId}/panel`, 303);
}
function plainFailure(message: string): never {
  throw new HTTPException(422, { message });
}

async function renderTags(c: Context<AppEnv>, contactId: string, extra: { error?: string; draft?: { name?: string; color?: string } } = {}, status: 200 | 422 = 200) {
  const { workspaceId, csrfToken } = c.get("session");
  const [tags, allTags] = await Promise.all([contactTags(c.env.DB, contactId), workspaceTags(c.env.DB, workspaceId)]);
  return c.html(<TagsSection contactId={contactId} tags={tags} allTags={allTags} csrfToken={csrfToken} {...extra} />, status);
}

async function renderNotes(c: Context<AppEnv>, contactId: string, conversationId: string | null, extra: { error?: string; draft?: string } = {}, status: 200 | 422 = 200) {
  const { workspaceId, csrfToken } = c.get("session");
  const [notes, agents] = await Promise.all([contactNotes(c.env.DB, workspaceId, contactId), mentionableAgents(c.env.DB, workspaceId)]);
  return c.html(<NotesSection contactId={contactId} notes={notes} agents={agents} csrfToken={csrfToken} conversationId={conversationId} now={Date.now()} {...extra} />, status);
}

export const panelRoutes = new Hono<AppEnv>()
  .get("/:contactId/panel", contactV, zValidator("query", conversationContext, on404), async (c) => {
    const session = c.get("session");
    const requested = c.req.valid("param").contactId;
    const contact = await loadContact(c, requested);
    const conversationId = await conversationFrom(c, c.req.valid("query").conversation);
    if (contact.id !== requested) {
      const query = conversationId ? `?conversation=${encodeURIComponent(conversationId)}` : "";
      return c.redirect(`/contacts/${contact.id}/panel${query}`, 302);
    }
    const data = await loadContactPanel(c.env.DB, session.workspaceId, contact);
    const props = { ...data, conversationId, csrfToken: session.csrfToken, canManageFields: hasRole(session.role, "admin") };
    c.header("Vary", "HX-Request");
    if (isHtmx(c)) return c.html(<ContactPanel {...props} />);
    return c.html(<ContactPanelPage {...props} user={{ name: session.name, email: session.email, role: session.role }} />);
  })
  .post("/:contactId/tags", contactV, async (c) => {
    const { workspaceId, userId } = c.get("session");
    const contact = await loadContact(c, c.req.valid("param").contactId);
    const body = await c.req.parseBody();
    const parsed = tagForm.safeParse(body);
    if (!parsed.success) {
      const { message } = firstError(parsed.error);
      if (!isHtmx(c)) plainFailure(message);
      const draft = { name: typeof body.name === "string" ? body.name : "", color: typeof body.color === "string" ? body.color : undefined };
      return renderTags(c, contact.id, { error: message, draft }, 422);
    }
    const { tag: tagId, name, color } = parsed.data;
    let tag = tagId ? await findTag(c.env.DB, workspaceId, tagId) : null;
    if (tagId && !tag) throw new HTTPException(404, { message: t("contacts.error.tagNotFound") });
    tag ??= await findOrCreateTag(c.env.DB, workspaceId, userId, name ?? "", color ?? "green");
    if (await tagContact(c.env.DB, workspaceId, userId, contact.id, tag)) {
      await contactTagChanged(c.env, workspaceId, contact.id, "tag.added", tag, { id: userId, name: c.get("session").name });
    }
    return isHtmx(c) ? renderTags(c, contact.id) : backToPanel(c, contact.id);
  })
  .post("/:contactId/tags/:tagId/remove", zValidator("param", contactTagParam, on404), async (c) => {
    const { workspaceId, userId } = c.get("session");
    const { contactId, tagId } = c.req.valid("param");
    const contact = await loadContact(c, contactId);
    const tag = await findTag(c.env.DB, workspaceId, tagId);
    if (!tag) throw new HTTPException(404, { message: t("contacts.error.tagNotFound") });
    if (await untagContact(c.env.DB, workspaceId, userId, contact.id, tag)) {
      await contactTagChanged(c.env, workspaceId, contact.id, "tag.removed", tag, { id: userId, name: c.get("session").name });
    }
    return isHtmx(c) ? renderTags(c, contact.id) : backToPanel(c, contact.id);
  })
  .post("/:contactId/fields/:fieldId", zValidator("param", contactFieldParam, on404), async (c) => {
    const { workspaceId, userId, csrfToken } = c.get("session");
    const { contactId, fieldId } = c.req.valid("param");
    const contact = await loadContact(c, contactId);
    const field = await findField(c.env.DB, workspaceId, fieldId);
    if (!field) throw new HTTPException(404, { message: t("contacts.error.fieldNotFound") });
    const raw = fieldValueForm.safeParse(await c.req.parseBody());
    const typed = raw.success ? raw.data.value : "";
    const parsed = fieldValueSchema(field).safeParse(typed);
    const error = !raw.success ? firstError(raw.error).message : !parsed.success ? firstError(parsed.error).message : null;
    if (error !== null || !parsed.success) {
      const message = error ?? t("contacts.error.checkValue");
      if (!isHtmx(c)) plainFailure(t("contacts.details.failed", { label: field.label, message }));
      const current = await fieldValue(c.env.DB, contact.id, field.id);
      return c.html(<FieldRow contactId={contact.id} field={{ ...field, value: current }} csrfToken={csrfToken} typed={typed} error={message} />, 422);
    }
    const value = parsed.data;
    await saveFieldValue(c.env.DB, workspaceId, userId, contact.id, field, value);
    if (!isHtmx(c)) return backToPanel(c, contact.id);
    return c.html(<FieldRow contactId={contact.id} field={{ ...field, value }} csrfToken={csrfToken} saved />);
  })
  .post("/:contactId/notes", contactV, async (c) => {
    const session = c.get("session");
    const contact = await loadContact(c, c.req.valid("param").contactId);
    const body = await c.req.parseBody();
    const parsed = noteForm.safeParse(body);
    const conversationId = await conversationFrom(c, typeof body.conversation === "string" ? body.conversation : undefined);
    if (!parsed.success) {
      const { message } = firstError(parsed.error);
      if (!isHtmx(c)) plainFailure(message);
      return renderNotes(c, contact.id, conversationId, { error: message, draft: typeof body.body === "string" ? body.body : "" }, 422);
    }
    const agents = await mentionableAgents(c.env.DB, session.workspaceId);
    const mentioned = mentionedAgents(parsed.data.body, agents, session.userId);
    const created = await addNote(c.env.DB, {
      workspaceId: session.workspaceId,
      contactId: contact.id,
      author: { id: session.userId, name: session.name },
      body: parsed.data.body,
      conversationId: conversationId ?? (mentioned.length ? await latestConversationOf(c.env.DB, session.workspaceId, contact.id) : null),
      mentioned,
      notificationBody: mentionExcerpt(parsed.data.body),
    });
    pushMentions(c, session.workspaceId, created);
    return isHtmx(c) ? renderNotes(c, contact.id, conversationId) : backToPanel(c, contact.id);
  })
  .post("/:contactId/notes/mentions", contactV, async (c) => {
    const session = c.get("session");
    await loadContact(c, c.req.valid("param").contactId);
    const draft = noteDraft.safeParse(await c.req.parseBody());
    const query = draft.success ? mentionQuery(draft.data.body) : null;
    if (query === null) return c.html("");
    const agents = (await mentionableAgents(c.env.DB, session.workspaceId)).filter((a) => a.id !== session.userId);
    return c.html(<MentionSuggestions contactId={c.req.valid("param").contactId} agents={suggestAgents(query, agents)} />);
  })
  .post("/:contactId/notes/complete", contactV, async (c) => {
    const session = c.get("session");
    const contact = await loadContact(c, c.req.valid("param").contactId);
    const draft = noteDraft.safeParse(await c.req.parseBody());
    if (!draft.success) throw new HTTPException(422, { message: t("contacts.error.noteUnreadable") });
    const conversationId = await conversationFrom(c, draft.data.conversation);
    const agent = (await mentionableAgents(c.env.DB, session.workspaceId)).find((a) => a.id === draft.data.mention);
    if (!agent) throw new HTTPException(404, { message: t("contacts.error.teammateNotFound") });
    return c.html(<NoteForm contactId={contact.id} csrfToken={session.csrfToken} conversationId={conversationId} draft={completeMention(draft.data.body, agent.name)} autofocus />);
  });
