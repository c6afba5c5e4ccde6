// /settings/api (admins and owners): create named REST API tokens (read only or
// read and write, optional expiry), see the one-time token box, list and revoke
// tokens, and how to call the API (base URL, a curl line, the OpenAPI document).
import type { FC } from "hono/jsx";
import type { Viewer } from "../context";
import type { FieldErrors } from "../forms";
import { API_SCOPES, type ApiTokenFormValues, EXPIRY_ORDER, expiryLabel, scopeLabel, TOKEN_NAME_MAX } from "../api-tokens";
import { ApiTokenRows, type ApiTokenRowsProps, OneTimeToken, type OneTimeTokenProps } from "./api-token-rows";
import { CsrfField, FieldError, FormAlert } from "./form-bits";
import { IconKey, IconPlus } from "./icons";
import { SettingsShell } from "./shell";
import { t, tn } from "../../ui/i18n";
import { richText } from "./rich-text";


export interface ApiTokenCreateProps {
  csrfToken: string;
  values?: Partial<ApiTokenFormValues>;
  errors?: FieldErrors;
}

/** The create card; htmx swaps the whole card (the form targets #api-token-create). */
export const ApiTokenCreateCard: FC<ApiTokenCreateProps> = ({ csrfToken, values = {}, errors = {} }) => {
  const invalid = (f: string) => (errors[f] ? "true" : undefined);
  const describedBy = (f: string) => (errors[f] ? `api-token-${f}-error` : undefined);
  const scope = values.scope ?? "read";
  return (
    <section id="api-token-create" class="card" aria-labelledby="api-token-create-title">
      <div class="card__head">
        <h2 id="api-token-create-title" class="card__title">
          {t("settings.api.newToken")}
        </h2>
        <p class="card__lead">{t("settings.api.newTokenLead")}</p>
      </div>
      <form class="api-token-form" method="post" action="/settings/api" hx-post="/settings/api" hx-target="#api-token-create" hx-swap="outerHTML">
        <CsrfField token={csrfToken} />
        <FormAlert message={errors._form} />
        <div class="field api-token-form__name">
          <label class="field__label" for="api-token-name">
            {t("settings.api.name")}
          </label>
          <input
            id="api-token-name"
            class="input"
            name="name"
            value={values.name ?? ""}
            maxlength={TOKEN_NAME_MAX}
            placeholder={t("settings.api.namePlaceholder")}
            autocomplete="off"
            aria-invalid={invalid("name")}
            aria-describedby={describedBy("name")}
          />
          <FieldError id="api-token-name-error" message={errors.name} />
        </div>
        <fieldset class="field api-token-form__scope" aria-describedby={describedBy("scope")}>
          <legend class="field__label">{t("settings.api.access")}</legend>
          {API_SCOPES.map((s) => (
            <label class="api-scope-choice">
              <input type="radio" name="scope" value={s} checked={scope === s} />
              <span>
                <strong>{scopeLabel(s)}</strong>
                <span class="api-scope-choice__hint">{t(`settings.api.scopeHint.${s}`)}</span>
              </span>
            </label>
          ))}
          <FieldError id="api-token-scope-error" message={errors.scope} />
        </fieldset>
        <div class="field api-token-form__expires">
          <label class="field__label" for="api-token-expires">
            {t("settings.api.expiresLabel")}
          </label>
          <select id="api-token-expires" class="input select" name="expires" aria-invalid={invalid("expires")} aria-describedby={describedBy("expires")}>
            {EXPIRY_ORDER.map((e) => (
              <option value={e} selected={(values.expires ?? "never") === e}>
                {expiryLabel(e)}
              </option>
            ))}
          </select>
          <FieldError id="api-token-expires-error" message={errors.expires} />
        </div>
        <button type="submit" class="btn btn--primary api-token-form__submit">
          <IconPlus />
          {t("settings.api.create")}
        </button>
      </form>
    </section>
  );
};

/** Where the API lives and how to call it. */
const ApiUsage: FC<{ origin: string }> = ({ origin }) => (
  <section class="card" aria-labelledby="api-usage-title">
    <div class="card__head">
      <h2 id="api-usage-title" class="card__title">
        {t("settings.api.usage")}
      </h2>
      <p class="card__lead">
        {richText("settings.api.usageLead", {
          base: <code>{origin}/api/v1</code>,
          openapi: (
            <a href="/api/v1/openapi.json" target="_blank" rel="noopener">
              {t("settings.api.openapi")}
            </a>
          ),
        })}
      </p>
    </div>
    <pre class="api-usage__code">
      <code>{`curl -H "Authorization: Bearer $LINEDESK_TOKEN" \\\n  ${origin}/api/v1/conversations?status=open`}</code>
    </pre>
  </section>
);

export interface ApiTokensPageProps {
  viewer: Viewer;
  origin: string;
  tokens: Omit<ApiTokenRowsProps, "csrfToken">;
  activeCount: number;
  create?: Omit<ApiTokenCreateProps, "csrfToken">;
  /** A just-created token, shown once. */
  created?: OneTimeTokenProps;
  /** A later page reached without JavaScript. */
  paged?: boolean;
}

export const ApiTokensPage: FC<ApiTokensPageProps> = ({ viewer, origin, tokens, activeCount, create, created, paged }) => (
  <SettingsShell viewer={viewer} active="/settings/api" title={t("settings.api.title")} lead={t("settings.api.lead")}>
    <link rel="stylesheet" href="/api-tokens.css" />
    <div id="api-token-notice">{created ? <OneTimeToken {...created} /> : null}</div>
    <ApiTokenCreateCard csrfToken={viewer.csrfToken} {...create} />
    <section class="card" aria-labelledby="api-tokens-title">
      <div class="card__head card__head--row">
        <h2 id="api-tokens-title" class="card__title">
          {t("settings.api.tokens")}
        </h2>
        <span class="card__meta">{tn("settings.api.activeCount", activeCount)}</span>
      </div>
      {paged ? (
        <p class="card__paging">
          <a href="/settings/api">{t("settings.backToStart")}</a>
        </p>
      ) : null}
      <ul id="api-token-list" class="row-list">
        <ApiTokenRows {...tokens} csrfToken={viewer.csrfToken} />
      </ul>
      <div class="empty-state empty-state--inline">
        <span class="empty-state__icon">
          <IconKey />
        </span>
        <strong>{t("settings.api.empty")}</strong>
        <span>{t("settings.api.emptyHint")}</span>
      </div>
    </section>
    <ApiUsage origin={origin} />
  </SettingsShell>
);
