// /settings/teams/:id: one team — its members and its Assignment section: the
// mode (manual, round robin, least open) and capacity per agent (admins edit,
// everyone reads), and a live list of who can be assigned now with their open
// conversations, refreshed every few seconds.
import type { FC } from "hono/jsx";
import { Avatar } from "../../ui/avatar";
import { availabilityLabel } from "../../ui/availability";
import { IconBack } from "../../ui/icons";
import { t, tn } from "../../ui/i18n";
import type { Viewer } from "../../settings/context";
import { isAdmin } from "../../settings/team-rules";
import { CsrfField, FieldError, FormAlert } from "../../settings/views/form-bits";
import { SettingsShell } from "../../settings/views/shell";
import { ASSIGNMENT_MODES, type AssignmentMode, CAPACITY_MAX, type TeamPolicy } from "../policy";
import type { TeamAgent } from "../queries";

/** How often the "Available now" list refreshes itself. */
export const LIVE_REFRESH_S = 10;

export interface PolicyFormState {
  values: { mode: string; capacity: string };
  errors: Partial<Record<"mode" | "capacity" | "_form", string>>;
}

export interface AssignmentSectionProps {
  teamId: string;
  policy: TeamPolicy;
  viewer: Viewer;
  /** After a failed save: what was typed, and what is wrong (422). */
  form?: PolicyFormState;
  saved?: boolean;
}

export function modeLabel(mode: AssignmentMode): string {
  return t(`settings.assignment.mode.${mode}`);
}

export const AssignmentSection: FC<AssignmentSectionProps> = ({ teamId, policy, viewer, form, saved }) => {
  const action = `/settings/teams/${teamId}/assignment`;
  const mode = form?.values.mode ?? policy.mode;
  const capacity = form?.values.capacity ?? (policy.capacity === null ? "" : String(policy.capacity));
  const errors = form?.errors ?? {};
  return (
    <section id="team-assignment" class="card" aria-labelledby="team-assignment-title">
      <div class="card__head">
        <h2 id="team-assignment-title" class="card__title">
          {t("settings.assignment.title")}
        </h2>
        <p class="card__lead">{t("settings.assignment.lead")}</p>
      </div>
      {isAdmin(viewer.role) ? (
        <form class="assign-form" method="post" action={action} hx-post={action} hx-target="#team-assignment" hx-swap="outerHTML">
          <CsrfField token={viewer.csrfToken} />
          <FormAlert message={errors._form} />
          <fieldset class="field assign-form__modes" aria-describedby={errors.mode ? "assign-mode-error" : undefined}>
            <legend class="field__label">{t("settings.assignment.modeLabel")}</legend>
            {ASSIGNMENT_MODES.map((m) => (
              <label class="assign-mode">
                <input type="radio" name="mode" value={m} checked={m === mode} />
                <span class="assign-mode__text">
                  <span class="assign-mode__name">{modeLabel(m)}</span>
                  <span class="assign-mode__hint">{t(`settings.assignment.modeHint.${m}`)}</span>
                </span>
              </label>
            ))}
            <FieldError id="assign-mode-error" message={errors.mode} />
          </fieldset>
          <div class="field assign-form__capacity">
            <label class="field__label" for="assign-capacity">
              {t("settings.assignment.capacity")}
            </label>
            <input
              id="assign-capacity"
              class="input"
              name="capacity"
              type="number"
              inputmode="numeric"
              min="1"
              max={String(CAPACITY_MAX)}
              value={capacity}
              placeholder={t("settings.assignment.noLimit")}
              aria-invalid={errors.capacity ? "true" : undefined}
              aria-describedby={errors.capacity ? "assign-capacity-error" : "assign-capacity-hint"}
            />
            <p id="assign-capacity-hint" class="field__hint">
              {t("settings.assignment.capacityHint")}
            </p>
            <FieldError id="assign-capacity-error" message={errors.capacity} />
          </div>
          <div class="assign-form__actions">
            <button type="submit" class="btn btn--primary">
              {t("settings.saveChanges")}
            </button>
            {saved ? (
              <span class="assign-form__saved" role="status">
                {t("settings.assignment.saved")}
              </span>
            ) : null}
          </div>
        </form>
      ) : (
        <dl class="facts">
          <div>
            <dt>{t("settings.assignment.modeLabel")}</dt>
            <dd>{modeLabel(policy.mode)}</dd>
          </div>
          <div>
            <dt>{t("settings.assignment.capacity")}</dt>
            <dd>{policy.capacity === null ? t("settings.assignment.noLimit") : String(policy.capacity)}</dd>
          </div>
        </dl>
      )}
      <p class="assign-rules">{t("settings.assignment.rules")}</p>
    </section>
  );
};

export interface AvailableNowProps {
  teamId: string;
  agents: TeamAgent[];
  capacity: number | null;
  waiting: number;
}

/** Who the policy may pick right now: online members under capacity; everyone else says why not. */
export const AvailableNow: FC<AvailableNowProps> = ({ teamId, agents, capacity, waiting }) => {
  const url = `/settings/teams/${teamId}/assignment/live`;
  const free = agents.filter((a) => a.availability === "online" && (capacity === null || a.open < capacity)).length;
  return (
    <section id="team-live" class="card" aria-labelledby="team-live-title" hx-get={url} hx-trigger={`every ${LIVE_REFRESH_S}s`} hx-swap="outerHTML">
      <div class="card__head card__head--row">
        <h2 id="team-live-title" class="card__title">
          {t("settings.assignment.liveTitle")}
        </h2>
        <span class="card__meta">{tn("settings.assignment.freeCount", free)}</span>
      </div>
      {agents.length === 0 ? <p class="team-card__empty">{t("settings.assignment.noMembers")}</p> : null}
      <ul class="row-list">
        {agents.map((a) => {
          const full = capacity !== null && a.open >= capacity;
          return (
            <li class="assign-agent">
              <span class="presence-avatar">
                <Avatar name={a.name} size="sm" />
                <span class={`presence presence--${a.availability}`} aria-hidden="true"></span>
              </span>
              <span class="assign-agent__name">{a.name}</span>
              <span class={`status-dot status-dot--${a.availability}`}>{availabilityLabel(a.availability)}</span>
              <span class="assign-agent__open">
                {capacity === null ? tn("settings.assignment.open", a.open) : t("settings.assignment.openOf", { count: a.open, capacity })}
                {full ? <span class="tag tag--warn">{t("settings.assignment.full")}</span> : null}
              </span>
            </li>
          );
        })}
      </ul>
      <p class="assign-queue">{tn("settings.assignment.waiting", waiting)}</p>
    </section>
  );
};

export interface TeamAssignmentPageProps extends AssignmentSectionProps, Omit<AvailableNowProps, "capacity"> {
  teamName: string;
  memberCount: number;
}

export const TeamAssignmentPage: FC<TeamAssignmentPageProps> = (props) => (
  <SettingsShell viewer={props.viewer} active="/settings/teams" title={props.teamName} lead={tn("settings.assignment.pageLead", props.memberCount)}>
    <link rel="stylesheet" href="/assignment.css" />
    <a class="assign-back" href="/settings/teams">
      <IconBack />
      {t("settings.assignment.allTeams")}
    </a>
    <div class="assign-grid">
      <AssignmentSection teamId={props.teamId} policy={props.policy} viewer={props.viewer} form={props.form} saved={props.saved} />
      <AvailableNow teamId={props.teamId} agents={props.agents} capacity={props.policy.capacity} waiting={props.waiting} />
    </div>
  </SettingsShell>
);
