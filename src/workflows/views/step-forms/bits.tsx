// The pieces every step form uses: what the selects offer (steps, agents,
// teams, channels, tags, secret names), a labelled text field and select that
// show their error underneath and keep what was typed, and the step picker.
import type { Child, FC } from "hono/jsx";
import { FieldTail, TextField } from "../../../settings/views/form-bits";
import { t } from "../../../ui/i18n";
import type { Step } from "../../definition";
import type { FormErrors, FormValues } from "../../forms/fields";

export interface Named {
  id: string;
  name: string;
}

/** What the editor's selects offer, loaded once per editor page. */
export interface EditorChoices {
  steps: Array<{ id: string; type: Step["type"] }>;
  agents: Named[];
  teams: Named[];
  channels: Named[];
  tags: Named[];
  secrets: string[];
}

export interface FormCtx {
  /** Prefix of element ids, unique per form on the page. */
  key: string;
  values: FormValues;
  errors: FormErrors;
  choices: EditorChoices;
}

/** "ask · Ask a question": how a step is named in a picker. */
export const stepLabel = (s: EditorChoices["steps"][number]) => `${s.id} · ${t(`workflows.step.${s.type}`)}`;

export const fieldId = (ctx: FormCtx, name: string) => `${ctx.key}-${name}`;

export interface TextProps {
  ctx: FormCtx;
  name: string;
  label: string;
  hint?: Child;
  /** A textarea of this many rows; otherwise an input. */
  rows?: number;
  type?: string;
  placeholder?: string;
  inputClass?: string;
  extra?: Record<string, string | number | boolean | undefined>;
}

/** A label, an input (or textarea), a hint and the field's error, with what was typed. */
export const Text: FC<TextProps> = ({ ctx, name, ...field }) => <TextField id={fieldId(ctx, name)} name={name} value={ctx.values[name] ?? ""} error={ctx.errors[name]} {...field} />;

/** A labelled on/off checkbox (styled as a switch by automation.css, a plain checkbox without it). */
export const Check: FC<{ ctx: FormCtx; name: string; label: string }> = ({ ctx, name, label }) => {
  const id = fieldId(ctx, name);
  return (
    <label class="auto-switch" for={id}>
      <input id={id} type="checkbox" name={name} checked={ctx.values[name] === "on"} class="auto-switch__input" />
      <span class="auto-switch__track" aria-hidden="true">
        <span class="auto-switch__thumb" />
      </span>
      <span class="auto-switch__label">{label}</span>
    </label>
  );
};

export const Select: FC<{ ctx: FormCtx; name: string; label: string; options: Array<readonly [string, string]>; hint?: Child; multiple?: boolean; fallback?: string; class?: string; hideLabel?: boolean }> = ({ ctx, name, label, options, hint, multiple, fallback = "", class: cls, hideLabel }) => {
  const id = fieldId(ctx, name);
  const chosen = (ctx.values[name] ?? fallback).split("\n");
  const error = ctx.errors[name];
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field ${cls ?? ""}`.trim()}>
      <label class={`field__label${hideLabel ? " visually-hidden" : ""}`} for={id}>
        {label}
      </label>
      <select id={id} name={name} class={`select wf-select${multiple ? " wf-select--multi" : ""}`} multiple={multiple} size={multiple ? Math.min(5, Math.max(2, options.length)) : undefined} aria-invalid={error ? "true" : undefined} aria-describedby={describedBy}>
        {options.map(([value, text]) => (
          <option value={value} selected={chosen.includes(value)}>
            {text}
          </option>
        ))}
      </select>
      <FieldTail id={id} hint={hint} error={error} />
    </div>
  );
};

/** A step picker: every step of the draft (by id and kind), or "end the workflow". */
export const StepPicker: FC<{ ctx: FormCtx; name: string; label: string; emptyLabel?: string; self?: string }> = ({ ctx, name, label, emptyLabel, self }) => (
  <Select
    ctx={ctx}
    name={name}
    label={label}
    options={[["", emptyLabel ?? t("workflows.form.endHere")], ...ctx.choices.steps.filter((s) => s.id !== self).map((s) => [s.id, stepLabel(s)] as const)]}
  />
);

export const Row: FC<{ children?: Child; class?: string }> = ({ children, class: cls }) => <div class={`wf-sf__row ${cls ?? ""}`.trim()}>{children}</div>;
