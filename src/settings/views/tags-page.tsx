// /settings/tags: the workspace's one tag list (A→Z, keyset-paged) with what uses
// each tag and a link to its conversations; admins create tags here and open a
// tag to rename, recolour, merge or delete it.
import type { FC } from "hono/jsx";
import { MAX_TAG_NAME } from "../../tags/palette";
import type { TagListItem } from "../../tags/store";
import { formatNumber, t } from "../../ui/i18n";
import type { Viewer } from "../context";
import type { FieldErrors } from "../forms";
import type { TagFormValues } from "../tags-forms";
import { isAdmin } from "../team-rules";
import { CsrfField, FieldError, FormAlert } from "./form-bits";
import { IconInbox } from "../../ui/icons";
import { IconPencil, IconPlus, IconTag } from "./icons";
import { SettingsShell } from "./shell";
import { ColorPicker, TagChip, usageText } from "./tag-bits";

export const TAGS_PATH = "/settings/tags";

export const TagRow: FC<{ tag: TagListItem; admin: boolean }> = ({ tag, admin }) => (
  <li id={`tag-${tag.id}`} class="tag-row">
    <div class="tag-row__who">
      <TagChip name={tag.name} color={tag.color} />
      <span class="tag-row__usage">{usageText(tag.usage)}</span>
    </div>
    <div class="tag-row__actions">
      <a class="btn btn--ghost btn--sm" href={`/inbox?tag=${tag.id}`} aria-label={t("settings.tags.inboxName", { name: tag.name })}>
        <IconInbox />
        <span>{t("settings.tags.inbox")}</span>
      </a>
      {admin ? (
        <a class="btn btn--ghost btn--sm" href={`${TAGS_PATH}/${tag.id}`} aria-label={t("settings.tags.editName", { name: tag.name })}>
          <IconPencil />
          <span>{t("settings.edit")}</span>
        </a>
      ) : null}
    </div>
  </li>
);

export interface TagRowsProps {
  items: TagListItem[];
  nextCursor: string | null;
  admin: boolean;
}

/** Rows plus the "Show more" row that fetches the next keyset page (htmx) or links to it. */
export const TagRows: FC<TagRowsProps> = ({ items, nextCursor, admin }) => (
  <>
    {items.map((tag) => (
      <TagRow tag={tag} admin={admin} />
    ))}
    {nextCursor ? (
      <li class="load-more">
        <a
          class="btn btn--ghost btn--sm"
          href={`${TAGS_PATH}?cursor=${encodeURIComponent(nextCursor)}`}
          hx-get={`${TAGS_PATH}/more?cursor=${encodeURIComponent(nextCursor)}`}
          hx-target="closest li"
          hx-swap="outerHTML"
        >
          {t("settings.tags.more")}
        </a>
      </li>
    ) : null}
  </>
);

export interface TagCreateProps {
  csrfToken: string;
  values?: Partial<TagFormValues>;
  errors?: FieldErrors;
}

/** The create card; htmx swaps the whole card (the form targets #tag-create). */
export const TagCreateCard: FC<TagCreateProps> = ({ csrfToken, values = {}, errors = {} }) => (
  <section id="tag-create" class="card" aria-labelledby="tag-create-title">
    <div class="card__head">
      <h2 id="tag-create-title" class="card__title">
        {t("settings.tags.new")}
      </h2>
      <p class="card__lead">{t("settings.tags.newLead")}</p>
    </div>
    <form class="tag-form" method="post" action={TAGS_PATH} hx-post={TAGS_PATH} hx-target="#tag-create" hx-swap="outerHTML">
      <CsrfField token={csrfToken} />
      <FormAlert message={errors._form} />
      <div class="field tag-form__name">
        <label class="field__label" for="tag-create-name">
          {t("settings.tags.name")}
        </label>
        <input
          id="tag-create-name"
          class="input"
          name="name"
          value={values.name ?? ""}
          maxlength={MAX_TAG_NAME}
          required
          autocomplete="off"
          placeholder={t("settings.tags.namePlaceholder")}
          aria-invalid={errors.name ? "true" : undefined}
          aria-describedby={errors.name ? "tag-create-name-error" : undefined}
        />
        <FieldError id="tag-create-name-error" message={errors.name} />
      </div>
      <ColorPicker idPrefix="tag-create-color" value={values.color ?? "green"} />
      <button type="submit" class="btn btn--primary tag-form__submit">
        <IconPlus />
        {t("settings.tags.create")}
      </button>
    </form>
  </section>
);

export interface TagsPageProps {
  viewer: Viewer;
  list: Omit<TagRowsProps, "admin">;
  total: number;
  create?: Omit<TagCreateProps, "csrfToken">;
  paged?: boolean;
}

export const TagsPage: FC<TagsPageProps> = ({ viewer, list, total, create, paged }) => {
  const admin = isAdmin(viewer.role);
  return (
    <SettingsShell viewer={viewer} active={TAGS_PATH} title={t("settings.tags.title")} lead={admin ? t("settings.tags.leadAdmin") : t("settings.tags.lead")}>
      {admin ? <TagCreateCard csrfToken={viewer.csrfToken} {...create} /> : null}
      <section class="card" aria-labelledby="tags-title">
        <div class="card__head card__head--row">
          <h2 id="tags-title" class="card__title">
            {t("settings.tags.listTitle")}
          </h2>
          <span class="card__count">{formatNumber(total)}</span>
        </div>
        <p class="card__lead tag-rule">{t("settings.tags.rule")}</p>
        {paged ? (
          <p class="card__paging">
            <a href={TAGS_PATH}>{t("settings.backToStart")}</a>
          </p>
        ) : null}
        <ul id="tag-list" class="row-list">
          <TagRows {...list} admin={admin} />
        </ul>
        <div class="empty-state empty-state--inline">
          <span class="empty-state__icon">
            <IconTag />
          </span>
          <strong>{t("settings.tags.empty")}</strong>
          <span>{admin ? t("settings.tags.emptyAdmin") : t("settings.tags.emptyAgent")}</span>
        </div>
      </section>
    </SettingsShell>
  );
};
