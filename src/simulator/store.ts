// The simulator Durable Object's SQLite storage: fake users and chats, issued reply
// and mark-as-read tokens, accepted retry keys, the messages on each chat, webhook
// events sent, uploaded media metadata, the quota counter and injected failures.
import type { webhook } from "@line/bot-sdk";
import type { OutboundMessage } from "./message-schema";
import type { Chat, ChatEntry, ChatType, FailEndpoint, FailRule, FakeUser, InboundItem, QuotaState } from "./types";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  user_id TEXT PRIMARY KEY, display_name TEXT NOT NULL, language TEXT NOT NULL, status_message TEXT,
  following INTEGER NOT NULL DEFAULT 1, ever_blocked INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS chats (chat_id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS chat_members (chat_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (chat_id, user_id));
CREATE TABLE IF NOT EXISTS reply_tokens (token TEXT PRIMARY KEY, chat_id TEXT NOT NULL, issued_at INTEGER NOT NULL, used_at INTEGER);
CREATE TABLE IF NOT EXISTS read_tokens (token TEXT PRIMARY KEY, chat_id TEXT NOT NULL, seq INTEGER NOT NULL, used_at INTEGER);
CREATE TABLE IF NOT EXISTS retry_keys (retry_key TEXT PRIMARY KEY, request_id TEXT NOT NULL, response TEXT NOT NULL, accepted_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, chat_id TEXT NOT NULL, direction TEXT NOT NULL,
  user_id TEXT, via TEXT, body TEXT NOT NULL, quote_token TEXT, webhook_event_id TEXT, delivery TEXT,
  read_at INTEGER, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS messages_by_chat ON messages (chat_id, seq);
CREATE INDEX IF NOT EXISTS messages_by_quote ON messages (quote_token);
CREATE TABLE IF NOT EXISTS events (
  webhook_event_id TEXT PRIMARY KEY, chat_id TEXT NOT NULL, event TEXT NOT NULL, delivery TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_chat ON events (chat_id, created_at);
CREATE TABLE IF NOT EXISTS media (message_id TEXT PRIMARY KEY, content_type TEXT NOT NULL, size INTEGER NOT NULL, file_name TEXT);
`;

/** LINE's free plans start around 200–1,000 messages; the simulator defaults to 1,000. */
export const DEFAULT_QUOTA_LIMIT = 1000;

type Row = Record<string, SqlStorageValue>;
type MessageRow = {
  seq: number; id: string; chat_id: string; direction: string; user_id: string | null; via: string | null;
  body: string; quote_token: string | null; webhook_event_id: string | null; delivery: string | null;
  read_at: number | null; created_at: number;
};

export class SimulatorStore {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(SCHEMA);
  }

  private all<T extends Row>(query: string, ...params: SqlStorageValue[]): T[] {
    return this.sql.exec<T>(query, ...params).toArray();
  }

  private first<T extends Row>(query: string, ...params: SqlStorageValue[]): T | null {
    return this.all<T>(query, ...params)[0] ?? null;
  }

  meta(key: string): string | null {
    return this.first<{ value: string }>("SELECT value FROM meta WHERE key = ?", key)?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.sql.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
  }

  // Users and chats. A 1:1 chat's id is the user's id.

  insertUser(user: FakeUser): void {
    this.sql.exec(
      "INSERT INTO users (user_id, display_name, language, status_message, following, ever_blocked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      user.userId, user.displayName, user.language, user.statusMessage, user.following ? 1 : 0, user.everBlocked ? 1 : 0, user.createdAt,
    );
    this.insertChat({ chatId: user.userId, type: "user", name: user.displayName, memberIds: [user.userId] }, user.createdAt);
  }

  user(userId: string): FakeUser | null {
    const row = this.first<{ user_id: string; display_name: string; language: string; status_message: string | null; following: number; ever_blocked: number; created_at: number }>(
      "SELECT * FROM users WHERE user_id = ?", userId,
    );
    return row
      ? { userId: row.user_id, displayName: row.display_name, language: row.language, statusMessage: row.status_message, following: row.following === 1, everBlocked: row.ever_blocked === 1, createdAt: row.created_at }
      : null;
  }

  users(): FakeUser[] {
    return this.all<{ user_id: string }>("SELECT user_id FROM users ORDER BY created_at, user_id").flatMap((r) => this.user(r.user_id) ?? []);
  }

  setFollowing(userId: string, following: boolean): void {
    this.sql.exec("UPDATE users SET following = ?, ever_blocked = MAX(ever_blocked, ?) WHERE user_id = ?", following ? 1 : 0, following ? 0 : 1, userId);
  }

  insertChat(chat: Chat, now: number): void {
    this.sql.exec("INSERT INTO chats (chat_id, type, name, created_at) VALUES (?, ?, ?, ?)", chat.chatId, chat.type, chat.name, now);
    for (const userId of chat.memberIds) this.sql.exec("INSERT OR IGNORE INTO chat_members (chat_id, user_id) VALUES (?, ?)", chat.chatId, userId);
  }

  chat(chatId: string): Chat | null {
    const row = this.first<{ chat_id: string; type: string; name: string }>("SELECT chat_id, type, name FROM chats WHERE chat_id = ?", chatId);
    if (!row) return null;
    const members = this.all<{ user_id: string }>(
      "SELECT m.user_id FROM chat_members m LEFT JOIN users u ON u.user_id = m.user_id WHERE m.chat_id = ? ORDER BY u.created_at, m.user_id", chatId,
    );
    const type: ChatType = row.type === "group" || row.type === "room" ? row.type : "user";
    const name = type === "user" ? (this.user(row.chat_id)?.displayName ?? row.name) : row.name;
    return { chatId: row.chat_id, type, name, memberIds: members.map((m) => m.user_id) };
  }

  chats(): Chat[] {
    return this.all<{ chat_id: string }>("SELECT chat_id FROM chats ORDER BY type = 'user' DESC, created_at, chat_id").flatMap((r) => this.chat(r.chat_id) ?? []);
  }

  // Tokens and retry keys.

  issueReplyToken(token: string, chatId: string, issuedAt: number): void {
    this.sql.exec("INSERT OR REPLACE INTO reply_tokens (token, chat_id, issued_at, used_at) VALUES (?, ?, ?, NULL)", token, chatId, issuedAt);
  }

  replyToken(token: string): { chatId: string; issuedAt: number; usedAt: number | null } | null {
    const row = this.first<{ chat_id: string; issued_at: number; used_at: number | null }>("SELECT chat_id, issued_at, used_at FROM reply_tokens WHERE token = ?", token);
    return row ? { chatId: row.chat_id, issuedAt: row.issued_at, usedAt: row.used_at } : null;
  }

  useReplyToken(token: string, now: number): void {
    this.sql.exec("UPDATE reply_tokens SET used_at = ? WHERE token = ?", now, token);
  }

  issueReadToken(token: string, chatId: string, seq: number): void {
    this.sql.exec("INSERT OR REPLACE INTO read_tokens (token, chat_id, seq, used_at) VALUES (?, ?, ?, NULL)", token, chatId, seq);
  }

  readToken(token: string): { chatId: string; seq: number } | null {
    const row = this.first<{ chat_id: string; seq: number }>("SELECT chat_id, seq FROM read_tokens WHERE token = ?", token);
    return row ? { chatId: row.chat_id, seq: row.seq } : null;
  }

  acceptedRetryKey(key: string): { requestId: string; response: string } | null {
    const row = this.first<{ request_id: string; response: string }>("SELECT request_id, response FROM retry_keys WHERE retry_key = ?", key);
    return row ? { requestId: row.request_id, response: row.response } : null;
  }

  acceptRetryKey(key: string, requestId: string, response: string, now: number): void {
    this.sql.exec("INSERT INTO retry_keys (retry_key, request_id, response, accepted_at) VALUES (?, ?, ?, ?)", key, requestId, response, now);
  }

  // Messages on the phone.

  insertInbound(entry: { id: string; chatId: string; userId: string | null; item: InboundItem; quoteToken: string | null; webhookEventId: string; now: number }): number {
    this.sql.exec(
      "INSERT INTO messages (id, chat_id, direction, user_id, body, quote_token, webhook_event_id, delivery, created_at) VALUES (?, ?, 'in', ?, ?, ?, ?, 'pending', ?)",
      entry.id, entry.chatId, entry.userId, JSON.stringify(entry.item), entry.quoteToken, entry.webhookEventId, entry.now,
    );
    return this.first<{ seq: number }>("SELECT seq FROM messages WHERE id = ?", entry.id)?.seq ?? 0;
  }

  insertOutbound(entry: { id: string; chatId: string; via: "reply" | "push"; message: OutboundMessage; quoteToken: string | null; now: number }): void {
    this.sql.exec(
      "INSERT INTO messages (id, chat_id, direction, via, body, quote_token, created_at) VALUES (?, ?, 'out', ?, ?, ?, ?)",
      entry.id, entry.chatId, entry.via, JSON.stringify(entry.message), entry.quoteToken, entry.now,
    );
  }

  setDelivery(webhookEventId: string, delivery: string): string[] {
    this.sql.exec("UPDATE events SET delivery = ? WHERE webhook_event_id = ?", delivery, webhookEventId);
    this.sql.exec("UPDATE messages SET delivery = ? WHERE webhook_event_id = ?", delivery, webhookEventId);
    return this.all<{ id: string }>("SELECT id FROM messages WHERE webhook_event_id = ?", webhookEventId).map((r) => r.id);
  }

  /** The customer's latest message in a chat (optionally from one member) that can still be unsent. */
  lastUnsendable(chatId: string, userId: string | null): ChatEntry | null {
    const row = this.first<MessageRow>(
      "SELECT * FROM messages WHERE chat_id = ? AND direction = 'in' AND (? IS NULL OR user_id = ?) AND body LIKE '{\"kind\":\"message\"%' ORDER BY seq DESC LIMIT 1",
      chatId, userId, userId,
    );
    return row ? toEntry(row) : null;
  }

  /** Replaces what an inbound entry shows and ties it to a new webhook event (e.g. its unsend). */
  replaceInbound(id: string, item: InboundItem, webhookEventId: string): void {
    this.sql.exec("UPDATE messages SET body = ?, webhook_event_id = ?, delivery = 'pending', quote_token = NULL WHERE id = ?", JSON.stringify(item), webhookEventId, id);
  }

  entries(chatId: string, limit = 200): ChatEntry[] {
    const rows = this.all<MessageRow>("SELECT * FROM (SELECT * FROM messages WHERE chat_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq", chatId, limit);
    return rows.map(toEntry);
  }

  entry(id: string): ChatEntry | null {
    const row = this.first<MessageRow>("SELECT * FROM messages WHERE id = ?", id);
    return row ? toEntry(row) : null;
  }

  entryByQuoteToken(quoteToken: string): ChatEntry | null {
    const row = this.first<MessageRow>("SELECT * FROM messages WHERE quote_token = ?", quoteToken);
    return row ? toEntry(row) : null;
  }

  /** Marks the customer's messages up to `seq` as read; returns the ids that changed. */
  markRead(chatId: string, seq: number, now: number): string[] {
    const ids = this.all<{ id: string }>("SELECT id FROM messages WHERE chat_id = ? AND direction = 'in' AND seq <= ? AND read_at IS NULL", chatId, seq).map((r) => r.id);
    this.sql.exec("UPDATE messages SET read_at = ? WHERE chat_id = ? AND direction = 'in' AND seq <= ? AND read_at IS NULL", now, chatId, seq);
    return ids;
  }

  // Webhook events, for the log and for redelivery.

  insertEvent(event: webhook.Event, chatId: string, now: number): void {
    this.sql.exec("INSERT OR REPLACE INTO events (webhook_event_id, chat_id, event, delivery, created_at) VALUES (?, ?, ?, 'pending', ?)", event.webhookEventId, chatId, JSON.stringify(event), now);
  }

  lastEvent(chatId: string): webhook.Event | null {
    const row = this.first<{ event: string }>("SELECT event FROM events WHERE chat_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1", chatId);
    return row ? (JSON.parse(row.event) as webhook.Event) : null;
  }

  recentEvents(limit = 12): Array<{ webhookEventId: string; chatId: string; type: string; delivery: string; createdAt: number; redelivery: boolean }> {
    return this.all<{ webhook_event_id: string; chat_id: string; event: string; delivery: string; created_at: number }>(
      "SELECT * FROM events ORDER BY created_at DESC, rowid DESC LIMIT ?", limit,
    ).map((r) => {
      const event = JSON.parse(r.event) as webhook.Event;
      return { webhookEventId: r.webhook_event_id, chatId: r.chat_id, type: event.type, delivery: r.delivery, createdAt: r.created_at, redelivery: event.deliveryContext.isRedelivery };
    });
  }

  // Media (bytes live in R2), quota and injected failures.

  insertMedia(messageId: string, contentType: string, size: number, fileName: string | null): void {
    this.sql.exec("INSERT INTO media (message_id, content_type, size, file_name) VALUES (?, ?, ?, ?)", messageId, contentType, size, fileName);
  }

  media(messageId: string): { contentType: string; size: number; fileName: string | null } | null {
    const row = this.first<{ content_type: string; size: number; file_name: string | null }>("SELECT content_type, size, file_name FROM media WHERE message_id = ?", messageId);
    return row ? { contentType: row.content_type, size: row.size, fileName: row.file_name } : null;
  }

  /** The month's quota; usage resets when the calendar month (UTC) changes, like LINE's. */
  quota(now: number): QuotaState {
    const month = new Date(now).toISOString().slice(0, 7);
    if (this.meta("quota_month") !== month) {
      this.setMeta("quota_month", month);
      this.setMeta("quota_used", "0");
    }
    return { limit: Number(this.meta("quota_limit") ?? DEFAULT_QUOTA_LIMIT), used: Number(this.meta("quota_used") ?? 0) };
  }

  setQuota(state: Partial<QuotaState>, now: number): QuotaState {
    this.quota(now);
    if (state.limit !== undefined) this.setMeta("quota_limit", String(state.limit));
    if (state.used !== undefined) this.setMeta("quota_used", String(state.used));
    return this.quota(now);
  }

  setFailRule(rule: FailRule): void {
    this.setMeta("fail_rule", JSON.stringify(rule));
  }

  /** Takes one injected failure for this endpoint, if any is armed. */
  takeFailure(endpoint: Exclude<FailEndpoint, "any"> | "other"): FailRule | null {
    const text = this.meta("fail_rule");
    if (!text) return null;
    const rule = JSON.parse(text) as FailRule;
    if (rule.count <= 0 || (rule.endpoint !== "any" && rule.endpoint !== endpoint)) return null;
    this.setFailRule({ ...rule, count: rule.count - 1 });
    return rule;
  }
}

function toEntry(row: MessageRow): ChatEntry {
  if (row.direction === "out") {
    return {
      direction: "out", seq: row.seq, id: row.id, chatId: row.chat_id, via: row.via === "reply" ? "reply" : "push",
      message: JSON.parse(row.body) as OutboundMessage, quoteToken: row.quote_token, createdAt: row.created_at,
    };
  }
  return {
    direction: "in", seq: row.seq, id: row.id, chatId: row.chat_id, userId: row.user_id, item: JSON.parse(row.body) as InboundItem,
    webhookEventId: row.webhook_event_id ?? "", delivery: row.delivery ?? "pending", readAt: row.read_at, createdAt: row.created_at,
  };
}
