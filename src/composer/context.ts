// What every composer route needs: the conversation (404 outside the caller's
// workspace), the agent sending, the status line's data, and what follows a
// send (the HX-Trigger for the quota badge, a background quota refresh).
import { zValidator } from "@hono/zod-validator";
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { conversationStub } from "../conversations/service";
import { db, schema } from "../db/client";
import type { AppEnv } from "../env";
import { type ConversationRow, findConversation } from "../inbox/queries";
import { channelQuota } from "../quota/service";
import { t } from "../ui/i18n";
import type { Agent } from "./messages";
import type { ComposerStatusProps, CustomerBlock } from "./views/status";

const conversationParam = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) });

export const notFound = () => new HTTPException(404, { message: t("composer.notFound") });

/** The :id path parameter; anything malformed is simply an unknown conversation. */
export const conversationId = zValidator("param", conversationParam, (result) => {
  if (!result.success) throw notFound();
});

export async function loadConversation(c: Context<AppEnv>, id: string): Promise<ConversationRow> {
  const row = await findConversation(c.env.DB, c.get("session").workspaceId, id);
  if (!row) throw notFound();
  return row;
}

export function agentOf(c: Context<AppEnv>): Agent {
  const session = c.get("session");
  return { id: session.userId, name: session.name };
}

/**
 * HX-Trigger after a send. htmx fires it on the element that made the request,
 * which the swap may just have replaced: aim it at <body> so the quota badge
 * (hx-trigger="composer-sent from:body") hears it.
 */
export const SENT_TRIGGER = JSON.stringify({ "composer-sent": { target: "body" } });

/** After a send: tell the page, so the quota badge reloads (the conversation re-read the quota after a push). */
export function afterSend(c: Context<AppEnv>): void {
  c.header("HX-Trigger", SENT_TRIGGER);
}

export function isHtmx(c: Context<AppEnv>): boolean {
  return c.req.header("hx-request") === "true";
}

/**
 * Whether the 1:1 customer has blocked the account, from their channel
 * identity (kept from LINE's follow/unfollow events by the conversation's
 * index writer). Groups and rooms have no such state: null.
 */
export async function customerBlock(d1: D1Database, row: ConversationRow): Promise<CustomerBlock | null> {
  if (row.sourceType !== "user") return null;
  const ci = schema.contactIdentities;
  const identity = await db(d1)
    .select({ friendStatus: ci.friendStatus, unfollowedAt: ci.unfollowedAt })
    .from(ci)
    .where(and(eq(ci.channelId, row.channelId), eq(ci.lineUserId, row.sourceId)))
    .get();
  return identity?.friendStatus === "unfollowed" ? { name: row.title, at: identity.unfollowedAt } : null;
}

/** Reply-token state from the conversation's Durable Object, the channel's stored quota and the customer's block. */
export async function statusData(c: Context<AppEnv>, row: ConversationRow): Promise<Omit<ComposerStatusProps, "conversationId">> {
  const [thread, quota, blocked] = await Promise.all([conversationStub(c.env, row.id).thread({ limit: 1 }), channelQuota(c.env.DB, row.channelId), customerBlock(c.env.DB, row)]);
  return { replyTokenExpiresAt: thread.replyTokenExpiresAt, mode: thread.mode, quota, blocked, now: Date.now() };
}

/** The absolute origin LINE fetches media from (https in production; whatever served this request locally). */
export function publicOrigin(c: Context<AppEnv>): string {
  return new URL(c.req.url).origin;
}
