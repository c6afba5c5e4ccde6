// What a workflow says to the customer: a send step's messages and a question
// with its choices as LINE quick replies (up to 13) or a buttons template (up
// to 4, text up to 160 characters; otherwise quick replies), each a postback
// that names the run, step and option, with the label shown as the
// customer's own message. Variables are filled in first; a shipped template
// text left unchanged goes out in the customer's language.
import type { messagingApi } from "@line/bot-sdk";
import { previewOf, type ReplyDefinition, toLineMessages } from "../automation/replies";
import type { MessageBody } from "../conversations/model";
import type { LineMessage } from "../line/client";
import { choiceData } from "./answers";
import type { Step } from "./definition";
import { customerText } from "./template-texts";
import { fill, type VariableValues } from "./variables";

type Question = Extract<Step, { type: "question" }>;

export interface Outgoing {
  messages: LineMessage[];
  preview: MessageBody;
}

export function filledDefinition(def: ReplyDefinition, values: VariableValues): ReplyDefinition {
  const say = (text: string) => customerText(text, values.contact.language);
  return { ...def, messages: def.messages.map((m) => (m.type === "text" ? { ...m, text: fill(say(m.text), values).trim().slice(0, 5000) || m.text } : m)) };
}

export function sendStepMessages(def: ReplyDefinition, values: VariableValues): Outgoing {
  const filled = filledDefinition(def, values);
  return { messages: toLineMessages(filled), preview: previewOf(filled.messages, filled.quickReplies) };
}

/** The question as LINE messages; `reprompt` replaces the text of a free-text question asked again. */
export function questionMessages(step: Question, runId: string, values: VariableValues, reprompt?: string): Outgoing {
  const def = reprompt ? { messages: [{ type: "text" as const, text: reprompt }], quickReplies: [] } : { ...step.message, quickReplies: [] };
  const filled = filledDefinition(def, values);
  const messages = toLineMessages(filled);
  if (step.answer.kind !== "choice") return { messages, preview: previewOf(filled.messages, []) };
  const options = step.answer.options.map((o) => ({ ...o, label: customerText(o.label, values.contact.language).slice(0, 20) }));
  const actions = options.map((o, i): messagingApi.PostbackAction => ({ type: "postback", label: o.label, data: choiceData(runId, step.id, i), displayText: o.label }));
  const buttons = options.map((o) => ({ label: o.label, text: o.label }));
  const last = messages.at(-1);
  const lastText = filled.messages.at(-1);
  if (step.answer.display === "buttons" && options.length <= 4 && last && lastText?.type === "text" && [...lastText.text].length <= 160) {
    messages[messages.length - 1] = { type: "template", altText: lastText.text.slice(0, 400), template: { type: "buttons", text: lastText.text, actions } };
  } else if (last) {
    last.quickReply = { items: actions.map((action) => ({ type: "action", action })) };
  }
  return { messages, preview: previewOf(filled.messages, buttons) };
}
