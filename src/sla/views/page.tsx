// Settings → SLA: the workspace's policies in the order they are checked, each
// with its conditions and targets, and the form that adds one.
import type { FC } from "hono/jsx";
import type { Viewer } from "../../settings/context";
import type { FieldErrors } from "../../settings/forms";
import { CsrfField, FieldError, FormAlert } from "../../settings/views/form-bits";
import { SettingsShell } from "../../settings/views/shell";
import { type MessageKey, t } from "../../ui/i18n";
import { SLA_PATH } from "../nav";
import type { PolicyFormValues } from "../forms";
import type { SlaPolicy } from "../policies";

export interface Choices {
  channels: Array<{ id: string; name: string }>;
  teams: Array<{ id: string; name: string }>;
  tags: Array<{ id: string; name: string }>;
}

const PRIORITIES = [1, 2, 3, 4] as const;

function priorityLabel(p: number): string {
  return t(`composer.activity.priorityLevel.${p}` as MessageKey);
}

const Select: FC<{ id: string; name: string; value: string; options: Array<{ id: string; name: string }> }> = ({ id, name, value, options }) => (
  <select id={id} class="select" name={name}>
    <option value="">{t("sla.settings.any")}</option>
    {options.map((o) => (
      <option value={o.id} selected={o.id === value}>
        {o.name}
      </option>
    ))}
  </select>
);

export const PolicyForm: FC<{ csrfToken: string; choices: Choices; values: PolicyFormValues; errors?: FieldErrors }> = ({ csrfToken, choices, values, errors = {} }) => {
  const minutesField = (name: "firstResponseMinutes" | "nextResponseMinutes" | "resolutionMinutes", key: MessageKey) => (
    <div class="field">
      <label class="field__label" for={`sla-${name}`}>
        {t(key)}
      </label>
      <input id={`sla-${name}`} class="input" type="number" min="1" max="525600" name={name} value={values[name] ?? ""} aria-invalid={errors[name] ? "true" : undefined} aria-describedby={`sla-${name}-error`} />
      <FieldError id={`sla-${name}-error`} message={errors[name]} />
    </div>
  );
  return (
    <form id="sla-form" class="card sla-form" method="post" action={SLA_PATH} hx-post={SLA_PATH} hx-target="#sla-form" hx-swap="outerHTML">
      <CsrfField token={csrfToken} />
      <h2 class="card__title">{t("sla.settings.new")}</h2>
      <FormAlert message={errors._form} />
      <div class="sla-grid">
        <div class="field">
          <label class="field__label" for="sla-name">
            {t("sla.settings.name")}
          </label>
          <input id="sla-name" class="input" name="name" value={values.name ?? ""} maxlength={80} placeholder={t("sla.settings.namePlaceholder")} aria-invalid={errors.name ? "true" : undefined} aria-describedby="sla-name-error" />
          <FieldError id="sla-name-error" message={errors.name} />
        </div>
        <div class="field">
          <label class="field__label" for="sla-position">
            {t("sla.settings.position")}
          </label>
          <input id="sla-position" class="input" type="number" min="0" max="999" name="position" value={values.position ?? "10"} aria-invalid={errors.position ? "true" : undefined} aria-describedby="sla-position-error" />
          <FieldError id="sla-position-error" message={errors.position} />
        </div>
      </div>
      <h3 class="card__title">{t("sla.settings.conditions")}</h3>
      <div class="sla-grid">
        <div class="field">
          <label class="field__label" for="sla-channel">
            {t("sla.settings.channel")}
          </label>
          <Select id="sla-channel" name="channelId" value={values.channelId ?? ""} options={choices.channels} />
        </div>
        <div class="field">
          <label class="field__label" for="sla-team">
            {t("sla.settings.team")}
          </label>
          <Select id="sla-team" name="teamId" value={values.teamId ?? ""} options={choices.teams} />
        </div>
        <div class="field">
          <label class="field__label" for="sla-priority">
            {t("sla.settings.minPriority")}
          </label>
          <Select id="sla-priority" name="minPriority" value={values.minPriority ?? ""} options={PRIORITIES.map((p) => ({ id: String(p), name: priorityLabel(p) }))} />
        </div>
        <div class="field">
          <label class="field__label" for="sla-tag">
            {t("sla.settings.tag")}
          </label>
          <Select id="sla-tag" name="tagId" value={values.tagId ?? ""} options={choices.tags} />
        </div>
      </div>
      <h3 class="card__title">{t("sla.settings.targets")}</h3>
      <p class="card__lead">{t("sla.settings.minutesHint")}</p>
      <div class="sla-grid">
        {minutesField("firstResponseMinutes", "sla.settings.firstResponse")}
        {minutesField("nextResponseMinutes", "sla.settings.nextResponse")}
        {minutesField("resolutionMinutes", "sla.settings.resolution")}
      </div>
      <label class="radio">
        <input type="checkbox" name="businessHours" checked={values.businessHours === "on"} />
        <span>{t("sla.settings.businessHours")}</span>
      </label>
      <div class="sla-form__actions">
        <button class="btn btn--primary" type="submit">
          {t("sla.settings.create")}
        </button>
      </div>
    </form>
  );
};

