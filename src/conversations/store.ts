// The ConversationDO's SQLite storage: thread messages and member profiles, on top
// of its metadata and outbox (store-state.ts).
import type { EventOrigin } from "./events";
import type { DeliveryStatus, DeliveryVia, Direction, MessageBody, ThreadMessage } from "./model";
import { ConversationState } from "./store-state";
import { FRESH_SCHEMA, type InsertedRow, insertedMessage, MIGRATIONS, num, type Row, SCHEMA, SELECT, str, toMessage } from "./store-schema";

export type { OutboxJob } from "./store-state";

export interface NewMessage {
  id: string;
  webhookEventId?: string | null;
  lineMessageId?: string | null;
  direction: Direction;
  body: MessageBody;
  senderLineUserId?: string | null;
  agentId?: string | null;
  agentName?: string | null;
  status: DeliveryStatus;
  retryKey?: string | null;
  /** The LINE message objects for an outbound message. */
  payload?: unknown;
  markAsReadToken?: string | null;
  quoteToken?: string | null;
  createdAt: number;
  redelivered?: boolean;
  standby?: boolean;
  /** Who sent an outbound message (carried by its message.sent / message.failed events). */
  origin?: EventOrigin | null;
  /** A customer's answer the conversation asked for (see awaited.ts). */
  answer?: boolean;
}

export interface OutboundRecord {
  message: ThreadMessage;
  retryKey: string | null;
  payload: unknown;
  attempts: number;
  /** Set after a reply call LINE did not confirm: the token it used and when that token arrived. */
  unconfirmedReply: { token: string; receivedAt: number } | null;
  origin: EventOrigin | null;
}

/** An outbound message's row with what only delivery reads (retry key, LINE payload, attempts, reply token, origin). */
function toOutbound(row: Row): OutboundRecord {
  const payload = str(row.payload);
  const replyToken = str(row.reply_token);
  const origin = str(row.origin);
  return {
    message: toMessage(row),
    retryKey: str(row.retry_key),
    payload: payload ? JSON.parse(payload) : null,
    attempts: num(row.attempts),
    unconfirmedReply: replyToken ? { token: replyToken, receivedAt: num(row.reply_token_at) } : null,
    origin: origin ? (JSON.parse(origin) as EventOrigin) : null,
  };
}

export interface MemberProfile {
  displayName: string | null;
  pictureUrl: string | null;
  language: string | null;
  statusMessage: string | null;
}

export class ThreadStore extends ConversationState {
  /** True when this storage was empty: a new conversation (nothing stored, no alarm set). */
  readonly fresh: boolean;

  constructor(sql: SqlStorage) {
    super(sql);
    // A new conversation's first webhook waits for this (its ack): the whole current
    // schema in one call, its added columns already in the tables (FRESH_SCHEMA), and no meta read.
    this.fresh = sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").toArray().length === 0;
    if (this.fresh) {
      const migrated = JSON.stringify(MIGRATIONS.length);
      sql.exec(`${FRESH_SCHEMA}\nINSERT INTO meta (key, value) VALUES ('schemaMigrations', '${migrated}');`);
      this.keptAllExcept([["schemaMigrations", migrated]]);
      this.latestSeqKept = 0;
      return;
    }
    sql.exec(SCHEMA);
    const applied = this.getMeta("schemaMigrations") ?? 0;
    for (let i = applied; i < MIGRATIONS.length; i++) sql.exec(MIGRATIONS[i] ?? "");
    if (applied !== MIGRATIONS.length) this.setMeta("schemaMigrations", MIGRATIONS.length);
  }

  /** The newest seq, once read kept in memory and moved by every insert (undefined: not known). */
  private latestSeqKept: number | undefined;
  /** LINE users known to have a members row (rows are never deleted). */
  private readonly membersKept = new Set<string>();

  override forgetKept(): void {
    super.forgetKept();
    this.latestSeqKept = undefined;
    this.membersKept.clear();
  }

  /** The seq of the newest message (0: none), without reading the row. */
  latestSeq(): number {
    this.latestSeqKept ??= num(this.sql.exec("SELECT MAX(seq) AS seq FROM messages").one().seq);
    return this.latestSeqKept;
  }

  insert(m: NewMessage): number {
    const stored = this.insertRow(m, "seq");
    // A plain INSERT returns its row or throws; never answer a seq no message has.
    if (!stored) throw new Error(`message ${m.id} was not stored`);
    return stored.seq;
  }

  /** Stores an outbound message and answers it as stored, in one statement (it has no sender profile to join). */
  insertOutbound(m: NewMessage): ThreadMessage {
    const stored = this.insertRow(m, "seq");
    if (!stored) throw new Error(`message ${m.id} was not stored`);
    return insertedMessage(m, stored);
  }

