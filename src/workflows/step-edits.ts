// Editing a draft's steps: a new step of a type (with defaults that validate),
// replacing one from the editor's JSON (zod-checked; the error says where),
// moving and deleting. Pure functions over the draft; routes store the result.
import { type Step, stepSchema, triggerSchema, type Trigger } from "./definition";

export const STEP_TYPES = ["send", "question", "branch", "updateContact", "assign", "setStatus", "setPriority", "note", "http", "wait", "goto", "end"] as const;
export type StepType = (typeof STEP_TYPES)[number];

const text = (t: string) => ({ messages: [{ type: "text" as const, text: t }], quickReplies: [] });

function freshId(steps: Step[], type: string): string {
  const base = type.toLowerCase().slice(0, 30);
  for (let n = 1; ; n++) if (!steps.some((s) => s.id === `${base}-${n}`)) return `${base}-${n}`;
}

export function newStep(steps: Step[], type: StepType): Step {
  const id = freshId(steps, type);
  switch (type) {
    case "send":
      return { id, type, message: text("Hello {{contact.name}}!"), next: null };
    case "question":
      return { id, type, message: text("Can we help with anything else?"), answer: { kind: "choice", display: "quickReplies", options: [{ label: "Yes", value: "yes" }, { label: "No", value: "no" }] }, saveTo: { variable: id.replace(/-/g, "_") }, next: null };
    case "branch":
      return { id, type, rules: [{ when: [{ subject: "businessHours", op: "open" }], next: null }], otherwise: null };
    case "updateContact":
      return { id, type, addTags: ["lead"], removeTags: [], next: null };
    case "assign":
      return { id, type, to: { kind: "unassign" }, next: null };
    case "setStatus":
      return { id, type, status: "follow_up", next: null };
    case "setPriority":
      return { id, type, priority: 2, next: null };
    case "note":
      return { id, type, text: "Note for the team", next: null };
    case "http":
      return { id, type, request: { method: "POST", url: "https://example.com/hook", headers: [], body: '{"conversation": "{{conversation.id}}"}', timeoutSeconds: 10, retries: 2, save: [] }, next: null };
    case "wait":
      return { id, type, minutes: 60, next: null };
    case "goto":
      return { id, type, target: steps[0]?.id ?? id };
    case "end":
      return { id, type };
  }
}

/**
 * Step `id` becomes a new step of `type` with that type's defaults, in the same place and
 * under the same id (so whatever led to it still does). It keeps leading where it led:
 * a branch goes there otherwise, a goto jumps there (to the first other step when the old
 * step ended the flow). Its old settings do not carry over; nothing else changes.
 */
export function changeStepType(steps: Step[], id: string, type: StepType): Step[] {
  const current = steps.find((s) => s.id === id);
  if (!current || current.type === type) return steps;
  const led = "next" in current ? (current.next ?? null) : current.type === "branch" ? current.otherwise : current.type === "goto" ? current.target : null;
  const fresh: Step = { ...newStep(steps, type), id };
  let step: Step = fresh;
  if (fresh.type === "question") step = { ...fresh, saveTo: { variable: id.replace(/-/g, "_") }, next: led };
  else if (fresh.type === "branch") step = { ...fresh, otherwise: led };
  else if (fresh.type === "goto") step = { ...fresh, target: led ?? steps.find((s) => s.id !== id)?.id ?? id };
  else if ("next" in fresh) step = { ...fresh, next: led } as Step;
  return steps.map((s) => (s.id === id ? step : s));
}

/** Appends a step; the step that ended the flow before now leads to it. */
export function addStep(steps: Step[], type: StepType): Step[] {
  const step = newStep(steps, type);
  const last = steps.at(-1);
  const linked = last && "next" in last && last.next === null ? [...steps.slice(0, -1), { ...last, next: step.id } as Step] : steps;
  return [...linked, step];
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

function parseJson<T>(json: string, schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, invalidJson: string): ParseResult<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, error: invalidJson };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: parsed.error.issues.slice(0, 3).map((i) => `${i.path.map(String).join(".") || "step"}: ${i.message}`).join("; ") };
}

export function parseStep(json: string, invalidJson: string): ParseResult<Step> {
  return parseJson(json, stepSchema, invalidJson);
}

export function parseTrigger(json: string, invalidJson: string): ParseResult<Trigger> {
  return parseJson(json, triggerSchema, invalidJson);
}

/** Replaces step `id`; a changed id is followed by every step that pointed at the old one. */
export function replaceStep(steps: Step[], id: string, step: Step): Step[] {
  const renamed = step.id !== id;
  return steps.map((s) => (s.id === id ? step : renamed ? (JSON.parse(JSON.stringify(s).replaceAll(`"${id}"`, `"${step.id}"`)) as Step) : s));
}

export function moveStep(steps: Step[], id: string, direction: "up" | "down"): Step[] {
  const i = steps.findIndex((s) => s.id === id);
  const j = direction === "up" ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= steps.length) return steps;
  const out = [...steps];
  [out[i], out[j]] = [out[j] as Step, out[i] as Step];
  return out;
}

/** Removes a step (never the last one); what pointed at it now points at what it led to. */
export function deleteStep(steps: Step[], id: string): Step[] {
  const gone = steps.find((s) => s.id === id);
  if (!gone || steps.length <= 1) return steps;
  const successor = "next" in gone ? gone.next ?? null : null;
  const rest = steps.filter((s) => s.id !== id);
  const relinked = rest.map((s) => JSON.parse(JSON.stringify(s).replaceAll(`"${id}"`, successor === null ? "null" : `"${successor}"`)) as unknown);
  // A goto whose target disappears (nothing follows) cannot point nowhere: keep the step then.
  return relinked.every((s) => stepSchema.safeParse(s).success) ? (relinked as Step[]) : steps;
}
