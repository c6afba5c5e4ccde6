// zod schemas for the automation settings forms (business hours, holidays, the
// automatic messages) with messages an admin can act on. Weekly hours are typed
// as text, one line per day: "09:00-12:00, 13:00-18:00"; empty is closed.
import { z } from "zod";
import type { OpeningRange } from "../db/schema/automation";
import { type MessageKey, type Params, t } from "../ui/i18n";
import { isTimeZone, minuteLabel } from "./hours";
import { TEMPLATE_VARIABLES, TEXT_MAX } from "./replies";

/** A zod message in the reader's language (evaluated when a value fails, never at module load). */
const msg = (key: MessageKey, params?: Params) => ({ error: () => t(key, params) });

export const ID_PATTERN = /^[a-z]{2,8}_[0-9a-z]{20}$/;
export const channelQuery = z.object({ channel: z.string().regex(ID_PATTERN).optional().catch(undefined) });
export const idParam = z.object({ id: z.string().regex(ID_PATTERN) });

const MAX_RANGES = 6;
const RANGE = /^(\d{1,2})(?::(\d{2}))?\s*[-–—~〜]\s*(\d{1,2})(?::(\d{2}))?$/;

/** "09:00-12:00, 13:00-18:00" → ranges; "" → closed; "24h" → all day. Throws a message for the form. */
export function parseRanges(text: string): OpeningRange[] {
  const input = text.normalize("NFKC").trim().toLowerCase();
  if (!input || input === "closed") return [];
  if (input === "24h" || input === "all day" || input === "24 hours") return [{ start: 0, end: 1440 }];
  const ranges = input.split(/\s*[,;、]\s*|\s+(?=\d{1,2}(?::\d{2})?\s*[-–—~〜])/).filter(Boolean).map((part) => {
    const m = RANGE.exec(part);
    if (!m) throw new Error(t("automation.invalid.notRange", { part }));
    const [h1, m1, h2, m2] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3]), Number(m[4] ?? 0)];
    if (h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59 || (h2 === 24 && m2 > 0)) throw new Error(t("automation.invalid.noSuchTime", { part }));
    const range = { start: h1 * 60 + m1, end: h2 * 60 + m2 };
    if (range.start === range.end) throw new Error(t("automation.invalid.emptyRange", { part }));
    return range;
  });
  if (ranges.length > MAX_RANGES) throw new Error(t("automation.invalid.tooManyRanges", { max: MAX_RANGES }));
  // Compare as minutes of the week-day, overnight ranges running to 24:00 then on into the next day.
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as OpeningRange;
    const cur = sorted[i] as OpeningRange;
    const prevEnd = prev.end <= prev.start ? 1440 : prev.end;
    if (cur.start < prevEnd) throw new Error(t("automation.invalid.overlap", { first: `${minuteLabel(prev.start)}-${minuteLabel(prev.end)}`, second: `${minuteLabel(cur.start)}-${minuteLabel(cur.end)}` }));
  }
  if (sorted.filter((r) => r.end <= r.start).length > 1) throw new Error(t("automation.invalid.twoOvernight"));
  return sorted;
}

const dayField = z.string().default("").transform((text, ctx) => {
  try {
    return parseRanges(text);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : t("automation.invalid.checkDay") });
    return z.NEVER;
  }
});

export const hoursForm = z.object({
  timeZone: z.string(msg("automation.invalid.timeZone")).trim().min(1, msg("automation.invalid.timeZone")).refine(isTimeZone, msg("automation.invalid.timeZoneUnknown")),
  day0: dayField,
  day1: dayField,
  day2: dayField,
  day3: dayField,
  day4: dayField,
  day5: dayField,
  day6: dayField,
});

const isoDate = (notADate: MessageKey, notReal: MessageKey) =>
  z
    .string(msg(notADate))
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, msg(notADate))
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), msg(notReal));

