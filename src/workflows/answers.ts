// Checking a customer's answer to a question step: a choice (a tapped postback,
// or the option's label or value typed), or free text validated as text,
// number, email, phone or date. Returns the value to store, or null (re-prompt).
import type { Step } from "./definition";

type Question = Extract<Step, { type: "question" }>;

/** Postback data of a choice: which run, step and option (LINE allows 300 characters). */
export function choiceData(runId: string, stepId: string, index: number): string {
  return `wf:${runId}:${stepId}:${index}`;
}

export function parseChoiceData(data: string): { runId: string; stepId: string; index: number } | null {
  const m = /^wf:([a-z0-9_]+):([a-z0-9_-]+):(\d{1,2})$/.exec(data);
  return m?.[1] && m[2] && m[3] ? { runId: m[1], stepId: m[2], index: Number(m[3]) } : null;
}

export type Answer = { kind: "postback"; data: string } | { kind: "text"; text: string };

/** The accepted value and, for choices, the option's own next step. */
export function acceptAnswer(step: Question, runId: string, answer: Answer): { value: string; next?: string | null } | null {
  if (step.answer.kind === "choice") {
    const options = step.answer.options;
    if (answer.kind === "postback") {
      const parsed = parseChoiceData(answer.data);
      if (!parsed || parsed.runId !== runId || parsed.stepId !== step.id) return null;
      const option = options[parsed.index];
      return option ? { value: option.value, next: option.next } : null;
    }
    const typed = answer.text.trim().toLowerCase();
    const option = options.find((o) => o.label.toLowerCase() === typed || o.value.toLowerCase() === typed);
    return option ? { value: option.value, next: option.next } : null;
  }
  if (answer.kind !== "text") return null;
  const text = answer.text.trim();
  if (!text || text.length > 1000) return null;
  const value = validate(step.answer.validate, text);
  return value === null ? null : { value };
}

export function validate(kind: "text" | "number" | "email" | "phone" | "date", text: string): string | null {
  switch (kind) {
    case "text":
      return text;
    case "number": {
      const normal = text.replace(/[\s,](?=\d{3}\b)/g, "").replace(",", ".");
      return /^[-+]?\d+(\.\d+)?$/.test(normal) ? String(Number(normal)) : null;
    }
    case "email":
      return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(text) ? text.toLowerCase() : null;
    case "phone": {
      const digits = text.replace(/\D/g, "");
      return /^\+?[\d\s().-]+$/.test(text) && digits.length >= 6 && digits.length <= 15 ? text.replace(/[^\d+]/g, "") : null;
    }
    case "date": {
      const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
      if (!m) return null;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const date = new Date(Date.UTC(y, mo - 1, d));
      if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
      return date.toISOString().slice(0, 10);
    }
  }
}
