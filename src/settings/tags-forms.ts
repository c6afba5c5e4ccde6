// Zod schemas for Settings → Tags: a tag's name and colour (create, rename,
// recolour) and the tag to merge into, with messages in the reader's language.
import { z } from "zod";
import { MAX_TAG_NAME, TAG_COLORS } from "../tags/palette";
import { t } from "../ui/i18n";

const tagName = z
  .string({ error: () => t("settings.tags.nameMissing") })
  .trim()
  .min(1, { error: () => t("settings.tags.nameMissing") })
  .max(MAX_TAG_NAME, { error: () => t("settings.tags.nameTooLong", { max: MAX_TAG_NAME }) })
  .regex(/^[^\p{Cc}]+$/u, { error: () => t("settings.tags.nameControl") });

export const tagForm = z.object({
  name: tagName,
  color: z.enum(TAG_COLORS, { error: () => t("settings.tags.colorInvalid") }).default("green"),
});

export const tagMergeForm = z.object({ into: tagName });

export type TagFormValues = { name: string; color: string };
