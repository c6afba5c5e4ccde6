// The first-run page: create the workspace and its owner (plain form, no htmx),
// or — when the SETUP_KEY secret is missing — how to set it.
import type { FC } from "hono/jsx";
import { SetupField } from "./setup-field";
import { Layout } from "../../ui/layout";
import { IconAlert, LogoMark } from "../../ui/icons";
import { LANGUAGES, timeZones } from "../../lib/locales";
import { t } from "../../ui/i18n";
import { MIN_PASSWORD_LENGTH } from "../../auth/password-strength";
import type { SetupValues } from "../forms";

export interface SetupPageProps {
  csrfToken: string;
  values?: SetupValues;
  /** Per field name; `_form` for the alert at the top. */
  errors?: Record<string, string>;
}

const Shell: FC<{ title: string; children?: unknown }> = ({ title, children }) => (
  <Layout title={title} bodyClass="page-login page-setup">
    <section class="login-card setup-card" aria-labelledby="setup-title">
      <div class="login-card__brand">
        <LogoMark class="logo-mark--lg" />
      </div>
      {children}
    </section>
    <p class="login-foot">{t("common.footer")}</p>
  </Layout>
);

export const SetupPage: FC<SetupPageProps> = ({ csrfToken, values = {}, errors = {} }) => {
  const zones = timeZones();
  return (
    <Shell title={t("setup.title")}>
      <h1 id="setup-title" class="login-card__title">
        {t("setup.title")}
      </h1>
      <p class="login-card__lead">{t("setup.lead")}</p>
      {errors._form ? (
        <div class="alert alert--error" role="alert" id="setup-error">
          <IconAlert />
          <span>{errors._form}</span>
        </div>
      ) : null}
      <form method="post" action="/setup" class="form" novalidate>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <fieldset class="setup-group">
          <legend class="setup-group__title">{t("setup.workspace")}</legend>
          <SetupField id="setup-workspace" label={t("setup.workspaceName")} error={errors.workspaceName}>
            <input id="setup-workspace" class="input" name="workspaceName" value={values.workspaceName ?? ""} required maxlength={80} placeholder={t("setup.workspaceNamePlaceholder")} autofocus aria-invalid={errors.workspaceName ? "true" : undefined} aria-describedby={errors.workspaceName ? "setup-workspace-error" : undefined} />
          </SetupField>
          <SetupField id="setup-zone" label={t("setup.timeZone")} hint={t("setup.timeZoneHint")} error={errors.timeZone}>
            <select id="setup-zone" class="input" name="timeZone" data-default-zone aria-invalid={errors.timeZone ? "true" : undefined} aria-describedby={errors.timeZone ? "setup-zone-error" : "setup-zone-hint"}>
              {zones.map((z) => (
                <option value={z} selected={z === (values.timeZone ?? "UTC")}>
                  {z.replace(/_/g, " ")}
                </option>
              ))}
            </select>
          </SetupField>
          <SetupField id="setup-language" label={t("setup.language")} hint={t("setup.languageHint")} error={errors.language}>
            <select id="setup-language" class="input" name="language" aria-describedby={errors.language ? "setup-language-error" : "setup-language-hint"}>
              {LANGUAGES.map((l) => (
                <option value={l.code} lang={l.code} selected={l.code === (values.language ?? "en")}>
                  {l.label}
                </option>
              ))}
            </select>
          </SetupField>
        </fieldset>
        <fieldset class="setup-group">
          <legend class="setup-group__title">{t("setup.owner")}</legend>
          <SetupField id="setup-name" label={t("setup.name")} hint={t("setup.nameHint")} error={errors.name}>
            <input id="setup-name" class="input" name="name" value={values.name ?? ""} required maxlength={80} autocomplete="name" aria-invalid={errors.name ? "true" : undefined} aria-describedby={errors.name ? "setup-name-error" : "setup-name-hint"} />
          </SetupField>
          <SetupField id="setup-email" label={t("setup.email")} error={errors.email}>
            <input id="setup-email" class="input" type="email" name="email" value={values.email ?? ""} required maxlength={254} autocomplete="username" inputmode="email" aria-invalid={errors.email ? "true" : undefined} aria-describedby={errors.email ? "setup-email-error" : undefined} />
          </SetupField>
          <SetupField id="setup-password" label={t("setup.password")} hint={t("setup.passwordHint", { min: MIN_PASSWORD_LENGTH })} error={errors.password}>
            <input id="setup-password" class="input" type="password" name="password" required minlength={MIN_PASSWORD_LENGTH} maxlength={200} autocomplete="new-password" aria-invalid={errors.password ? "true" : undefined} aria-describedby={errors.password ? "setup-password-error" : "setup-password-hint"} />
          </SetupField>
          <SetupField id="setup-confirm" label={t("setup.confirm")} error={errors.confirm}>
            <input id="setup-confirm" class="input" type="password" name="confirm" required maxlength={200} autocomplete="new-password" aria-invalid={errors.confirm ? "true" : undefined} aria-describedby={errors.confirm ? "setup-confirm-error" : undefined} />
          </SetupField>
        </fieldset>
        <fieldset class="setup-group">
          <legend class="setup-group__title">{t("setup.security")}</legend>
          <SetupField id="setup-key" label={t("setup.key")} hint={t("setup.keyHint")} error={errors.setupKey}>
            <input id="setup-key" class="input input--mono" type="password" name="setupKey" required maxlength={500} autocomplete="off" aria-invalid={errors.setupKey ? "true" : undefined} aria-describedby={errors.setupKey ? "setup-key-error" : "setup-key-hint"} />
          </SetupField>
        </fieldset>
        <button type="submit" class="btn btn--primary btn--block btn--lg">
          {t("setup.submit")}
        </button>
      </form>
      <script src="/setup.js" defer></script>
    </Shell>
  );
};

/** A translated sentence with commands shown as <code>: placeholders were filled with \0name\0 markers. */
const WithCode: FC<{ text: string; codes: Record<string, string> }> = ({ text, codes }) => (
  <>{text.split("\u0000").map((part, i) => (i % 2 === 1 ? <code>{codes[part] ?? part}</code> : part))}</>
);

/** SETUP_KEY is not set: setup is refused, and this says how to set it. */
export const SetupLockedPage: FC = () => (
  <Shell title={t("setup.title")}>
    <h1 id="setup-title" class="login-card__title">
      {t("setup.lockedTitle")}
    </h1>
    <p class="login-card__lead">{t("setup.lockedLead")}</p>
    <ol class="setup-steps">
      <li>
        <WithCode text={t("setup.lockedProduction", { command: "\u0000command\u0000" })} codes={{ command: "npx wrangler secret put SETUP_KEY" }} />
      </li>
      <li>
        <WithCode text={t("setup.lockedLocal", { line: "\u0000line\u0000", file: "\u0000file\u0000" })} codes={{ line: 'SETUP_KEY="…"', file: ".dev.vars" }} />
      </li>
      <li>{t("setup.lockedThen")}</li>
    </ol>
  </Shell>
);
