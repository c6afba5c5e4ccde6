// Small tag pieces the tag pages share: the coloured chip, the colour picker
// (swatch radios that work without JavaScript), and usage in words.
import type { FC } from "hono/jsx";
import { TAG_COLORS, tagColor } from "../../tags/palette";
import type { TagUsage } from "../../tags/store";
import { USAGE_CAP } from "../../tags/store";
import { formatNumber, t, tn } from "../../ui/i18n";
import { IconTag } from "./icons";

export const TagChip: FC<{ name: string; color: string }> = ({ name, color }) => (
  <span class={`tag-chip-s tag-chip-s--${tagColor(color)}`}>
    <IconTag />
    <span class="tag-chip-s__name">{name}</span>
  </span>
);

/** "12 conversations · 3 contacts" ("999+" beyond the list's cap). */
export function usageText(usage: TagUsage): string {
  const count = (n: number) => (n >= USAGE_CAP ? `${formatNumber(USAGE_CAP - 1)}+` : formatNumber(n));
  return [
    tn("settings.tags.conversations", Math.min(usage.conversations, USAGE_CAP), { count: count(usage.conversations) }),
    tn("settings.tags.contacts", Math.min(usage.contacts, USAGE_CAP), { count: count(usage.contacts) }),
  ].join(" · ");
}

/** Swatch radios for the palette; `idPrefix` keeps ids unique when two pickers share a page. */
export const ColorPicker: FC<{ idPrefix: string; value: string }> = ({ idPrefix, value }) => (
  <fieldset class="field tag-colors">
    <legend class="field__label">{t("settings.tags.color")}</legend>
    <div class="tag-colors__row">
      {TAG_COLORS.map((c) => (
        <label class={`tag-color tag-color--${c}`} for={`${idPrefix}-${c}`}>
          <input id={`${idPrefix}-${c}`} type="radio" name="color" value={c} checked={tagColor(value) === c} />
          <span class="tag-color__dot" aria-hidden="true"></span>
          <span class="tag-color__name">{t(`settings.tags.colors.${c}`)}</span>
        </label>
      ))}
    </div>
  </fieldset>
);
