// The keyword rule form: name, keywords (one per line), match mode, priority,
// time window, and up to five message slots of any type plus quick-reply
// buttons. Parsed into a RuleInput or per-field errors; the preview uses the
// slots that are valid even while others are not.
import { z } from "zod";
import type { QuickReplyButton } from "../conversations/model";
import { type MessageKey, type Params, t } from "../ui/i18n";
import { type MatchMode, MATCH_MODES, normalizeText, patternProblem } from "./match";
import { FLEX_JSON_MAX, MAX_MESSAGES, MAX_QUICK_REPLIES, quickReplySchema, type ReplyMessage, replyMessageSchema } from "./replies";
import type { RuleInput } from "./rules";
import type { ActiveWindow } from "./settings";

export const SLOT_TYPES = ["text", "sticker", "image", "video", "audio", "location", "flex", "coupon"] as const;
export type SlotType = (typeof SLOT_TYPES)[number];
export const SLOT_FIELDS = ["type", "text", "sticker", "url", "preview", "duration", "title", "address", "lat", "lng", "alt", "json", "coupon"] as const;
export const ACTIVE_WINDOWS: readonly ActiveWindow[] = ["always", "in_hours", "out_of_hours"];
/** A zod message in the reader's language (evaluated when a value fails, never at module load). */
const msg = (key: MessageKey, params?: Params) => ({ error: () => t(key, params) });
const MAX_KEYWORDS = 20;
const KEYWORD_MAX = 100;

export type RuleFormValues = Record<string, string>;
export type FormErrors = Partial<Record<string, string>>;

export const slotField = (i: number, f: (typeof SLOT_FIELDS)[number]) => `m${i}_${f}`;

function str(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  return typeof v === "string" ? v.replace(/\r\n/g, "\n") : "";
}

/** The submitted text of every field, to put back into the form. */
export function ruleFormValues(body: Record<string, unknown>): RuleFormValues {
  const keys = ["name", "keywords", "matchMode", "priority", "activeWindow", "enabled", "qr"];
  for (let i = 0; i < MAX_MESSAGES; i++) for (const f of SLOT_FIELDS) keys.push(slotField(i, f));
  return Object.fromEntries(keys.map((k) => [k, str(body, k)]));
}

/** The form values of a stored rule (for editing). */
export function valuesOfRule(rule: RuleInput): RuleFormValues {
  const v: RuleFormValues = {
    name: rule.name,
    keywords: rule.keywords.join("\n"),
    matchMode: rule.matchMode,
    priority: String(rule.priority),
    activeWindow: rule.activeWindow,
    enabled: rule.enabled ? "on" : "",
  };
  return { ...v, ...valuesOfReply(rule.reply) };
}

/** The message slots (m0_type, m0_text…) and quick-reply lines (qr) of a reply, as form values. */
export function valuesOfReply(reply: RuleInput["reply"]): RuleFormValues {
  const v: RuleFormValues = { qr: reply.quickReplies.map((b) => (b.text === b.label ? b.label : `${b.label} | ${b.text}`)).join("\n") };
  reply.messages.forEach((m, i) => {
    const set = (f: (typeof SLOT_FIELDS)[number], value: string | number) => (v[slotField(i, f)] = String(value));
    set("type", m.type);
    if (m.type === "text") set("text", m.text);
    if (m.type === "sticker") set("sticker", `${m.packageId}/${m.stickerId}`);
    if (m.type === "image" || m.type === "video") (set("url", m.url), set("preview", m.previewUrl));
    if (m.type === "audio") (set("url", m.url), set("duration", m.durationMs / 1000));
    if (m.type === "location") (set("title", m.title), set("address", m.address), set("lat", m.latitude), set("lng", m.longitude));
    if (m.type === "flex") (set("alt", m.altText), set("json", JSON.stringify(m.contents, null, 2)));
    if (m.type === "coupon") set("coupon", m.couponId);
  });
  return v;
}

const FIELD_OF: Record<string, (typeof SLOT_FIELDS)[number]> = {
  text: "text",
  packageId: "sticker",
  stickerId: "sticker",
  url: "url",
  previewUrl: "preview",
  durationMs: "duration",
  title: "title",
  address: "address",
  latitude: "lat",
  longitude: "lng",
  altText: "alt",
  contents: "json",
  couponId: "coupon",
};

const num = (s: string): number => (s.trim() === "" ? Number.NaN : Number(s.trim().replace(",", ".")));

