// Zod schemas for every contacts boundary: route params, panel forms, the
// custom field admin form and per-type validation of custom field values.
import { z } from "zod";
import { TAG_COLORS, type TagColor } from "../tags/palette";
import { type MessageKey, type Params, t } from "../ui/i18n";

/** A zod message in the reader's language (evaluated when a value fails, never at module load). */
const msg = (key: MessageKey, params?: Params) => ({ error: () => t(key, params) });

/** The tag palette shared with conversation tags (src/tags/palette.ts; class names in contacts.css / app.css). */
export { TAG_COLORS, type TagColor };

export const FIELD_TYPES = ["text", "number", "date", "select"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
/** "Text", "テキスト"… in the reader's language. */
export const fieldTypeLabel = (type: FieldType): string => t(`contacts.fieldType.${type}`);

export const MAX_NOTE_LENGTH = 2000;
export const MAX_TAG_NAME = 32;
export const MAX_TEXT_VALUE = 500;

/** Our row ids (`ct_…`, `tag_…`, `fld_…`) or any id of that shape written elsewhere. */
export const rowId = z.string().regex(/^[a-z]{1,8}_[0-9a-z]{16,32}$/);
/** A conversation is its Durable Object id (64 hex). */
export const conversationId = z.string().regex(/^[0-9a-f]{64}$/);

export const contactParam = z.object({ contactId: rowId });
export const contactTagParam = contactParam.extend({ tagId: rowId });
export const contactFieldParam = contactParam.extend({ fieldId: rowId });
export const fieldParam = z.object({ fieldId: rowId });
export const notificationParam = z.object({ id: rowId });

/** `?conversation=` (or a hidden field): the conversation the panel is shown next to. */
export const conversationContext = z.object({ conversation: z.union([conversationId, z.literal("")]).optional() });

/** Attach an existing tag (`tag`) or find-or-create one by `name`. */
export const tagForm = z
  .object({
    tag: rowId.optional(),
    name: z.string().trim().max(MAX_TAG_NAME, msg("contacts.invalid.tagNameLong", { max: MAX_TAG_NAME })).optional(),
    color: z.enum(TAG_COLORS, msg("contacts.invalid.tagColor")).optional(),
  })
  .refine((f) => f.tag !== undefined || (f.name !== undefined && f.name.length > 0), { ...msg("contacts.invalid.tagName"), path: ["name"] });

export const fieldValueForm = z.object({ value: z.string().max(4000, msg("contacts.invalid.valueLong")).default("") });

export const noteForm = z.object({
  body: z.preprocess(
    (t) => (typeof t === "string" ? t.replace(/\r\n/g, "\n") : ""),
    z.string().trim().min(1, msg("contacts.invalid.noteEmpty")).max(MAX_NOTE_LENGTH, msg("contacts.invalid.noteLong", { max: MAX_NOTE_LENGTH })),
  ),
  conversation: z.union([conversationId, z.literal("")]).optional(),
});

/** The note text while typing (mention suggestions and completion): never rejected, only trimmed to size. */
export const noteDraft = z.object({
  body: z.preprocess((t) => (typeof t === "string" ? t.replace(/\r\n/g, "\n").slice(0, MAX_NOTE_LENGTH) : ""), z.string()),
  conversation: z.union([conversationId, z.literal("")]).optional(),
  mention: rowId.optional(),
});

/** Select options typed one per line (commas also separate). */
const optionsText = z.preprocess(
  (t) =>
    typeof t === "string"
      ? t
          .split(/[\n,]/)
          .map((o) => o.trim())
          .filter(Boolean)
      : [],
  z
    .array(z.string().max(60, msg("contacts.invalid.optionLong", { max: 60 })))
    .max(50, msg("contacts.invalid.optionsMany", { max: 50 }))
    .refine((o) => new Set(o.map((x) => x.toLowerCase())).size === o.length, msg("contacts.invalid.optionsUnique")),
);

/** A key from a label when none is typed: "Member since" → "member_since" (empty for non-Latin labels). */
export function keyFromLabel(label: string): string {
  return label
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40);
}

const withDerivedKey = (input: unknown) => {
  if (typeof input !== "object" || input === null) return input;
  const form = input as Record<string, unknown>;
  const key = typeof form.key === "string" ? form.key.trim() : "";
  return key || typeof form.label !== "string" ? form : { ...form, key: keyFromLabel(form.label) };
};

const fieldDefinitionObject = z
  .object({
    key: z
      .string()
      .trim()
      .min(1, msg("contacts.invalid.keyMissing"))
      .max(40, msg("contacts.invalid.keyLong", { max: 40 }))
      .regex(/^[a-z0-9_]+$/, msg("contacts.invalid.keyChars")),
    label: z.string().trim().min(1, msg("contacts.invalid.labelMissing")).max(60, msg("contacts.invalid.labelLong", { max: 60 })),
    type: z.enum(FIELD_TYPES, msg("contacts.invalid.type")),
    options: optionsText,
  })
  .refine((f) => f.type !== "select" || f.options.length > 0, { ...msg("contacts.invalid.optionsMissing"), path: ["options"] });
/** The admin's field form; an empty key is derived from the label. */
export const fieldDefinitionForm = z.preprocess(withDerivedKey, fieldDefinitionObject);
export type FieldDefinitionInput = z.output<typeof fieldDefinitionObject>;

export const moveForm = z.object({ direction: z.enum(["up", "down"]) });
export const markReadForm = z.object({ id: rowId.optional() });

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/** A yyyy-mm-dd that names a real calendar day. */
function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * The schema for one custom field's value. An empty value clears the field
 * (null); anything else must fit the field's type.
 */
export function fieldValueSchema(field: { type: FieldType; options: string[] }) {
  const base = z.string().trim();
  const empty = (v: string) => v === "";
  switch (field.type) {
    case "number":
      return base
        .refine((v) => empty(v) || (NUMBER.test(v.replace(/,/g, "")) && v.replace(/,/g, "").length <= 30), msg("contacts.invalid.number"))
        .transform((v) => (empty(v) ? null : v.replace(/,/g, "")));
    case "date":
      return base.refine((v) => empty(v) || isCalendarDate(v), msg("contacts.invalid.date")).transform((v) => (empty(v) ? null : v));
    case "select":
      return base
        .refine((v) => empty(v) || field.options.includes(v), msg("contacts.invalid.choice", { options: field.options.join(", ") }))
        .transform((v) => (empty(v) ? null : v));
    default:
      // A text value is one line: a newline typed into its (wrapping) box is read as a space.
      return base
        .transform((v) => v.replace(/\s*[\r\n]+\s*/g, " "))
        .pipe(z.string().max(MAX_TEXT_VALUE, msg("contacts.invalid.textLong", { max: MAX_TEXT_VALUE })))
        .transform((v) => (empty(v) ? null : v));
  }
}

/** The first zod message for a field (or the form as a whole), for 422 fragments. */
export function firstError(error: z.ZodError): { field: string | null; message: string } {
  const issue = error.issues[0];
  return { field: issue?.path[0] !== undefined ? String(issue.path[0]) : null, message: issue?.message ?? t("contacts.error.checkInput") };
}

/** Every field's first message, keyed by field name. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path[0] !== undefined ? String(issue.path[0]) : "_form";
    out[key] ??= issue.message;
  }
  return out;
}
