// The tag palette and name rules, shared by every place that shows or edits tags
// (Settings → Tags, the contact panel, the inbox's tag chips).

/** Colour names; each is a class suffix in the CSS (e.g. `tag-swatch--green`, `cp-tag--green`). */
export const TAG_COLORS = ["green", "blue", "amber", "red", "violet", "grey"] as const;
export type TagColor = (typeof TAG_COLORS)[number];

export const MAX_TAG_NAME = 32;

/** A tag colour from the palette ("grey" for anything unknown). */
export function tagColor(color: string): TagColor {
  return (TAG_COLORS as readonly string[]).includes(color) ? (color as TagColor) : "grey";
}
