// Settings → CSAT: a channel's survey (on resolve, the rules, its texts per
// customer language), the CSV export, and the workspace's Google Sheets target.
import type { FC } from "hono/jsx";
import type { Viewer } from "../../settings/context";
import type { FieldErrors } from "../../settings/forms";
import { CsrfField, FieldError, FormAlert } from "../../settings/views/form-bits";
import { SettingsShell } from "../../settings/views/shell";
import { LANGUAGES } from "../../lib/locales";
import { fullLabel } from "../../ui/time";
import { t } from "../../ui/i18n";
import { IconDownload } from "../../ui/icons";
import type { SheetTarget } from "../sheets";
import { type CsatSettings, TEXT_FIELDS, TEXT_MAX } from "../settings";

export const CSAT_PATH = "/settings/csat";

const FIELD_LABEL = { question: "csat.settings.question", commentPrompt: "csat.settings.commentPrompt", skip: "csat.settings.skip", thanks: "csat.settings.thanks" } as const;

export interface SurveyFormProps {
  csrfToken: string;
  channels: Array<{ id: string; name: string }>;
  settings: CsatSettings;
  errors?: FieldErrors;
  saved?: boolean;
}

export const SurveyForm: FC<SurveyFormProps> = ({ csrfToken, channels, settings, errors = {}, saved }) => (
  <form id="csat-form" class="card csat-form" method="post" action={CSAT_PATH} hx-post={CSAT_PATH} hx-target="#csat-form" hx-swap="outerHTML">
    <CsrfField token={csrfToken} />
    <input type="hidden" name="channelId" value={settings.channelId} />
    <FormAlert message={errors._form} />
    {saved ? (
      <p class="csat-saved" role="status">
        {t("csat.settings.saved")}
      </p>
    ) : null}
    <label class="radio">
      <input type="checkbox" name="onResolve" checked={settings.onResolve === 1} />
      <span>{t("csat.settings.onResolve")}</span>
    </label>
    <label class="radio">
      <input type="checkbox" name="onlyIfAgentAnswered" checked={settings.onlyIfAgentAnswered === 1} />
      <span>{t("csat.settings.onlyIfAgentAnswered")}</span>
    </label>
    <div class="field csat-days">
      <label class="field__label" for="csat-days">
        {t("csat.settings.minDays")}
      </label>
      <div class="csat-days__row">
        <input id="csat-days" class="input input--sm" type="number" name="minDaysBetween" min="0" max="365" value={String(settings.minDaysBetween)} aria-invalid={errors.minDaysBetween ? "true" : undefined} aria-describedby="csat-days-error" />
        <span>{t("csat.settings.minDaysHint")}</span>
      </div>
      <FieldError id="csat-days-error" message={errors.minDaysBetween} />
    </div>
    <h2 class="card__title">{t("csat.settings.texts")}</h2>
    <p class="card__lead">{t("csat.settings.textsHint")}</p>
    {LANGUAGES.map((lang) => {
      const own = settings.texts[lang.code] ?? {};
      const open = TEXT_FIELDS.some((f) => own[f] || errors[`${f}.${lang.code}`]);
      return (
        <details class="csat-lang" open={open}>
          <summary lang={lang.code}>{lang.label}</summary>
          {TEXT_FIELDS.map((field) => {
            const name = `${field}.${lang.code}`;
            return (
              <div class="field">
                <label class="field__label" for={`csat-${name}`}>
                  {t(FIELD_LABEL[field])}
                </label>
                <input id={`csat-${name}`} class="input" name={name} value={own[field] ?? ""} maxlength={TEXT_MAX} lang={lang.code} aria-invalid={errors[name] ? "true" : undefined} />
                <FieldError id={`csat-${name}-error`} message={errors[name]} />
              </div>
            );
          })}
        </details>
      );
    })}
    <div class="csat-form__actions">
      <button class="btn btn--primary" type="submit">
        {t("csat.settings.save")}
      </button>
    </div>
  </form>
);

export interface SheetsFormProps {
  csrfToken: string;
  target: SheetTarget | null;
  values?: { spreadsheetId: string; sheetName: string };
  errors?: FieldErrors;
  saved?: boolean;
}

