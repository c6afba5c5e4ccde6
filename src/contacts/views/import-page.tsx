// CSV import: the upload form (file, which column identifies a contact), then the
// preview of every row — the changes, or what is wrong with it — and, when no row
// has an error, the button that applies them all at once. Uploads show a progress
// bar (contacts-directory.js); without JavaScript the forms post normally.
import type { FC } from "hono/jsx";
import { t, tn } from "../../ui/i18n";
import { IconBack } from "../../ui/icons";
import { Layout, type LayoutProps } from "../../ui/layout";
import type { ImportRow } from "../csv/import";
import type { FieldDefinition } from "../queries/fields";
import { CsrfField } from "./parts";

export interface ImportPageProps {
  user: LayoutProps["user"];
  csrfToken: string;
  fields: FieldDefinition[];
  matchBy: string;
  error?: string;
  preview?: { rows: ImportRow[]; csv: string };
}

const Progress: FC = () => (
  <progress class="cd-progress" max={100} value={0} hidden aria-label={t("contacts.csv.progress")}>
    {t("contacts.csv.progress")}
  </progress>
);

export const ImportPage: FC<ImportPageProps> = ({ user, csrfToken, fields, matchBy, error, preview }) => {
  const failed = preview?.rows.filter((r) => r.errors.length) ?? [];
  return (
    <Layout title={t("contacts.csv.title")} user={user} csrfToken={csrfToken} bodyClass="page-contacts">
      <link rel="stylesheet" href="/contacts-directory.css" />
      <script src="/contacts-directory.js" defer></script>
      <div class="cd-page">
        <a class="btn btn--ghost btn--sm cd-back" href="/contacts">
          <IconBack />
          <span>{t("contacts.page.back")}</span>
        </a>
        <h1 class="cd-head__title">{t("contacts.csv.title")}</h1>
        <p class="cp-muted">{t("contacts.csv.lead")}</p>
        <form method="post" action="/contacts/import" enctype="multipart/form-data" class="cd-form" data-progress>
          <CsrfField token={csrfToken} />
          <div class="field">
            <label class="field__label" for="csv-file">
              {t("contacts.csv.file")}
            </label>
            <input id="csv-file" class="input" type="file" name="file" accept=".csv,text/csv" required />
          </div>
          <div class="field">
            <label class="field__label" for="csv-match">
              {t("contacts.csv.matchBy")}
            </label>
            <select id="csv-match" class="input" name="matchBy">
              <option value="id" selected={matchBy === "id"}>
                {t("contacts.csv.matchId")}
              </option>
              {fields.map((f) => (
                <option value={f.key} selected={matchBy === f.key}>
                  {t("contacts.csv.matchField", { label: f.label, key: f.key })}
                </option>
              ))}
            </select>
            <p class="field__hint">{t("contacts.csv.tagsHint")}</p>
          </div>
          <Progress />
          <div>
            <button class="btn btn--primary" type="submit">
              {t("contacts.csv.preview")}
            </button>
          </div>
        </form>
        {error ? (
          <p class="cp-error" role="alert">
            {error}
          </p>
        ) : null}
        {preview ? (
          <section class="cd-import-preview" aria-live="polite">
            {failed.length ? (
              <>
                <p class="cp-error" role="alert">
                  {tn("contacts.csv.hasErrors", failed.length)}
                </p>
                <ul class="cd-errors">
                  {failed.flatMap((r) => r.errors.map((message) => <li>{t("contacts.csv.rowError", { row: r.row, message })}</li>))}
                </ul>
              </>
            ) : (
              <p class="cd-notice" role="status">
                {tn("contacts.csv.rows", preview.rows.length)}
              </p>
            )}
            <div class="cd-table-wrap">
              <table class="cd-table">
                <thead>
                  <tr>
                    <th>{t("contacts.csv.col.row")}</th>
                    <th>{t("contacts.csv.col.contact")}</th>
                    <th>{t("contacts.csv.col.changes")}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.slice(0, 200).map((r) => (
                    <tr class={r.errors.length ? "is-error" : undefined}>
                      <td>{String(r.row)}</td>
                      <td>{r.contactName ?? r.contactId ?? "—"}</td>
                      <td>{[...r.fields.map((f) => `${f.field.label}: ${f.value}`), ...(r.tags.length ? [t("contacts.csv.tagsAdded", { tags: r.tags.join(", ") })] : []), ...r.errors].join(" · ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {failed.length ? null : (
              <form method="post" action="/contacts/import/apply" class="cd-form" data-progress>
                <CsrfField token={csrfToken} />
                <input type="hidden" name="matchBy" value={matchBy} />
                <textarea name="csv" hidden>
                  {preview.csv}
                </textarea>
                <Progress />
                <div>
                  <button class="btn btn--primary" type="submit">
                    {t("contacts.csv.apply")}
                  </button>
                </div>
              </form>
            )}
          </section>
        ) : null}
      </div>
    </Layout>
  );
};
