// zod schemas for the automation settings forms (business hours, holidays, the
// automatic messages) with messages an admin can act on. Weekly hours are typed
// as text, one line per day: "09:00-12:00, 13:00-18:00"; empty is closed.
import { z } from "zod";
import type { OpeningRange } from "../db/schema/automation";
import { isTimeZone, minuteLabel } from "./hours";
import { TEMPLATE_VARIABLES, TEXT_MAX } from "./replies";

export const ID_PATTERN = /^[a-z]{2,8}_[0-9a-z]{20}$/;
export const channelQuery = z.object({ channel: z.string().regex(ID_PATTERN).optional().catch(undefined) });
export const idParam = z.object({ id: z.string().regex(ID_PATTERN) });

const MAX_RANGES = 6;
const RANGE = /^(\d{1,2})(?::(\d{2}))?\s*[-–—~〜]\s*(\d{1,2})(?::(\d{2}))?$/;

/** "09:00-12:00, 13:00-18:00" → ranges; "" → closed; "24h" → all day. Throws a message for the form. */
export function parseRanges(text: string): OpeningRange[] {
  const t = text.normalize("NFKC").trim().toLowerCase();
  if (!t || t === "closed") return [];
  if (t === "24h" || t === "all day" || t === "24 hours") return [{ start: 0, end: 1440 }];
  const ranges = t.split(/\s*[,;、]\s*|\s+(?=\d{1,2}(?::\d{2})?\s*[-–—~〜])/).filter(Boolean).map((part) => {
    const m = RANGE.exec(part);
    if (!m) throw new Error(`“${part}” is not a time range; write it like 09:00-18:00`);
    const [h1, m1, h2, m2] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3]), Number(m[4] ?? 0)];
    if (h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59 || (h2 === 24 && m2 > 0)) throw new Error(`“${part}” has a time that does not exist`);
    const range = { start: h1 * 60 + m1, end: h2 * 60 + m2 };
    if (range.start === range.end) throw new Error(`“${part}” starts and ends at the same time; for all day write 00:00-24:00`);
    return range;
  });
  if (ranges.length > MAX_RANGES) throw new Error(`At most ${MAX_RANGES} ranges per day`);
  // Compare as minutes of the week-day, overnight ranges running to 24:00 then on into the next day.
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as OpeningRange;
    const cur = sorted[i] as OpeningRange;
    const prevEnd = prev.end <= prev.start ? 1440 : prev.end;
    if (cur.start < prevEnd) throw new Error(`${minuteLabel(prev.start)}-${minuteLabel(prev.end)} and ${minuteLabel(cur.start)}-${minuteLabel(cur.end)} overlap`);
  }
  if (sorted.filter((r) => r.end <= r.start).length > 1) throw new Error("Only one range per day can run past midnight");
  return sorted;
}

const dayField = z.string().default("").transform((text, ctx) => {
  try {
    return parseRanges(text);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : "Check this day" });
    return z.NEVER;
  }
});

export const hoursForm = z.object({
  timeZone: z.string({ error: "Choose a time zone" }).trim().min(1, "Choose a time zone").refine(isTimeZone, "Choose a time zone from the list (like Asia/Tokyo)"),
  day0: dayField,
  day1: dayField,
  day2: dayField,
  day3: dayField,
  day4: dayField,
  day5: dayField,
  day6: dayField,
});

const isoDate = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${what} as a date`)
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), `The ${what} is not a real date`);

export const holidayForm = z
  .object({
    name: z.string().trim().min(1, "Give the closure a name (e.g. New Year)").max(60, "Names can have at most 60 characters"),
    startDate: isoDate("first day"),
    endDate: z.preprocess((v) => (typeof v === "string" && v.trim() ? v : undefined), isoDate("last day").optional()),
  })
  .transform((h) => ({ name: h.name, startDate: h.startDate, endDate: h.endDate ?? h.startDate }))
  .refine((h) => h.endDate >= h.startDate, { message: "The last day cannot be before the first day", path: ["endDate"] })
  .refine((h) => Date.parse(h.endDate) - Date.parse(h.startDate) <= 366 * 86_400_000, { message: "A closure can last at most a year", path: ["endDate"] });

export const awayNowForm = z.object({ awayNow: z.enum(["on", "off"], { error: "Choose on or off" }) });

const checkbox = z.preprocess((v) => (v === "on" || v === "1" || v === "true" ? 1 : 0), z.union([z.literal(0), z.literal(1)]));
const known = new Set<string>(TEMPLATE_VARIABLES.map((v) => v.replace(/[{}\s]/g, "")));

/** A message text: CRLF normalised, within LINE's limit, only known {{variables}}. */
function messageText(label: string, required: boolean) {
  return z.preprocess(
    (t) => (typeof t === "string" ? t.replace(/\r\n/g, "\n") : ""),
    z
      .string()
      .trim()
      .refine((s) => !required || s.length > 0, `Write the ${label}`)
      .refine((s) => [...s].length <= TEXT_MAX, `The ${label} can have at most ${TEXT_MAX} characters`)
      .superRefine((s, ctx) => {
        for (const m of s.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
          if (!known.has(m[1] ?? "")) ctx.addIssue({ code: "custom", message: `Unknown variable {{${m[1]}}}: use ${TEMPLATE_VARIABLES.join(", ")}` });
        }
      }),
  );
}

const intIn = (what: string, min: number, max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() ? Number(v) : v), z.number({ error: `Enter ${what} as a number` }).int(`Enter ${what} as a whole number`).min(min, `${what} must be at least ${min}`).max(max, `${what} can be at most ${max}`));

/** One form per automatic message (the settings row's fields it changes). */
export const MESSAGE_SECTIONS = {
  greeting: z.object({ greetingEnabled: checkbox, greetingText: messageText("greeting", true), greetingUnblockedText: messageText("welcome-back text", false), greetingFirstOnly: checkbox }),
  away: z.object({ awayEnabled: checkbox, awayText: messageText("away message", true), quietMinutes: intIn("The quiet period", 5, 10_080) }),
  open_again: z.object({ openAgainEnabled: checkbox, openAgainText: messageText("message", true) }),
  no_agent: z.object({ noAgentEnabled: checkbox, noAgentText: messageText("message", true) }),
  queue: z.object({ queueEnabled: checkbox, queueText: messageText("queue message", true), queueMaxUpdates: intIn("The number of updates", 0, 10) }),
  keyword_list: z.object({
    keywordListEnabled: checkbox,
    keywordListCommand: z.string({ error: "Enter the command word" }).trim().min(1, "Enter the command word").max(30, "The command word can have at most 30 characters"),
    keywordListText: messageText("text above the buttons", true),
  }),
  auto_resolve: z.object({ autoResolveEnabled: checkbox, autoResolveHours: intIn("The number of hours", 1, 720) }),
} as const;
export type MessageSection = keyof typeof MESSAGE_SECTIONS;
export const sectionParam = z.object({ section: z.enum(Object.keys(MESSAGE_SECTIONS) as [MessageSection, ...MessageSection[]]) });