export const SheetsForm: FC<SheetsFormProps> = ({ csrfToken, target, values, errors = {}, saved }) => {
  const v = values ?? { spreadsheetId: target?.spreadsheetId ?? "", sheetName: target?.sheetName ?? "CSAT" };
  return (
    <form id="csat-sheets" class="card csat-form" method="post" action={`${CSAT_PATH}/sheets`} hx-post={`${CSAT_PATH}/sheets`} hx-target="#csat-sheets" hx-swap="outerHTML">
      <CsrfField token={csrfToken} />
      <h2 class="card__title">{t("csat.sheets.title")}</h2>
      <p class="card__lead">{t("csat.sheets.lead")}</p>
      <FormAlert message={errors._form} />
      {saved ? (
        <p class="csat-saved" role="status">
          {t("csat.sheets.saved")}
        </p>
      ) : null}
      {target ? <p class="secret-state">{t("csat.sheets.keyStored", { email: target.clientEmail })}</p> : null}
      {target?.lastAppendedAt ? <p class="field__hint">{t("csat.sheets.lastAppended", { when: fullLabel(target.lastAppendedAt) })}</p> : null}
      {target?.lastError ? <p class="field__error">{t("csat.sheets.lastError", { error: target.lastError })}</p> : null}
      <div class="field">
        <label class="field__label" for="csat-key">
          {t("csat.sheets.key")}
        </label>
        <textarea id="csat-key" class="textarea input--mono" name="key" rows={4} autocomplete="off" spellcheck={false} aria-describedby="csat-key-hint csat-key-error" aria-invalid={errors.key ? "true" : undefined}></textarea>
        <p id="csat-key-hint" class="field__hint">
          {t("csat.sheets.keyHint")}
        </p>
        <FieldError id="csat-key-error" message={errors.key} />
      </div>
      <div class="field">
        <label class="field__label" for="csat-spreadsheet">
          {t("csat.sheets.spreadsheetId")}
        </label>
        <input id="csat-spreadsheet" class="input input--mono" name="spreadsheetId" value={v.spreadsheetId} maxlength={100} aria-invalid={errors.spreadsheetId ? "true" : undefined} />
        <FieldError id="csat-spreadsheet-error" message={errors.spreadsheetId} />
      </div>
      <div class="field">
        <label class="field__label" for="csat-sheet">
          {t("csat.sheets.sheetName")}
        </label>
        <input id="csat-sheet" class="input" name="sheetName" value={v.sheetName} maxlength={100} aria-invalid={errors.sheetName ? "true" : undefined} />
        <FieldError id="csat-sheet-error" message={errors.sheetName} />
      </div>
      <div class="csat-form__actions">
        <button class="btn btn--primary" type="submit">
          {t("csat.sheets.save")}
        </button>
        {target ? (
          <button class="btn" type="submit" formaction={`${CSAT_PATH}/sheets/remove`} hx-post={`${CSAT_PATH}/sheets/remove`}>
            {t("csat.sheets.remove")}
          </button>
        ) : null}
      </div>
    </form>
  );
};

export const CsatPage: FC<{ viewer: Viewer; survey: SurveyFormProps | null; sheets: SheetsFormProps }> = ({ viewer, survey, sheets }) => (
  <SettingsShell viewer={viewer} active={CSAT_PATH} title={t("csat.settings.title")} lead={t("csat.settings.lead")}>
    <link rel="stylesheet" href="/csat-sla.css" />
    <div class="csat-page">
      {survey ? (
        <form class="csat-channel" method="get" action={CSAT_PATH}>
          <label class="field__label" for="csat-channel">
            {t("csat.settings.channel")}
          </label>
          <select id="csat-channel" class="select" name="channel">
            {survey.channels.map((ch) => (
              <option value={ch.id} selected={ch.id === survey.settings.channelId}>
                {ch.name}
              </option>
            ))}
          </select>
          <button class="btn" type="submit">
            {t("csat.settings.open")}
          </button>
        </form>
      ) : null}
      {survey ? <SurveyForm {...survey} /> : <p class="card card--empty">{t("csat.settings.noChannels")}</p>}
      <section class="card">
        <h2 class="card__title">{t("csat.export.title")}</h2>
        <p class="card__lead">{t("csat.export.lead")}</p>
        <a class="btn" href={`${CSAT_PATH}/export.csv`} download>
          <IconDownload />
          <span>{t("csat.export.download")}</span>
        </a>
      </section>
      <SheetsForm {...sheets} />
    </div>
  </SettingsShell>
);
