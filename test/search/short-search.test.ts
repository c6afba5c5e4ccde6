// Two-character searches (defect 1 of issue 8): 注文, 花子 and Thai words are found
// inside messages and names through the short-query FTS5 index, mixed with Latin
// too; one character matches names starting with it; the plans read indexes only.
import { env, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { ConversationRuntime } from "../../src/conversations/runtime";
import { searchIds, searchMatches } from "../../src/inbox/search";
import { shortSearchPhrase, shortSearchTerms } from "../../src/lib/search-grams";
import { conversationOf, drainOutbox } from "../helpers/conversations";
import { postWebhook, routeLineToSimulator, textEvent, userId, webhookBody } from "../helpers/line";
import { type Agent, login } from "../helpers/session";
import { demoWorkspaceId } from "../helpers/users";

let agent: Agent;
let workspaceId: string;
beforeAll(async () => {
  agent = await login();
  workspaceId = await demoWorkspaceId();
});

/** A customer writes `texts`; their LINE profile says `name`. Returns the conversation once indexed. */
async function customer(seed: string, texts: string[], name: string) {
  routeLineToSimulator((call) =>
    call.path === `/v2/bot/profile/${userId(seed)}` ? new Response(JSON.stringify({ userId: userId(seed), displayName: name, language: "ja" }), { status: 200 }) : null,
  );
  expect((await postWebhook(webhookBody(texts.map((text) => textEvent(text, { userId: userId(seed) }))))).status).toBe(200);
  const c = await conversationOf({ type: "user", userId: userId(seed) });
  await drainOutbox(c.stub);
  return c;
}

const search = (q: string) => searchIds(env.DB, workspaceId, q);
const listed = async (q: string) => [...(await (await agent.get(`/inbox/list?q=${encodeURIComponent(q)}`)).text()).matchAll(/id="conv-([0-9a-f]{64})"/g)].map((m) => m[1]);

describe("two-character queries", () => {
  it("find Japanese words inside messages and names (注文, 花子)", async () => {
    const order = await customer("short-ja-order", ["昨日注文したコートがまだ届きません"], "佐々木 健");
    const hanako = await customer("short-ja-name", ["こんにちは"], "山田 花子");
    const mention = await customer("short-ja-mention", ["花子さんに代わってください"], "Ken Ito");
    expect(await search("注文")).toEqual([order.id]);
    // The name (title document) and a message mentioning her, newest match first.
    expect(await search("花子")).toEqual([mention.id, hanako.id]);
    // Through the inbox list too.
    expect(await listed("注文")).toEqual([order.id]);
    // And the match says which document: the message, or the name.
    const matches = await searchMatches(env.DB, workspaceId, "花子");
    expect(matches.find((m) => m.conversationId === hanako.id)?.docId).toBe("title");
    expect(matches.find((m) => m.conversationId === mention.id)?.docId).toMatch(/^msg_/);
  });

  it("find two-character Thai words, vowel and tone marks included", async () => {
    const milk = await customer("short-th-milk", ["อยากสั่งนมสดสองขวดค่ะ"], "Ploy");
    const good = await customer("short-th-good", ["สินค้าดีมากครับ"], "Somchai");
    expect(await search("นม")).toEqual([milk.id]);
    // ดี is a consonant and a vowel mark: both stay in one term.
    expect(await search("ดี")).toEqual([good.id]);
    expect(await search("ขว")).toEqual([milk.id]);
  });

  it("find Latin next to Japanese, and Latin words by their first two letters", async () => {
    const member = await customer("short-mixed-id", ["会員IDを忘れてしまいました"], "Aoi");
    const shirt = await customer("short-mixed-shirt", ["Tシャツのサイズを交換したいです"], "Ren");
    const refund = await customer("short-latin", ["Could I get a Refund for order 8812?"], "Noah");
    expect(await search("ID")).toContain(member.id);
    expect(await search("ｉｄ")).toContain(member.id); // full-width, as a Japanese IME types it
    expect(await search("Tシ")).toEqual([shirt.id]);
    expect(await search("re")).toContain(refund.id);
    expect(await search("88")).toContain(refund.id);
    // Word starts only: "un" is inside "Refund", not the start of a word.
    expect(await search("un")).not.toContain(refund.id);
  });

  it("treat one character as the start of a name, never a message", async () => {
    const named = await customer("short-one-name", ["はい"], "桜井 翔");
    const said = await customer("short-one-said", ["桜の季節ですね"], "Mika");
    const ids = await search("桜");
    expect(ids).toContain(named.id);
    expect(ids).not.toContain(said.id);
  });

  it("keeps three or more characters on the trigram index", async () => {
    const c = await customer("short-trigram", ["返品の手続きを教えてください"], "Yui");
    expect(await search("手続き")).toEqual([c.id]);
    expect(await search("続き")).toEqual([c.id]);
  });

  it("replaces the name document when the customer's name changes", async () => {
    const c = await customer("short-rename", ["よろしくお願いします"], "小林 真央");
    expect(await search("真央")).toEqual([c.id]);
    await runInDurableObject(c.stub, async (instance: unknown) => {
      const rt = (instance as { rt: ConversationRuntime }).rt;
      rt.store.setProfile(userId("short-rename"), { displayName: "小林 美咲" }, Date.now());
      rt.queueIndex(0);
      await rt.scheduleAlarm();
    });
    await drainOutbox(c.stub);
    expect(await search("真央")).toEqual([]);
    expect(await search("美咲")).toEqual([c.id]);
    // One name document per conversation in each index.
    const titles = await env.DB.prepare("SELECT rowid FROM conversation_search WHERE conversation_id = ?1 AND doc_id = 'title'").bind(c.id).all();
    expect(titles.results).toHaveLength(1);
  });
});

describe("documents written together", () => {
  it("each keep their own words, whether they have two-character terms or not", async () => {
    const texts = ["!!!", "注文の件です", "?", "花束をお願いします", "ok"];
    const c = await customer("short-many", texts, "Mina");
    const thread = (await c.stub.thread({ limit: 20 })).messages;
    const idOf = (text: string) => thread.find((m) => m.body.type === "text" && m.body.text === text)?.id;
    const docOf = async (q: string) => (await searchMatches(env.DB, workspaceId, q)).find((m) => m.conversationId === c.id)?.docId;
    expect(await docOf("注文")).toBe(idOf("注文の件です"));
    expect(await docOf("花束")).toBe(idOf("花束をお願いします"));
    expect(await docOf("お願い")).toBe(idOf("花束をお願いします"));
    expect(await docOf("ok")).toBe(idOf("ok"));
  });
});

describe("terms", () => {
  it("are the 2-character pieces of CJK and Thai runs and the starts of other words", () => {
    expect(shortSearchTerms("昨日注文")).toEqual(["昨日", "日注", "注文"]);
    expect(shortSearchTerms("LINEで注文, refund")).toEqual(["LI", "Eで", "で注", "注文", "re"]);
    expect(shortSearchPhrase("注文")).toBe('"注文"');
    expect(shortSearchPhrase("花")).toBeNull();
    expect(shortSearchPhrase('"!')).toBeNull();
  });
});

describe("query plans", () => {
  /** The statements searchMatches() runs, each as EXPLAIN QUERY PLAN lines. */
  async function plansOf(q: string): Promise<string[][]> {
    const statements: Array<{ sql: string; params: unknown[] }> = [];
    const recorder = {
      prepare(sql: string) {
        const entry = { sql, params: [] as unknown[] };
        statements.push(entry);
        const real = env.DB.prepare(sql);
        return Object.assign(Object.create(real) as D1PreparedStatement, {
          bind: (...params: unknown[]) => {
            entry.params = params;
            return real.bind(...params);
          },
        });
      },
    } as unknown as D1Database;
    await searchMatches(recorder, workspaceId, q);
    return Promise.all(
      statements.map(async (s) => (await env.DB.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).bind(...s.params).all<{ detail: string }>()).results.map((r) => r.detail)),
    );
  }

  it("read the short index by term and the documents by rowid: no full scan", async () => {
    const [details = []] = await plansOf("注文");
    // FTS5 plans read "SCAN <table> VIRTUAL TABLE INDEX <n>:<constraints>": M is a MATCH, = a rowid lookup.
    expect(details.find((d) => d.startsWith("SCAN t "))).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
    expect(details.find((d) => d.startsWith("SCAN s "))).toMatch(/VIRTUAL TABLE INDEX \d+:=/);
    expect(details).toHaveLength(2);
    expect(details.join("\n")).not.toMatch(/TEMP B-TREE FOR ORDER BY|SCAN conversations\b/);
  });

  it("read names by a range of the title index for one character", async () => {
    const [details = []] = await plansOf("桜");
    expect(details.join("\n")).toMatch(/SEARCH conversations USING (COVERING )?INDEX conversations_title_idx \(workspace_id=\? AND title>\? AND title<\?\)/);
  });
});