export const holidayForm = z
  .object({
    name: z.string(msg("automation.invalid.closureName")).trim().min(1, msg("automation.invalid.closureName")).max(60, msg("automation.invalid.closureNameLong", { max: 60 })),
    startDate: isoDate("automation.invalid.firstDay", "automation.invalid.firstDayReal"),
    endDate: z.preprocess((v) => (typeof v === "string" && v.trim() ? v : undefined), isoDate("automation.invalid.lastDay", "automation.invalid.lastDayReal").optional()),
  })
  .transform((h) => ({ name: h.name, startDate: h.startDate, endDate: h.endDate ?? h.startDate }))
  .refine((h) => h.endDate >= h.startDate, { ...msg("automation.invalid.lastBeforeFirst"), path: ["endDate"] })
  .refine((h) => Date.parse(h.endDate) - Date.parse(h.startDate) <= 366 * 86_400_000, { ...msg("automation.invalid.closureLong"), path: ["endDate"] });

export const awayNowForm = z.object({ awayNow: z.enum(["on", "off"], msg("automation.invalid.onOff")) });

const checkbox = z.preprocess((v) => (v === "on" || v === "1" || v === "true" ? 1 : 0), z.union([z.literal(0), z.literal(1)]));
const known = new Set<string>(TEMPLATE_VARIABLES.map((v) => v.replace(/[{}\s]/g, "")));

/** A message text: CRLF normalised, within LINE's limit, only known {{variables}}. `what` names it in errors. */
function messageText(what: MessageKey, required: boolean) {
  return z.preprocess(
    (t) => (typeof t === "string" ? t.replace(/\r\n/g, "\n") : ""),
    z
      .string()
      .trim()
      .refine((s) => !required || s.length > 0, { error: () => t("automation.invalid.writeText", { what: t(what) }) })
      .refine((s) => [...s].length <= TEXT_MAX, { error: () => t("automation.invalid.textLong", { what: t(what), max: TEXT_MAX }) })
      .superRefine((s, ctx) => {
        for (const m of s.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
          if (!known.has(m[1] ?? "")) ctx.addIssue({ code: "custom", message: t("automation.invalid.unknownVariable", { variable: `{{${m[1]}}}`, variables: TEMPLATE_VARIABLES.join(", ") }) });
        }
      }),
  );
}

const intIn = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() ? Number(v) : v),
    z.number(msg("automation.invalid.number")).int(msg("automation.invalid.wholeNumber")).min(min, msg("automation.invalid.atLeast", { min })).max(max, msg("automation.invalid.atMost", { max })),
  );

/** One form per automatic message (the settings row's fields it changes). */
export const MESSAGE_SECTIONS = {
  greeting: z.object({ greetingEnabled: checkbox, greetingText: messageText("automation.what.greeting", true), greetingUnblockedText: messageText("automation.what.welcomeBack", false), greetingFirstOnly: checkbox }),
  away: z.object({ awayEnabled: checkbox, awayText: messageText("automation.what.away", true), quietMinutes: intIn(5, 10_080) }),
  open_again: z.object({ openAgainEnabled: checkbox, openAgainText: messageText("automation.what.message", true) }),
  no_agent: z.object({ noAgentEnabled: checkbox, noAgentText: messageText("automation.what.message", true) }),
  queue: z.object({ queueEnabled: checkbox, queueText: messageText("automation.what.queue", true), queueMaxUpdates: intIn(0, 10) }),
  keyword_list: z.object({
    keywordListEnabled: checkbox,
    keywordListCommand: z.string(msg("automation.invalid.command")).trim().min(1, msg("automation.invalid.command")).max(30, msg("automation.invalid.commandLong", { max: 30 })),
    keywordListText: messageText("automation.what.buttonsText", true),
  }),
  auto_resolve: z.object({ autoResolveEnabled: checkbox, autoResolveHours: intIn(1, 720) }),
} as const;
export type MessageSection = keyof typeof MESSAGE_SECTIONS;
export const sectionParam = z.object({ section: z.enum(Object.keys(MESSAGE_SECTIONS) as [MessageSection, ...MessageSection[]]) });
