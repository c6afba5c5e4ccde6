// The survey inside a ConversationDO (ConversationDO#csat): sending it (checks:
// 1:1, not standby, not blocked, the repeat rule), taking the rating from its
// postback, the optional comment (the customer's next text, or Skip), and the
// thank-you. Each step is a thread line, a row update in csat_responses, and —
// once the answer is complete — the domain event csat.rated. While the survey
// waits, the customer's taps and comment do not reopen the conversation
// (conversations/awaited.ts).
import { and, desc, eq, gt } from "drizzle-orm";
import { awaitAnswer } from "../conversations/awaited";
import { emit } from "../conversations/emit";
import type { ThreadMessage } from "../conversations/model";
import { sendMessage } from "../conversations/outbound";
import type { ConversationRuntime } from "../conversations/runtime";
import { db, schema } from "../db/client";
import { CSAT_COMMENT_WINDOW_MS, forgetWorkspaceFeatures } from "../db/workspace-features";
import { newId } from "../lib/ids";
import type { JsonObject } from "../lib/json";
import type { LanguageCode } from "../lib/locales";
import { matchLanguage } from "../ui/i18n";
import { commentPromptMessage, parseCsatPostback, POSTBACK_PREFIX, ratingMessage, ratingPreview } from "./messages";
import { type CsatSettings, loadCsatSettings, surveyTexts } from "./settings";

/** The rating buttons stay valid this long after the survey was sent. */
export const RATING_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** After rating, the customer's next text within this window is the comment. */
export const COMMENT_WINDOW_MS = CSAT_COMMENT_WINDOW_MS;
/** Shown in the thread as the survey's sender (starts with "Automation": not an agent's answer). */
export const SURVEY_SENDER = "Automation · CSAT survey";
const DAY_MS = 24 * 60 * 60 * 1000;
const CLOSE_JOB = "csat-close";

export type SurveyTrigger = "resolve" | "workflow" | "agent";

export type CsatCommand =
  | { kind: "send"; trigger: SurveyTrigger; now?: number }
  | { kind: "postback"; data: string; standby: boolean; at: number }
  | { kind: "text"; text: string; at: number };

export type SendOutcome =
  | { sent: true; responseId: string; via: "reply" | "push" | null }
  | { sent: false; reason: "disabled" | "no-agent-answer" | "standby" | "blocked" | "not-user" | "recent" | "pending" | "failed"; days?: number; error?: string };

/** What the DO remembers about its current survey. */
interface SurveyState {
  responseId: string;
  stage: "rating" | "comment";
  language: LanguageCode;
  sentAt: number;
  trigger: SurveyTrigger;
  agentId: string | null;
  teamId: string | null;
  score: number | null;
  ratedAt: number | null;
}

const STATE = "csat" as const;
/** Thread seq up to which agent answers were counted for "only if an agent answered". */
const SINCE = "csatSinceSeq" as const;

export async function runCsatCommand(rt: ConversationRuntime, command: CsatCommand): Promise<SendOutcome | { handled: boolean }> {
  if (!rt.meta()) return command.kind === "send" ? { sent: false, reason: "not-user" } : { handled: false };
  switch (command.kind) {
    case "send":
      return sendSurvey(rt, command.trigger, command.now ?? Date.now());
    case "postback":
      return { handled: await takePostback(rt, command.data, command.standby, command.at) };
    case "text":
      return { handled: await takeComment(rt, command.text, command.at) };
  }
}

async function customerLanguage(rt: ConversationRuntime): Promise<LanguageCode> {
  const source = rt.requireMeta().source;
  const profile = source.type === "user" && source.userId ? rt.store.member(source.userId)?.language : null;
  const fromProfile = profile ? matchLanguage(profile) : null;
  if (fromProfile) return fromProfile;
  const ws = await db(rt.env.DB).select({ language: schema.workspaces.language }).from(schema.workspaces).where(eq(schema.workspaces.id, rt.requireMeta().workspaceId)).get();
  return (ws?.language ? matchLanguage(ws.language) : null) ?? "en";
}

/** True when an agent (not automation) sent a message since the last survey decision. */
function agentAnswered(rt: ConversationRuntime): boolean {
  let after = rt.store.getMeta(SINCE) ?? 0;
  for (;;) {
    const batch = rt.store.after(after, 200);
    if (batch.some((m) => m.direction === "outbound" && m.agentId !== null && m.status === "sent")) return true;
    if (batch.length < 200) return false;
    after = batch.at(-1)?.seq ?? after;
  }
}

