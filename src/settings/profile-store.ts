// The signed-in person's own profile settings in D1: language (null: Automatic)
// and time zone (null: the workspace's), with the workspace's defaults to show.
import { and, eq } from "drizzle-orm";
import { db, schema } from "../db/client";
import type { LanguageCode } from "../lib/locales";
import { matchLanguage } from "../ui/i18n";

export interface ProfileSettings {
  language: LanguageCode | null;
  timeZone: string | null;
  workspaceLanguage: LanguageCode;
  workspaceTimeZone: string;
}

export async function loadProfile(d1: D1Database, workspaceId: string, userId: string): Promise<ProfileSettings> {
  const u = schema.users;
  const w = schema.workspaces;
  const row = await db(d1)
    .select({ language: u.language, timeZone: u.timeZone, workspaceLanguage: w.language, workspaceTimeZone: w.timeZone })
    .from(u)
    .innerJoin(w, eq(w.id, u.workspaceId))
    .where(and(eq(u.id, userId), eq(u.workspaceId, workspaceId)))
    .get();
  return {
    language: row?.language ? matchLanguage(row.language) : null,
    timeZone: row?.timeZone ?? null,
    workspaceLanguage: (row ? matchLanguage(row.workspaceLanguage) : null) ?? "en",
    workspaceTimeZone: row?.workspaceTimeZone ?? "UTC",
  };
}

export async function saveProfile(d1: D1Database, workspaceId: string, userId: string, values: { language: LanguageCode | null; timeZone: string | null }): Promise<void> {
  const u = schema.users;
  await db(d1)
    .update(u)
    .set({ language: values.language, timeZone: values.timeZone })
    .where(and(eq(u.id, userId), eq(u.workspaceId, workspaceId)));
}