/** One slot as a message definition, or an error on one of its fields. */
function parseSlot(v: RuleFormValues, i: number): { message?: ReplyMessage; field?: string; error?: string } {
  const get = (f: (typeof SLOT_FIELDS)[number]) => v[slotField(i, f)] ?? "";
  const type = get("type");
  if (!type) return {};
  if (!(SLOT_TYPES as readonly string[]).includes(type)) return { field: slotField(i, "type"), error: t("automation.invalid.slotType") };
  let candidate: Record<string, unknown> = { type };
  if (type === "text") candidate.text = get("text");
  if (type === "sticker") {
    const [packageId = "", stickerId = ""] = get("sticker").trim().split("/");
    candidate = { type, packageId, stickerId };
  }
  if (type === "image" || type === "video") candidate = { type, url: get("url"), previewUrl: get("preview") || get("url") };
  if (type === "audio") candidate = { type, url: get("url"), durationMs: Math.round(num(get("duration")) * 1000) || 0 };
  if (type === "location") candidate = { type, title: get("title"), address: get("address"), latitude: num(get("lat")), longitude: num(get("lng")) };
  if (type === "coupon") candidate = { type, couponId: get("coupon") };
  if (type === "flex") {
    const json = get("json").trim();
    if (!json) return { field: slotField(i, "json"), error: t("automation.invalid.flexMissing") };
    if (json.length > FLEX_JSON_MAX) return { field: slotField(i, "json"), error: t("automation.invalid.flexLong", { max: FLEX_JSON_MAX }) };
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (error) {
      return { field: slotField(i, "json"), error: t("automation.invalid.flexSyntax", { reason: error instanceof Error ? error.message : "SyntaxError" }) };
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { field: slotField(i, "json"), error: t("automation.invalid.flexObject") };
    // A whole flex message pasted from LINE's Flex Message Simulator: take its parts.
    const whole = parsed as Record<string, unknown>;
    const contents = whole.type === "flex" ? whole.contents : whole;
    const altText = get("alt").trim() || (whole.type === "flex" && typeof whole.altText === "string" ? whole.altText : "");
    candidate = { type, altText, contents };
  }
  const result = replyMessageSchema.safeParse(candidate);
  if (result.success) return { message: result.data };
  const issue = result.error.issues[0];
  const key = typeof issue?.path[0] === "string" ? issue.path[0] : "";
  return { field: slotField(i, FIELD_OF[key] ?? (type === "sticker" ? "sticker" : "type")), error: issue?.message ?? t("automation.invalid.checkMessage") };
}

/** The valid messages and quick replies (for the preview), with the errors of the others. */
export function parseReply(v: RuleFormValues): { messages: ReplyMessage[]; quickReplies: QuickReplyButton[]; errors: FormErrors } {
  const errors: FormErrors = {};
  const messages: ReplyMessage[] = [];
  for (let i = 0; i < MAX_MESSAGES; i++) {
    const slot = parseSlot(v, i);
    if (slot.message) messages.push(slot.message);
    else if (slot.field && slot.error) errors[slot.field] = t("automation.invalid.inMessage", { n: i + 1, error: slot.error });
  }
  const quickReplies: QuickReplyButton[] = [];
  const lines = (v.qr ?? "").split("\n").map((l) => l.trim()).filter(Boolean);
  for (const [n, line] of lines.entries()) {
    const [label = "", ...rest] = line.split("|");
    const parsed = quickReplySchema.safeParse({ label: label.trim(), text: rest.join("|").trim() || label.trim() });
    if (parsed.success) quickReplies.push(parsed.data);
    else errors.qr ??= t("automation.invalid.inButton", { n: n + 1, error: parsed.error.issues[0]?.message ?? t("automation.invalid.checkMessage") });
  }
  if (quickReplies.length > MAX_QUICK_REPLIES) errors.qr = t("automation.invalid.tooManyButtons", { max: MAX_QUICK_REPLIES, count: quickReplies.length });
  return { messages, quickReplies, errors };
}

const ruleFields = z.object({
  name: z.string().trim().min(1, msg("automation.invalid.ruleName")).max(60, msg("automation.invalid.ruleNameLong", { max: 60 })),
  matchMode: z.enum(MATCH_MODES as [MatchMode, ...MatchMode[]], msg("automation.invalid.matchMode")),
  priority: z.preprocess(
    (s) => (typeof s === "string" && s.trim() ? Number(s) : 10),
    z.number(msg("automation.invalid.priorityNumber")).int(msg("automation.invalid.priorityNumber")).min(1, msg("automation.invalid.priorityRange")).max(100, msg("automation.invalid.priorityRange")),
  ),
  activeWindow: z.enum(ACTIVE_WINDOWS as [ActiveWindow, ...ActiveWindow[]], msg("automation.invalid.window")),
});

export function parseKeywords(text: string, mode: MatchMode | undefined): { keywords: string[]; error?: string } {
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const key = mode === "regex" ? line : normalizeText(line);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    keywords.push(line);
  }
  if (!keywords.length) return { keywords, error: t("automation.invalid.noKeyword") };
  if (keywords.length > MAX_KEYWORDS) return { keywords, error: t("automation.invalid.tooManyKeywords", { max: MAX_KEYWORDS }) };
  for (const [i, k] of keywords.entries()) {
    if (mode === "regex") {
      const problem = patternProblem(k);
      if (problem) return { keywords, error: t("automation.invalid.pattern", { n: i + 1, pattern: k, problem }) };
    } else if ([...k].length > KEYWORD_MAX) return { keywords, error: t("automation.invalid.keywordLong", { max: KEYWORD_MAX }) };
  }
  return { keywords };
}

export function parseRuleForm(body: Record<string, unknown>): { values: RuleFormValues; input: RuleInput | null; errors: FormErrors } {
  const values = ruleFormValues(body);
  const errors: FormErrors = {};
  const fields = ruleFields.safeParse(values);
  if (!fields.success) for (const issue of fields.error.issues) errors[String(issue.path[0] ?? "_form")] ??= issue.message;
  const keywords = parseKeywords(values.keywords ?? "", fields.success ? fields.data.matchMode : undefined);
  if (keywords.error) errors.keywords = keywords.error;
  const reply = parseReply(values);
  Object.assign(errors, reply.errors);
  if (!reply.messages.length && !Object.keys(reply.errors).some((k) => k.startsWith("m"))) errors.m0_type = t("automation.invalid.noMessage");
  if (Object.keys(errors).length || !fields.success) return { values, input: null, errors };
  return { values, errors, input: { ...fields.data, keywords: keywords.keywords, reply: { messages: reply.messages, quickReplies: reply.quickReplies }, enabled: values.enabled === "on" || values.enabled === "1" } };
}
