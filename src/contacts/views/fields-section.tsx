// The panel's custom fields: one small form per field that saves on change and
// answers with itself (saved, or a 422 with the reason), so edits stay inline.
import type { FC } from "hono/jsx";
import type { FieldWithValue } from "../queries/fields";
import { MAX_TEXT_VALUE } from "../schemas";
import { t } from "../../ui/i18n";
import { IconCheck } from "../../ui/icons";
import { IconList } from "./icons";
import { FormError, HxForm, SectionTitle } from "./parts";

export interface FieldRowProps {
  contactId: string;
  field: FieldWithValue;
  csrfToken: string;
  /** What the agent typed, shown again after a 422. */
  typed?: string;
  error?: string | null;
  saved?: boolean;
}


export const FieldRow: FC<FieldRowProps> = ({ contactId, field, csrfToken, typed, error, saved }) => {
  const id = `cp-field-${contactId}-${field.id}`;
  const inputId = `${id}-value`;
  const errorId = `${id}-error`;
  const value = typed ?? field.value ?? "";
  const common = {
    id: inputId,
    name: "value",
    class: "cp-input cp-field__input",
    "aria-invalid": error ? "true" : undefined,
    "aria-describedby": error ? errorId : undefined,
  };
  return (
    <HxForm action={`/contacts/${contactId}/fields/${field.id}`} csrfToken={csrfToken} target="this" trigger="change, submit" id={id} class={`cp-field${error ? " cp-field--error" : ""}`}>
      <label class="cp-field__label" for={inputId} title={field.label}>
        {field.label}
      </label>
      <div class="cp-field__control">
        {field.type === "select" ? (
          <select {...common}>
            <option value="">—</option>
            {field.options.map((o) => (
              <option value={o} selected={o === value}>
                {o}
              </option>
            ))}
            {value && !field.options.includes(value) ? (
              <option value={value} selected>
                {value}
              </option>
            ) : null}
          </select>
        ) : field.type === "date" ? (
          <input {...common} type="date" value={value} placeholder="yyyy-mm-dd" />
        ) : field.type === "number" ? (
          <input {...common} type="text" inputmode="decimal" value={value} placeholder="—" autocomplete="off" />
        ) : (
          // A one-line textarea, so long values (addresses, URLs) wrap; Enter saves (contacts.js), a newline is read as a space.
          <textarea {...common} rows={1} placeholder="—" maxlength={MAX_TEXT_VALUE} autocomplete="off" data-field-text>
            {value}
          </textarea>
        )}
        {saved && !error ? (
          <span class="cp-field__saved" role="status">
            <IconCheck />
            <span class="visually-hidden">{t("contacts.details.saved")}</span>
          </span>
        ) : null}
        <button type="submit" class="visually-hidden" tabindex={-1}>
          {t("contacts.details.save", { label: field.label })}
        </button>
      </div>
      <FormError message={error} id={errorId} />
    </HxForm>
  );
};

export interface FieldsSectionProps {
  contactId: string;
  fields: FieldWithValue[];
  csrfToken: string;
  canManageFields: boolean;
}

export const FieldsSection: FC<FieldsSectionProps> = ({ contactId, fields, csrfToken, canManageFields }) => (
  <section class="cp-section cp-fields" aria-labelledby={`cp-fields-title-${contactId}`}>
    <SectionTitle icon={<IconList />} id={`cp-fields-title-${contactId}`}>
      {t("contacts.details.title")}
    </SectionTitle>
    {fields.length ? (
      <div class="cp-field-list">
        {fields.map((field) => (
          <FieldRow contactId={contactId} field={field} csrfToken={csrfToken} />
        ))}
      </div>
    ) : (
      <p class="cp-empty">{t("contacts.details.empty")}</p>
    )}
    {canManageFields ? (
      <a class="cp-link-sm" href="/contacts/fields">
        {fields.length ? t("contacts.details.manage") : t("contacts.details.setUp")}
      </a>
    ) : null}
  </section>
);
