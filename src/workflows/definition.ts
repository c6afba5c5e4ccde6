// The workflow definition: what an admin builds in Settings → Workflows and what a
// conversation runs. This is the contract between the editor, the engine (which runs
// inside the ConversationDO through the listener port) and the templates. A
// definition is plain JSON, validated here; a published version is immutable and a
// running conversation keeps the version it started with.
//
// Shape: one trigger and a flat list of steps with ids. The first step starts; each
// step names the step that follows (`next`, null = end); questions with choices and
// branches name a step per outcome, so the editor draws a vertical tree and `goto`
// can jump back (a re-asked question, a menu).
import { z } from "zod";
import { replyDefinitionSchema } from "../automation/replies";

const id = z.string().regex(/^[a-z0-9_-]{1,40}$/, "step ids are 1–40 lowercase letters, digits, _ or -");
const next = id.nullable();
/** Text with {{variables}}: contact.name, contact.field.<key>, contact.customerId, answer.<name>, conversation.url, secret.<NAME> (HTTP steps only). */
const template = z.string().max(5000);
const variableName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/);

export const TRIGGER_TYPES = ["conversation.opened", "message.received", "contact.followed", "conversation.resolved", "postback.received", "tag.added", "shortcut"] as const;

export const conditionSchema = z.discriminatedUnion("subject", [
  z.object({ subject: z.literal("answer"), variable: variableName, op: z.enum(["equals", "contains", "exists", "in"]), value: z.union([z.string(), z.array(z.string())]).optional() }),
  z.object({ subject: z.literal("contact.field"), fieldKey: z.string().min(1).max(60), op: z.enum(["equals", "contains", "exists", "in"]), value: z.union([z.string(), z.array(z.string())]).optional() }),
  z.object({ subject: z.literal("message.text"), op: z.enum(["equals", "contains", "startsWith"]), value: z.string().min(1).max(300) }),
  z.object({ subject: z.literal("language"), op: z.literal("in"), value: z.array(z.string().min(2).max(10)).min(1) }),
  z.object({ subject: z.literal("channel"), op: z.literal("in"), value: z.array(z.string()).min(1) }),
  z.object({ subject: z.literal("tag"), op: z.enum(["has", "lacks"]), value: z.string().min(1) }),
  z.object({ subject: z.literal("businessHours"), op: z.enum(["open", "closed"]) }),
  z.object({ subject: z.literal("time"), op: z.literal("between"), from: z.string().regex(/^\d{2}:\d{2}$/), to: z.string().regex(/^\d{2}:\d{2}$/), timeZone: z.string().optional() }),
  z.object({ subject: z.literal("membership"), op: z.enum(["member", "notMember"]) }),
]);
export type Condition = z.infer<typeof conditionSchema>;

export const triggerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("conversation.opened"), channelIds: z.array(z.string()).default([]) }),
  z.object({ type: z.literal("message.received"), channelIds: z.array(z.string()).default([]), conditions: z.array(conditionSchema).default([]) }),
  z.object({ type: z.literal("contact.followed"), channelIds: z.array(z.string()).default([]), firstFollowOnly: z.boolean().default(false) }),
  z.object({ type: z.literal("conversation.resolved"), channelIds: z.array(z.string()).default([]) }),
  z.object({ type: z.literal("postback.received"), dataPrefix: z.string().min(1).max(300) }),
  z.object({ type: z.literal("tag.added"), tagId: z.string().min(1) }),
  /** Started by an agent from the conversation toolbar or the command list. */
  z.object({ type: z.literal("shortcut"), label: z.string().trim().min(1).max(40), minRole: z.enum(["agent", "supervisor", "admin", "owner"]).default("agent") }),
]);
export type Trigger = z.infer<typeof triggerSchema>;

const saveToSchema = z.object({ variable: variableName.optional(), contactFieldKey: z.string().min(1).max(60).optional() });

const questionAnswerSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("choice"),
    /** quickReplies: LINE quick-reply buttons (up to 13); buttons: a buttons template (up to 4). */
    display: z.enum(["quickReplies", "buttons"]).default("quickReplies"),
    options: z.array(z.object({ label: z.string().trim().min(1).max(20), value: z.string().trim().min(1).max(300), next: next.optional() })).min(1).max(13),
  }),
  z.object({ kind: z.literal("text"), validate: z.enum(["text", "number", "email", "phone", "date"]).default("text"), reprompt: template.min(1), maxAttempts: z.number().int().min(1).max(5).default(3) }),
]);

