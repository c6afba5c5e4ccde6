// The custom contact fields admin page: the workspace's fields in panel order
// (reorder, edit inline, delete) and a form to add one. Every action answers
// with the whole #cf-admin section under htmx, or redirects without it.
import type { FC } from "hono/jsx";
import { t } from "../../ui/i18n";
import { IconBack } from "../../ui/icons";
import { Layout, type LayoutProps } from "../../ui/layout";
import type { FieldDefinition } from "../queries/fields";
import { FIELD_TYPES, fieldTypeLabel } from "../schemas";
import { IconDown, IconEdit, IconPlus, IconTrash, IconUp } from "./icons";
import { FormError, HxForm } from "./parts";

export type FieldDraft = Partial<Record<"key" | "label" | "type" | "options", string>>;
export type FieldErrors = Partial<Record<"key" | "label" | "type" | "options" | "_form", string>>;

export interface FieldsAdminProps {
  fields: FieldDefinition[];
  csrfToken: string;
  editing?: { id: string; draft?: FieldDraft; errors?: FieldErrors };
  create?: { draft?: FieldDraft; errors?: FieldErrors };
  /** A one-line confirmation after a change ("Field “Plan” added."). */
  notice?: string;
}

const TARGET = "#cf-admin";

const Inputs: FC<{ prefix: string; draft: FieldDraft; errors: FieldErrors }> = ({ prefix, draft, errors }) => {
  const type = draft.type ?? "text";
  const err = (k: keyof FieldErrors) => (errors[k] ? { "aria-invalid": "true", "aria-describedby": `${prefix}-${k}-error` } : {});
  return (
    <div class="cf-inputs">
      <div class="field cf-inputs__label">
        <label class="field__label" for={`${prefix}-label`}>
          {t("contacts.fields.label")}
        </label>
        <input id={`${prefix}-label`} class="input" name="label" value={draft.label ?? ""} maxlength={60} placeholder={t("contacts.fields.labelExample")} required {...err("label")} />
        <FormError message={errors.label} id={`${prefix}-label-error`} />
      </div>
      <div class="field cf-inputs__key">
        <label class="field__label" for={`${prefix}-key`}>
          {t("contacts.fields.key")}
        </label>
        <input
          id={`${prefix}-key`}
          class="input cf-mono"
          name="key"
          value={draft.key ?? ""}
          maxlength={40}
          pattern="[a-z0-9_]+"
          title={t("contacts.fields.keyRule")}
          placeholder="member_since"
          autocomplete="off"
          spellcheck={false}
          {...err("key")}
        />
        {errors.key ? <FormError message={errors.key} id={`${prefix}-key-error`} /> : <p class="cf-hint">{t("contacts.fields.keyHint")}</p>}
      </div>
      <div class="field cf-inputs__type">
        <label class="field__label" for={`${prefix}-type`}>
          {t("contacts.fields.type")}
        </label>
        <select id={`${prefix}-type`} class="input" name="type" {...err("type")}>
          {FIELD_TYPES.map((option) => (
            <option value={option} selected={option === type}>
              {fieldTypeLabel(option)}
            </option>
          ))}
        </select>
        <FormError message={errors.type} id={`${prefix}-type-error`} />
      </div>
      <div class="field cf-inputs__options">
        <label class="field__label" for={`${prefix}-options`}>
          {t("contacts.fields.options")} <span class="cf-optional">{t("contacts.fields.optionsFor")}</span>
        </label>
        <textarea id={`${prefix}-options`} class="input cf-options" name="options" rows={Math.min(8, Math.max(3, (draft.options ?? "").split("\n").length + 1))} placeholder={t("contacts.fields.optionsExample")} {...err("options")}>
          {draft.options ?? ""}
        </textarea>
        {errors.options ? <FormError message={errors.options} id={`${prefix}-options-error`} /> : <p class="cf-hint">{t("contacts.fields.optionsHint")}</p>}
      </div>
    </div>
  );
};

const draftOf = (f: FieldDefinition): FieldDraft => ({ key: f.key, label: f.label, type: f.type, options: f.options.join("\n") });