function describe(p: SlaPolicy, choices: Choices): string {
  const name = (list: Array<{ id: string; name: string }>, id: string | null) => (id ? list.find((x) => x.id === id)?.name ?? "?" : null);
  const conditions = [name(choices.channels, p.channelId), name(choices.teams, p.teamId), p.minPriority ? `≥ ${priorityLabel(p.minPriority)}` : null, name(choices.tags, p.tagId)].filter(Boolean);
  return conditions.length ? conditions.join(" · ") : t("sla.settings.any");
}

function targets(p: SlaPolicy): string {
  const m = (v: number | null) => (v === null ? t("sla.settings.noTarget") : t("sla.settings.minutes", { minutes: v }));
  const parts = [`${t("sla.kind.first_response")} ${m(p.firstResponseMinutes)}`, `${t("sla.kind.next_response")} ${m(p.nextResponseMinutes)}`, `${t("sla.kind.resolution")} ${m(p.resolutionMinutes)}`];
  return p.businessHours ? `${parts.join(" · ")} · ${t("sla.settings.businessHours")}` : parts.join(" · ");
}

export const PolicyList: FC<{ csrfToken: string; policies: SlaPolicy[]; choices: Choices }> = ({ csrfToken, policies, choices }) => (
  <section id="sla-list" class="card">
    <h2 class="card__title">{t("sla.settings.title")}</h2>
    <p class="card__lead">{t("sla.settings.order")}</p>
    {policies.length === 0 ? <p class="empty-state empty-state--inline">{t("sla.settings.empty")}</p> : null}
    <ol class="row-list">
      {policies.map((p) => (
        <li class="sla-policy">
          <div class="sla-policy__text">
            <p class="sla-policy__name">
              {p.position} · {p.name}
            </p>
            <p class="sla-policy__meta">
              {t("sla.settings.conditions")}: {describe(p, choices)}
            </p>
            <p class="sla-policy__meta">{targets(p)}</p>
          </div>
          <form method="post" action={`${SLA_PATH}/${p.id}/delete`} hx-post={`${SLA_PATH}/${p.id}/delete`} hx-target="#sla-list" hx-swap="outerHTML">
            <CsrfField token={csrfToken} />
            <button class="btn btn--sm" type="submit">
              {t("sla.settings.delete")}
            </button>
          </form>
        </li>
      ))}
    </ol>
  </section>
);

export const SlaPage: FC<{ viewer: Viewer; policies: SlaPolicy[]; choices: Choices; values: PolicyFormValues; errors?: FieldErrors }> = ({ viewer, policies, choices, values, errors }) => (
  <SettingsShell viewer={viewer} active={SLA_PATH} title={t("sla.settings.title")} lead={t("sla.settings.lead")}>
    <link rel="stylesheet" href="/csat-sla.css" />
    <div class="sla-page">
      <PolicyList csrfToken={viewer.csrfToken} policies={policies} choices={choices} />
      <PolicyForm csrfToken={viewer.csrfToken} choices={choices} values={values} errors={errors} />
    </div>
  </SettingsShell>
);
