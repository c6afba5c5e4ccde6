// The public pages behind an invite or password-reset link: the form to choose
// a name and password, and the clear dead-end page for unknown, used or expired links.
import type { FC } from "hono/jsx";
import { t } from "../ui/i18n";
import { IconAlert, LogoMark } from "../ui/icons";
import { Layout } from "../ui/layout";

export interface InviteFormPageProps {
  kind: "invite" | "reset";
  /** Double-submit token, also in the ld_invite_csrf cookie. */
  csrfToken: string;
  token: string;
  email: string;
  workspaceName: string;
  name?: string;
  errors?: Partial<Record<string, string>>;
}

export const InviteFormPage: FC<InviteFormPageProps> = ({ kind, csrfToken, token, email, workspaceName, name, errors = {} }) => {
  const invite = kind === "invite";
  const firstError = errors._form ?? errors.name ?? errors.password ?? errors.confirm;
  return (
    <Layout title={invite ? t("auth.invite.joinTitle") : t("auth.invite.resetTitle")} bodyClass="page-login">
      <link rel="stylesheet" href="/settings.css" />
      <section class="login-card" aria-labelledby="invite-title">
        <div class="login-card__brand">
          <LogoMark class="logo-mark--lg" />
        </div>
        <h1 id="invite-title" class="login-card__title">
          {invite ? t("auth.invite.join", { workspace: workspaceName }) : t("auth.invite.resetTitle")}
        </h1>
        <p class="login-card__lead">
          {invite ? t("auth.invite.invitedAs", { email }) : t("auth.invite.resetFor", { email })}
        </p>
        {firstError ? (
          <div class="alert alert--error" role="alert" id="invite-error">
            <IconAlert />
            <span>{firstError}</span>
          </div>
        ) : null}
        <form method="post" action={`/invite/${token}`} class="form">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="text" name="email" value={email} autocomplete="username" hidden readonly />
          {invite ? (
            <div class="field">
              <label for="invite-name" class="field__label">
                {t("auth.invite.name")}
              </label>
              <input
                id="invite-name"
                class="input"
                name="name"
                value={name ?? ""}
                autocomplete="name"
                required
                maxlength={80}
                aria-invalid={errors.name ? "true" : undefined}
                aria-describedby="invite-name-hint"
              />
              <p id="invite-name-hint" class="field__hint">
                {t("auth.invite.nameHint")}
              </p>
            </div>
          ) : null}
          <div class="field">
            <label for="invite-password" class="field__label">
              {invite ? t("auth.invite.password") : t("auth.invite.newPassword")}
            </label>
            <input
              id="invite-password"
              class="input"
              type="password"
              name="password"
              autocomplete="new-password"
              required
              minlength={10}
              maxlength={200}
              autofocus={!invite}
              aria-invalid={errors.password ? "true" : undefined}
              aria-describedby="invite-password-hint"
            />
            <p id="invite-password-hint" class="field__hint">
              {t("auth.invite.passwordHint")}
            </p>
          </div>
          <div class="field">
            <label for="invite-confirm" class="field__label">
              {t("auth.invite.confirm")}
            </label>
            <input
              id="invite-confirm"
              class="input"
              type="password"
              name="confirm"
              autocomplete="new-password"
              required
              minlength={10}
              maxlength={200}
              aria-invalid={errors.confirm ? "true" : undefined}
            />
          </div>
          <button type="submit" class="btn btn--primary btn--block btn--lg">
            {invite ? t("auth.invite.submitJoin") : t("auth.invite.submitReset")}
          </button>
        </form>
      </section>
      <p class="login-foot">{t("common.footer")}</p>
    </Layout>
  );
};

export interface InviteProblemPageProps {
  title: string;
  message: string;
}

/** For 404 (unknown link) and 410 (used, expired, or the account changed since). */
export const InviteProblemPage: FC<InviteProblemPageProps> = ({ title, message }) => (
  <Layout title={title} bodyClass="page-login">
    <section class="login-card" aria-labelledby="invite-problem-title">
      <div class="login-card__brand">
        <LogoMark class="logo-mark--lg" />
      </div>
      <h1 id="invite-problem-title" class="login-card__title">
        {title}
      </h1>
      <p class="login-card__lead">{message}</p>
      <a class="btn btn--primary btn--block btn--lg" href="/login">
        {t("common.goToSignIn")}
      </a>
    </section>
    <p class="login-foot">{t("common.footer")}</p>
  </Layout>
);
