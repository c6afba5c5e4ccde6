// The sign-in page: email + password posted to /login (plain form, no htmx).
import type { FC } from "hono/jsx";
import { Layout } from "../../ui/layout";
import { t } from "../../ui/i18n";
import { IconAlert, LogoMark } from "../../ui/icons";

export interface LoginPageProps {
  /** Double-submit token the route also set as a cookie. */
  csrfToken: string;
  /** Re-filled after a failed attempt. */
  email?: string;
  /** Shown in an alert box; the route answers 422 (or 403 when the form expired). */
  error?: string;
  /** Same-site path to return to after signing in. */
  next?: string;
}

export const LoginPage: FC<LoginPageProps> = ({ csrfToken, email, error, next }) => {
  // After a failed attempt the email is already there: put the cursor in the password field.
  const focusPassword = Boolean(email);
  return (
    <Layout title={t("auth.login.pageTitle")} bodyClass="page-login">
      <section class="login-card" aria-labelledby="login-title">
        <div class="login-card__brand">
          <LogoMark class="logo-mark--lg" />
        </div>
        <h1 id="login-title" class="login-card__title">
          {t("auth.login.title")}
        </h1>
        <p class="login-card__lead">{t("auth.login.lead")}</p>
        {error ? (
          <div class="alert alert--error" role="alert" id="login-error">
            <IconAlert />
            <span>{error}</span>
          </div>
        ) : null}
        <form method="post" action="/login" class="form">
          <input type="hidden" name="_csrf" value={csrfToken} />
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <div class="field">
            <label for="login-email" class="field__label">
              {t("auth.login.email")}
            </label>
            <input
              id="login-email"
              class="input"
              type="email"
              name="email"
              value={email ?? ""}
              autocomplete="username"
              inputmode="email"
              required
              maxlength={254}
              autofocus={!focusPassword}
              aria-invalid={error ? "true" : undefined}
              aria-describedby={error ? "login-error" : undefined}
            />
          </div>
          <div class="field">
            <label for="login-password" class="field__label">
              {t("auth.login.password")}
            </label>
            <input
              id="login-password"
              class="input"
              type="password"
              name="password"
              autocomplete="current-password"
              required
              maxlength={200}
              autofocus={focusPassword}
              aria-invalid={error ? "true" : undefined}
              aria-describedby={error ? "login-error" : undefined}
            />
          </div>
          <button type="submit" class="btn btn--primary btn--block btn--lg">
            {t("auth.login.submit")}
          </button>
        </form>
      </section>
      <p class="login-foot">{t("common.footer")}</p>
    </Layout>
  );
};
