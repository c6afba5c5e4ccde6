// Work a ConversationDO does after the webhook is acknowledged: fetch profiles,
// copy media to R2, keep the D1 conversation index and the live inbox list current,
// mark messages read on LINE. Each job throws to be retried with backoff.
import { and, eq } from "drizzle-orm";
import { db, schema } from "../db/client";
import type { Bindings } from "../env";
import { lineApiBase, lineDataApiBase } from "../env";
import { createLineClient, LineApiError } from "../line/client";
import type { ChannelCredentials } from "../line/channel-store";
import { newId } from "../lib/ids";
import type { ConversationMeta } from "./conversation-do";
import type { ThreadMessage } from "./model";
import { previewText } from "./model";
import { renderListItem } from "./render";
import type { OutboxJob, ThreadStore } from "./store";

export const JOB_MAX_ATTEMPTS = 10;

export interface JobContext {
  env: Bindings;
  store: ThreadStore;
  meta: ConversationMeta;
  channel: () => Promise<ChannelCredentials>;
}

/** Runs one job. Returns a message whose rendering changed (to push live), if any. */
export async function runJob(job: OutboxJob, ctx: JobContext): Promise<ThreadMessage | null> {
  const payload = JSON.parse(job.payload) as Record<string, string>;
  switch (job.kind) {
    case "profile":
      await fetchProfile(ctx, String(payload.lineUserId));
      return null;
    case "content":
      return copyContent(ctx, String(payload.messageId));
    case "index":
      await updateIndex(ctx);
      return null;
    case "markAsRead":
      await (await client(ctx)).markAsRead(String(payload.token)).catch((error: unknown) => {
        // An expired or foreign token cannot become valid by retrying.
        if (!(error instanceof LineApiError && error.status === 400)) throw error;
      });
      return null;
    default:
      console.warn("conversation outbox: unknown job kind", job.kind);
      return null;
  }
}

async function client(ctx: JobContext) {
  const channel = await ctx.channel();
  return createLineClient({ accessToken: channel.accessToken, apiBase: lineApiBase(ctx.env), dataBase: lineDataApiBase(ctx.env) });
}

async function fetchProfile(ctx: JobContext, lineUserId: string): Promise<void> {
  const source = ctx.meta.source;
  const scope =
    source.type === "group" ? { type: "group" as const, id: source.groupId } : source.type === "room" ? { type: "room" as const, id: source.roomId } : { type: "user" as const, id: lineUserId };
  try {
    const { body } = await (await client(ctx)).profile(scope, lineUserId);
    ctx.store.setProfile(lineUserId, { displayName: body.displayName, pictureUrl: body.pictureUrl ?? null, language: body.language ?? null }, Date.now());
  } catch (error) {
    // 404: the user blocked the account or left; keep them nameless rather than retrying forever.
    if (error instanceof LineApiError && error.status === 404) return;
    throw error;
  }
  ctx.store.enqueue("index", "index", {}, Date.now());
}

