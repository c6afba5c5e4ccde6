// /settings/canned-replies: shared and personal saved answers, A→Z by shortcut
// (keyset-paged), with a scope filter, the create form and in-place editing.
import type { FC } from "hono/jsx";
import type { Viewer } from "../context";
import type { CannedScopeFilter } from "../forms";
import type { CannedReply } from "../queries/canned-replies";
import { canEditReply, canShareReplies } from "../canned-rules";
import { CannedForm, type CannedFormProps } from "./canned-form";
import { IconPencil, IconReply, IconTrash } from "./icons";
import { SettingsShell } from "./shell";
import { CsrfField, timeAgo } from "./form-bits";
import { t } from "../../ui/i18n";

/** Splits out {{contact.name}} / {{agent.name}} so they can be highlighted (still escaped text). */
function withVariables(body: string) {
  return body.split(/(\{\{\s*(?:contact|agent)\.name\s*\}\})/g).map((part, i) => (i % 2 === 1 ? <mark class="canned__var">{part}</mark> : part));
}

export const CannedRow: FC<{ reply: CannedReply; viewer: Viewer; now?: number }> = ({ reply, viewer, now = Date.now() }) => {
  const editable = canEditReply(viewer, reply);
  const base = `/settings/canned-replies/${reply.id}`;
  return (
    <li id={`canned-${reply.id}`} class="canned">
      <div class="canned__top">
        <code class="canned__shortcut">/{reply.shortcut}</code>
        <span class={`tag ${reply.ownerId ? "tag--personal" : "tag--shared"}`}>{reply.ownerId ? t("settings.canned.personal") : t("settings.canned.shared")}</span>
        <span class="canned__time">{t("settings.canned.updated", { when: timeAgo(reply.updatedAt, now) })}</span>
        {editable ? (
          <div class="canned__actions">
            <a class="btn btn--ghost btn--xs" href={`${base}/edit`} hx-get={`${base}/edit`} hx-target={`#canned-${reply.id}`} hx-swap="outerHTML">
              <IconPencil />
              {t("settings.edit")}
            </a>
            <form method="post" action={`${base}/delete`} hx-post={`${base}/delete`} hx-target={`#canned-${reply.id}`} hx-swap="delete" hx-confirm={t("settings.canned.deleteConfirm", { shortcut: reply.shortcut })}>
              <CsrfField token={viewer.csrfToken} />
              <button type="submit" class="btn btn--danger-ghost btn--xs">
                <IconTrash />
                {t("settings.delete")}
              </button>
            </form>
          </div>
        ) : null}
      </div>
      <p class="canned__body">{withVariables(reply.body)}</p>
    </li>
  );
};

/** The row replaced by its edit form (htmx), same id so Save/Cancel swap it back. */
export const CannedEditRow: FC<Omit<CannedFormProps, "replyId" | "shared" | "canShare"> & { reply: CannedReply; viewer: Viewer }> = ({ reply, viewer, ...form }) => (
  <li id={`canned-${reply.id}`} class="canned canned--editing">
    <CannedForm {...form} replyId={reply.id} shared={reply.ownerId === null} canShare={canShareReplies(viewer.role)} />
  </li>
);

export interface CannedRowsProps {
  items: CannedReply[];
  nextCursor: string | null;
  filter: CannedScopeFilter;
  viewer: Viewer;
}

export const CannedRows: FC<CannedRowsProps> = ({ items, nextCursor, filter, viewer }) => (
  <>
    {items.map((reply) => (
      <CannedRow reply={reply} viewer={viewer} />
    ))}
    {nextCursor ? (
      <li class="load-more">
        <a
          class="btn btn--ghost btn--sm"
          href={`/settings/canned-replies?scope=${filter}&cursor=${encodeURIComponent(nextCursor)}`}
          hx-get={`/settings/canned-replies/more?scope=${filter}&cursor=${encodeURIComponent(nextCursor)}`}
          hx-target="closest li"
          hx-swap="outerHTML"
        >
          {t("settings.canned.more")}
        </a>
      </li>
    ) : null}
  </>
);

/** The create card; htmx swaps the whole card (the form targets #canned-create). */
export const CannedCreateCard: FC<Omit<CannedFormProps, "csrfToken" | "canShare"> & { viewer: Viewer }> = ({ viewer, ...form }) => (
  <section id="canned-create" class="card" aria-labelledby="canned-create-title">
    <div class="card__head">
      <h2 id="canned-create-title" class="card__title">
        {t("settings.canned.new")}
      </h2>
    </div>
    <CannedForm csrfToken={viewer.csrfToken} canShare={canShareReplies(viewer.role)} {...form} />
  </section>
);

const FILTERS: Array<[CannedScopeFilter, () => string]> = [
  ["all", () => t("settings.canned.all")],
  ["shared", () => t("settings.canned.shared")],
  ["personal", () => t("settings.canned.personal")],
];

export interface CannedPageProps {
  viewer: Viewer;
  list: Omit<CannedRowsProps, "viewer">;
  create?: Omit<CannedFormProps, "csrfToken" | "canShare">;
  paged?: boolean;
}

export const CannedPage: FC<CannedPageProps> = ({ viewer, list, create, paged }) => (
  <SettingsShell
    viewer={viewer}
    active="/settings/canned-replies"
    title={t("settings.canned.title")}
    lead={canShareReplies(viewer.role) ? t("settings.canned.leadSupervisor") : t("settings.canned.lead")}
  >
    <CannedCreateCard viewer={viewer} {...create} />
    <section class="card" aria-labelledby="canned-list-title">
      <div class="card__head card__head--row">
        <h2 id="canned-list-title" class="card__title">
          {t("settings.canned.replies")}
        </h2>
        <nav class="segmented" aria-label={t("settings.canned.show")}>
          {FILTERS.map(([value, label]) => (
            <a class={`segmented__item${list.filter === value ? " is-active" : ""}`} href={`/settings/canned-replies?scope=${value}`} aria-current={list.filter === value ? "page" : undefined}>
              {label()}
            </a>
          ))}
        </nav>
      </div>
      {paged ? (
        <p class="card__paging">
          <a href={`/settings/canned-replies?scope=${list.filter}`}>{t("settings.backToStart")}</a>
        </p>
      ) : null}
      <ul id="canned-list" class="row-list">
        <CannedRows {...list} viewer={viewer} />
      </ul>
      <div class="empty-state empty-state--inline">
        <span class="empty-state__icon">
          <IconReply />
        </span>
        <strong>{t("settings.canned.empty")}</strong>
        <span>{t("settings.canned.emptyHint")}</span>
      </div>
    </section>
  </SettingsShell>
);

/** Editing without JavaScript: the form on a page of its own. */
export const CannedEditPage: FC<Omit<CannedFormProps, "replyId" | "shared" | "canShare"> & { reply: CannedReply; viewer: Viewer }> = ({ reply, viewer, ...form }) => (
  <SettingsShell viewer={viewer} active="/settings/canned-replies" title={t("settings.canned.editTitle", { shortcut: reply.shortcut })}>
    <section id={`canned-${reply.id}`} class="card">
      <CannedForm {...form} replyId={reply.id} shared={reply.ownerId === null} canShare={canShareReplies(viewer.role)} />
    </section>
  </SettingsShell>
);