  /**
   * Stores a webhook event's message and answers it as stored, in one statement;
   * null when a message with its webhookEventId is stored already (a redelivery).
   */
  insertReceived(m: NewMessage): ThreadMessage | null {
    const stored = this.insertRow(m, "seq, (SELECT display_name FROM members WHERE line_user_id = sender_line_user_id) AS sender_name", "ON CONFLICT(webhook_event_id) DO NOTHING");
    return stored ? insertedMessage(m, stored) : null;
  }

  /**
   * The INSERT answers only the seq (and the sender's name): the rest of the row is what
   * was inserted. Reading the whole row back cost about a quarter of an ingest.
   */
  private insertRow(m: NewMessage, returning: string, onConflict = ""): InsertedRow | undefined {
    const body = JSON.stringify(m.body);
    const origin = m.origin ? JSON.stringify(m.origin) : null;
    const row = this.sql
      .exec(
        `INSERT INTO messages (id, webhook_event_id, line_message_id, direction, body, sender_line_user_id, agent_id, agent_name,
           status, retry_key, payload, mark_as_read_token, quote_token, created_at, redelivered, standby, origin, answer)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ${onConflict} RETURNING ${returning}`,
        m.id,
        m.webhookEventId ?? null,
        m.lineMessageId ?? null,
        m.direction,
        body,
        m.senderLineUserId ?? null,
        m.agentId ?? null,
        m.agentName ?? null,
        m.status,
        m.retryKey ?? null,
        m.payload === undefined ? null : JSON.stringify(m.payload),
        m.markAsReadToken ?? null,
        m.quoteToken ?? null,
        m.createdAt,
        m.redelivered ? 1 : 0,
        m.standby ? 1 : 0,
        origin,
        m.answer ? 1 : 0,
      )
      .toArray()[0];
    if (!row) return undefined;
    const seq = num(row.seq);
    // seq only grows (the largest plus one, and no message is ever deleted): the inserted row is the newest.
    if (this.latestSeqKept !== undefined) this.latestSeqKept = seq;
    return { seq, senderName: str(row.sender_name), origin };
  }

  get(id: string): ThreadMessage | null {
    const row = this.sql.exec(`${SELECT} WHERE m.id = ?`, id).toArray()[0];
    return row ? toMessage(row) : null;
  }

  outbound(id: string): OutboundRecord | null {
    const row = this.sql.exec(`${SELECT} WHERE m.id = ? AND m.direction = 'outbound'`, id).toArray()[0];
    return row ? toOutbound(row) : null;
  }

  /** Messages after a seq (live catch-up), oldest first. */
  after(seq: number, limit = 500): ThreadMessage[] {
    return this.sql.exec(`${SELECT} WHERE m.seq > ? ORDER BY m.seq ASC LIMIT ?`, seq, limit).toArray().map(toMessage);
  }

  /** The newest `limit` messages before a seq (or the newest overall), oldest first; only one direction when asked. */
  page(beforeSeq: number | null, limit: number, direction?: Direction): ThreadMessage[] {
    const where = [beforeSeq === null ? null : "m.seq < ?", direction ? "m.direction = ?" : null].filter(Boolean);
    const args = [...(beforeSeq === null ? [] : [beforeSeq]), ...(direction ? [direction] : []), limit];
    const rows = this.sql.exec(`${SELECT}${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY m.seq DESC LIMIT ?`, ...args).toArray();
    return rows.map(toMessage).reverse();
  }

  /**
   * A search hit in this thread: the message with `id`, or the newest message
   * whose text (or file name, or place) contains `text` — case-insensitive for
   * Latin letters — with the thread's latest seq, so a page can be cut around it.
   */
  locate(query: { id?: string; text?: string }): { id: string; seq: number; latestSeq: number } | null {
    const latestSeq = this.latestSeq();
    const searchable = "lower(coalesce(json_extract(body, '$.text'), '') || ' ' || coalesce(json_extract(body, '$.fileName'), '') || ' ' || coalesce(json_extract(body, '$.title'), '') || ' ' || coalesce(json_extract(body, '$.address'), ''))";
    const row = query.id
      ? this.sql.exec("SELECT id, seq FROM messages WHERE id = ?", query.id).toArray()[0]
      : query.text
        ? this.sql.exec(`SELECT id, seq FROM messages WHERE unsent = 0 AND direction IN ('inbound', 'outbound', 'note') AND instr(${searchable}, lower(?)) > 0 ORDER BY seq DESC LIMIT 1`, query.text).toArray()[0]
        : undefined;
    return row ? { id: String(row.id), seq: num(row.seq), latestSeq } : null;
  }