async function copyContent(ctx: JobContext, messageId: string): Promise<ThreadMessage | null> {
  const message = ctx.store.get(messageId);
  if (!message?.lineMessageId || message.mediaKey) return null;
  let response: Response;
  try {
    response = await (await client(ctx)).content(message.lineMessageId);
  } catch (error) {
    if (error instanceof LineApiError && error.status === 404) return null; // gone on LINE: nothing left to copy
    throw error;
  }
  const key = `content/${ctx.meta.channelId}/${ctx.meta.id}/${message.id}`;
  const type = response.headers.get("content-type") ?? "application/octet-stream";
  const fileName = message.body.type === "file" ? message.body.fileName : undefined;
  await ctx.env.MEDIA.put(key, response.body, {
    httpMetadata: { contentType: type, ...(fileName ? { contentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}` } : {}) },
  });
  ctx.store.setMediaKey(message.id, key);
  return ctx.store.get(message.id);
}

/** Upserts this conversation's row in the D1 index and pushes the new list item to open inboxes. */
async function updateIndex(ctx: JobContext): Promise<void> {
  const { meta, store, env } = ctx;
  const latest = store.latest();
  if (!latest) return;
  const d = db(env.DB);
  const now = Date.now();
  const source = meta.source;
  const sourceId = source.type === "user" ? source.userId ?? "" : source.type === "group" ? source.groupId : source.type === "room" ? source.roomId : meta.channelId;
  const profile = source.type === "user" && source.userId ? store.member(source.userId) : null;
  const title =
    source.type === "user"
      ? profile?.displayName ?? `LINE user …${sourceId.slice(-4)}`
      : source.type === "group"
        ? "Group chat"
        : source.type === "room"
          ? "Multi-person chat"
          : "Channel events";
  const contactId = source.type === "user" && source.userId ? await ensureContact(ctx, source.userId, profile) : null;
  const row = {
    id: meta.id,
    workspaceId: meta.workspaceId,
    channelId: meta.channelId,
    sourceType: source.type,
    sourceId,
    contactId,
    title,
    pictureUrl: profile?.pictureUrl ?? null,
    status: (store.getMeta<"open" | "resolved">("status") ?? "open"),
    lastMessagePreview: previewText(latest.unsent ? { type: "event", event: "unsend", text: "Message unsent" } : latest.body),
    lastMessageDirection: latest.direction,
    lastActivityAt: latest.createdAt,
    unreadCount: store.getMeta<number>("unread") ?? 0,
    lastSeq: latest.seq,
    createdAt: now,
  };
  const { createdAt: _created, id: _id, ...changes } = row;
  await d.insert(schema.conversations).values(row).onConflictDoUpdate({ target: schema.conversations.id, set: changes });
  const html = renderListItem({
    id: row.id,
    title: row.title,
    pictureUrl: row.pictureUrl,
    lastMessagePreview: row.lastMessagePreview,
    lastActivityAt: row.lastActivityAt,
    unreadCount: row.unreadCount,
    status: row.status,
    sourceType: row.sourceType,
  });
  const feed = env.WORKSPACES.get(env.WORKSPACES.idFromName(meta.workspaceId));
  await feed.publish({ type: "conversation", id: row.id, html, unread: row.unreadCount, lastActivityAt: row.lastActivityAt });
}

async function ensureContact(ctx: JobContext, lineUserId: string, profile: { displayName: string | null; pictureUrl: string | null; language: string | null } | null): Promise<string> {
  const d = db(ctx.env.DB);
  const now = Date.now();
  const friendStatus = ctx.store.getMeta<"following" | "unfollowed">("friendStatus") ?? "unknown";
  const identity = await d
    .select({ contactId: schema.contactIdentities.contactId })
    .from(schema.contactIdentities)
    .where(and(eq(schema.contactIdentities.channelId, ctx.meta.channelId), eq(schema.contactIdentities.lineUserId, lineUserId)))
    .get();
  const contactFields = { displayName: profile?.displayName ?? null, pictureUrl: profile?.pictureUrl ?? null, language: profile?.language ?? null, updatedAt: now };
  if (identity) {
    if (profile?.displayName) await d.update(schema.contacts).set(contactFields).where(eq(schema.contacts.id, identity.contactId));
    await d
      .update(schema.contactIdentities)
      .set({ friendStatus, ...(profile?.displayName ? { profileFetchedAt: now } : {}) })
      .where(and(eq(schema.contactIdentities.channelId, ctx.meta.channelId), eq(schema.contactIdentities.lineUserId, lineUserId)));
    return identity.contactId;
  }
  const contactId = newId("ct", now);
  await d.batch([
    d.insert(schema.contacts).values({ id: contactId, workspaceId: ctx.meta.workspaceId, ...contactFields, createdAt: now }),
    d.insert(schema.contactIdentities).values({
      id: newId("ci", now),
      contactId,
      channelId: ctx.meta.channelId,
      lineUserId,
      friendStatus,
      profileFetchedAt: profile?.displayName ? now : null,
      createdAt: now,
    }),
  ]);
  return contactId;
}
