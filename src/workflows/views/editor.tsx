// One workflow's editor: name, publish/unpublish and graph problems, the
// trigger's form, the step tree with each step's form, and "add a step".
import type { FC } from "hono/jsx";
import type { StickerUrl } from "../../line/stickers";
import type { Viewer } from "../../settings/context";
import { SettingsShell } from "../../settings/views/shell";
import { t } from "../../ui/i18n";
import type { FormErrors, FormValues } from "../forms/fields";
import { STEP_TYPES } from "../step-edits";
import type { WorkflowRow } from "../store";
import { Csrf, Status, Styles, triggerLabel, WORKFLOWS_PATH } from "./pages";
import type { EditorChoices } from "./step-forms";
import { TriggerForm } from "./step-forms/trigger";
import { StepTree, type TreeProps } from "./tree";

export interface EditorProps {
  viewer: Viewer;
  wf: WorkflowRow;
  problems: string[];
  stickerUrl: StickerUrl;
  choices: EditorChoices;
  failed?: TreeProps["failed"];
  failedForm?: TreeProps["failedForm"];
  triggerError?: { json: string; error: string };
  triggerFailed?: { values: FormValues; errors: FormErrors };
  notice?: string;
}

/** The whole page (a plain request). */
export const WorkflowEditor: FC<EditorProps> = (props) => (
  <SettingsShell viewer={props.viewer} active={WORKFLOWS_PATH} title={props.wf.name}>
    <Styles />
    <EditorBody {...props} />
  </SettingsShell>
);

/** Just #wf-editor: what htmx swaps after a change, or a 422 with the problems by field. */
export const EditorBody: FC<EditorProps> = ({ viewer, wf, problems, stickerUrl, choices, failed, failedForm, triggerError, triggerFailed, notice }) => {
  const base = `${WORKFLOWS_PATH}/${wf.id}`;
  const hx = { "hx-target": "#wf-editor", "hx-select": "#wf-editor", "hx-swap": "outerHTML" };
  return (
    <div id="wf-editor" class="wf-editor">
      <p class="wf-editor__back">
        <a href={WORKFLOWS_PATH}>{t("workflows.editor.back")}</a> · <a href={`${base}/runs`}>{t("workflows.editor.runs")}</a>
      </p>
      <section class="card wf-editor__head">
        <Status wf={wf} />
        {notice ? (
          <p class="wf-notice" role="status">
            {notice}
          </p>
        ) : null}
        {problems.length ? (
          <div class="wf-problems" role="alert">
            <p class="wf-problems__title">{t("workflows.editor.problems")}</p>
            <ul>
              {problems.map((p) => (
                <li>{p}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div class="wf-editor__actions">
          <form method="post" action={`${base}/publish`} hx-post={`${base}/publish`} {...hx}>
            <Csrf token={viewer.csrfToken} />
            <button class="btn btn--primary" type="submit" disabled={problems.length ? true : undefined}>
              {t("workflows.editor.publish")}
            </button>
          </form>
          {wf.publishedVersionId ? (
            <form method="post" action={`${base}/unpublish`} hx-post={`${base}/unpublish`} {...hx}>
              <Csrf token={viewer.csrfToken} />
              <button class="btn btn--ghost" type="submit">
                {t("workflows.editor.unpublish")}
              </button>
            </form>
          ) : null}
        </div>
        <form method="post" action={`${base}/name`} hx-post={`${base}/name`} {...hx} class="wf-form wf-form--inline">
          <Csrf token={viewer.csrfToken} />
          <label class="wf-form__label" for="wf-name">
            {t("workflows.editor.name")}
          </label>
          <input id="wf-name" name="name" value={wf.name} maxlength={80} required />
          <button class="btn btn--ghost btn--small" type="submit">
            {t("workflows.editor.save")}
          </button>
        </form>
      </section>
      <section class="card" aria-labelledby="wf-trigger-title">
        <h2 id="wf-trigger-title" class="card__title">
          {t("workflows.editor.trigger")}: {triggerLabel(wf.draft.trigger)}
        </h2>
        <details class="wf-step__edit" open={triggerError || triggerFailed ? true : undefined}>
          <summary>{t("workflows.editor.edit")}</summary>
          <TriggerForm workflowId={wf.id} trigger={wf.draft.trigger} csrfToken={viewer.csrfToken} choices={choices} failed={triggerFailed} />
          <details class="wf-step__json" open={triggerError ? true : undefined}>
            <summary>{t("workflows.form.advanced")}</summary>
            <form method="post" action={`${base}/trigger`} hx-post={`${base}/trigger`} {...hx} class="wf-form">
              <Csrf token={viewer.csrfToken} />
              <label class="wf-form__label" for="wf-trigger-json">
                {t("workflows.editor.triggerJson")}
              </label>
              <textarea id="wf-trigger-json" name="json" rows={5} class="wf-json" aria-invalid={triggerError ? "true" : undefined}>
                {triggerError?.json ?? JSON.stringify(wf.draft.trigger, null, 2)}
              </textarea>
              {triggerError ? (
                <p class="form-error" role="alert">
                  {triggerError.error}
                </p>
              ) : null}
              <button class="btn btn--ghost btn--small" type="submit">
                {t("workflows.editor.save")}
              </button>
            </form>
          </details>
        </details>
      </section>
      <section class="card" aria-labelledby="wf-steps-title">
        <h2 id="wf-steps-title" class="card__title">
          {t("workflows.editor.steps")}
        </h2>
        <StepTree workflowId={wf.id} steps={wf.draft.steps} csrfToken={viewer.csrfToken} stickerUrl={stickerUrl} choices={choices} failed={failed} failedForm={failedForm} />
        <form method="post" action={`${base}/steps`} hx-post={`${base}/steps`} {...hx} class="wf-form wf-form--inline">
          <Csrf token={viewer.csrfToken} />
          <label class="wf-form__label" for="wf-add-type">
            {t("workflows.editor.addStep")}
          </label>
          <select id="wf-add-type" name="type">
            {STEP_TYPES.map((type) => (
              <option value={type}>{t(`workflows.step.${type}`)}</option>
            ))}
          </select>
          <button class="btn btn--ghost btn--small" type="submit">
            {t("workflows.editor.add")}
          </button>
        </form>
      </section>
    </div>
  );
};
