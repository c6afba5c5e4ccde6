// The panel's tags: the contact's tags with remove buttons, one-tap chips for the
// workspace's other tags, and an inline form that finds or creates a tag by name.
import type { FC } from "hono/jsx";
import { t } from "../../ui/i18n";
import type { TagView } from "../queries/tags";
import { MAX_TAG_NAME, TAG_COLORS, type TagColor } from "../schemas";
import { IconClose, IconPlus, IconTag } from "./icons";
import { FormError, HxForm, SectionTitle } from "./parts";

export interface TagsSectionProps {
  contactId: string;
  tags: TagView[];
  allTags: TagView[];
  csrfToken: string;
  error?: string | null;
  /** The typed name and colour, kept after a 422. */
  draft?: { name?: string; color?: string };
}

/** "Green", "緑"… in the reader's language. */
export const colorLabel = (color: TagColor): string => t(`contacts.color.${color}`);

/** A tag colour from the palette ("grey" for anything unknown). */
export function tagColor(color: string): TagColor {
  return (TAG_COLORS as readonly string[]).includes(color) ? (color as TagColor) : "grey";
}

export const TagChip: FC<{ tag: TagView }> = ({ tag }) => <span class={`cp-tag cp-tag--${tagColor(tag.color)}`}>{tag.name}</span>;

export const TagsSection: FC<TagsSectionProps> = ({ contactId, tags, allTags, csrfToken, error, draft }) => {
  const base = `/contacts/${contactId}/tags`;
  const attached = new Set(tags.map((tag) => tag.id));
  const others = allTags.filter((tag) => !attached.has(tag.id));
  const inputId = `cp-tag-name-${contactId}`;
  return (
    <section class="cp-section cp-tags" aria-labelledby={`cp-tags-title-${contactId}`}>
      <SectionTitle icon={<IconTag />} id={`cp-tags-title-${contactId}`}>
        {t("contacts.tags.title")}
      </SectionTitle>
      {tags.length ? (
        <ul class="cp-tag-list">
          {tags.map((tag) => (
            <li class={`cp-tag cp-tag--${tagColor(tag.color)}`}>
              <span>{tag.name}</span>
              <HxForm action={`${base}/${tag.id}/remove`} csrfToken={csrfToken} class="cp-tag__remove">
                <button type="submit" aria-label={t("contacts.tags.removeNamed", { name: tag.name })} title={t("contacts.tags.remove")}>
                  <IconClose />
                </button>
              </HxForm>
            </li>
          ))}
        </ul>
      ) : (
        <p class="cp-empty">{t("contacts.tags.empty")}</p>
      )}
      <details class="cp-add" open={error ? true : undefined}>
        <summary class="cp-add__toggle">
          <IconPlus />
          {t("contacts.tags.add")}
        </summary>
        {others.length ? (
          <HxForm action={base} csrfToken={csrfToken} class="cp-suggest">
            {others.slice(0, 12).map((tag) => (
              <button type="submit" name="tag" value={tag.id} class={`cp-tag cp-tag--${tagColor(tag.color)} cp-tag--add`} title={t("contacts.tags.addNamed", { name: tag.name })}>
                <IconPlus />
                {tag.name}
              </button>
            ))}
          </HxForm>
        ) : null}
        <HxForm action={base} csrfToken={csrfToken} class="cp-tag-form">
          <label class="visually-hidden" for={inputId}>
            {t("contacts.tags.name")}
          </label>
          <input
            id={inputId}
            class="cp-input"
            name="name"
            value={draft?.name ?? ""}
            maxlength={MAX_TAG_NAME}
            placeholder={others.length ? t("contacts.tags.orNew") : t("contacts.tags.newExample")}
            autocomplete="off"
            list={`cp-tag-options-${contactId}`}
            aria-invalid={error ? "true" : undefined}
            required
          />
          <datalist id={`cp-tag-options-${contactId}`}>
            {others.map((tag) => (
              <option value={tag.name} />
            ))}
          </datalist>
          <label class="visually-hidden" for={`cp-tag-color-${contactId}`}>
            {t("contacts.tags.color")}
          </label>
          <select id={`cp-tag-color-${contactId}`} name="color" class="cp-input cp-input--color" title={t("contacts.tags.color")}>
            {TAG_COLORS.map((c) => (
              <option value={c} selected={(draft?.color ?? "green") === c}>
                {colorLabel(c)}
              </option>
            ))}
          </select>
          <button type="submit" class="btn btn--ghost btn--sm">
            {t("contacts.tags.submit")}
          </button>
        </HxForm>
        <FormError message={error} />
      </details>
    </section>
  );
};
