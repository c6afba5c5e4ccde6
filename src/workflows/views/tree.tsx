// The workflow as a readable vertical tree: steps follow their `next` down the
// page; a question's options, a branch's rules and an HTTP step's error path
// are indented under it; a step reached a second time shows as "Go to …".
// Each step has its edit form (labelled fields per step kind, a 422 shows the
// problems next to the fields and keeps what was typed; raw JSON as an advanced
// fallback), up, down and delete, and send/question steps a LINE-bubble preview.
// Teams and agents show by name.
import type { FC } from "hono/jsx";
import { LinePreview } from "../../automation/views/line-preview";
import type { StickerUrl } from "../../line/stickers";
import { t } from "../../ui/i18n";
import type { Step } from "../definition";
import { STEP_TYPES } from "../step-edits";
import { type EditorChoices, type FailedForm, StepForm } from "./step-forms";

export interface TreeProps {
  workflowId: string;
  steps: Step[];
  csrfToken: string;
  stickerUrl: StickerUrl;
  choices: EditorChoices;
  /** A step whose JSON edit failed: its id, what was typed, why. */
  failed?: { stepId: string; json: string; error: string };
  /** A step whose form failed: what was typed and the problems by field. */
  failedForm?: FailedForm;
}

type Child = { label: string; target: string | null | undefined };

function children(step: Step): Child[] {
  switch (step.type) {
    case "question":
      return [
        ...(step.answer.kind === "choice" ? step.answer.options.filter((o) => o.next).map((o) => ({ label: t("workflows.editor.option", { label: o.label }), target: o.next })) : []),
        ...(step.onTimeout ? [{ label: t("workflows.editor.onTimeout"), target: step.onTimeout }] : []),
      ];
    case "branch":
      return [...step.rules.map((r, i) => ({ label: t("workflows.editor.rule", { n: i + 1 }), target: r.next })), { label: t("workflows.editor.otherwise"), target: step.otherwise }];
    case "http":
      return step.request.onError ? [{ label: t("workflows.editor.onError"), target: step.request.onError }] : [];
    default:
      return [];
  }
}

function follows(step: Step): string | null | undefined {
  return step.type === "branch" || step.type === "goto" || step.type === "end" ? undefined : step.next;
}

function summary(step: Step, choices: EditorChoices): string {
  const name = (list: EditorChoices["teams"], id: string) => list.find((x) => x.id === id)?.name ?? t("workflows.form.missing", { id });
  switch (step.type) {
    case "send":
    case "question": {
      const first = step.message.messages[0];
      return first?.type === "text" ? first.text : first?.type ?? "";
    }
    case "note":
      return step.text;
    case "http":
      return `${step.request.method} ${step.request.url}`;
    case "assign":
      if (step.to.kind === "team") return `${t("workflows.form.assign.teamNamed", { team: name(choices.teams, step.to.teamId) })} · ${t(`workflows.form.teamRule.${step.to.usePolicy ? step.to.rule : "queue"}`)}`;
      return step.to.kind === "agent" ? t("workflows.form.assign.agentNamed", { agent: name(choices.agents, step.to.userId) }) : t("workflows.form.assign.unassign");
    case "setStatus":
      return step.status;
    case "setPriority":
      return String(step.priority);
    case "wait":
      return `${step.minutes} min`;
    case "goto":
      return `→ ${step.target}`;
    case "updateContact":
      return [step.setField ? `${step.setField.key} = ${step.setField.value}` : "", ...step.addTags.map((x) => `+${x}`), ...step.removeTags.map((x) => `−${x}`)].filter(Boolean).join(" · ");
    default:
      return "";
  }
}

