// Inviting people: the invite form (re-rendered with errors on 422) and the
// list of pending invites with their Revoke buttons. Admins and owners only.
import type { FC } from "hono/jsx";
import type { FieldErrors, InviteFormValues } from "../forms";
import { INVITE_ROLES } from "../forms";
import type { PendingInvite } from "../queries/invites";
import { ROLE_LABELS } from "../team-rules";
import { CsrfField, expiresIn, FieldError, FormAlert } from "./form-bits";
import { IconUserPlus } from "./icons";

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
          Invite a teammate
        </h2>
        <p class="card__lead">They get a link to choose their own password. Invite links work for 7 days.</p>
      </div>
      <form class="invite-form" method="post" action="/settings/team/invites" hx-post="/settings/team/invites" hx-target="#invite-panel" hx-swap="outerHTML">
        <CsrfField token={csrfToken} />
        <FormAlert message={errors._form} />
        <div class="field">
          <label class="field__label" for="invite-name">
            Name
          </label>
          <input id="invite-name" class="input" name="name" value={values.name ?? ""} maxlength={80} required autocomplete="off" aria-invalid={invalid("name")} aria-describedby={describedBy("name")} />
          <FieldError id="invite-name-error" message={errors.name} />
        </div>
        <div class="field">
          <label class="field__label" for="invite-email">
            Email
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
            Role
          </label>
          <select id="invite-role" class="input select" name="role" aria-invalid={invalid("role")} aria-describedby={describedBy("role")}>
            {INVITE_ROLES.map((r) => (
              <option value={r} selected={(values.role ?? "agent") === r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          <FieldError id="invite-role-error" message={errors.role} />
        </div>
        <button type="submit" class="btn btn--primary invite-form__submit">
          <IconUserPlus />
          Create invite link
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
        Pending invites
      </h2>
      <span class="card__count">{String(invites.length)}</span>
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
            <span class={`role-tag role-tag--${i.role}`}>{ROLE_LABELS[i.role]}</span>
            <span class="invite-row__when">
              {expired ? <span class="tag tag--inactive">Expired</span> : `Expires ${expiresIn(i.expiresAt, now)}`}
              {i.invitedBy ? <span class="invite-row__by">by {i.invitedBy}</span> : null}
            </span>
            <form
              method="post"
              action={`/settings/team/invites/${i.id}/revoke`}
              hx-post={`/settings/team/invites/${i.id}/revoke`}
              hx-target="#pending-invites"
              hx-swap="outerHTML"
              hx-confirm={`Revoke the invite for ${i.email}? The link stops working.`}
            >
              <CsrfField token={csrfToken} />
              <button type="submit" class="btn btn--danger-ghost btn--sm">
                {expired ? "Remove" : "Revoke"}
              </button>
            </form>
          </li>
        );
      })}
    </ul>
  </section>
);
