// LINE membership on a contact: the membership webhook event (joined / left /
// renewed a plan) updates the identity, and LINE's membership API
// (GET /v2/bot/membership/subscription/{userId}) supplies the plan's title.
import type { Bindings } from "../env";
import { lineApiBase, lineDataApiBase } from "../env";
import { channelById } from "../line/channel-store";
import { createLineClient, LineApiError } from "../line/client";

export interface MembershipChange {
  workspaceId: string;
  channelId: string;
  lineUserId: string;
  type: "joined" | "left" | "renewed";
  membershipId: number;
  at: number;
}

/** The title of the plan the customer subscribes to (null: none, or LINE could not say). Retryable errors throw. */
async function planTitle(env: Bindings, channelId: string, lineUserId: string, membershipId: number): Promise<string | null> {
  const channel = await channelById(env, channelId);
  if (!channel?.enabled) return null;
  const client = createLineClient({ accessToken: channel.accessToken, apiBase: lineApiBase(env), dataBase: lineDataApiBase(env) });
  try {
    const { body } = await client.membershipSubscription(lineUserId);
    const sub = body.subscriptions.find((s) => s.membership.membershipId === membershipId) ?? body.subscriptions[0];
    return sub?.membership.title ?? null;
  } catch (error) {
    // 404: LINE knows no subscription (e.g. the user left meanwhile); other 4xx are final too.
    if (error instanceof LineApiError && error.status >= 400 && error.status < 500) return null;
    throw error;
  }
}

/** Applies a membership event to the identity. Older events than the stored state change nothing. */
export async function applyMembership(env: Bindings, change: MembershipChange): Promise<void> {
  const identity = await env.DB.prepare(
    "SELECT i.id, i.membership_title, i.membership_id, i.membership_updated_at FROM contact_identities i JOIN contacts c ON c.id = i.contact_id WHERE i.channel_id = ?1 AND i.line_user_id = ?2 AND c.workspace_id = ?3",
  )
    .bind(change.channelId, change.lineUserId, change.workspaceId)
    .first<{ id: string; membership_title: string | null; membership_id: number | null; membership_updated_at: number | null }>();
  if (!identity || (identity.membership_updated_at ?? 0) > change.at) return;
  const title = change.type === "left" ? (identity.membership_id === change.membershipId ? identity.membership_title : null) : await planTitle(env, change.channelId, change.lineUserId, change.membershipId);
  await env.DB.prepare("UPDATE contact_identities SET membership_id = ?1, membership_title = ?2, membership_status = ?3, membership_updated_at = ?4 WHERE id = ?5")
    .bind(change.membershipId, title, change.type, change.at, identity.id)
    .run();
}