const httpSchema = z.object({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
  url: template.min(1).max(2000),
  headers: z.array(z.object({ name: z.string().regex(/^[A-Za-z0-9-]{1,60}$/), value: template.max(2000) })).max(20).default([]),
  /** A JSON template; {{variables}} inside strings are filled in and JSON-escaped. */
  body: template.max(20_000).optional(),
  timeoutSeconds: z.number().int().min(1).max(30).default(10),
  retries: z.number().int().min(0).max(5).default(2),
  /** Response fields (JSON pointers like /ticket/id) saved to variables or contact fields. */
  save: z.array(z.object({ pointer: z.string().regex(/^(\/[^/]*)*$/).max(200) }).merge(saveToSchema)).max(20).default([]),
  /** A private note in the thread with the outcome (status, saved values, the note template). */
  note: template.max(2000).optional(),
  onError: next.optional(),
});

export const stepSchema = z.discriminatedUnion("type", [
  z.object({ id, type: z.literal("send"), message: replyDefinitionSchema, next }),
  z.object({ id, type: z.literal("question"), message: replyDefinitionSchema, answer: questionAnswerSchema, saveTo: saveToSchema.default({}), timeoutMinutes: z.number().int().min(1).max(7 * 24 * 60).optional(), onTimeout: next.optional(), next }),
  z.object({ id, type: z.literal("branch"), rules: z.array(z.object({ when: z.array(conditionSchema).min(1), next })).min(1).max(20), otherwise: next }),
  z.object({ id, type: z.literal("updateContact"), setField: z.object({ key: z.string().min(1).max(60), value: template.max(1000) }).optional(), addTags: z.array(z.string()).default([]), removeTags: z.array(z.string()).default([]), next }),
  z.object({ id, type: z.literal("assign"), to: z.discriminatedUnion("kind", [z.object({ kind: z.literal("agent"), userId: z.string() }), z.object({ kind: z.literal("team"), teamId: z.string(), usePolicy: z.boolean().default(true), rule: z.enum(["policy", "round_robin", "least_open"]).default("policy") }), z.object({ kind: z.literal("unassign") })]), next }),
  z.object({ id, type: z.literal("setStatus"), status: z.enum(["open", "follow_up", "resolved"]), next }),
  z.object({ id, type: z.literal("setPriority"), priority: z.number().int().min(0).max(4), next }),
  z.object({ id, type: z.literal("note"), text: template.min(1).max(2000), next }),
  z.object({ id, type: z.literal("http"), request: httpSchema, next }),
  z.object({ id, type: z.literal("wait"), minutes: z.number().int().min(1).max(30 * 24 * 60), next }),
  z.object({ id, type: z.literal("goto"), target: id }),
  z.object({ id, type: z.literal("end") }),
]);
export type Step = z.infer<typeof stepSchema>;

export const definitionSchema = z
  .object({ trigger: triggerSchema, steps: z.array(stepSchema).min(1).max(100) })
  .superRefine((d, ctx) => {
    for (const problem of graphProblems(d.steps)) ctx.addIssue({ code: "custom", message: problem.message, path: ["steps", problem.index] });
  });
export type WorkflowDefinition = z.infer<typeof definitionSchema>;

/** Every step id another step points at. */
export function targetsOf(step: Step): Array<string | null | undefined> {
  switch (step.type) {
    case "question":
      return [step.next, step.onTimeout, ...(step.answer.kind === "choice" ? step.answer.options.map((o) => o.next) : [])];
    case "branch":
      return [...step.rules.map((r) => r.next), step.otherwise];
    case "http":
      return [step.next, step.request.onError];
    case "goto":
      return [step.target];
    case "end":
      return [];
    default:
      return [step.next];
  }
}

/** Duplicate ids and targets that name no step (the first step is where a run starts). */
export function graphProblems(steps: Step[]): Array<{ index: number; message: string }> {
  const problems: Array<{ index: number; message: string }> = [];
  const ids = new Set<string>();
  steps.forEach((s, index) => {
    if (ids.has(s.id)) problems.push({ index, message: `step id "${s.id}" is used twice` });
    ids.add(s.id);
  });
  steps.forEach((s, index) => {
    for (const target of targetsOf(s)) if (target && !ids.has(target)) problems.push({ index, message: `step "${s.id}" points at "${target}", which does not exist` });
  });
  return problems;
}