  latest(): ThreadMessage | null {
    const row = this.sql.exec(`${SELECT} ORDER BY m.seq DESC LIMIT 1`).toArray()[0];
    return row ? toMessage(row) : null;
  }

  first(): ThreadMessage | null {
    const row = this.sql.exec(`${SELECT} ORDER BY m.seq ASC LIMIT 1`).toArray()[0];
    return row ? toMessage(row) : null;
  }

  /** The newest message that is not a system line (what a list preview shows). */
  latestConversational(): ThreadMessage | null {
    const row = this.sql.exec(`${SELECT} WHERE m.direction IN ('inbound', 'outbound') ORDER BY m.seq DESC LIMIT 1`).toArray()[0];
    return row ? toMessage(row) : null;
  }

  byLineMessageId(lineMessageId: string): ThreadMessage | null {
    const row = this.sql.exec(`${SELECT} WHERE m.line_message_id = ? LIMIT 1`, lineMessageId).toArray()[0];
    return row ? toMessage(row) : null;
  }

  /** Sets a message's delivery state and answers its outbound record as now stored, in one statement (null: no such outbound message). */
  setDelivery(id: string, update: { status: DeliveryStatus; via?: DeliveryVia | null; error?: string | null; attempts?: number }): OutboundRecord | null {
    const row = this.sql
      .exec(
        // Outbound messages have no sender, so no member name to join.
        "UPDATE messages SET status = ?, via = COALESCE(?, via), error = ?, attempts = COALESCE(?, attempts) WHERE id = ? RETURNING *, NULL AS sender_name",
        update.status,
        update.via ?? null,
        update.error ?? null,
        update.attempts ?? null,
        id,
      )
      .toArray()[0];
    return row && row.direction === "outbound" ? toOutbound(row) : null;
  }

  /** Remembers (or, with null, forgets) the reply token of an unconfirmed reply. */
  setUnconfirmedReply(id: string, reply: { token: string; receivedAt: number } | null): void {
    this.sql.exec("UPDATE messages SET reply_token = ?, reply_token_at = ? WHERE id = ?", reply?.token ?? null, reply?.receivedAt ?? null, id);
  }

  setMediaKey(id: string, key: string): void {
    this.sql.exec("UPDATE messages SET media_key = ? WHERE id = ?", key, id);
  }

  markUnsent(lineMessageId: string): ThreadMessage | null {
    this.sql.exec("UPDATE messages SET unsent = 1 WHERE line_message_id = ?", lineMessageId);
    return this.byLineMessageId(lineMessageId);
  }

  /** The newest markAsReadToken among inbound messages after `afterSeq`. */
  latestReadToken(): string | null {
    const row = this.sql.exec("SELECT mark_as_read_token FROM messages WHERE mark_as_read_token IS NOT NULL ORDER BY seq DESC LIMIT 1").toArray()[0];
    return row ? str(row.mark_as_read_token) : null;
  }

  // --- members (profiles of the LINE users who write in this conversation) ----

  hasMember(lineUserId: string): boolean {
    if (this.membersKept.has(lineUserId)) return true;
    const known = this.sql.exec("SELECT 1 FROM members WHERE line_user_id = ?", lineUserId).toArray().length > 0;
    if (known) this.membersKept.add(lineUserId);
    return known;
  }

  addMember(lineUserId: string): void {
    this.sql.exec("INSERT OR IGNORE INTO members (line_user_id) VALUES (?)", lineUserId);
    this.membersKept.add(lineUserId);
  }

  setProfile(lineUserId: string, p: { displayName: string; pictureUrl?: string | null; language?: string | null; statusMessage?: string | null }, now: number): void {
    this.sql.exec(
      `INSERT INTO members (line_user_id, display_name, picture_url, language, status_message, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(line_user_id) DO UPDATE SET display_name = excluded.display_name, picture_url = excluded.picture_url,
         language = excluded.language, status_message = excluded.status_message, fetched_at = excluded.fetched_at`,
      lineUserId,
      p.displayName,
      p.pictureUrl ?? null,
      p.language ?? null,
      p.statusMessage ?? null,
      now,
    );
  }

  member(lineUserId: string): MemberProfile | null {
    const row = this.sql.exec("SELECT display_name, picture_url, language, status_message FROM members WHERE line_user_id = ?", lineUserId).toArray()[0];
    return row ? { displayName: str(row.display_name), pictureUrl: str(row.picture_url), language: str(row.language), statusMessage: str(row.status_message) } : null;
  }

}

