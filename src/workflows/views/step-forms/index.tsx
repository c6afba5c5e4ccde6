// One step's edit form in the workflow editor: its id, the fields of its kind
// (one file per family beside this one), what follows it, and the problems
// next to the fields after a 422, with what was typed kept.
import type { FC } from "hono/jsx";
import { CsrfField, FormAlert } from "../../../settings/views/form-bits";
import { t } from "../../../ui/i18n";
import type { Step } from "../../definition";
import type { FormErrors, FormValues } from "../../forms/fields";
import { stepValues } from "../../forms/step-form";
import { AssignFields, NoteFields, PriorityFields, StatusFields, UpdateContactFields } from "./actions";
import { type EditorChoices, type FormCtx, StepPicker, Text } from "./bits";
import { HttpFields } from "./http";
import { BranchFields, GotoFields, WaitFields } from "./logic";
import { QuestionFields, SendFields } from "./messages";
import { LivePreview } from "./preview";
import type { StickerUrl } from "../../../line/stickers";

export type { EditorChoices } from "./bits";

/** A step whose save failed: what was typed and why, by field. */
export interface FailedForm {
  stepId: string;
  values: FormValues;
  errors: FormErrors;
}

const KindFields: FC<{ ctx: FormCtx; step: Step }> = ({ ctx, step }) => {
  switch (step.type) {
    case "send":
      return <SendFields ctx={ctx} />;
    case "question":
      return <QuestionFields ctx={ctx} self={step.id} />;
    case "branch":
      return <BranchFields ctx={ctx} self={step.id} />;
    case "updateContact":
      return <UpdateContactFields ctx={ctx} />;
    case "assign":
      return <AssignFields ctx={ctx} />;
    case "setStatus":
      return <StatusFields ctx={ctx} />;
    case "setPriority":
      return <PriorityFields ctx={ctx} />;
    case "note":
      return <NoteFields ctx={ctx} />;
    case "http":
      return <HttpFields ctx={ctx} self={step.id} />;
    case "wait":
      return <WaitFields ctx={ctx} />;
    case "goto":
      return <GotoFields ctx={ctx} />;
    case "end":
      return <p class="field__hint">{t("workflows.form.endHint")}</p>;
  }
};

export const StepForm: FC<{ workflowId: string; step: Step; csrfToken: string; choices: EditorChoices; stickerUrl: StickerUrl; failed?: FailedForm }> = ({ workflowId, step, csrfToken, choices, stickerUrl, failed }) => {
  const action = `/settings/workflows/${workflowId}/steps/${step.id}`;
  const ctx: FormCtx = { key: `s-${step.id}`, values: failed?.values ?? stepValues(step), errors: failed?.errors ?? {}, choices };
  const hasNext = step.type !== "branch" && step.type !== "goto" && step.type !== "end";
  const errorCount = Object.keys(ctx.errors).length;
  return (
    <form method="post" action={action} hx-post={action} hx-target="#wf-editor" hx-select="#wf-editor" hx-swap="outerHTML" class="wf-sf" data-step-form={step.type} novalidate>
      <CsrfField token={csrfToken} />
      <FormAlert message={ctx.errors._form ?? (errorCount ? t("workflows.form.checkFields") : undefined)} />
      <Text ctx={ctx} name="id" label={t("workflows.form.stepId")} inputClass="input--mono" hint={t("workflows.form.stepIdHint")} extra={{ maxlength: 40 }} />
      <KindFields ctx={ctx} step={step} />
      {step.type === "send" || step.type === "question" ? <LivePreview action={`/settings/workflows/${workflowId}/preview`} values={ctx.values} stickerUrl={stickerUrl} /> : null}
      {hasNext ? <StepPicker ctx={ctx} name="next" label={t("workflows.form.next")} self={step.id} /> : null}
      <div class="wf-sf__actions">
        <button class="btn btn--primary btn--small" type="submit">
          {t("workflows.editor.save")}
        </button>
      </div>
    </form>
  );
};
