// One step of the workflow editor as form fields and back: stepValues() fills
// the form of a stored step; parseStepForm() reads a submitted form into a
// Step (definition.ts) or the problems by field name, in the reader's
// language. Message slots (m0_type, m0_text…) and quick replies (qr) are the
// automation rule form's own, so every message type an agent can send works.
import { parseReply, valuesOfReply } from "../../automation/rule-form";
import { t } from "../../ui/i18n";
import { type Step, stepSchema } from "../definition";
import type { StepType } from "../step-edits";
import { conditionValues, MAX_CONDITIONS, readConditions } from "./conditions";
import { FieldReader, type FormValues, listOf, type Parsed, STEP_ID, VARIABLE } from "./fields";
import { httpValues, readHttp } from "./http-form";

export const MAX_OPTIONS = 13;
export const MAX_RULES = 20;
export const WAIT_UNITS = { minutes: 1, hours: 60, days: 1440 } as const;
export const ASSIGN_RULES = ["policy", "round_robin", "least_open", "queue"] as const;

/** What the step's selects may name: the workspace's agents and teams (ids). */
export interface StepChoices {
  agentIds: ReadonlySet<string>;
  teamIds: ReadonlySet<string>;
}

export function stepValues(step: Step): FormValues {
  const v: FormValues = { id: step.id, next: "next" in step ? step.next ?? "" : "" };
  switch (step.type) {
    case "send":
      return { ...v, ...valuesOfReply(step.message) };
    case "question": {
      const q: FormValues = { ...v, ...valuesOfReply(step.message), answerKind: step.answer.kind, saveVariable: step.saveTo.variable ?? "", saveField: step.saveTo.contactFieldKey ?? "", timeoutMinutes: step.timeoutMinutes ? String(step.timeoutMinutes) : "", onTimeout: step.onTimeout ?? "" };
      if (step.answer.kind === "choice") {
        q.display = step.answer.display;
        step.answer.options.forEach((o, i) => Object.assign(q, { [`o${i}_label`]: o.label, [`o${i}_value`]: o.value, [`o${i}_next`]: o.next ?? "" }));
      } else Object.assign(q, { validate: step.answer.validate, reprompt: step.answer.reprompt, maxAttempts: String(step.answer.maxAttempts) });
      return q;
    }
    case "branch": {
      const b: FormValues = { ...v, otherwise: step.otherwise ?? "" };
      step.rules.forEach((rule, i) => {
        b[`r${i}_next`] = rule.next ?? "";
        rule.when.forEach((c, j) => Object.assign(b, conditionValues(`r${i}_c${j}_`, c)));
      });
      return b;
    }
    case "updateContact":
      return { ...v, fieldKey: step.setField?.key ?? "", fieldValue: step.setField?.value ?? "", addTags: step.addTags.join(", "), removeTags: step.removeTags.join(", ") };
    case "assign": {
      const to = step.to;
      if (to.kind === "agent") return { ...v, assignTo: "agent", userId: to.userId };
      if (to.kind === "team") return { ...v, assignTo: "team", teamId: to.teamId, teamRule: to.usePolicy ? to.rule : "queue" };
      return { ...v, assignTo: "unassign" };
    }
    case "setStatus":
      return { ...v, status: step.status };
    case "setPriority":
      return { ...v, priority: String(step.priority) };
    case "note":
      return { ...v, text: step.text };
    case "http":
      return { ...v, ...httpValues(step) };
    case "wait": {
      const unit = step.minutes % 1440 === 0 ? "days" : step.minutes % 60 === 0 ? "hours" : "minutes";
      return { ...v, waitAmount: String(step.minutes / WAIT_UNITS[unit]), waitUnit: unit };
    }
    case "goto":
      return { ...v, target: step.target };
    case "end":
      return v;
  }
}

function readMessage(r: FieldReader, withQuickReplies: boolean) {
  const reply = parseReply(withQuickReplies ? r.values : { ...r.values, qr: "" });
  for (const [field, error] of Object.entries(reply.errors)) if (error) r.errors[field] ??= error;
  if (!reply.messages.length && !Object.keys(reply.errors).some((k) => k.startsWith("m"))) r.fail("m0_type", "workflows.form.noMessage");
  return { messages: reply.messages, quickReplies: reply.quickReplies };
}

function readQuestion(r: FieldReader, base: { id: string; next: string | null }, ids: ReadonlySet<string>): Step {
  const message = readMessage(r, false);
  const kind = r.choice("answerKind", ["choice", "text"] as const, "choice");
  let answer: Extract<Step, { type: "question" }>["answer"];
  if (kind === "choice") {
    const options: Array<{ label: string; value: string; next?: string | null }> = [];
    for (let i = 0; i < MAX_OPTIONS; i++) {
      if (!r.str(`o${i}_label`) && !r.str(`o${i}_value`)) continue;
      const label = r.text(`o${i}_label`, 20);
      const next = r.stepRef(`o${i}_next`, ids);
      options.push({ label, value: r.str(`o${i}_value`).slice(0, 300) || label, ...(next ? { next } : {}) });
    }
    const display = r.choice("display", ["quickReplies", "buttons"] as const, "quickReplies");
    if (!options.length) r.fail("o0_label", "workflows.form.noOption");
    if (display === "buttons" && options.length > 4) r.fail("display", "workflows.form.tooManyButtons", { max: 4 });
    answer = { kind, display, options };
  } else {
    answer = { kind, validate: r.choice("validate", ["text", "number", "email", "phone", "date"] as const, "text"), reprompt: r.text("reprompt", 1000), maxAttempts: r.int("maxAttempts", 1, 5, 3) };
  }
  const variable = r.match("saveVariable", VARIABLE, "workflows.form.variable", false);
  const field = r.text("saveField", 60, false);
  const timeout = r.str("timeoutMinutes") ? r.int("timeoutMinutes", 1, 7 * 24 * 60) : undefined;
  const onTimeout = r.stepRef("onTimeout", ids);
  return { ...base, type: "question", message, answer, saveTo: { ...(variable ? { variable } : {}), ...(field ? { contactFieldKey: field } : {}) }, ...(timeout ? { timeoutMinutes: timeout, onTimeout } : {}) };
}

