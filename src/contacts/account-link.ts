// LINE account linking (verified identity). An agent — or a workflow step, which
// calls sendAccountLink() — sends the customer a "Link account" button: we issue
// a link token (POST /v2/bot/user/{userId}/linkToken) and the button opens the
// business's login page (Contacts → Account linking; per channel, else per
// workspace) with ?linkToken=…. That page signs the customer in, registers a
// nonce for its customer id with POST /api/v1/account-links, and sends the
// customer to LINE's https://access.line.me/dialog/bot/accountLink?linkToken=…&nonce=….
// LINE then sends the `accountLink` event; the contacts listener (listener.ts)
// marks the identity verified with that customer id (applyAccountLink).
import { auditInsert } from "../db/audit";
import type { Bindings } from "../env";
import { lineApiBase, lineDataApiBase } from "../env";
import { channelById } from "../line/channel-store";
import { createLineClient, type LineMessage } from "../line/client";
import { conversationStub } from "../conversations/service";
import type { EventOrigin } from "../conversations/events";
import { matchLanguage, tIn } from "../ui/i18n";

/** How long a registered nonce waits for LINE's accountLink event (LINE's link token lives 10 minutes). */
export const NONCE_TTL_MS = 30 * 60_000;

export type SendLinkResult =
  | { ok: true; conversationId: string; linkUrl: string }
  | { ok: false; reason: "not_found" | "no_url" | "blocked" | "line_error"; detail?: string };

interface IdentityRow {
  id: string;
  contact_id: string;
  channel_id: string;
  line_user_id: string;
  friend_status: string;
  language: string | null;
  channel_url: string | null;
  workspace_url: string | null;
  conversation_id: string | null;
}

/**
 * Sends the customer of `identityId` (a LINE identity of a contact in `workspaceId`)
 * a button that starts LINE account linking. `actor` is who asked (an agent, or the
 * workflow's name with `origin` automation).
 */
export async function sendAccountLink(env: Bindings, input: { workspaceId: string; identityId: string; actor: { id: string | null; name: string }; origin?: EventOrigin }): Promise<SendLinkResult> {
  const row = await env.DB.prepare(
    `SELECT i.id, i.contact_id, i.channel_id, i.line_user_id, i.friend_status, c.language, ch.account_link_url AS channel_url, w.account_link_url AS workspace_url,
       (SELECT cv.id FROM conversations cv WHERE cv.channel_id = i.channel_id AND cv.source_type = 'user' AND cv.source_id = i.line_user_id) AS conversation_id
     FROM contact_identities i JOIN contacts c ON c.id = i.contact_id JOIN channels ch ON ch.id = i.channel_id JOIN workspaces w ON w.id = c.workspace_id
     WHERE i.id = ?1 AND c.workspace_id = ?2`,
  )
    .bind(input.identityId, input.workspaceId)
    .first<IdentityRow>();
  if (!row?.conversation_id) return { ok: false, reason: "not_found" };
  const loginUrl = row.channel_url ?? row.workspace_url;
  if (!loginUrl) return { ok: false, reason: "no_url" };
  if (row.friend_status === "unfollowed") return { ok: false, reason: "blocked" };
  const channel = await channelById(env, row.channel_id);
  if (!channel) return { ok: false, reason: "not_found" };
  const client = createLineClient({ accessToken: channel.accessToken, apiBase: lineApiBase(env), dataBase: lineDataApiBase(env), disabledReason: channel.enabled ? undefined : "channel disabled" });
  let linkToken: string;
  try {
    linkToken = (await client.issueLinkToken(row.line_user_id)).body.linkToken;
  } catch (error) {
    return { ok: false, reason: "line_error", detail: error instanceof Error ? error.message : String(error) };
  }
  const url = new URL(loginUrl);
  url.searchParams.set("linkToken", linkToken);
  const lang = matchLanguage(row.language ?? "") ?? "en";
  const text = tIn(lang, "contacts.link.message");
  const label = tIn(lang, "contacts.link.button");
  const message: LineMessage = { type: "template", altText: text, template: { type: "buttons", text, actions: [{ type: "uri", label, uri: url.toString() }] } };
  await conversationStub(env, row.conversation_id).send({
    agent: input.actor,
    messages: [message],
    preview: { type: "text", text: `${text} [${label}]` },
    ...(input.origin ? { origin: input.origin } : {}),
  });
  await auditInsert(env.DB, { workspaceId: input.workspaceId, actorId: input.actor.id, action: "contact.account_link_sent", targetType: "contact", targetId: row.contact_id, data: { identityId: row.id, channelId: row.channel_id } });
  return { ok: true, conversationId: row.conversation_id, linkUrl: url.toString() };
}

/** The business's server registers `nonce` for its customer. False when the nonce is taken. */
export async function registerNonce(d1: D1Database, input: { workspaceId: string; nonce: string; customerId: string; actorId: string | null }, now = Date.now()): Promise<{ ok: true; expiresAt: number } | { ok: false }> {
  const expiresAt = now + NONCE_TTL_MS;
  const [inserted] = await d1.batch([
    d1.prepare("INSERT OR IGNORE INTO account_link_nonces (nonce, workspace_id, customer_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)").bind(input.nonce, input.workspaceId, input.customerId, now, expiresAt),
  ]);
  if (!inserted?.meta.changes) return { ok: false };
  return { ok: true, expiresAt };
}

/**
 * LINE's accountLink event for (channel, LINE user): with result ok and a nonce this
 * workspace registered (unused, not expired), the identity becomes verified with the
 * nonce's customer id. Idempotent: a redelivered event finds the nonce used by the
 * same identity and changes nothing. Returns the customer id when verified.
 */
export async function applyAccountLink(d1: D1Database, input: { workspaceId: string; channelId: string; lineUserId: string; result: "ok" | "failed"; nonce: string }, now = Date.now()): Promise<string | null> {
  if (input.result !== "ok") return null;
  const identity = await d1.prepare("SELECT i.id, i.contact_id FROM contact_identities i JOIN contacts c ON c.id = i.contact_id WHERE i.channel_id = ?1 AND i.line_user_id = ?2 AND c.workspace_id = ?3")
    .bind(input.channelId, input.lineUserId, input.workspaceId)
    .first<{ id: string; contact_id: string }>();
  if (!identity) return null;
  const nonce = await d1.prepare("SELECT customer_id, used_at, identity_id, expires_at FROM account_link_nonces WHERE nonce = ?1 AND workspace_id = ?2").bind(input.nonce, input.workspaceId).first<{ customer_id: string; used_at: number | null; identity_id: string | null; expires_at: number }>();
  if (!nonce) return null;
  if (nonce.used_at) return nonce.identity_id === identity.id ? nonce.customer_id : null;
  if (nonce.expires_at < now) return null;
  const audit = auditInsert(d1, { workspaceId: input.workspaceId, actorId: null, action: "contact.verified", targetType: "contact", targetId: identity.contact_id, data: { customerId: nonce.customer_id, identityId: identity.id } }, now).toSQL();
  await d1.batch([
    d1.prepare("UPDATE account_link_nonces SET used_at = ?1, identity_id = ?2 WHERE nonce = ?3 AND used_at IS NULL").bind(now, identity.id, input.nonce),
    d1.prepare("UPDATE contact_identities SET verified_customer_id = ?1, verified_at = ?2 WHERE id = ?3 AND changes() = 1").bind(nonce.customer_id, now, identity.id),
    d1.prepare(audit.sql).bind(...audit.params),
  ]);
  return nonce.customer_id;
}
