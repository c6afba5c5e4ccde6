// Settings → Workflows pages: the list (with status, version and last run) and
// "new from template", one workflow's run log, and the secrets (the editor is
// in editor.tsx).
import type { FC } from "hono/jsx";
import type { Viewer } from "../../settings/context";
import { SettingsShell } from "../../settings/views/shell";
import { t } from "../../ui/i18n";
import { shortLabel, TimeLabel } from "../../ui/time";
import type { Trigger } from "../definition";
import type { RunView, WorkflowRow } from "../store";
import { TEMPLATE_IDS } from "../templates";

export const WORKFLOWS_PATH = "/settings/workflows";
export const Csrf: FC<{ token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;
export const Styles = () => (
  <>
    <link rel="stylesheet" href="/automation.css" />
    <link rel="stylesheet" href="/workflows.css" />
  </>
);

export function triggerLabel(trigger: Trigger): string {
  switch (trigger.type) {
    case "conversation.opened":
      return t("workflows.trigger.opened");
    case "message.received":
      return t("workflows.trigger.received");
    case "contact.followed":
      return t("workflows.trigger.followed");
    case "conversation.resolved":
      return t("workflows.trigger.resolved");
    case "postback.received":
      return t("workflows.trigger.postback");
    case "tag.added":
      return t("workflows.trigger.tag");
    case "shortcut":
      return t("workflows.trigger.shortcut", { label: trigger.label });
  }
}

const LOG_KINDS = ["started", "step", "answer", "invalid", "waiting", "timeout", "http", "error", "finished", "cancelled"] as const;

/** A run-log line's kind in the reader's language (an unknown one as stored). */
function logKind(kind: string): string {
  return (LOG_KINDS as readonly string[]).includes(kind) ? t(`workflows.log.${kind as (typeof LOG_KINDS)[number]}`) : kind;
}

export const Status: FC<{ wf: WorkflowRow }> = ({ wf }) => (
  <span class="wf-status">
    <span class={`wf-badge${wf.publishedVersionId ? " wf-badge--on" : ""}`}>{wf.publishedVersionId ? t("workflows.status.published", { version: wf.latestVersion }) : t("workflows.status.draft")}</span>
    {wf.publishedVersionId && wf.draftChanged ? <span class="wf-badge">{t("workflows.status.changed")}</span> : null}
  </span>
);

export const WorkflowListPage: FC<{ viewer: Viewer; items: WorkflowRow[]; next: string | null; error?: string }> = ({ viewer, items, next, error }) => (
  <SettingsShell viewer={viewer} active={WORKFLOWS_PATH} title={t("workflows.title")} lead={t("workflows.lead")}>
    <Styles />
    <section class="card" aria-labelledby="wf-new-title">
      <div class="card__head">
        <h2 id="wf-new-title" class="card__title">
          {t("workflows.new.title")}
        </h2>
      </div>
      <form method="post" action={WORKFLOWS_PATH} class="wf-new">
        <Csrf token={viewer.csrfToken} />
        <label class="wf-form__label" for="wf-template">
          {t("workflows.new.template")}
        </label>
        <select id="wf-template" name="template">
          {TEMPLATE_IDS.map((id) => (
            <option value={id}>{t(`workflows.template.${id}`)}</option>
          ))}
          <option value="blank">{t("workflows.template.blank")}</option>
        </select>
        <button class="btn btn--primary" type="submit">
          {t("workflows.new.create")}
        </button>
        {error ? (
          <p class="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
      <p class="wf-secrets-link">
        <a href={`${WORKFLOWS_PATH}/secrets`}>{t("workflows.secrets.title")}</a>
      </p>
    </section>
    <section class="card" aria-labelledby="wf-list-title">
      <div class="card__head">
        <h2 id="wf-list-title" class="card__title">
          {t("workflows.list.title")}
        </h2>
      </div>
      {items.length ? (
        <ul class="wf-list">
          {items.map((wf) => (
            <li class="wf-list__row">
              <a class="wf-list__name" href={`${WORKFLOWS_PATH}/${wf.id}`}>
                {wf.name}
              </a>
              <span class="wf-list__trigger">{triggerLabel(wf.draft.trigger)}</span>
              <Status wf={wf} />
              <span class="wf-list__run">{wf.lastRunAt ? <TimeLabel at={wf.lastRunAt} label={t("workflows.lastRun", { when: shortLabel(wf.lastRunAt, Date.now()) })} /> : t("workflows.neverRun")}</span>
            </li>
          ))}
        </ul>
      ) : (
        <div class="empty-state">
          <p>{t("workflows.list.empty")}</p>
          <p>{t("workflows.list.emptyHint")}</p>
        </div>
      )}
      {next ? (
        <a class="btn btn--ghost" href={`${WORKFLOWS_PATH}?cursor=${encodeURIComponent(next)}`}>
          {t("workflows.list.more")}
        </a>
      ) : null}
    </section>
  </SettingsShell>
);

export const RunLogPage: FC<{ viewer: Viewer; wf: WorkflowRow; runs: RunView[]; log: Map<string, Array<{ at: number; stepId: string | null; kind: string; detail: string }>>; next: string | null }> = ({ viewer, wf, runs, log, next }) => (
  <SettingsShell viewer={viewer} active={WORKFLOWS_PATH} title={t("workflows.runs.title", { name: wf.name })}>
    <Styles />
    <p class="wf-editor__back">
      <a href={`${WORKFLOWS_PATH}/${wf.id}`}>{wf.name}</a>
    </p>
    {runs.length ? (
      <ol class="wf-runs">
        {runs.map((run) => (
          <li class="card wf-run" data-run-status={run.status}>
            <div class="wf-run__head">
              <span class={`wf-badge wf-badge--${run.status}`}>{t(`workflows.runs.status.${run.status}`)}</span>
              <span>{t("workflows.runs.version", { version: run.version })}</span>
              <TimeLabel at={run.startedAt} label={shortLabel(run.startedAt, Date.now())} />
              <span class="wf-run__by">{run.startedBy}</span>
              <a href={`/inbox/c/${run.conversationId}`}>{t("workflows.runs.conversation")}</a>
            </div>
            {Object.keys(run.answers).filter((k) => !k.startsWith("_")).length ? (
              <p class="wf-run__answers">
                {t("workflows.runs.answers")}:{" "}
                {Object.entries(run.answers)
                  .filter(([k]) => !k.startsWith("_"))
                  .map(([k, v]) => `${k} = ${v}`)
                  .join(" · ")}
              </p>
            ) : null}
            <ol class="wf-run__log">
              {(log.get(run.id) ?? []).map((line) => (
                <li class={`wf-log wf-log--${line.kind}`}>
                  <code>{line.stepId ?? "·"}</code> <span class="wf-log__kind">{logKind(line.kind)}</span> <span>{line.detail}</span>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    ) : (
      <div class="empty-state">
        <p>{t("workflows.runs.empty")}</p>
      </div>
    )}
    {next ? (
      <a class="btn btn--ghost" href={`${WORKFLOWS_PATH}/${wf.id}/runs?cursor=${encodeURIComponent(next)}`}>
        {t("workflows.runs.more")}
      </a>
    ) : null}
  </SettingsShell>
);

export const SecretsPage: FC<{ viewer: Viewer; secrets: Array<{ id: string; name: string; updatedAt: number }>; error?: string; name?: string }> = ({ viewer, secrets, error, name }) => (
  <SettingsShell viewer={viewer} active={WORKFLOWS_PATH} title={t("workflows.secrets.title")} lead={t("workflows.secrets.lead", { example: "{{secret.NAME}}" })}>
    <Styles />
    <p class="wf-editor__back">
      <a href={WORKFLOWS_PATH}>{t("workflows.editor.back")}</a>
    </p>
    <section class="card" id="wf-secrets">
      <form method="post" action={`${WORKFLOWS_PATH}/secrets`} class="wf-form" autocomplete="off">
        <Csrf token={viewer.csrfToken} />
        <label class="wf-form__label" for="secret-name">
          {t("workflows.secrets.name")}
        </label>
        <input id="secret-name" name="name" value={name ?? ""} maxlength={60} required pattern="[A-Z][A-Z0-9_]*" />
        <label class="wf-form__label" for="secret-value">
          {t("workflows.secrets.value")}
        </label>
        <input id="secret-value" name="value" type="password" maxlength={2000} required autocomplete="new-password" />
        {error ? (
          <p class="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button class="btn btn--primary" type="submit">
          {t("workflows.secrets.save")}
        </button>
      </form>
      {secrets.length ? (
        <ul class="wf-list">
          {secrets.map((s) => (
            <li class="wf-list__row">
              <code class="wf-list__name">{s.name}</code>
              <span>
                <TimeLabel at={s.updatedAt} label={t("workflows.secrets.changed", { when: shortLabel(s.updatedAt, Date.now()) })} />
              </span>
              <form method="post" action={`${WORKFLOWS_PATH}/secrets/${s.id}/delete`}>
                <Csrf token={viewer.csrfToken} />
                <button class="btn btn--ghost btn--small btn--danger" type="submit">
                  {t("workflows.secrets.delete")}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty-state">{t("workflows.secrets.empty")}</p>
      )}
    </section>
  </SettingsShell>
);
