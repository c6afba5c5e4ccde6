// D1 reads and writes for Settings → Channels. Reads never select the encrypted
// credentials (views cannot show what they never get); writes seal secrets with
// APP_SECRET, record an audit entry in the same batch, and drop this isolate's
// channel cache (line/channel-store.ts) so webhooks and sends see the change.
import { and, asc, count, eq, gt, sql } from "drizzle-orm";
import { auditInsert } from "../db/audit";
import { db, schema } from "../db/client";
import { forgetChannels } from "../line/channel-store";
import type { BotInfo } from "../line/account";
import { decryptSecret, encryptSecret } from "../lib/crypto";
import { newId } from "../lib/ids";
import { CHANNEL_PAGE_SIZE } from "./channels-forms";
import { decodeCursor, encodeCursor } from "./queries/cursor";

const ch = schema.channels;

type Ctx = { workspaceId: string; actorId: string };

/** A channel as the settings pages see it: everything but the secrets. */
export interface ChannelSummary {
  id: string;
  name: string;
  lineChannelId: string;
  botUserId: string | null;
  botName: string | null;
  botPictureUrl: string | null;
  basicId: string | null;
  premiumId: string | null;
  chatMode: "chat" | "bot" | null;
  markAsReadMode: "auto" | "manual" | null;
  botInfoCheckedAt: number | null;
  disabledAt: number | null;
  secretChangedAt: number;
  accessTokenChangedAt: number;
  createdAt: number;
}

const summaryColumns = {
  id: ch.id, name: ch.name, lineChannelId: ch.lineChannelId, botUserId: ch.botUserId, botName: ch.botName, botPictureUrl: ch.botPictureUrl,
  basicId: ch.basicId, premiumId: ch.premiumId, chatMode: ch.chatMode, markAsReadMode: ch.markAsReadMode, botInfoCheckedAt: ch.botInfoCheckedAt,
  disabledAt: ch.disabledAt, secretChangedAt: ch.secretChangedAt, accessTokenChangedAt: ch.accessTokenChangedAt, createdAt: ch.createdAt,
};

type SummaryRow = Omit<ChannelSummary, "secretChangedAt" | "accessTokenChangedAt"> & { secretChangedAt: number | null; accessTokenChangedAt: number | null };

function toSummary(row: SummaryRow): ChannelSummary {
  return { ...row, secretChangedAt: row.secretChangedAt ?? row.createdAt, accessTokenChangedAt: row.accessTokenChangedAt ?? row.createdAt };
}

function botColumns(info: BotInfo, now: number) {
  return {
    botUserId: info.userId, botName: info.displayName, botPictureUrl: info.pictureUrl ?? null, basicId: info.basicId,
    premiumId: info.premiumId ?? null, chatMode: info.chatMode, markAsReadMode: info.markAsReadMode, botInfoCheckedAt: now,
  };
}

/** One page of the workspace's channels, oldest first (ids sort by creation time). */
export async function listChannels(d1: D1Database, workspaceId: string, cursorText?: string, limit = CHANNEL_PAGE_SIZE) {
  const cursor = decodeCursor(cursorText);
  const rows = await db(d1)
    .select(summaryColumns)
    .from(ch)
    .where(and(eq(ch.workspaceId, workspaceId), cursor ? gt(ch.id, cursor.id) : undefined))
    .orderBy(asc(ch.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(toSummary);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ key: last.id, id: last.id }) : null };
}

export async function findChannel(d1: D1Database, workspaceId: string, id: string): Promise<ChannelSummary | null> {
  const row = await db(d1).select(summaryColumns).from(ch).where(and(eq(ch.id, id), eq(ch.workspaceId, workspaceId))).get();
  return row ? toSummary(row) : null;
}

/** The stored access token, decrypted, for calls to LINE made from the settings pages. */
export async function storedAccessToken(d1: D1Database, appSecret: string, workspaceId: string, id: string): Promise<string | null> {
  const row = await db(d1).select({ enc: ch.accessTokenEnc }).from(ch).where(and(eq(ch.id, id), eq(ch.workspaceId, workspaceId))).get();
  return row ? decryptSecret(appSecret, row.enc) : null;
}

/** LINE channel ids are unique across linedesk: one channel has one webhook URL. */
export async function lineChannelTaken(d1: D1Database, lineChannelId: string): Promise<boolean> {
  return Boolean(await db(d1).select({ id: ch.id }).from(ch).where(eq(ch.lineChannelId, lineChannelId)).get());
}

export async function channelNameTaken(d1: D1Database, workspaceId: string, name: string, exceptId?: string): Promise<boolean> {
  const row = await db(d1)
    .select({ id: ch.id })
    .from(ch)
    .where(and(eq(ch.workspaceId, workspaceId), sql`${ch.name} = ${name} collate nocase`, exceptId ? sql`${ch.id} != ${exceptId}` : undefined))
    .get();
  return Boolean(row);
}

export interface NewChannel {
  name: string;
  lineChannelId: string;
  channelSecret: string;
  accessToken: string;
  botInfo: BotInfo;
}

export async function createChannel(d1: D1Database, appSecret: string, ctx: Ctx, input: NewChannel, now = Date.now()): Promise<string> {
  const d = db(d1);
  const id = newId("ch", now);
  await d.batch([
    d.insert(ch).values({
      id, workspaceId: ctx.workspaceId, name: input.name, lineChannelId: input.lineChannelId,
      channelSecretEnc: await encryptSecret(appSecret, input.channelSecret), accessTokenEnc: await encryptSecret(appSecret, input.accessToken),
      ...botColumns(input.botInfo, now), secretChangedAt: now, accessTokenChangedAt: now, createdAt: now,
    }),
    auditInsert(d1, { ...ctx, action: "channel.created", targetType: "channel", targetId: id, data: { name: input.name, lineChannelId: input.lineChannelId, basicId: input.botInfo.basicId } }, now),
  ]);
  forgetChannels();
  return id;
}

