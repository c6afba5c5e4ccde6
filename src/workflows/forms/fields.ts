// Reading the editor's submitted forms: every field as the text that was typed
// (to put back after a 422), and a reader that checks one field at a time and
// keeps the first problem of each field in the reader's language.
import { type MessageKey, type Params, t } from "../../ui/i18n";

export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;
/** A parsed form: the value when every field was right, else the errors by field name. */
export type Parsed<T> = { value: T; errors: FormErrors } | { value: null; errors: FormErrors };

/** Every submitted field as text (a multi-select's choices one per line); the CSRF token is left out. */
export function formValues(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [key, raw] of Object.entries(body)) {
    if (key === "_csrf") continue;
    const list = Array.isArray(raw) ? raw : [raw];
    out[key] = list
      .filter((v): v is string => typeof v === "string")
      .map((v) => v.replace(/\r\n/g, "\n"))
      .join("\n");
  }
  return out;
}

export const STEP_ID = /^[a-z0-9_-]{1,40}$/;
export const VARIABLE = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;

/** "a, b\nc" → ["a", "b", "c"]. */
export const listOf = (text: string): string[] =>
  text
    .split(/[,\n、，]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Checks fields one at a time; the first problem of a field is the one shown next to it. */
export class FieldReader {
  readonly errors: FormErrors = {};
  constructor(readonly values: FormValues) {}

  raw(name: string): string {
    return this.values[name] ?? "";
  }

  str(name: string): string {
    return this.raw(name).trim();
  }

  fail(name: string, key: MessageKey, params?: Params): void {
    this.errors[name] ??= t(key, params);
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  /** Required text of at most `max` characters. */
  text(name: string, max: number, required = true): string {
    const value = this.str(name);
    if (required && !value) this.fail(name, "workflows.form.required");
    else if ([...value].length > max) this.fail(name, "workflows.form.tooLong", { max });
    return value;
  }

  /** A whole number in [min, max]; empty gives `fallback` (undefined: required). */
  int(name: string, min: number, max: number, fallback?: number): number {
    const text = this.str(name);
    if (!text) {
      if (fallback === undefined) this.fail(name, "workflows.form.required");
      return fallback ?? min;
    }
    const n = Number(text.replace(",", "."));
    if (!Number.isInteger(n)) this.fail(name, "workflows.form.wholeNumber");
    else if (n < min || n > max) this.fail(name, "workflows.form.between", { min, max });
    return Number.isInteger(n) ? n : min;
  }

  /** Text matching `pattern` (empty allowed unless required). */
  match(name: string, pattern: RegExp, key: MessageKey, required = true): string {
    const value = this.str(name);
    if (!value) {
      if (required) this.fail(name, "workflows.form.required");
    } else if (!pattern.test(value)) this.fail(name, key);
    return value;
  }

  /** One of `allowed`. */
  choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.str(name) || fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.fail(name, "workflows.form.choose");
      return fallback;
    }
    return value as T;
  }

  /** A step picked from a list: "" is "end here" (null), otherwise it must exist. */
  stepRef(name: string, ids: ReadonlySet<string>): string | null {
    const value = this.str(name);
    if (!value) return null;
    if (!ids.has(value)) this.fail(name, "workflows.form.noSuchStep", { step: value });
    return value;
  }
}

/** How many rows of a repeated group to show: the highest filled index + 1 blank, within [min, max]. */
export function rowCount(values: FormValues, prefix: string, min: number, max: number): number {
  let highest = -1;
  const re = new RegExp(`^${prefix}(\\d+)_`);
  for (const [key, value] of Object.entries(values)) {
    const m = re.exec(key);
    if (m && value.trim()) highest = Math.max(highest, Number(m[1]));
  }
  return Math.min(max, Math.max(min, highest + 2));
}
