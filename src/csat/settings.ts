// A channel's CSAT settings (csat_settings): whether resolving sends the survey,
// the "only if an agent answered" and repeat rules, and the texts it overrides
// per customer language. No row means the defaults (off on resolve).
import { eq } from "drizzle-orm";
import { db, schema } from "../db/client";
import { forgetWorkspaceFeatures } from "../db/workspace-features";
import type { CsatTextOverrides } from "../db/schema/csat";
import type { LanguageCode } from "../lib/locales";
import { type MessageKey, tIn } from "../ui/i18n";

export type CsatSettings = typeof schema.csatSettings.$inferSelect;

export const TEXT_MAX = 300;
export const TEXT_FIELDS = ["question", "commentPrompt", "skip", "thanks"] as const satisfies ReadonlyArray<keyof CsatTextOverrides>;
export type TextField = (typeof TEXT_FIELDS)[number];

export function defaultCsatSettings(channelId: string, workspaceId: string, now = Date.now()): CsatSettings {
  return { channelId, workspaceId, onResolve: 0, onlyIfAgentAnswered: 1, minDaysBetween: 7, texts: {}, updatedAt: now };
}

export async function loadCsatSettings(d1: D1Database, channel: { id: string; workspaceId: string }): Promise<CsatSettings> {
  const row = await db(d1).select().from(schema.csatSettings).where(eq(schema.csatSettings.channelId, channel.id)).get();
  return row ?? defaultCsatSettings(channel.id, channel.workspaceId);
}

export async function saveCsatSettings(d1: D1Database, settings: CsatSettings): Promise<void> {
  const { channelId: _c, ...changes } = settings;
  await db(d1).insert(schema.csatSettings).values(settings).onConflictDoUpdate({ target: schema.csatSettings.channelId, set: changes });
  forgetWorkspaceFeatures(settings.workspaceId);
}

const DEFAULT_KEYS: Record<TextField, MessageKey> = {
  question: "csat.customer.question",
  commentPrompt: "csat.customer.commentPrompt",
  skip: "csat.customer.skip",
  thanks: "csat.customer.thanks",
};

/** The texts the customer gets: the channel's override for their language, else the built-in translation. */
export function surveyTexts(settings: Pick<CsatSettings, "texts">, language: LanguageCode): Record<TextField, string> & { scores: string[] } {
  const own = settings.texts[language] ?? {};
  const pick = (field: TextField) => own[field]?.trim() || tIn(language, DEFAULT_KEYS[field]);
  return {
    question: pick("question"),
    commentPrompt: pick("commentPrompt"),
    skip: pick("skip"),
    thanks: pick("thanks"),
    scores: [1, 2, 3, 4, 5].map((n) => tIn(language, `csat.customer.score.${n}` as MessageKey)),
  };
}