export interface ChannelEdit {
  name: string;
  /** Absent: keep the stored one. */
  channelSecret?: string;
  accessToken?: string;
  botInfo: BotInfo;
}

/** Saves an edit; the audit entry lists what changed (never the values of secrets). */
export async function updateChannel(d1: D1Database, appSecret: string, ctx: Ctx, channel: ChannelSummary, edit: ChannelEdit, now = Date.now()): Promise<void> {
  const d = db(d1);
  const changed: string[] = [];
  if (edit.name !== channel.name) changed.push("name");
  if (edit.channelSecret) changed.push("channel secret");
  if (edit.accessToken) changed.push("access token");
  await d.batch([
    d
      .update(ch)
      .set({
        name: edit.name,
        ...(edit.channelSecret ? { channelSecretEnc: await encryptSecret(appSecret, edit.channelSecret), secretChangedAt: now } : {}),
        ...(edit.accessToken ? { accessTokenEnc: await encryptSecret(appSecret, edit.accessToken), accessTokenChangedAt: now } : {}),
        ...botColumns(edit.botInfo, now),
      })
      .where(and(eq(ch.id, channel.id), eq(ch.workspaceId, ctx.workspaceId))),
    auditInsert(d1, { ...ctx, action: "channel.updated", targetType: "channel", targetId: channel.id, data: { changed, ...(edit.name !== channel.name ? { from: channel.name, to: edit.name } : {}) } }, now),
  ]);
  forgetChannels();
}

/** Stores what LINE said about the account ("refresh from LINE"). */
export async function saveBotInfo(d1: D1Database, ctx: Ctx, channel: ChannelSummary, info: BotInfo, now = Date.now()): Promise<void> {
  const d = db(d1);
  await d.batch([
    d.update(ch).set(botColumns(info, now)).where(and(eq(ch.id, channel.id), eq(ch.workspaceId, ctx.workspaceId))),
    auditInsert(d1, { ...ctx, action: "channel.bot_info_refreshed", targetType: "channel", targetId: channel.id, data: { basicId: info.basicId, chatMode: info.chatMode, markAsReadMode: info.markAsReadMode } }, now),
  ]);
  forgetChannels();
}

export async function setChannelDisabled(d1: D1Database, ctx: Ctx, channel: ChannelSummary, disabled: boolean, now = Date.now()): Promise<void> {
  const d = db(d1);
  await d.batch([
    d.update(ch).set({ disabledAt: disabled ? now : null }).where(and(eq(ch.id, channel.id), eq(ch.workspaceId, ctx.workspaceId))),
    auditInsert(d1, { ...ctx, action: disabled ? "channel.disabled" : "channel.enabled", targetType: "channel", targetId: channel.id, data: { name: channel.name } }, now),
  ]);
  forgetChannels();
}

/** Records a webhook URL set or tested on LINE (the result itself lives on LINE). */
export async function auditWebhookAction(d1: D1Database, ctx: Ctx, channel: ChannelSummary, action: "set" | "tested", data: Record<string, unknown>, now = Date.now()) {
  await auditInsert(d1, { ...ctx, action: `channel.webhook_${action}`, targetType: "channel", targetId: channel.id, data }, now);
}

/** What still points at a channel: a channel with conversations or contacts is never deleted. */
export async function channelUsage(d1: D1Database, channelId: string): Promise<{ conversations: number; contacts: number }> {
  const d = db(d1);
  const [conversations, contacts] = await Promise.all([
    d.select({ n: count() }).from(schema.conversations).where(eq(schema.conversations.channelId, channelId)).get(),
    d.select({ n: count() }).from(schema.contactIdentities).where(eq(schema.contactIdentities.channelId, channelId)).get(),
  ]);
  return { conversations: conversations?.n ?? 0, contacts: contacts?.n ?? 0 };
}

/**
 * Deletes a channel nobody has written to yet, with its per-channel automation
 * (business hours, holidays, keyword rules). Callers check channelUsage first.
 */
export async function removeChannel(d1: D1Database, ctx: Ctx, channel: ChannelSummary, now = Date.now()): Promise<void> {
  const d = db(d1);
  await d.batch([
    d.delete(schema.keywordRules).where(eq(schema.keywordRules.channelId, channel.id)),
    d.delete(schema.holidays).where(eq(schema.holidays.channelId, channel.id)),
    d.delete(schema.automationSettings).where(eq(schema.automationSettings.channelId, channel.id)),
    d.delete(schema.automationQueue).where(eq(schema.automationQueue.channelId, channel.id)),
    d.delete(ch).where(and(eq(ch.id, channel.id), eq(ch.workspaceId, ctx.workspaceId))),
    auditInsert(d1, { ...ctx, action: "channel.removed", targetType: "channel", targetId: channel.id, data: { name: channel.name, lineChannelId: channel.lineChannelId } }, now),
  ]);
  forgetChannels();
}

/** Another channel that already is this bot (the same LINE account twice), if any. */
export async function botUserTaken(d1: D1Database, botUserId: string, exceptId?: string): Promise<{ name: string; workspaceId: string } | null> {
  const row = await db(d1)
    .select({ name: ch.name, workspaceId: ch.workspaceId })
    .from(ch)
    .where(and(eq(ch.botUserId, botUserId), exceptId ? sql`${ch.id} != ${exceptId}` : undefined))
    .get();
  return row ?? null;
}