async function sendSurvey(rt: ConversationRuntime, trigger: SurveyTrigger, now: number): Promise<SendOutcome> {
  const meta = rt.requireMeta();
  if (meta.source.type !== "user") return { sent: false, reason: "not-user" };
  const settings = await loadCsatSettings(rt.env.DB, { id: meta.channelId, workspaceId: meta.workspaceId });
  if (trigger === "resolve") {
    if (!settings.onResolve) return { sent: false, reason: "disabled" };
    const answered = !settings.onlyIfAgentAnswered || agentAnswered(rt);
    rt.store.setMeta(SINCE, rt.store.latestSeq());
    if (!answered) return { sent: false, reason: "no-agent-answer" };
  }
  if (rt.store.getMeta("mode") === "standby") return { sent: false, reason: "standby" };
  if (rt.store.getMeta("friendStatus") === "unfollowed") return { sent: false, reason: "blocked" };
  const recent = await recentSurvey(rt, settings, now);
  if (recent) return { sent: false, reason: "recent", days: settings.minDaysBetween };
  const current = (rt.store.getMeta(STATE) as unknown as SurveyState | null);
  if (current && current.stage === "rating" && now - current.sentAt < RATING_WINDOW_MS && trigger !== "resolve") return { sent: false, reason: "pending" };

  const language = await customerLanguage(rt);
  const texts = surveyTexts(settings, language);
  const triage = rt.triage();
  const responseId = newId("csat", now);
  const contactId = rt.store.getMeta("contact")?.contactId ?? null;
  await db(rt.env.DB).insert(schema.csatResponses).values({
    id: responseId,
    workspaceId: meta.workspaceId,
    channelId: meta.channelId,
    conversationId: meta.id,
    contactId,
    agentId: triage.assigneeId,
    teamId: triage.teamId,
    trigger,
    language,
    status: "sent",
    sentAt: now,
  });
  const state: SurveyState = { responseId, stage: "rating", language, sentAt: now, trigger, agentId: triage.assigneeId, teamId: triage.teamId, score: null, ratedAt: null };
  rt.store.setMeta(STATE, state as unknown as JsonObject);
  awaitAnswer(rt, { postbackPrefix: `${POSTBACK_PREFIX}${responseId}:`, until: now + RATING_WINDOW_MS, textUntil: null });
  const message = await sendMessage(rt, { agent: { id: null, name: SURVEY_SENDER }, messages: [ratingMessage(responseId, texts)], preview: ratingPreview(texts), origin: { kind: "automation", rule: "csat" } });
  if (message.status === "failed" || message.status === "unknown") {
    await db(rt.env.DB).delete(schema.csatResponses).where(eq(schema.csatResponses.id, responseId));
    rt.store.setMeta(STATE, null);
    awaitAnswer(rt, null);
    return { sent: false, reason: "failed", error: message.error ?? "" };
  }
  const via = message.via;
  if (via) await db(rt.env.DB).update(schema.csatResponses).set({ sentVia: via }).where(eq(schema.csatResponses.id, responseId));
  return { sent: true, responseId, via };
}

/** The repeat rule: a survey to the same contact within the channel's N days. */
async function recentSurvey(rt: ConversationRuntime, settings: CsatSettings, now: number): Promise<boolean> {
  if (settings.minDaysBetween <= 0) return false;
  const contactId = rt.store.getMeta("contact")?.contactId ?? null;
  const since = now - settings.minDaysBetween * DAY_MS;
  const r = schema.csatResponses;
  const where = contactId ? and(eq(r.contactId, contactId), gt(r.sentAt, since)) : and(eq(r.conversationId, rt.requireMeta().id), gt(r.sentAt, since));
  const row = await db(rt.env.DB).select({ id: r.id }).from(r).where(where).orderBy(desc(r.sentAt)).limit(1).get();
  return row !== undefined;
}

function line(rt: ConversationRuntime, at: number, params: { csat: "rated" | "commented" | "skipped"; score?: number; comment?: string }, text: string): ThreadMessage | null {
  const id = newId("msg", at);
  rt.store.insert({ id, direction: "system", body: { type: "activity", action: "csat", text, actorName: null, params }, status: "received", createdAt: at });
  rt.queueIndex(at);
  return rt.store.get(id);
}

