// /settings/teams: one card per team with its members (avatar + name). Admins
// create, rename and delete teams and add or remove members on the card.
import type { FC } from "hono/jsx";
import { Avatar } from "../../ui/avatar";
import type { Viewer } from "../context";
import { type FieldErrors, TEAM_NAME_MAX } from "../forms";
import type { TeamWithMembers } from "../queries/teams";
import { isAdmin } from "../team-rules";
import { CsrfField, FieldError, FormAlert } from "./form-bits";
import { IconChevronDown, IconPencil, IconPlus, IconTrash, IconUsers, IconX } from "./icons";
import { SettingsShell } from "./shell";
import { t, tn } from "../../ui/i18n";

export interface MemberOption {
  id: string;
  name: string;
  email: string;
}

export interface TeamCreatePanelProps {
  csrfToken: string;
  name?: string;
  errors?: FieldErrors;
}

export const TeamCreatePanel: FC<TeamCreatePanelProps> = ({ csrfToken, name, errors = {} }) => (
  <section id="team-create" class="card" aria-labelledby="team-create-title">
    <div class="card__head">
      <h2 id="team-create-title" class="card__title">
        {t("settings.teams.new")}
      </h2>
      <p class="card__lead">{t("settings.teams.newLead")}</p>
    </div>
    <form class="inline-form" method="post" action="/settings/teams" hx-post="/settings/teams" hx-target="#team-create" hx-swap="outerHTML">
      <CsrfField token={csrfToken} />
      <div class="field inline-form__grow">
        <label class="field__label" for="team-create-name">
          {t("settings.teams.name")}
        </label>
        <input
          id="team-create-name"
          class="input"
          name="name"
          value={name ?? ""}
          maxlength={TEAM_NAME_MAX}
          required
          autocomplete="off"
          aria-invalid={errors.name ? "true" : undefined}
          aria-describedby={errors.name ? "team-create-name-error" : undefined}
        />
        <FieldError id="team-create-name-error" message={errors.name} />
      </div>
      <button type="submit" class="btn btn--primary inline-form__submit">
        <IconPlus />
        {t("settings.teams.create")}
      </button>
    </form>
  </section>
);

export interface TeamCardProps {
  team: TeamWithMembers;
  viewer: Viewer;
  /** Active people of the workspace, for the "Add member" picker. */
  options: MemberOption[];
  error?: string;
  /** Re-filled rename field after a failed rename (the menu opens to show it). */
  rename?: string;
}

