// /settings/tags/:id (admins and owners): one tag — rename and recolour it, merge
// it into another tag, or delete it, each card saying how many conversations and
// contacts it touches. Plain forms; htmx only adds the confirmations.
import type { FC } from "hono/jsx";
import { MAX_TAG_NAME } from "../../tags/palette";
import type { TagUsage, TagView } from "../../tags/store";
import { t } from "../../ui/i18n";
import type { Viewer } from "../context";
import type { FieldErrors } from "../forms";
import type { TagFormValues } from "../tags-forms";
import { CsrfField, FieldError, FormAlert } from "./form-bits";
import { IconMerge, IconTrash } from "./icons";
import { richText } from "./rich-text";
import { SettingsShell } from "./shell";
import { ColorPicker, TagChip, usageText } from "./tag-bits";
import { TAGS_PATH } from "./tags-page";

export interface TagPageProps {
  viewer: Viewer;
  tag: TagView;
  usage: TagUsage;
  /** Other tags' names, for the merge field's suggestions. */
  others: string[];
  /** The edit form after a 422. */
  edit?: { values: Partial<TagFormValues>; errors: FieldErrors };
  merge?: { into: string; error: string };
}

const EditCard: FC<{ tag: TagView; csrfToken: string; edit?: TagPageProps["edit"] }> = ({ tag, csrfToken, edit }) => {
  const errors = edit?.errors ?? {};
  const action = `${TAGS_PATH}/${tag.id}`;
  return (
    <section id="tag-edit" class="card" aria-labelledby="tag-edit-title">
      <div class="card__head">
        <h2 id="tag-edit-title" class="card__title">
          {t("settings.tags.editTitle")}
        </h2>
        <p class="card__lead">{t("settings.tags.editLead")}</p>
      </div>
      <form class="tag-form" method="post" action={action}>
        <CsrfField token={csrfToken} />
        <FormAlert message={errors._form} />
        <div class="field tag-form__name">
          <label class="field__label" for="tag-edit-name">
            {t("settings.tags.name")}
          </label>
          <input
            id="tag-edit-name"
            class="input"
            name="name"
            value={edit?.values.name ?? tag.name}
            maxlength={MAX_TAG_NAME}
            required
            autocomplete="off"
            aria-invalid={errors.name ? "true" : undefined}
            aria-describedby={errors.name ? "tag-edit-name-error" : undefined}
          />
          <FieldError id="tag-edit-name-error" message={errors.name} />
        </div>
        <ColorPicker idPrefix="tag-edit-color" value={edit?.values.color ?? tag.color} />
        <button type="submit" class="btn btn--primary tag-form__submit">
          {t("settings.saveChanges")}
        </button>
      </form>
    </section>
  );
};

export const MergeCard: FC<{ tag: TagView; usage: TagUsage; others: string[]; csrfToken: string; merge?: TagPageProps["merge"] }> = ({ tag, usage, others, csrfToken, merge }) => {
  const action = `${TAGS_PATH}/${tag.id}/merge`;
  return (
    <section id="tag-merge" class="card" aria-labelledby="tag-merge-title">
      <div class="card__head">
        <h2 id="tag-merge-title" class="card__title">
          {t("settings.tags.mergeTitle")}
        </h2>
        <p class="card__lead">{t("settings.tags.mergeLead", { name: tag.name, usage: usageText(usage) })}</p>
      </div>
      {others.length ? (
        <form class="tag-form tag-form--merge" method="post" action={action} hx-post={action} hx-target="#tag-merge" hx-swap="outerHTML" hx-confirm={t("settings.tags.mergeConfirm", { name: tag.name })}>
          <CsrfField token={csrfToken} />
          <div class="field tag-form__name">
            <label class="field__label" for="tag-merge-into">
              {t("settings.tags.mergeInto")}
            </label>
            <input
              id="tag-merge-into"
              class="input"
              name="into"
              value={merge?.into ?? ""}
              maxlength={MAX_TAG_NAME}
              required
              autocomplete="off"
              list="tag-merge-options"
              placeholder={others[0]}
              aria-invalid={merge ? "true" : undefined}
              aria-describedby={merge ? "tag-merge-into-error" : undefined}
            />
            <datalist id="tag-merge-options">
              {others.map((name) => (
                <option value={name} />
              ))}
            </datalist>
            <FieldError id="tag-merge-into-error" message={merge?.error} />
          </div>
          <button type="submit" class="btn btn--ghost tag-form__submit">
            <IconMerge />
            {t("settings.tags.merge")}
          </button>
        </form>
      ) : (
        <p class="card__lead">{t("settings.tags.mergeNone")}</p>
      )}
    </section>
  );
};

const DeleteCard: FC<{ tag: TagView; usage: TagUsage; csrfToken: string }> = ({ tag, usage, csrfToken }) => {
  const action = `${TAGS_PATH}/${tag.id}/delete`;
  const used = usage.conversations > 0 || usage.contacts > 0;
  return (
    <section id="tag-delete" class="card channel-danger" aria-labelledby="tag-delete-title">
      <div class="card__head">
        <h2 id="tag-delete-title" class="card__title">
          {t("settings.tags.deleteTitle")}
        </h2>
        <p class="card__lead">{used ? t("settings.tags.deleteUsed", { name: tag.name, usage: usageText(usage) }) : t("settings.tags.deleteUnused", { name: tag.name })}</p>
      </div>
      <form method="post" action={action} hx-post={action} hx-confirm={t("settings.tags.deleteConfirm", { name: tag.name, usage: usageText(usage) })}>
        <CsrfField token={csrfToken} />
        <button type="submit" class="btn btn--danger-ghost btn--sm">
          <IconTrash />
          {t("settings.tags.delete")}
        </button>
      </form>
    </section>
  );
};

export const TagPage: FC<TagPageProps> = ({ viewer, tag, usage, others, edit, merge }) => (
  <SettingsShell
    viewer={viewer}
    active={TAGS_PATH}
    title={tag.name}
    lead={
      <>
        <a href={TAGS_PATH}>{t("settings.tags.all")}</a> · {richText("settings.tags.usedBy", { chip: <TagChip name={tag.name} color={tag.color} /> }, { usage: usageText(usage) })}
      </>
    }
  >
    <EditCard tag={tag} csrfToken={viewer.csrfToken} edit={edit} />
    <MergeCard tag={tag} usage={usage} others={others} csrfToken={viewer.csrfToken} merge={merge} />
    <DeleteCard tag={tag} usage={usage} csrfToken={viewer.csrfToken} />
  </SettingsShell>
);
