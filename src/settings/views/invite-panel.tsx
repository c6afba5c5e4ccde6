// Inviting people: the invite form (re-rendered with errors on 422) and the
// list of pending invites with their Revoke buttons. Admins and owners only.
import type { FC } from "hono/jsx";
import type { FieldErrors, InviteFormValues } from "../forms";
import { INVITE_ROLES } from "../forms";
import type { PendingInvite } from "../queries/invites";
import { roleLabel } from "../team-rules";
import { CsrfField, expiresIn, FieldError, FormAlert } from "./form-bits";
import { IconUserPlus } from "./icons";
import { formatNumber, t } from "../../ui/i18n";

export interface InvitePanelProps {
  csrfToken: string;
  values?: Partial<InviteFormValues>;
  errors?: FieldErrors;
}

export const InvitePanel: FC<InvitePanelProps> = ({ csrfToken, values = {}, errors = {} }) => {
  const invalid = (f: string) => (errors[f] ? "true" : undefined);
  const describedBy = (f: string) => (errors[f] ? `invite-${f}-error` : undefined);
  return (
    <section id="invite-panel" class="card" aria-labelledby="invite-title">
      <div class="card__head">
        <h2 id="invite-title" class="card__title">
          {t("settings.invite.title")}
        </h2>
        <p class="card__lead">{t("settings.invite.lead")}</p>
      </div>
      <form class="invite-form" method="post" action="/settings/team/invites" hx-post="/settings/team/invites" hx-target="#invite-panel" hx-swap="outerHTML">
        <CsrfField token={csrfToken} />
        <FormAlert message={errors._form} />
        <div class="field">
          <label class="field__label" for="invite-name">
            {t("settings.invite.name")}
          </label>
          <input id="invite-name" class="input" name="name" value={values.name ?? ""} maxlength={80} required autocomplete="off" aria-invalid={invalid("name")} aria-describedby={describedBy("name")} />
          <FieldError id="invite-name-error" message={errors.name} />
        </div>
        <div class="field">
          <label class="field__label" for="invite-email">
            {t("settings.invite.email")}
          </label>
          <input
            id="invite-email"
            class="input"
            type="email"
            name="email"
            value={values.email ?? ""}
            maxlength={254}
            required
            autocomplete="off"
            inputmode="email"
            aria-invalid={invalid("email")}
            aria-describedby={describedBy("email")}
          />
          <FieldError id="invite-email-error" message={errors.email} />
        </div>
        <div class="field">
          <label class="field__label" for="invite-role">
            {t("settings.member.role")}
          </label>
          <select id="invite-role" class="input select" name="role" aria-invalid={invalid("role")} aria-describedby={describedBy("role")}>
            {INVITE_ROLES.map((r) => (
              <option value={r} selected={(values.role ?? "agent") === r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
          <FieldError id="invite-role-error" message={errors.role} />
        </div>
        <button type="submit" class="btn btn--primary invite-form__submit">
          <IconUserPlus />
          {t("settings.invite.submit")}
        </button>
      </form>
    </section>
  );
};

export interface PendingInvitesProps {
  invites: PendingInvite[];
  csrfToken: string;
  now?: number;
}

/** Hidden (by CSS) while empty, so htmx can always swap it in place. */
export const PendingInvites: FC<PendingInvitesProps> = ({ invites, csrfToken, now = Date.now() }) => (
  <section id="pending-invites" class={`card${invites.length === 0 ? " card--empty" : ""}`} aria-labelledby="pending-title">
    <div class="card__head card__head--row">
      <h2 id="pending-title" class="card__title">
        {t("settings.invite.pending")}
      </h2>
      <span class="card__count">{formatNumber(invites.length)}</span>
    </div>
    <ul class="row-list">
      {invites.map((i) => {
        const expired = i.expiresAt <= now;
        return (
          <li id={`invite-${i.id}`} class="invite-row">
            <span class="member__text">
              <span class="member__name">{i.name}</span>
              <span class="member__email">{i.email}</span>
            </span>
            <span class={`role-tag role-tag--${i.role}`}>{roleLabel(i.role)}</span>
            <span class="invite-row__when">
              {expired ? <span class="tag tag--inactive">{t("settings.invite.expired")}</span> : t("settings.invite.expires", { when: expiresIn(i.expiresAt, now) })}
              {i.invitedBy ? <span class="invite-row__by">{t("settings.invite.by", { name: i.invitedBy })}</span> : null}
            </span>
            <form
              method="post"
              action={`/settings/team/invites/${i.id}/revoke`}
              hx-post={`/settings/team/invites/${i.id}/revoke`}
              hx-target="#pending-invites"
              hx-swap="outerHTML"
              hx-confirm={t("settings.invite.revokeConfirm", { email: i.email })}
            >
              <CsrfField token={csrfToken} />
              <button type="submit" class="btn btn--danger-ghost btn--sm">
                {expired ? t("settings.invite.remove") : t("settings.invite.revoke")}
              </button>
            </form>
          </li>
        );
      })}
    </ul>
  </section>
);