export const StepTree: FC<TreeProps> = (props) => {
  const byId = new Map(props.steps.map((s) => [s.id, s]));
  const shown = new Set<string>();
  const chain = (from: string | null | undefined): unknown => {
    const items: unknown[] = [];
    let id = from;
    while (id) {
      const step = byId.get(id);
      if (!step) break;
      if (shown.has(id)) {
        items.push(<li class="wf-goto">{t("workflows.editor.goto", { step: id })}</li>);
        break;
      }
      shown.add(id);
      items.push(<StepCard {...props} step={step} index={props.steps.indexOf(step)} sub={children(step).map((c) => ({ label: c.label, body: chain(c.target) }))} />);
      id = follows(step);
    }
    return <ol class="wf-chain">{items}</ol>;
  };
  const tree = chain(props.steps[0]?.id);
  const orphans = props.steps.filter((s) => !shown.has(s.id));
  return (
    <div class="wf-tree">
      {tree}
      {orphans.length ? (
        <section class="wf-orphans">
          <h3 class="wf-orphans__title">{t("workflows.editor.unreachable")}</h3>
          <ol class="wf-chain">
            {orphans.map((s) => (
              <StepCard {...props} step={s} index={props.steps.indexOf(s)} sub={[]} />
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
};

const StepCard: FC<TreeProps & { step: Step; index: number; sub: Array<{ label: string; body: unknown }> }> = ({ workflowId, step, index, steps, csrfToken, stickerUrl, failed, failedForm, choices, sub }) => {
  const base = `/settings/workflows/${workflowId}/steps/${step.id}`;
  const failedHere = failed?.stepId === step.id ? failed : undefined;
  const formFailedHere = failedForm?.stepId === step.id ? failedForm : undefined;
  return (
    <li class="wf-step" id={`step-${step.id}`} data-step-type={step.type}>
      <div class="wf-step__card">
        <div class="wf-step__head">
          <span class="wf-step__type">{t(`workflows.step.${step.type}`)}</span>
          <code class="wf-step__id">{step.id}</code>
        </div>
        <p class="wf-step__summary">{summary(step, choices)}</p>
        {step.type === "send" || step.type === "question" ? (
          <details class="wf-step__preview">
            <summary>{t("workflows.editor.preview")}</summary>
            <LinePreview
              channelName="LINE"
              messages={step.message.messages}
              quickReplies={step.type === "question" && step.answer.kind === "choice" ? step.answer.options.map((o) => ({ label: o.label, text: o.label })) : step.message.quickReplies}
              stickerUrl={stickerUrl}
            />
          </details>
        ) : null}
        <details class="wf-step__edit" open={failedHere || formFailedHere ? true : undefined}>
          <summary>{t("workflows.editor.edit")}</summary>
          <StepForm workflowId={workflowId} step={step} csrfToken={csrfToken} choices={choices} stickerUrl={stickerUrl} failed={formFailedHere} />
          <form method="post" action={`${base}/type`} hx-post={`${base}/type`} hx-target="#wf-editor" hx-select="#wf-editor" hx-swap="outerHTML" class="wf-form wf-form--inline wf-step__retype">
            <input type="hidden" name="_csrf" value={csrfToken} />
            <label class="wf-form__label" for={`type-${step.id}`}>
              {t("workflows.editor.changeType")}
            </label>
            <select id={`type-${step.id}`} name="type" aria-describedby={`type-hint-${step.id}`}>
              {STEP_TYPES.map((type) => (
                <option value={type} selected={type === step.type ? true : undefined}>
                  {t(`workflows.step.${type}`)}
                </option>
              ))}
            </select>
            <button class="btn btn--ghost btn--small" type="submit">
              {t("workflows.editor.change")}
            </button>
            <p class="field__hint wf-step__retype-hint" id={`type-hint-${step.id}`}>
              {t("workflows.editor.changeTypeHint")}
            </p>
          </form>
          <details class="wf-step__json" open={failedHere ? true : undefined}>
            <summary>{t("workflows.form.advanced")}</summary>
            <form method="post" action={base} hx-post={base} hx-target="#wf-editor" hx-select="#wf-editor" hx-swap="outerHTML" class="wf-form">
              <input type="hidden" name="_csrf" value={csrfToken} />
              <label class="wf-form__label" for={`json-${step.id}`}>
                {t("workflows.editor.json")}
              </label>
              <textarea id={`json-${step.id}`} name="json" rows={8} class="wf-json" aria-invalid={failedHere ? "true" : undefined} aria-describedby={failedHere ? `err-${step.id}` : undefined}>
                {failedHere?.json ?? JSON.stringify(step, null, 2)}
              </textarea>
              {failedHere ? (
                <p class="form-error" id={`err-${step.id}`} role="alert">
                  {failedHere.error}
                </p>
              ) : null}
              <button class="btn btn--ghost btn--small" type="submit">
                {t("workflows.editor.save")}
              </button>
            </form>
          </details>
        </details>
        <div class="wf-step__actions">
          {(["up", "down"] as const).map((dir) => (
            <form method="post" action={`${base}/move`} hx-post={`${base}/move`} hx-target="#wf-editor" hx-select="#wf-editor" hx-swap="outerHTML">
              <input type="hidden" name="_csrf" value={csrfToken} />
              <input type="hidden" name="direction" value={dir} />
              <button class="btn btn--ghost btn--small" type="submit" disabled={(dir === "up" && index === 0) || (dir === "down" && index === steps.length - 1) ? true : undefined}>
                {t(dir === "up" ? "workflows.editor.up" : "workflows.editor.down")}
              </button>
            </form>
          ))}
          <form method="post" action={`${base}/delete`} hx-post={`${base}/delete`} hx-target="#wf-editor" hx-select="#wf-editor" hx-swap="outerHTML">
            <input type="hidden" name="_csrf" value={csrfToken} />
            <button class="btn btn--ghost btn--small btn--danger" type="submit" disabled={steps.length <= 1 ? true : undefined}>
              {t("workflows.editor.delete")}
            </button>
          </form>
        </div>
      </div>
      {sub.length ? (
        <ul class="wf-branches">
          {sub.map((s) => (
            <li class="wf-branch">
              <p class="wf-branch__label">{s.label}</p>
              {s.body}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
};
