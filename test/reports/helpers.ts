// Helpers for the report tests: a workspace of its own (channels, teams, agents,
// tags, conversations in the D1 index), synthetic domain events fed straight to
// the listener, and the CSV a supervisor downloads, parsed into sections.
import { env } from "cloudflare:test";
import type { DomainEvent, EventData, EventOrigin } from "../../src/conversations/events";
import { newId } from "../../src/lib/ids";
import { newWorkspace, type Setup } from "../outbound-webhooks/helpers";
import { login } from "../helpers/session";
import { createUser, type TestUser } from "../helpers/users";

export interface World extends Setup {
  channels: string[];
  teams: string[];
  agents: TestUser[];
  tags: string[];
  supervisor: TestUser;
  conversations: Array<{ id: string; channelId: string; teamId: string | null; assigneeId: string | null; tagIds: string[] }>;
}

/** A deterministic PRNG (mulberry32), so a failing dataset can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function world(label: string, timeZone = "Asia/Tokyo", conversationCount = 12, seed = 7): Promise<World> {
  const setup = await newWorkspace(`Reports ${label}`, ["supervisor"]);
  await env.DB.prepare("UPDATE workspaces SET time_zone = ? WHERE id = ?").bind(timeZone, setup.workspaceId).run();
  const second = newId("ch");
  await env.DB.prepare("INSERT INTO channels (id, workspace_id, name, line_channel_id, channel_secret_enc, access_token_enc, created_at) VALUES (?, ?, ?, ?, 'x', 'x', ?)")
    .bind(second, setup.workspaceId, `Second ${label}`, `5${Date.now().toString().slice(-8)}${Math.floor(Math.random() * 100)}`, Date.now())
    .run();
  const teams = [newId("team"), newId("team")];
  for (const [i, id] of teams.entries()) await env.DB.prepare("INSERT INTO teams (id, workspace_id, name, created_at) VALUES (?, ?, ?, ?)").bind(id, setup.workspaceId, `Team ${i + 1}`, Date.now()).run();
  const agents = [];
  for (const name of ["Aiko", "Ben", "Chai"]) agents.push(await createUser({ role: "agent", workspaceId: setup.workspaceId, name: `${name} ${label}` }));
  const tags = [newId("tag"), newId("tag")];
  for (const [i, id] of tags.entries()) await env.DB.prepare("INSERT INTO tags (id, workspace_id, name, created_at) VALUES (?, ?, ?, ?)").bind(id, setup.workspaceId, `tag-${i}-${label}`, Date.now()).run();
  const rnd = prng(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const channels = [setup.channelId, second];
  const conversations: World["conversations"] = [];
  for (let i = 0; i < conversationCount; i++) {
    const c = { id: `conv-${label}-${i}-${newId("x")}`, channelId: pick(channels), teamId: rnd() < 0.7 ? pick(teams) : null, assigneeId: rnd() < 0.7 ? pick(agents).id : null, tagIds: tags.filter(() => rnd() < 0.4) };
    await env.DB.prepare(
      "INSERT INTO conversations (id, workspace_id, channel_id, source_type, source_id, title, status, bucket, assignee_id, team_id, last_message_preview, last_message_direction, last_activity_at, unread_count, last_seq, created_at) VALUES (?, ?, ?, 'user', ?, ?, 'open', 'active', ?, ?, '', 'inbound', ?, 0, 0, ?)",
    )
      .bind(c.id, setup.workspaceId, c.channelId, `U${i}`, `Customer ${i}`, c.assigneeId, c.teamId, Date.now(), Date.now())
      .run();
    for (const tag of c.tagIds) await env.DB.prepare("INSERT INTO conversation_tags (conversation_id, tag_id, workspace_id, bucket, last_activity_at) VALUES (?, ?, ?, 'active', ?)").bind(c.id, tag, setup.workspaceId, Date.now()).run();
    conversations.push(c);
  }
  return { ...setup, channels, teams, agents, tags, supervisor: setup.people.supervisor as TestUser, conversations };
}

let n = 0;

/** A domain event as the ConversationDO would emit it. */
export function domainEvent<T extends keyof EventData>(w: Pick<World, "workspaceId">, conv: { id: string; channelId: string }, type: T, data: EventData[T], at: number, origin: EventOrigin = { kind: "customer" }): DomainEvent {
  return { id: `evt_test_${++n}_${Math.random().toString(36).slice(2)}`, type, data, at, workspaceId: w.workspaceId, channelId: conv.channelId, conversationId: conv.id, sourceType: "user", contactId: null, lineUserId: null, origin } as DomainEvent;
}

export function message(direction: "inbound" | "outbound", agentId: string | null, at: number) {
  return { id: newId("msg"), direction, type: "text" as const, text: "hi", body: { type: "text" as const, text: "hi" }, lineMessageId: null, senderLineUserId: null, agentId, agentName: agentId ? "Agent" : null, createdAt: at };
}

export async function signIn(user: TestUser) {
  return login(user.email, user.password);
}

/** The CSV export as { section title → rows of { header → cell } }. */
export function parseCsv(text: string): Map<string, Array<Record<string, string>>> {
  const lines = text.replace(/^\uFEFF/, "").split("\r\n");
  const out = new Map<string, Array<Record<string, string>>>();
  const split = (line: string) => {
    const cells: string[] = [];
    let cur = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
        else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ",") cells.push(cur), (cur = "");
      else cur += ch;
    }
    cells.push(cur);
    return cells;
  };
  let i = 0;
  while (i < lines.length) {
    const title = lines[i];
    if (!title) {
      i++;
      continue;
    }
    const header = split(lines[i + 1] ?? "");
    const rows: Array<Record<string, string>> = [];
    i += 2;
    while (i < lines.length && lines[i]) rows.push(Object.fromEntries(split(lines[i] as string).map((v, k) => [header[k] ?? String(k), v]))), i++;
    out.set(split(title)[0] ?? "", rows);
  }
  return out;
}

export const sum = (rows: Array<Record<string, string>> | undefined, column: string) => (rows ?? []).reduce((a, r) => a + Number(r[column] || 0), 0);

/** Customer messages counted into a workspace's hourly rollups (all dimensions). */
export async function inboundTotal(workspaceId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COALESCE(SUM(inbound), 0) AS n FROM report_messages WHERE workspace_id = ? AND grain = 'h' AND tag_id = '*' AND channel_id = '*' AND team_id = '*' AND agent_id = '*'")
    .bind(workspaceId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