const FieldRowView: FC<{ field: FieldDefinition; index: number; total: number; csrfToken: string }> = ({ field, index, total, csrfToken }) => (
  <li class="cf-row">
    <div class="cf-row__order">
      <HxForm action={`/contacts/fields/${field.id}/move`} csrfToken={csrfToken} target={TARGET}>
        <input type="hidden" name="direction" value="up" />
        <button type="submit" class="cf-order-btn" disabled={index === 0} aria-label={t("contacts.fields.moveUpNamed", { label: field.label })} title={t("contacts.fields.moveUp")}>
          <IconUp />
        </button>
      </HxForm>
      <HxForm action={`/contacts/fields/${field.id}/move`} csrfToken={csrfToken} target={TARGET}>
        <input type="hidden" name="direction" value="down" />
        <button type="submit" class="cf-order-btn" disabled={index === total - 1} aria-label={t("contacts.fields.moveDownNamed", { label: field.label })} title={t("contacts.fields.moveDown")}>
          <IconDown />
        </button>
      </HxForm>
    </div>
    <div class="cf-row__main">
      <p class="cf-row__label">
        <span>{field.label}</span>
        <span class={`cf-type cf-type--${field.type}`}>{fieldTypeLabel(field.type)}</span>
      </p>
      <p class="cf-row__meta">
        <code>{field.key}</code>
        {field.type === "select" && field.options.length ? <span class="cf-row__options">{field.options.join(" · ")}</span> : null}
      </p>
    </div>
    <div class="cf-row__actions">
      <a class="btn btn--ghost btn--sm" href={`/contacts/fields?edit=${field.id}`} hx-get={`/contacts/fields?edit=${field.id}`} hx-target={TARGET} hx-swap="outerHTML" aria-label={t("contacts.fields.editNamed", { label: field.label })}>
        <IconEdit />
        <span class="cf-btn-label">{t("contacts.fields.edit")}</span>
      </a>
      <HxForm action={`/contacts/fields/${field.id}/delete`} csrfToken={csrfToken} target={TARGET} confirm={t("contacts.fields.deleteConfirm", { label: field.label })}>
        <button type="submit" class="btn btn--danger-ghost btn--sm" aria-label={t("contacts.fields.deleteNamed", { label: field.label })}>
          <IconTrash />
          <span class="cf-btn-label">{t("contacts.fields.delete")}</span>
        </button>
      </HxForm>
    </div>
  </li>
);

export const FieldsAdmin: FC<FieldsAdminProps> = ({ fields, csrfToken, editing, create, notice }) => (
  <section id="cf-admin" class="cf-admin">
    {notice ? (
      <p class="cf-notice" role="status">
        {notice}
      </p>
    ) : null}
    <div class="cf-card">
      <div class="cf-card__head">
        <h2 class="cf-card__title">{t("contacts.fields.listTitle")}</h2>
        <p class="cf-card__sub">{t("contacts.fields.listLead")}</p>
      </div>
      {fields.length ? (
        <ol class="cf-list">
          {fields.map((field, index) =>
            editing?.id === field.id ? (
              <li class="cf-row cf-row--editing">
                <HxForm action={`/contacts/fields/${field.id}`} csrfToken={csrfToken} target={TARGET} class="cf-form">
                  <Inputs prefix={`cf-edit-${field.id}`} draft={editing.draft ?? draftOf(field)} errors={editing.errors ?? {}} />
                  <FormError message={editing.errors?._form} />
                  <p class="cf-hint">{t("contacts.fields.typeChangeHint")}</p>
                  <div class="cf-form__actions">
                    <a class="btn btn--ghost btn--sm" href="/contacts/fields" hx-get="/contacts/fields" hx-target={TARGET} hx-swap="outerHTML">
                      {t("common.cancel")}
                    </a>
                    <button type="submit" class="btn btn--primary btn--sm">
                      {t("contacts.fields.saveField")}
                    </button>
                  </div>
                </HxForm>
              </li>
            ) : (
              <FieldRowView field={field} index={index} total={fields.length} csrfToken={csrfToken} />
            ),
          )}
        </ol>
      ) : (
        <div class="cf-empty">
          <p class="cf-empty__title">{t("contacts.fields.emptyTitle")}</p>
          <p>{t("contacts.fields.emptyText")}</p>
        </div>
      )}
    </div>
    <div class="cf-card">
      <div class="cf-card__head">
        <h2 class="cf-card__title">{t("contacts.fields.addTitle")}</h2>
      </div>
      <HxForm action="/contacts/fields" csrfToken={csrfToken} target={TARGET} class="cf-form cf-form--create">
        <Inputs prefix="cf-new" draft={create?.draft ?? {}} errors={create?.errors ?? {}} />
        <FormError message={create?.errors?._form} />
        <div class="cf-form__actions">
          <button type="submit" class="btn btn--primary">
            <IconPlus />
            {t("contacts.fields.addField")}
          </button>
        </div>
      </HxForm>
    </div>
  </section>
);

export const FieldsPage: FC<FieldsAdminProps & { user: LayoutProps["user"] }> = ({ user, ...admin }) => (
  <Layout title={t("contacts.nav.fields")} user={user} csrfToken={admin.csrfToken} bodyClass="page-contact-fields">
    <link rel="stylesheet" href="/contacts.css" />
    <div class="cf-page">
      <header class="cf-page__head">
        <a class="cf-back" href="/inbox">
          <IconBack />
          {t("contacts.fields.back")}
        </a>
        <h1 class="cf-page__title">{t("contacts.nav.fields")}</h1>
        <p class="cf-page__lead">{t("contacts.fields.lead")}</p>
      </header>
      <FieldsAdmin {...admin} />
    </div>
  </Layout>
);
