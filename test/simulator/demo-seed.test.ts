// Defect 13 of issue 8: a fresh `npm start` shows sample conversations. After the
// bootstrap the demo inbox is empty; the seed trigger (scripts/start.mjs calls it)
// sends a Japanese, a Thai and a group conversation through the simulator and the
// app's webhook, and adds canned replies and a keyword rule — once per database.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { searchIds } from "../../src/inbox/search";
import { conversationOf, drainOutbox } from "../helpers/conversations";
import { login } from "../helpers/session";
import { demoWorkspaceId } from "../helpers/users";

const ORIGIN = "https://linedesk.test";
let workspaceId: string;

beforeAll(async () => {
  await login(); // the bootstrap: demo workspace, admin, env channel
  workspaceId = await demoWorkspaceId();
  // The simulator's customers post their webhooks to the app's own origin: route them to this worker.
  const spy = vi.mocked(globalThis.fetch);
  const routeLine = spy.getMockImplementation();
  spy.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).host === "linedesk.test") return SELF.fetch(request);
    if (!routeLine) throw new Error("LINE routing is not installed");
    return routeLine(request);
  });
});

const seed = () => SELF.fetch(`${ORIGIN}/simulator/control/demo-seed`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
const count = async (sql: string) => (await env.DB.prepare(sql).bind(workspaceId).first<{ n: number }>())?.n ?? 0;

interface SimState {
  users: Array<{ userId: string; displayName: string }>;
  chats: Array<{ chatId: string; type: string; name: string }>;
}

describe("demo seed", () => {
  it("starts from an empty demo inbox, then seeds three conversations through the real paths", async () => {
    expect(await count("SELECT count(*) AS n FROM conversations WHERE workspace_id = ?")).toBe(0);

    const res = await seed();
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ seeded: true, conversations: 3 });

    const state: SimState = await (await SELF.fetch(`${ORIGIN}/simulator/control/state`)).json();
    const tanaka = state.users.find((u) => u.displayName === "田中 ゆき");
    const somchai = state.users.find((u) => u.displayName === "Somchai P.");
    const group = state.chats.find((c) => c.type === "group" && c.name === "Office party order");
    if (!tanaka || !somchai || !group) throw new Error("demo customers missing in the simulator");
    const ja = await conversationOf({ type: "user", userId: tanaka.userId });
    const th = await conversationOf({ type: "user", userId: somchai.userId });
    const gr = await conversationOf({ type: "group", groupId: group.chatId });
    for (const c of [ja, th, gr]) await drainOutbox(c.stub, 10);

    // Indexed like any conversation: listed, titled, searchable (a 2-character word too).
    const rows = await env.DB.prepare("SELECT id, title, source_type FROM conversations WHERE workspace_id = ? ORDER BY id").bind(workspaceId).all<{ id: string; title: string; source_type: string }>();
    expect(rows.results.map((r) => r.id).sort()).toEqual([ja.id, th.id, gr.id].sort());
    expect(rows.results.find((r) => r.id === ja.id)?.title).toBe("田中 ゆき");
    expect(rows.results.find((r) => r.id === gr.id)?.source_type).toBe("group");
    expect(await searchIds(env.DB, workspaceId, "注文")).toEqual([ja.id]);

    // The Japanese thread: the customer's text, photo and sticker, and the agent's answers.
    const thread = await ja.stub.thread({ limit: 50 });
    const said = thread.messages.map((m) => `${m.direction}:${m.body.type}`);
    expect(said).toEqual(expect.arrayContaining(["inbound:text", "inbound:image", "inbound:sticker", "outbound:text"]));
    expect(thread.messages.filter((m) => m.direction === "outbound").every((m) => m.status === "sent")).toBe(true);

    // The Thai customer's question about opening hours got the keyword rule's answer.
    const thai = await th.stub.thread({ limit: 50 });
    expect(thai.messages.some((m) => m.direction === "outbound" && m.body.type === "text" && m.body.text.includes("10:00"))).toBe(true);

    // Three members spoke in the group.
    const groupThread = await gr.stub.thread({ limit: 50 });
    expect(groupThread.messages.filter((m) => m.direction === "inbound" && m.body.type === "text")).toHaveLength(3);

    // Canned replies and the keyword rule, written by their own modules (with audit entries).
    expect(await count("SELECT count(*) AS n FROM canned_replies WHERE workspace_id = ? AND owner_id IS NULL")).toBe(3);
    expect(await count("SELECT count(*) AS n FROM keyword_rules WHERE workspace_id = ? AND name = 'Opening hours' AND enabled = 1")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM audit_logs WHERE workspace_id = ? AND action = 'canned_reply.created'")).toBe(3);
  });

  it("seeds once per database: a restart's trigger changes nothing", async () => {
    const before = {
      conversations: await count("SELECT count(*) AS n FROM conversations WHERE workspace_id = ?"),
      canned: await count("SELECT count(*) AS n FROM canned_replies WHERE workspace_id = ?"),
      rules: await count("SELECT count(*) AS n FROM keyword_rules WHERE workspace_id = ?"),
    };
    const state: SimState = await (await SELF.fetch(`${ORIGIN}/simulator/control/state`)).json();
    const again = await seed();
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ seeded: false, reason: "already-seeded" });
    expect({
      conversations: await count("SELECT count(*) AS n FROM conversations WHERE workspace_id = ?"),
      canned: await count("SELECT count(*) AS n FROM canned_replies WHERE workspace_id = ?"),
      rules: await count("SELECT count(*) AS n FROM keyword_rules WHERE workspace_id = ?"),
    }).toEqual(before);
    const after: SimState = await (await SELF.fetch(`${ORIGIN}/simulator/control/state`)).json();
    expect(after.chats).toHaveLength(state.chats.length);
  });
});