function readBranch(r: FieldReader, id: string, ids: ReadonlySet<string>): Step {
  const rules: Array<{ when: ReturnType<typeof readConditions>; next: string | null }> = [];
  for (let i = 0; i < MAX_RULES; i++) {
    const when = readConditions(r, `r${i}_c`, MAX_CONDITIONS);
    if (when.length) rules.push({ when, next: r.stepRef(`r${i}_next`, ids) });
  }
  if (!rules.length) r.fail("r0_c0_what", "workflows.form.noRule");
  return { id, type: "branch", rules, otherwise: r.stepRef("otherwise", ids) };
}

function readAssign(r: FieldReader, base: { id: string; next: string | null }, choices: StepChoices): Step {
  const kind = r.choice("assignTo", ["agent", "team", "unassign"] as const, "unassign");
  if (kind === "agent") {
    const userId = r.str("userId");
    if (!choices.agentIds.has(userId)) r.fail("userId", "workflows.form.pickAgent");
    return { ...base, type: "assign", to: { kind, userId } };
  }
  if (kind === "team") {
    const teamId = r.str("teamId");
    if (!choices.teamIds.has(teamId)) r.fail("teamId", "workflows.form.pickTeam");
    const rule = r.choice("teamRule", ASSIGN_RULES, "policy");
    return { ...base, type: "assign", to: rule === "queue" ? { kind, teamId, usePolicy: false, rule: "policy" } : { kind, teamId, usePolicy: true, rule } };
  }
  return { ...base, type: "assign", to: { kind } };
}

function readStep(r: FieldReader, type: StepType, ids: ReadonlySet<string>, choices: StepChoices): Step {
  const id = r.match("id", STEP_ID, "workflows.form.badStepId");
  const base = { id, next: r.stepRef("next", ids) };
  switch (type) {
    case "send":
      return { ...base, type, message: readMessage(r, true) };
    case "question":
      return readQuestion(r, base, ids);
    case "branch":
      return readBranch(r, id, ids);
    case "updateContact": {
      const key = r.text("fieldKey", 60, false);
      const value = r.text("fieldValue", 1000, false);
      if (value && !key) r.fail("fieldKey", "workflows.form.required");
      const addTags = listOf(r.raw("addTags"));
      const removeTags = listOf(r.raw("removeTags"));
      if (!key && !addTags.length && !removeTags.length) r.fail("fieldKey", "workflows.form.nothingToUpdate");
      return { ...base, type, ...(key ? { setField: { key, value } } : {}), addTags, removeTags };
    }
    case "assign":
      return readAssign(r, base, choices);
    case "setStatus":
      return { ...base, type, status: r.choice("status", ["open", "follow_up", "resolved"] as const, "open") };
    case "setPriority":
      return { ...base, type, priority: r.int("priority", 0, 4) };
    case "note":
      return { ...base, type, text: r.text("text", 2000) };
    case "http":
      return { ...base, type, request: readHttp(r, ids) };
    case "wait": {
      const unit = r.choice("waitUnit", ["minutes", "hours", "days"] as const, "minutes");
      const max = Math.floor((30 * 24 * 60) / WAIT_UNITS[unit]);
      return { ...base, type, minutes: r.int("waitAmount", 1, max) * WAIT_UNITS[unit] };
    }
    case "goto": {
      const target = r.stepRef("target", ids);
      if (!target) r.fail("target", "workflows.form.required");
      return { id, type, target: target ?? id };
    }
    case "end":
      return { id, type };
  }
}

/**
 * Reads a step of `type` from its submitted form. `ids` are the draft's step ids
 * with this step's (possibly new) id; a renamed id must not clash with another step.
 */
export function parseStepForm(values: FormValues, type: StepType, otherIds: ReadonlySet<string>, choices: StepChoices): Parsed<Step> {
  const r = new FieldReader(values);
  const newId = r.str("id");
  if (otherIds.has(newId)) r.fail("id", "workflows.form.idTaken", { id: newId });
  const step = readStep(r, type, new Set([...otherIds, newId]), choices);
  if (!r.ok) return { value: null, errors: r.errors };
  // The form checks field by field; the definition's schema is the last word.
  const checked = stepSchema.safeParse(step);
  if (!checked.success) return { value: null, errors: { _form: t("workflows.editor.invalid", { reason: checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).slice(0, 3).join("; ") }) } };
  return { value: checked.data, errors: {} };
}