export const TeamCard: FC<TeamCardProps> = ({ team, viewer, options, error, rename }) => {
  const admin = isAdmin(viewer.role);
  const base = `/settings/teams/${team.id}`;
  const swap = { "hx-target": `#team-${team.id}`, "hx-swap": "outerHTML" };
  const inTeam = new Set(team.members.map((m) => m.id));
  const addable = options.filter((o) => !inTeam.has(o.id));
  const count = team.members.length;
  return (
    <article id={`team-${team.id}`} class="card team-card" aria-labelledby={`team-${team.id}-name`}>
      <header class="team-card__head">
        <span class="team-card__icon">
          <IconUsers />
        </span>
        <div class="team-card__title">
          <h2 id={`team-${team.id}-name`} class="card__title">
            <a class="team-card__link" href={base}>
              {team.name}
            </a>
          </h2>
          <p class="card__meta">{tn("settings.teams.memberCount", count)}</p>
        </div>
        {admin ? (
          <details class="menu" open={rename !== undefined}>
            <summary class="btn btn--ghost btn--sm" aria-label={t("settings.teams.editName", { name: team.name })}>
              {t("settings.teams.edit")}
              <IconChevronDown />
            </summary>
            <div class="menu__panel">
              <form class="menu__section" method="post" action={`${base}/rename`} hx-post={`${base}/rename`} {...swap}>
                <CsrfField token={viewer.csrfToken} />
                <label class="menu__label" for={`rename-${team.id}`}>
                  {t("settings.teams.name")}
                </label>
                <div class="menu__row">
                  <input id={`rename-${team.id}`} class="input input--sm" name="name" value={rename ?? team.name} maxlength={TEAM_NAME_MAX} required />
                  <button type="submit" class="btn btn--primary btn--sm">
                    <IconPencil />
                    {t("settings.teams.rename")}
                  </button>
                </div>
              </form>
              <form method="post" action={`${base}/delete`} hx-post={`${base}/delete`} hx-target={`#team-${team.id}`} hx-swap="delete" hx-confirm={t("settings.teams.deleteConfirm", { name: team.name })}>
                <CsrfField token={viewer.csrfToken} />
                <button type="submit" class="menu__item menu__item--danger">
                  <IconTrash />
                  {t("settings.teams.delete")}
                </button>
              </form>
            </div>
          </details>
        ) : null}
      </header>
      <FormAlert message={error} />
      {count === 0 ? <p class="team-card__empty">{t("settings.teams.emptyTeam")}</p> : null}
      <ul class="chip-list">
        {team.members.map((m) => (
          <li class={`chip${m.active ? "" : " chip--inactive"}`}>
            <Avatar name={m.name} pictureUrl={m.avatarUrl} size="sm" />
            <span class="chip__name">{m.name}</span>
            {admin ? (
              <form method="post" action={`${base}/members/${m.id}/remove`} hx-post={`${base}/members/${m.id}/remove`} {...swap}>
                <CsrfField token={viewer.csrfToken} />
                <button type="submit" class="chip__remove" aria-label={t("settings.teams.removeMember", { name: m.name, team: team.name })} title={t("settings.teams.removeFromTeam")}>
                  <IconX />
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {admin && addable.length > 0 ? (
        <form class="team-card__add" method="post" action={`${base}/members`} hx-post={`${base}/members`} {...swap}>
          <CsrfField token={viewer.csrfToken} />
          <label class="visually-hidden" for={`add-${team.id}`}>
            {t("settings.teams.addTo", { team: team.name })}
          </label>
          <select id={`add-${team.id}`} name="userId" class="select team-card__select" required>
            <option value="">{t("settings.teams.addSomeone")}</option>
            {addable.map((o) => (
              <option value={o.id}>{o.name}</option>
            ))}
          </select>
          <button type="submit" class="btn btn--ghost btn--sm">
            <IconPlus />
            {t("settings.teams.add")}
          </button>
        </form>
      ) : null}
      <a class="team-card__open" href={base}>
        {t("settings.assignment.title")}
        <IconChevronDown />
      </a>
    </article>
  );
};

export interface TeamsPageProps {
  viewer: Viewer;
  teams: TeamWithMembers[];
  options: MemberOption[];
  create?: Omit<TeamCreatePanelProps, "csrfToken">;
  /** A card to show with an error after a failed plain (no-JS) post. */
  cardError?: { teamId: string; error: string; rename?: string };
}

export const TeamsPage: FC<TeamsPageProps> = ({ viewer, teams, options, create, cardError }) => (
  <SettingsShell
    viewer={viewer}
    active="/settings/teams"
    title={t("settings.teams.title")}
    lead={t("settings.teams.lead")}
  >
    {isAdmin(viewer.role) ? <TeamCreatePanel csrfToken={viewer.csrfToken} {...create} /> : null}
    <div id="team-list" class="team-grid">
      {teams.map((team) => (
        <TeamCard
          team={team}
          viewer={viewer}
          options={options}
          error={cardError?.teamId === team.id ? cardError.error : undefined}
          rename={cardError?.teamId === team.id ? cardError.rename : undefined}
        />
      ))}
    </div>
    <div class="empty-state">
      <span class="empty-state__icon">
        <IconUsers />
      </span>
      <strong>{t("settings.teams.empty")}</strong>
      <span>{isAdmin(viewer.role) ? t("settings.teams.emptyAdmin") : t("settings.teams.emptyAgent")}</span>
    </div>
  </SettingsShell>
);
