// Mirrors a conversation into D1: the index row lists and filters read, the
// contact (1:1 chats), per-tag list order, and search documents — in one batch,
// one D1 round trip — then pushes the re-rendered list row to every open inbox
// of the workspace (list-feed.ts).
import { and, eq, getTableColumns } from "drizzle-orm";
import { db, schema } from "../db/client";
import { newId } from "../lib/ids";
import { type IndexRow, listRow, publishListRow } from "./list-feed";
import type { PreparedWrites } from "./events";
import type { ConversationRuntime } from "./runtime";
import { isSearchable, searchDocumentsWrite } from "./search-docs";
import type { MemberProfile } from "./store";

const SEARCH_BATCH = 200;

type Profile = MemberProfile | null;

/** A drizzle query (insert, update, …): what it runs, so it can share one D1 batch with plain statements. */
export interface IndexStatement {
  toSQL(): { sql: string; params: unknown[] };
}

const asStatement = (d1: D1Database, query: IndexStatement): D1PreparedStatement => {
  const { sql, params } = query.toSQL();
  return d1.prepare(sql).bind(...params);
};

/**
 * Writes the index now. `extra` statements (e.g. an audit entry) join the same batch, and
 * so do the listeners' writes `riders` prepares for the run's events: if the batch fails
 * with them, it is sent again without them (they then write on their own, as usual).
 */
export async function writeIndex(rt: ConversationRuntime, extra: IndexStatement[] = [], riders?: () => Promise<PreparedWrites[]>): Promise<void> {
  const meta = rt.requireMeta();
  const { store } = rt;
  if (!store.latest()) return;
  const now = Date.now();
  // Marked as the write begins: a message that lands while it waits for D1 asks for the
  // next write one busy-chat interval from now, not straight after this one.
  rt.markIndexed(now);
  const source = meta.source;
  const profile: Profile = source.type === "user" && source.userId ? store.member(source.userId) : null;
  const contact = source.type === "user" && source.userId ? await contactSync(rt, source.userId, profile) : null;
  const current = listRow(rt, contact?.contactId ?? null, now);
  if (!current) return;
  const { row } = current;
  const searchFrom = store.getMeta("searchSeq") ?? 0;
  const pendingSearch = store.after(searchFrom, SEARCH_BATCH);
  const searchable = pendingSearch.filter(isSearchable);
  const d1 = rt.env.DB;
  const statements = [
    // The contact's rows first (a new contact must exist before the conversation names it).
    ...(contact?.statements ?? []).map((q) => asStatement(d1, q)),
    indexRowUpsert(d1, row),
    d1.prepare(tagOrderSql()).bind(row.lastActivityAt, row.bucket, row.pinned, meta.id),
    ...extra.map((q) => asStatement(d1, q)),
  ];
  const search = searchDocumentsWrite(rt, { conversationId: meta.id, workspaceId: meta.workspaceId, title: row.title, messages: searchable });
  const results = await batchWithRiders(d1, [...statements, ...search.statements], riders);
  // The list row goes out first; what the batch wrote is noted after it, in the turn that
  // finishes the job, so the write costs one storage commit, not two.
  let unpublished: unknown = null;
  try {
    await publishListRow(rt, current);
  } catch (error) {
    unpublished = error;
  }
  search.written(results.slice(statements.length, statements.length + search.statements.length));
  store.setMeta("searchSeq", pendingSearch.at(-1)?.seq ?? searchFrom);
  if (contact?.statements.length) store.setMeta("contact", { contactId: contact.contactId, synced: contact.synced });
  // A backlog (a burst, a large spooled body) goes on at once, a batch per run, rather
  // than one batch per busy-chat interval, which falls behind a very busy conversation.
  if (pendingSearch.length === SEARCH_BATCH) rt.queueIndex(Date.now(), { now: true });
  // Written, not shown live: the job is retried (the row again, no documents twice).
  if (unpublished) throw unpublished;
}

/** The index batch with the riders' statements after its own; without them when that fails. */
async function batchWithRiders(d1: D1Database, own: D1PreparedStatement[], riders?: () => Promise<PreparedWrites[]>): Promise<D1Result[]> {
  const prepared = riders ? await riders() : [];
  const carried = prepared.flatMap((p) => p.statements);
  let results: D1Result[];
  try {
    results = await d1.batch([...own, ...carried]);
  } catch (error) {
    if (!carried.length) throw error;
    console.warn("conversation index: the batch failed with the listeners' writes; writing it without them", error instanceof Error ? error.message : error);
    return d1.batch(own);
  }
  for (const p of prepared) p.written();
  return results;
}

const upserts = new Map<string, string>();

