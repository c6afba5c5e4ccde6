// Forms of the steps that talk to the customer: "send messages" (up to five
// messages of any type plus quick replies) and "ask a question" (its message,
// then choices as quick replies or buttons, or a free-text answer checked as
// text, number, email, phone or date with a re-prompt; where the answer is
// saved; how long to wait and where to go without an answer).
import type { FC } from "hono/jsx";
import { MAX_MESSAGES } from "../../../automation/replies";
import { Slot } from "../../../automation/views/rule-form";
import { t } from "../../../ui/i18n";
import { rowCount } from "../../forms/fields";
import { MAX_OPTIONS } from "../../forms/step-form";
import { type FormCtx, Row, Select, StepPicker, Text } from "./bits";

const Slots: FC<{ ctx: FormCtx }> = ({ ctx }) => (
  <div class="wf-sf__slots">
    {Array.from({ length: MAX_MESSAGES }, (_, i) => (
      <Slot i={i} values={ctx.values} errors={ctx.errors} key_={ctx.key} />
    ))}
  </div>
);

export const SendFields: FC<{ ctx: FormCtx }> = ({ ctx }) => (
  <>
    <Slots ctx={ctx} />
    <Text ctx={ctx} name="qr" label={t("automation.form.quickReplies")} rows={3} hint={t("automation.form.quickRepliesHint")} />
  </>
);

export const QuestionFields: FC<{ ctx: FormCtx; self: string }> = ({ ctx, self }) => {
  const options = rowCount(ctx.values, "o", 3, MAX_OPTIONS);
  return (
    <>
      <Slots ctx={ctx} />
      <Select ctx={ctx} name="answerKind" label={t("workflows.form.answerKind")} fallback="choice" class="wf-sf__answer-kind" options={[["choice", t("workflows.form.answer.choice")], ["text", t("workflows.form.answer.text")]]} />
      <fieldset class="wf-sf__group wf-q--choice">
        <legend class="wf-sf__legend">{t("workflows.form.options")}</legend>
        <Select ctx={ctx} name="display" label={t("workflows.form.display")} fallback="quickReplies" options={[["quickReplies", t("workflows.form.display.quickReplies")], ["buttons", t("workflows.form.display.buttons")]]} />
        {Array.from({ length: options }, (_, i) => (
          <Row class="wf-sf__row--3">
            <Text ctx={ctx} name={`o${i}_label`} label={t("workflows.form.optionLabel", { n: i + 1 })} extra={{ maxlength: 20 }} />
            <Text ctx={ctx} name={`o${i}_value`} label={t("workflows.form.optionValue")} placeholder={ctx.values[`o${i}_label`] ?? ""} />
            <StepPicker ctx={ctx} name={`o${i}_next`} label={t("workflows.form.optionNext")} emptyLabel={t("workflows.form.continue")} self={self} />
          </Row>
        ))}
        <p class="field__hint">{t("workflows.form.optionsHint", { max: MAX_OPTIONS })}</p>
      </fieldset>
      <fieldset class="wf-sf__group wf-q--text">
        <legend class="wf-sf__legend">{t("workflows.form.answer.text")}</legend>
        <Row>
          <Select ctx={ctx} name="validate" label={t("workflows.form.validate")} fallback="text" options={(["text", "number", "email", "phone", "date"] as const).map((k) => [k, t(`workflows.form.validate.${k}`)] as const)} />
          <Text ctx={ctx} name="maxAttempts" label={t("workflows.form.maxAttempts")} type="number" extra={{ min: 1, max: 5 }} placeholder="3" />
        </Row>
        <Text ctx={ctx} name="reprompt" label={t("workflows.form.reprompt")} rows={2} hint={t("workflows.form.repromptHint")} />
      </fieldset>
      <Row>
        <Text ctx={ctx} name="saveVariable" label={t("workflows.form.saveVariable")} inputClass="input--mono" hint={t("workflows.form.saveVariableHint")} />
        <Text ctx={ctx} name="saveField" label={t("workflows.form.saveField")} inputClass="input--mono" />
      </Row>
      <Row>
        <Text ctx={ctx} name="timeoutMinutes" label={t("workflows.form.timeout")} type="number" extra={{ min: 1 }} hint={t("workflows.form.timeoutHint")} />
        <StepPicker ctx={ctx} name="onTimeout" label={t("workflows.editor.onTimeout")} self={self} />
      </Row>
    </>
  );
};
