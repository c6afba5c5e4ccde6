// The HTTP request step as form fields: method, URL, headers (one "Name: value"
// per line), a JSON body template, timeout, retries, response mappings (rows of
// JSON pointer → variable and/or contact field), the note and the error path.
import type { Step } from "../definition";
import { FieldReader, type FormValues, VARIABLE } from "./fields";

type HttpStep = Extract<Step, { type: "http" }>;
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export const MAX_MAPPINGS = 20;

export function httpValues(step: HttpStep): FormValues {
  const r = step.request;
  const v: FormValues = {
    method: r.method,
    url: r.url,
    headers: r.headers.map((h) => `${h.name}: ${h.value}`).join("\n"),
    body: r.body ?? "",
    timeoutSeconds: String(r.timeoutSeconds),
    retries: String(r.retries),
    note: r.note ?? "",
    onError: r.onError ?? "",
  };
  r.save.forEach((s, i) => {
    v[`s${i}_pointer`] = s.pointer;
    v[`s${i}_variable`] = s.variable ?? "";
    v[`s${i}_field`] = s.contactFieldKey ?? "";
  });
  return v;
}

/** The body with each {{variable}} replaced by a placeholder is JSON: then the filled body is too. */
function bodyIsJson(body: string): boolean {
  try {
    JSON.parse(body.replace(/\{\{[^{}]*\}\}/g, "0"));
    return true;
  } catch {
    return false;
  }
}

export function readHttp(r: FieldReader, ids: ReadonlySet<string>): HttpStep["request"] {
  const url = r.text("url", 2000);
  if (url && !/^https?:\/\//i.test(url) && !url.startsWith("{{")) r.fail("url", "workflows.form.badUrl");
  const headers: HttpStep["request"]["headers"] = [];
  for (const line of r.raw("headers").split("\n").map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf(":");
    const name = at > 0 ? line.slice(0, at).trim() : "";
    if (!/^[A-Za-z0-9-]{1,60}$/.test(name)) {
      r.fail("headers", "workflows.form.header", { line: line.slice(0, 60) });
      continue;
    }
    headers.push({ name, value: line.slice(at + 1).trim().slice(0, 2000) });
  }
  if (headers.length > 20) r.fail("headers", "workflows.form.tooMany", { max: 20 });
  const body = r.text("body", 20_000, false);
  if (body && !bodyIsJson(body)) r.fail("body", "workflows.form.json");
  const save: HttpStep["request"]["save"] = [];
  for (let i = 0; i < MAX_MAPPINGS; i++) {
    const pointer = r.str(`s${i}_pointer`);
    const variable = r.str(`s${i}_variable`);
    const field = r.str(`s${i}_field`);
    if (!pointer && !variable && !field) continue;
    if (!/^(\/[^/]*)+$/.test(pointer) || pointer.length > 200) r.fail(`s${i}_pointer`, "workflows.form.badPointer");
    if (variable && !VARIABLE.test(variable)) r.fail(`s${i}_variable`, "workflows.form.variable");
    if (!variable && !field) r.fail(`s${i}_variable`, "workflows.form.saveWhere");
    save.push({ pointer, ...(variable ? { variable } : {}), ...(field ? { contactFieldKey: field.slice(0, 60) } : {}) });
  }
  const note = r.text("note", 2000, false);
  const onError = r.stepRef("onError", ids);
  return {
    method: r.choice("method", HTTP_METHODS, "POST"),
    url,
    headers,
    ...(body ? { body } : {}),
    timeoutSeconds: r.int("timeoutSeconds", 1, 30, 10),
    retries: r.int("retries", 0, 5, 2),
    save,
    ...(note ? { note } : {}),
    onError,
  };
}
