// Forms of the steps that steer the run: branch (rules of conditions, each
// leading to a step, and where to go otherwise), wait, and go to a step. The
// condition rows are shared with the message trigger.
import type { FC } from "hono/jsx";
import { t } from "../../../ui/i18n";
import { CONDITION_KINDS, MAX_CONDITIONS } from "../../forms/conditions";
import { rowCount } from "../../forms/fields";
import { MAX_RULES } from "../../forms/step-form";
import { type FormCtx, Row, Select, StepPicker, stepLabel, Text } from "./bits";

type Replace<S extends string> = S extends `${infer A}:${infer B}` ? `${A}.${B}` : S;
const kindLabel = <K extends (typeof CONDITION_KINDS)[number]>(kind: K) => t(`workflows.cond.${kind.replace(":", ".") as Replace<K>}`);

/** One condition row: what to test, then only the fields that test needs (CSS :has, no script). */
const ConditionRow: FC<{ ctx: FormCtx; prefix: string; n: number }> = ({ ctx, prefix, n }) => (
  <div class="wf-cond">
    <Select ctx={ctx} name={`${prefix}what`} label={t("workflows.form.condition", { n })} class="wf-cond__what" options={[["", n === 1 ? t("workflows.form.pickCondition") : t("workflows.form.addCondition")], ...CONDITION_KINDS.map((k) => [k, kindLabel(k)] as const)]} />
    <div class="wf-cond__key">
      <Text ctx={ctx} name={`${prefix}key`} label={t("workflows.form.condKey")} inputClass="input--mono" hint={t("workflows.form.condKeyHint")} />
    </div>
    <div class="wf-cond__value">
      <Text ctx={ctx} name={`${prefix}value`} label={t("workflows.form.condValue")} hint={t("workflows.form.condValueHint")} />
    </div>
    <div class="wf-cond__channels">
      <Select ctx={ctx} name={`${prefix}channels`} label={t("workflows.form.channels")} multiple options={ctx.choices.channels.map((c) => [c.id, c.name] as const)} />
    </div>
    <div class="wf-cond__time wf-sf__row">
      <Text ctx={ctx} name={`${prefix}from`} label={t("workflows.form.from")} type="time" />
      <Text ctx={ctx} name={`${prefix}to`} label={t("workflows.form.to")} type="time" />
      <Text ctx={ctx} name={`${prefix}tz`} label={t("workflows.form.timeZone")} placeholder="Asia/Tokyo" />
    </div>
  </div>
);

/** Condition rows `${prefix}0_` …; empty rows after the first stay hidden until the one before is used. */
export const ConditionRows: FC<{ ctx: FormCtx; prefix: string }> = ({ ctx, prefix }) => (
  <div class="wf-conds">
    {Array.from({ length: MAX_CONDITIONS }, (_, j) => (
      <ConditionRow ctx={ctx} prefix={`${prefix}${j}_`} n={j + 1} />
    ))}
    <p class="field__hint">{t("workflows.form.allMustHold")}</p>
  </div>
);

export const BranchFields: FC<{ ctx: FormCtx; self: string }> = ({ ctx, self }) => (
  <>
    {Array.from({ length: rowCount(ctx.values, "r", 1, MAX_RULES) }, (_, i) => (
      <fieldset class="wf-sf__group">
        <legend class="wf-sf__legend">{t("workflows.editor.rule", { n: i + 1 })}</legend>
        <ConditionRows ctx={ctx} prefix={`r${i}_c`} />
        <StepPicker ctx={ctx} name={`r${i}_next`} label={t("workflows.form.then")} self={self} />
      </fieldset>
    ))}
    <p class="field__hint">{t("workflows.form.rulesHint")}</p>
    <StepPicker ctx={ctx} name="otherwise" label={t("workflows.editor.otherwise")} self={self} />
  </>
);

export const WaitFields: FC<{ ctx: FormCtx }> = ({ ctx }) => (
  <Row>
    <Text ctx={ctx} name="waitAmount" label={t("workflows.form.waitFor")} type="number" extra={{ min: 1 }} />
    <Select ctx={ctx} name="waitUnit" label={t("workflows.form.unit")} fallback="minutes" options={(["minutes", "hours", "days"] as const).map((u) => [u, t(`workflows.form.unit.${u}`)] as const)} />
  </Row>
);

export const GotoFields: FC<{ ctx: FormCtx }> = ({ ctx }) => (
  <Select ctx={ctx} name="target" label={t("workflows.form.target")} options={ctx.choices.steps.map((s) => [s.id, stepLabel(s)] as const)} />
);
