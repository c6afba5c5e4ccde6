// Automation settings per channel in D1: the settings row (hours, switches,
// message texts), holidays and the active keyword rules, loaded together for
// the engine and the cron; saved from the settings pages with an audit entry.
import { and, asc, eq } from "drizzle-orm";
import { auditInsert } from "../db/audit";
import { db, schema } from "../db/client";
import type { WeeklyHours } from "../db/schema/automation";
import { newId } from "../lib/ids";
import { KeptReads } from "../lib/kept-reads";
import type { LanguageCode } from "../lib/locales";
import { customerLanguage } from "./customer-text";
import type { Schedule } from "./hours";
import { type MatchMode, MATCH_MODES } from "./match";
import { type ReplyDefinition, replyDefinitionSchema } from "./replies";

export type AutomationSettings = typeof schema.automationSettings.$inferSelect;
export type Holiday = typeof schema.holidays.$inferSelect;
export type ActiveWindow = "always" | "in_hours" | "out_of_hours";

export interface KeywordRule {
  id: string;
  channelId: string;
  name: string;
  keywords: string[];
  matchMode: MatchMode;
  priority: number;
  activeWindow: ActiveWindow;
  reply: ReplyDefinition;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface ChannelAutomation {
  channelName: string;
  /** The workspace's language: what {{next_open}} and {{wait}} are written in. */
  language: LanguageCode;
  settings: AutomationSettings;
  holidays: Holiday[];
  /** Enabled rules, checked in this order (priority, then oldest first). */
  rules: KeywordRule[];
}

const NINE_TO_SIX = [{ start: 540, end: 1080 }];
export const DEFAULT_WEEKLY_HOURS: WeeklyHours = [[], NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, []];

export const DEFAULT_TEXTS = {
  awayText: "Thanks for your message, {{contact.name}}! We're closed right now and will reply when we open again ({{next_open}}).",
  noAgentText: "Thanks for your message! Nobody from our team is available this minute; we'll answer as soon as someone is free.",
  openAgainText: "We're open again! Thanks for waiting — someone from our team will answer your message shortly.",
  greetingText: "Hi {{contact.name}}, thanks for adding {{channel.name}} as a friend! Write to us any time. Send “help” to see what we can answer right away.",
  greetingUnblockedText: "Welcome back, {{contact.name}}!",
  queueText: "You're number {{position}} in line. Expected wait: {{wait}}.",
  keywordListText: "Here's what we can answer right away. Tap a keyword:",
} as const;

/** A settings row with every default (nothing is sent until an admin switches it on). */
export function defaultSettings(channelId: string, workspaceId: string, now = Date.now()): AutomationSettings {
  return {
    channelId,
    workspaceId,
    timeZone: "Asia/Tokyo",
    weeklyHours: DEFAULT_WEEKLY_HOURS,
    awayNow: 0,
    awayNowSince: null,
    awayEnabled: 0,
    quietMinutes: 240,
    noAgentEnabled: 0,
    openAgainEnabled: 0,
    greetingEnabled: 0,
    greetingFirstOnly: 0,
    queueEnabled: 0,
    queueMaxUpdates: 3,
    keywordListEnabled: 0,
    keywordListCommand: "help",
    autoResolveEnabled: 0,
    autoResolveHours: 24,
    hoursState: null,
    hoursStateSince: null,
    createdAt: now,
    updatedAt: now,
    ...DEFAULT_TEXTS,
  };
}

export function scheduleOf(settings: Pick<AutomationSettings, "timeZone" | "weeklyHours" | "awayNow">, holidays: Array<Pick<Holiday, "startDate" | "endDate">>): Schedule {
  return { timeZone: settings.timeZone, weekly: settings.weeklyHours, holidays, awayNow: settings.awayNow === 1 };
}

export function toRule(row: typeof schema.keywordRules.$inferSelect): KeywordRule | null {
  const reply = replyDefinitionSchema.safeParse(row.reply);
  if (!reply.success || !MATCH_MODES.includes(row.matchMode)) return null;
  return {
    id: row.id,
    channelId: row.channelId,
    name: row.name,
    keywords: row.keywords,
    matchMode: row.matchMode,
    priority: row.priority,
    activeWindow: row.activeWindow,
    reply: reply.data,
    enabled: row.enabled === 1,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Each channel's automation config, cached per isolate for a few seconds: the
 * engine runs after every customer message, and at light load this read was
 * most of the per-message D1 work. Every change through this module clears the
 * cache in its isolate; other isolates see a change within CONFIG_TTL_MS.
 */
export const CONFIG_TTL_MS = 5_000;
const configCache = new KeptReads<ChannelAutomation | null>({ ttlMs: CONFIG_TTL_MS, max: 1000 });

/** Drops cached config (one channel, or all) — after any change to settings, holidays or rules. */
export function forgetChannelAutomation(channelId?: string): void {
  configCache.forget(channelId);
}

/** Everything the engine needs for one channel, or null when automation was never set up there. */
export function loadChannelAutomation(d1: D1Database, channelId: string, now = Date.now()): Promise<ChannelAutomation | null> {
  return configCache.get(channelId, now, () => readChannelAutomation(d1, channelId));
}

async function readChannelAutomation(d1: D1Database, channelId: string): Promise<ChannelAutomation | null> {
  const d = db(d1);
  const [settings, holidays, rules, channel] = await d.batch([
    d.select().from(schema.automationSettings).where(eq(schema.automationSettings.channelId, channelId)),
    d.select().from(schema.holidays).where(eq(schema.holidays.channelId, channelId)),
    d
      .select()
      .from(schema.keywordRules)
      .where(and(eq(schema.keywordRules.channelId, channelId), eq(schema.keywordRules.enabled, 1)))
      .orderBy(asc(schema.keywordRules.priority), asc(schema.keywordRules.createdAt)),
    d
      .select({ name: schema.channels.name, language: schema.workspaces.language })
      .from(schema.channels)
      .innerJoin(schema.workspaces, eq(schema.workspaces.id, schema.channels.workspaceId))
      .where(eq(schema.channels.id, channelId)),
  ]);
  const row = settings[0];
  const hasRules = rules.length > 0;
  if (!row && !hasRules) return null;
  const base = row ?? defaultSettings(channelId, rules[0]?.workspaceId ?? "", 0);
  return {
    channelName: channel[0]?.name ?? "",
    language: customerLanguage(channel[0]?.language),
    settings: base,
    holidays,
    rules: rules.map(toRule).filter((r): r is KeywordRule => r !== null),
  };
}

/** The stored row, or the defaults (not stored) for a channel never set up. */
export async function settingsFor(d1: D1Database, channel: { id: string; workspaceId: string }): Promise<AutomationSettings> {
  const row = await db(d1).select().from(schema.automationSettings).where(eq(schema.automationSettings.channelId, channel.id)).get();
  return row ?? defaultSettings(channel.id, channel.workspaceId);
}

export type SettingsChange = Partial<Omit<AutomationSettings, "channelId" | "workspaceId" | "createdAt" | "updatedAt" | "hoursState" | "hoursStateSince">>;

/** Upserts part of a channel's settings and records who changed what. */
export async function saveSettings(d1: D1Database, who: { workspaceId: string; actorId: string }, channelId: string, change: SettingsChange, section: string, now = Date.now()): Promise<void> {
  forgetChannelAutomation();
  const d = db(d1);
  const insert = { ...defaultSettings(channelId, who.workspaceId, now), ...change, updatedAt: now };
  await d.batch([
    d.insert(schema.automationSettings).values(insert).onConflictDoUpdate({ target: schema.automationSettings.channelId, set: { ...change, updatedAt: now } }),
    auditInsert(d1, { workspaceId: who.workspaceId, actorId: who.actorId, action: `automation.${section}.updated`, targetType: "channel", targetId: channelId, data: { fields: Object.keys(change) } }, now),
  ]);
}

export async function listHolidays(d1: D1Database, channelId: string): Promise<Holiday[]> {
  return db(d1).select().from(schema.holidays).where(eq(schema.holidays.channelId, channelId)).orderBy(asc(schema.holidays.startDate)).all();
}

export async function addHoliday(d1: D1Database, who: { workspaceId: string; actorId: string }, channelId: string, h: { name: string; startDate: string; endDate: string }, now = Date.now()): Promise<Holiday> {
  forgetChannelAutomation();
  const d = db(d1);
  const row: Holiday = { id: newId("hol", now), workspaceId: who.workspaceId, channelId, ...h, createdAt: now };
  await d.batch([
    d.insert(schema.holidays).values(row),
    auditInsert(d1, { workspaceId: who.workspaceId, actorId: who.actorId, action: "automation.holiday.created", targetType: "channel", targetId: channelId, data: h }, now),
  ]);
  return row;
}

/** Deletes a holiday of this workspace; false when there is none with that id. */
export async function deleteHoliday(d1: D1Database, who: { workspaceId: string; actorId: string }, id: string, now = Date.now()): Promise<boolean> {
  forgetChannelAutomation();
  const d = db(d1);
  const where = and(eq(schema.holidays.id, id), eq(schema.holidays.workspaceId, who.workspaceId));
  const row = await d.select().from(schema.holidays).where(where).get();
  if (!row) return false;
  await d.batch([
    d.delete(schema.holidays).where(where),
    auditInsert(d1, { workspaceId: who.workspaceId, actorId: who.actorId, action: "automation.holiday.deleted", targetType: "channel", targetId: row.channelId, data: { name: row.name, startDate: row.startDate } }, now),
  ]);
  return true;
}

/** The workspace's channels, oldest first (the settings pages' channel picker). */
export async function workspaceChannels(d1: D1Database, workspaceId: string): Promise<Array<{ id: string; name: string; workspaceId: string }>> {
  return db(d1)
    .select({ id: schema.channels.id, name: schema.channels.name, workspaceId: schema.channels.workspaceId })
    .from(schema.channels)
    .where(eq(schema.channels.workspaceId, workspaceId))
    .orderBy(asc(schema.channels.createdAt))
    .all();
}
