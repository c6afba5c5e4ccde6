// The LINE messages of a survey: the rating question as a flex bubble with five
// postback buttons (they stay tappable in the chat, unlike quick replies), the
// comment prompt with a Skip quick reply, and the thank-you. Postback data is
// `csat:<responseId>:<1-5|skip>`; displayText shows the customer's choice as
// their own message, as LINE does for a tapped button.
import type { LineMessage } from "../line/client";
import type { MessageBody } from "../conversations/model";

export const POSTBACK_PREFIX = "csat:";

export function ratingData(responseId: string, score: number): string {
  return `${POSTBACK_PREFIX}${responseId}:${score}`;
}

export function skipData(responseId: string): string {
  return `${POSTBACK_PREFIX}${responseId}:skip`;
}

/** What a CSAT postback says, or null for any other postback. */
export function parseCsatPostback(data: string): { responseId: string; answer: number | "skip" } | null {
  const m = /^csat:([A-Za-z0-9_-]{1,64}):([1-5]|skip)$/.exec(data);
  if (!m || !m[1] || !m[2]) return null;
  return { responseId: m[1], answer: m[2] === "skip" ? "skip" : Number(m[2]) };
}

export function ratingMessage(responseId: string, texts: { question: string; scores: string[] }): LineMessage {
  return {
    type: "flex",
    altText: texts.question.slice(0, 400),
    contents: {
      type: "bubble",
      body: {
        type: "box",
        layout: "vertical",
        spacing: "sm",
        contents: [
          { type: "text", text: texts.question, wrap: true, weight: "bold", size: "md" },
          ...[5, 4, 3, 2, 1].map((score) => ({
            type: "button" as const,
            style: score >= 4 ? ("primary" as const) : ("secondary" as const),
            height: "sm" as const,
            action: { type: "postback" as const, label: (texts.scores[score - 1] ?? String(score)).slice(0, 40), data: ratingData(responseId, score), displayText: (texts.scores[score - 1] ?? String(score)).slice(0, 300) },
          })),
        ],
      },
    },
  };
}

/** The thread's view of the rating question: its text with the five choices as buttons. */
export function ratingPreview(texts: { question: string; scores: string[] }): MessageBody {
  return { type: "text", text: texts.question, quickReplies: [5, 4, 3, 2, 1].map((s) => ({ label: texts.scores[s - 1] ?? String(s), text: String(s) })) };
}

export function commentPromptMessage(responseId: string, texts: { commentPrompt: string; skip: string }): LineMessage {
  return {
    type: "text",
    text: texts.commentPrompt,
    quickReply: { items: [{ type: "action", action: { type: "postback", label: texts.skip.slice(0, 20), data: skipData(responseId), displayText: texts.skip.slice(0, 300) } }] },
  };
}