/**
 * The index row's upsert. Its SQL is built once per isolate (per set of columns) from the
 * drizzle table: building the query through drizzle on every write cost about a third of
 * the write's own CPU.
 */
function indexRowUpsert(d1: D1Database, row: IndexRow): D1PreparedStatement {
  const keys = Object.keys(row) as Array<keyof IndexRow>;
  const shape = keys.join();
  let sql = upserts.get(shape);
  if (!sql) {
    const columns = getTableColumns(schema.conversations);
    const name = (key: keyof IndexRow) => `"${columns[key].name}"`;
    const updates = keys.filter((k) => k !== "id" && k !== "createdAt").map((k) => `${name(k)} = excluded.${name(k)}`);
    sql = `INSERT INTO "conversations" (${keys.map(name).join(", ")}) VALUES (${keys.map(() => "?").join(", ")}) ON CONFLICT ("id") DO UPDATE SET ${updates.join(", ")}`;
    upserts.set(shape, sql);
  }
  return d1.prepare(sql).bind(...keys.map((k) => row[k] ?? null));
}

let tagOrder: string | null = null;

/** Moves the conversation within each of its tags' lists (last activity, bucket, pinned). */
function tagOrderSql(): string {
  if (!tagOrder) {
    const c = getTableColumns(schema.conversationTags);
    tagOrder = `UPDATE "conversation_tags" SET "${c.lastActivityAt.name}" = ?, "${c.bucket.name}" = ?, "${c.pinned.name}" = ? WHERE "${c.conversationId.name}" = ?`;
  }
  return tagOrder;
}

/**
 * The contact of a 1:1 conversation and the statements that bring its D1 rows up
 * to date — they join the index batch (one D1 round trip per index write), and
 * the caller records `synced` once that batch is written. Nothing to write when
 * nothing changed since the last sync (profile, follow/block, last seen).
 */
async function contactSync(rt: ConversationRuntime, lineUserId: string, profile: Profile): Promise<{ contactId: string; synced: string; statements: IndexStatement[] }> {
  const meta = rt.requireMeta();
  const d = db(rt.env.DB);
  const now = Date.now();
  const store = rt.store;
  const friendStatus: "following" | "unfollowed" | "unknown" = store.getMeta("friendStatus") ?? "unknown";
  const seen = {
    friendStatus,
    followedAt: store.getMeta("followedAt"),
    unfollowedAt: store.getMeta("unfollowedAt"),
    lastSeenAt: store.getMeta("lastCustomerMessageAt"),
  };
  const synced = JSON.stringify([seen, profile]);
  const known = store.getMeta("contact");
  if (known?.synced === synced) return { contactId: known.contactId, synced, statements: [] };
  // Most syncs only move "last seen": the contact's own row changes when the profile does.
  const profileChanged = known?.synced === undefined || syncedProfile(known.synced) !== JSON.stringify(profile);
  const where = and(eq(schema.contactIdentities.channelId, meta.channelId), eq(schema.contactIdentities.lineUserId, lineUserId));
  const identity = known ? { contactId: known.contactId } : await d.select({ contactId: schema.contactIdentities.contactId }).from(schema.contactIdentities).where(where).get();
  const contactFields = {
    displayName: profile?.displayName ?? null,
    pictureUrl: profile?.pictureUrl ?? null,
    language: profile?.language ?? null,
    statusMessage: profile?.statusMessage ?? null,
    updatedAt: now,
  };
  if (identity) {
    return {
      contactId: identity.contactId,
      synced,
      statements: [
        d.update(schema.contactIdentities).set({ ...seen, ...(profile?.displayName ? { profileFetchedAt: now } : {}) }).where(where),
        ...(profile?.displayName && profileChanged ? [d.update(schema.contacts).set(contactFields).where(eq(schema.contacts.id, identity.contactId))] : []),
      ],
    };
  }
  const contactId = newId("ct", now);
  return {
    contactId,
    synced,
    statements: [
      d.insert(schema.contacts).values({ id: contactId, workspaceId: meta.workspaceId, ...contactFields, createdAt: now }),
      d.insert(schema.contactIdentities).values({
        id: newId("ci", now),
        contactId,
        channelId: meta.channelId,
        lineUserId,
        ...seen,
        firstSeenAt: store.first()?.createdAt ?? now,
        profileFetchedAt: profile?.displayName ? now : null,
        createdAt: now,
      }),
    ],
  };
}

/** The profile part of a stored sync marker (JSON [seen, profile]); null when unreadable. */
function syncedProfile(synced: string): string | null {
  try {
    const parsed: unknown = JSON.parse(synced);
    return Array.isArray(parsed) ? JSON.stringify(parsed[1] ?? null) : null;
  } catch {
    return null;
  }
}
