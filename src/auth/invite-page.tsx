// The public pages behind an invite or password-reset link: the form to choose
// a name and password, and the clear dead-end page for unknown, used or expired links.
import type { FC } from "hono/jsx";
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
    <Layout title={invite ? "Join your team" : "Choose a new password"} bodyClass="page-login">
      <link rel="stylesheet" href="/settings.css" />
      <section class="login-card" aria-labelledby="invite-title">
        <div class="login-card__brand">
          <LogoMark class="logo-mark--lg" />
        </div>
        <h1 id="invite-title" class="login-card__title">
          {invite ? `Join ${workspaceName}` : "Choose a new password"}
        </h1>
        <p class="login-card__lead">
          {invite ? "You're invited to answer LINE customers on linedesk as " : "For "}
          <strong>{email}</strong>
          {invite ? "." : ". You'll be signed in right after."}
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
                Your name
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
                Customers see this name next to your replies in LINE.
              </p>
            </div>
          ) : null}
          <div class="field">
            <label for="invite-password" class="field__label">
              {invite ? "Password" : "New password"}
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
              At least 10 characters.
            </p>
          </div>
          <div class="field">
            <label for="invite-confirm" class="field__label">
              Confirm password
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
            {invite ? "Join and sign in" : "Save password and sign in"}
          </button>
        </form>
      </section>
      <p class="login-foot">linedesk · support inbox for LINE Official Accounts</p>
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
        Go to sign in
      </a>
    </section>
    <p class="login-foot">linedesk · support inbox for LINE Official Accounts</p>
  </Layout>
);