async function takePostback(rt: ConversationRuntime, data: string, standby: boolean, at: number): Promise<boolean> {
  const parsed = parseCsatPostback(data);
  const state = (rt.store.getMeta(STATE) as unknown as SurveyState | null);
  // Taps on an old survey's buttons, or a second tap, change nothing.
  if (!parsed || !state || state.responseId !== parsed.responseId) return false;
  if (parsed.answer === "skip") {
    if (state.stage !== "comment") return false;
    const created = line(rt, at, { csat: "skipped" }, "The customer skipped the CSAT comment");
    if (created) rt.publish([created], []);
    await finish(rt, state, null, at, !standby);
    return true;
  }
  if (state.stage !== "rating" || at - state.sentAt > RATING_WINDOW_MS) return false;
  const score = parsed.answer;
  const commentUntil = at + COMMENT_WINDOW_MS;
  const next: SurveyState = { ...state, stage: "comment", score, ratedAt: at };
  rt.store.setMeta(STATE, next as unknown as JsonObject);
  const created = line(rt, at, { csat: "rated", score }, `The customer rated ${score} of 5 (CSAT)`);
  if (created) rt.publish([created], []);
  await db(rt.env.DB).update(schema.csatResponses).set({ status: "rated", score, ratedAt: at, commentUntil }).where(eq(schema.csatResponses.id, state.responseId));
  // The customer's next text may be the comment: the CSAT listener must look.
  forgetWorkspaceFeatures(rt.requireMeta().workspaceId);
  // In standby another module talks to the customer: keep the rating, ask nothing more.
  if (standby || rt.store.getMeta("mode") === "standby") {
    await finish(rt, next, null, at, false);
    return true;
  }
  awaitAnswer(rt, { postbackPrefix: `${POSTBACK_PREFIX}${state.responseId}:`, until: commentUntil, textUntil: commentUntil });
  rt.store.enqueue(CLOSE_JOB, CLOSE_JOB, { responseId: state.responseId }, commentUntil);
  const meta = rt.requireMeta();
  const texts = surveyTexts(await loadCsatSettings(rt.env.DB, { id: meta.channelId, workspaceId: meta.workspaceId }), state.language);
  await sendMessage(rt, { agent: { id: null, name: SURVEY_SENDER }, messages: [commentPromptMessage(state.responseId, texts)], preview: { type: "text", text: texts.commentPrompt, quickReplies: [{ label: texts.skip, text: texts.skip }] }, origin: { kind: "automation", rule: "csat" } });
  await rt.scheduleAlarm();
  return true;
}

async function takeComment(rt: ConversationRuntime, text: string, at: number): Promise<boolean> {
  const state = (rt.store.getMeta(STATE) as unknown as SurveyState | null);
  if (!state || state.stage !== "comment" || (state.ratedAt ?? 0) + COMMENT_WINDOW_MS < at) return false;
  const comment = text.trim().slice(0, 2000);
  if (!comment) return false;
  const created = line(rt, at, { csat: "commented", comment: comment.slice(0, 300) }, `CSAT comment: ${comment.slice(0, 300)}`);
  if (created) rt.publish([created], []);
  await finish(rt, state, comment, at, rt.store.getMeta("mode") !== "standby");
  return true;
}

/** The comment window passed without a comment or skip (outbox job csat-close). */
export async function closeSurveyJob(rt: ConversationRuntime, responseId: string): Promise<void> {
  const state = (rt.store.getMeta(STATE) as unknown as SurveyState | null);
  if (!state || state.responseId !== responseId || state.stage !== "comment") return;
  await finish(rt, state, null, Date.now(), false);
}


/** Stores the complete answer, emits csat.rated, and (when `thank`) thanks the customer. */
async function finish(rt: ConversationRuntime, state: SurveyState, comment: string | null, at: number, thank: boolean): Promise<void> {
  const score = state.score;
  if (score === null) return;
  await db(rt.env.DB)
    .update(schema.csatResponses)
    .set({ status: "done", comment, commentedAt: comment === null ? null : at, commentUntil: null })
    .where(eq(schema.csatResponses.id, state.responseId));
  rt.transaction(() => {
    rt.store.setMeta(STATE, null);
    awaitAnswer(rt, null);
    rt.store.finishJob(CLOSE_JOB);
    emit(
      rt,
      "csat.rated",
      { responseId: state.responseId, score, comment, agentId: state.agentId, teamId: state.teamId, trigger: state.trigger, sentAt: state.sentAt, ratedAt: state.ratedAt ?? at },
      { kind: "customer" },
      { at },
    );
  });
  if (thank) {
    const meta = rt.requireMeta();
    const texts = surveyTexts(await loadCsatSettings(rt.env.DB, { id: meta.channelId, workspaceId: meta.workspaceId }), state.language);
    await sendMessage(rt, { agent: { id: null, name: SURVEY_SENDER }, messages: [{ type: "text", text: texts.thanks }], preview: { type: "text", text: texts.thanks }, origin: { kind: "automation", rule: "csat" } });
  }
  await rt.scheduleAlarm();
}
