// Conditions as form rows (branch rules and the message trigger): one "what"
// select that names the subject and the test together ("Answer is one of",
// "Has tag", "During business hours"…), then the fields that test needs.
import type { Condition } from "../definition";
import { FieldReader, type FormValues, listOf, VARIABLE } from "./fields";

export const CONDITION_KINDS = [
  "answer:equals",
  "answer:contains",
  "answer:in",
  "answer:exists",
  "contact.field:equals",
  "contact.field:contains",
  "contact.field:in",
  "contact.field:exists",
  "message.text:equals",
  "message.text:contains",
  "message.text:startsWith",
  "language:in",
  "channel:in",
  "tag:has",
  "tag:lacks",
  "businessHours:open",
  "businessHours:closed",
  "time:between",
  "membership:member",
  "membership:notMember",
] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];
export const CONDITION_FIELDS = ["what", "key", "value", "channels", "from", "to", "tz"] as const;
export const MAX_CONDITIONS = 6;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** The form fields of one condition, named `${prefix}what`, `${prefix}key`… */
export function conditionValues(prefix: string, c: Condition): FormValues {
  const v: FormValues = { [`${prefix}what`]: `${c.subject}:${c.op}` };
  const list = (x: string | string[] | undefined) => (Array.isArray(x) ? x.join(", ") : x ?? "");
  switch (c.subject) {
    case "answer":
      return { ...v, [`${prefix}key`]: c.variable, [`${prefix}value`]: list(c.value) };
    case "contact.field":
      return { ...v, [`${prefix}key`]: c.fieldKey, [`${prefix}value`]: list(c.value) };
    case "message.text":
    case "tag":
      return { ...v, [`${prefix}value`]: c.value };
    case "language":
      return { ...v, [`${prefix}value`]: c.value.join(", ") };
    case "channel":
      return { ...v, [`${prefix}channels`]: c.value.join("\n") };
    case "time":
      return { ...v, [`${prefix}from`]: c.from, [`${prefix}to`]: c.to, [`${prefix}tz`]: c.timeZone ?? "" };
    default:
      return v;
  }
}

/** One condition row, or null when its "what" is left empty; problems go to the reader. */
export function readCondition(r: FieldReader, prefix: string): Condition | null {
  const what = r.str(`${prefix}what`);
  if (!what) return null;
  if (!(CONDITION_KINDS as readonly string[]).includes(what)) {
    r.fail(`${prefix}what`, "workflows.form.choose");
    return null;
  }
  const [subject, op] = what.split(":") as [string, string];
  const value = `${prefix}value`;
  const valueOf = (): string | string[] | undefined => (op === "exists" ? undefined : op === "in" ? listOf(r.text(value, 1000)) : r.text(value, 300));
  switch (subject) {
    case "answer":
      return { subject, variable: r.match(`${prefix}key`, VARIABLE, "workflows.form.variable"), op: op as "equals", value: valueOf() };
    case "contact.field":
      return { subject, fieldKey: r.text(`${prefix}key`, 60), op: op as "equals", value: valueOf() };
    case "message.text":
      return { subject, op: op as "equals", value: r.text(value, 300) };
    case "language": {
      const codes = listOf(r.text(value, 200));
      if (codes.some((code) => !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,4})?$/.test(code))) r.fail(value, "workflows.form.languages");
      return { subject, op: "in", value: codes };
    }
    case "channel": {
      const ids = listOf(r.raw(`${prefix}channels`));
      if (!ids.length) r.fail(`${prefix}channels`, "workflows.form.pickChannel");
      return { subject, op: "in", value: ids };
    }
    case "tag":
      return { subject, op: op as "has", value: r.text(value, 60) };
    case "businessHours":
      return { subject, op: op as "open" };
    case "membership":
      return { subject, op: op as "member" };
    default: {
      const tz = r.str(`${prefix}tz`);
      if (tz && !isTimeZone(tz)) r.fail(`${prefix}tz`, "workflows.form.badTimeZone");
      return { subject: "time", op: "between", from: r.match(`${prefix}from`, HHMM, "workflows.form.time"), to: r.match(`${prefix}to`, HHMM, "workflows.form.time"), ...(tz ? { timeZone: tz } : {}) };
    }
  }
}

/** Every filled condition row `${prefix}0_` … `${prefix}${max - 1}_`. */
export function readConditions(r: FieldReader, prefix: string, max = MAX_CONDITIONS): Condition[] {
  const out: Condition[] = [];
  for (let j = 0; j < max; j++) {
    const c = readCondition(r, `${prefix}${j}_`);
    if (c) out.push(c);
  }
  return out;
}
