// Google Sheets export of CSAT answers: each workspace may name a spreadsheet
// and sheet and store a service account's key (write-only, sealed with
// APP_SECRET like channel secrets). Every complete answer (csat.rated) is
// appended as one row with the Sheets API values.append; a failure throws, so
// the conversation's outbox retries it with backoff, and a row already appended
// is never appended again (sheet_appended_at).
import { eq } from "drizzle-orm";
import type { DomainEventOf, Listener } from "../conversations/events";
import { db, schema } from "../db/client";
import { type Bindings, googleSheetsBase, googleTokenUrl } from "../env";
import { decryptSecret, encryptSecret } from "../lib/crypto";
import { accessToken, forgetTokens, type ServiceAccount } from "./google-auth";

export type SheetTarget = typeof schema.csatSheets.$inferSelect;

export async function loadSheetTarget(d1: D1Database, workspaceId: string): Promise<SheetTarget | null> {
  return (await db(d1).select().from(schema.csatSheets).where(eq(schema.csatSheets.workspaceId, workspaceId)).get()) ?? null;
}

/** Saves the target; `privateKey` null keeps the stored key (the form never shows it). */
export async function saveSheetTarget(
  env: Pick<Bindings, "DB" | "APP_SECRET">,
  workspaceId: string,
  input: { clientEmail: string | null; privateKey: string | null; spreadsheetId: string; sheetName: string },
  now = Date.now(),
): Promise<void> {
  const current = await loadSheetTarget(env.DB, workspaceId);
  const privateKeyEnc = input.privateKey ? await encryptSecret(env.APP_SECRET, input.privateKey) : current?.privateKeyEnc;
  const clientEmail = input.clientEmail ?? current?.clientEmail;
  if (!privateKeyEnc || !clientEmail) throw new Error("no service account key");
  const row = { workspaceId, clientEmail, privateKeyEnc, spreadsheetId: input.spreadsheetId, sheetName: input.sheetName, lastError: null, updatedAt: now };
  const { workspaceId: _w, ...changes } = row;
  await db(env.DB).insert(schema.csatSheets).values(row).onConflictDoUpdate({ target: schema.csatSheets.workspaceId, set: changes });
  forgetTokens();
}

export async function removeSheetTarget(d1: D1Database, workspaceId: string): Promise<void> {
  await db(d1).delete(schema.csatSheets).where(eq(schema.csatSheets.workspaceId, workspaceId));
  forgetTokens();
}

/** The header the sheet's rows follow (the first append of an empty sheet writes it too). */
export const SHEET_COLUMNS = ["rated_at", "score", "comment", "channel", "agent", "team", "contact", "conversation_id", "trigger", "response_id"] as const;

async function rowFor(d1: D1Database, event: DomainEventOf<"csat.rated">): Promise<string[]> {
  const d = event.data;
  const names = await d1
    .prepare(
      `SELECT (SELECT name FROM channels WHERE id = ?1) AS channel, (SELECT name FROM users WHERE id = ?2) AS agent,
              (SELECT name FROM teams WHERE id = ?3) AS team, (SELECT display_name FROM contacts WHERE id = ?4) AS contact`,
    )
    .bind(event.channelId, d.agentId, d.teamId, event.contactId)
    .first<{ channel: string | null; agent: string | null; team: string | null; contact: string | null }>();
  return [new Date(d.ratedAt).toISOString(), String(d.score), d.comment ?? "", names?.channel ?? "", names?.agent ?? "", names?.team ?? "", names?.contact ?? "", event.conversationId, d.trigger, d.responseId];
}

/** Appends rows to `target` (values.append, RAW so text like "=1+1" stays text). */
export async function appendRows(env: Pick<Bindings, "APP_SECRET" | "GOOGLE_OAUTH_TOKEN_URL" | "GOOGLE_SHEETS_API_BASE_URL">, target: SheetTarget, rows: string[][]): Promise<void> {
  const account: ServiceAccount = { clientEmail: target.clientEmail, privateKey: await decryptSecret(env.APP_SECRET, target.privateKeyEnc) };
  const token = await accessToken(account, googleTokenUrl(env));
  const range = encodeURIComponent(`${target.sheetName}!A1`);
  const url = `${googleSheetsBase(env)}/v4/spreadsheets/${encodeURIComponent(target.spreadsheetId)}/values/${range}:append?valueInputOption=RAW&insertDataOption=INSERT_ROWS`;
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ majorDimension: "ROWS", values: rows }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`Sheets API ${response.status}: ${(await response.text()).slice(0, 200)}`);
}

export const sheetsListener: Listener = {
  name: "csat-sheets",
  events: ["csat.rated"],
  async handle(event, ctx) {
    if (event.type !== "csat.rated") return;
    const target = await loadSheetTarget(ctx.env.DB, event.workspaceId);
    if (!target) return;
    const r = schema.csatResponses;
    const row = await db(ctx.env.DB).select({ appended: r.sheetAppendedAt }).from(r).where(eq(r.id, event.data.responseId)).get();
    if (!row || row.appended !== null) return;
    const now = Date.now();
    try {
      await appendRows(ctx.env, target, [await rowFor(ctx.env.DB, event)]);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await db(ctx.env.DB).update(schema.csatSheets).set({ lastError: reason.slice(0, 300) }).where(eq(schema.csatSheets.workspaceId, event.workspaceId));
      throw error;
    }
    await db(ctx.env.DB).batch([
      db(ctx.env.DB).update(r).set({ sheetAppendedAt: now }).where(eq(r.id, event.data.responseId)),
      db(ctx.env.DB).update(schema.csatSheets).set({ lastAppendedAt: now, lastError: null }).where(eq(schema.csatSheets.workspaceId, event.workspaceId)),
    ]);
  },
};
