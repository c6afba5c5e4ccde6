// Canned replies in the composer: `/` searches the workspace's shared replies and
// the agent's own (never a colleague's personal ones), bodies arrive filled in.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "../../src/db/client";
import { fillTemplate } from "../../src/composer/messages";
import { routeLineToSimulator } from "../helpers/line";
import { type Agent, login } from "../helpers/session";
import { customerWrites, foreignConversation } from "./helpers";

let agent: Agent;
let conversationId: string;

beforeAll(async () => {
  agent = await login();
  const routed = routeLineToSimulator();
  ({ id: conversationId } = await customerWrites("canned-customer"));
  routed.restore();
  const me = await env.DB.prepare("SELECT id, workspace_id FROM users WHERE email = ?").bind("admin@linedesk.test").first<{ id: string; workspace_id: string }>();
  if (!me) throw new Error("demo admin missing");
  await foreignConversation();
  const now = Date.now();
  const row = (id: string, ownerId: string | null, shortcut: string, body: string, workspaceId = me.workspace_id) => ({ id, workspaceId, ownerId, shortcut, body, createdAt: now, updatedAt: now });
  await db(env.DB)
    .insert(schema.cannedReplies)
    .values([
      row("cr_shared_thanks", null, "thanks", "Thank you {{contact.name}}! — {{ agent.name }}"),
      row("cr_mine_ship", me.id, "shipping", "Hi {{contact.name}}, your parcel ships today."),
      row("cr_other_agent", "usr_someone_else", "thanks-private", "Colleague's private thanks"),
      row("cr_other_ws", null, "thanks-foreign", "Another workspace", "ws_foreign"),
      row("cr_percent", null, "discount", "Get 100% back within 30 days"),
      row("cr_body_match", null, "refund", "Refunds take 3 days; thanks for waiting"),
    ]);
});

async function search(q: string): Promise<string> {
  const res = await agent.get(`/inbox/c/${conversationId}/compose/canned?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return res.text();
}

describe("canned replies", () => {
  it("finds shared and own replies by shortcut or body, shortcut prefix first", async () => {
    const html = await search("thanks");
    expect(html).toContain("/thanks");
    expect(html).toContain("/refund"); // matched in the body
    expect(html.indexOf("/thanks")).toBeLessThan(html.indexOf("/refund"));
    expect(html).not.toContain("thanks-private");
    expect(html).not.toContain("thanks-foreign");
    expect(html).toContain("Shared");
  });

  it("fills {{contact.name}} and {{agent.name}}", async () => {
    const title = await env.DB.prepare("SELECT title FROM conversations WHERE id = ?").bind(conversationId).first<{ title: string }>();
    const thanks = await search("tha");
    expect(thanks).toContain(`data-canned-body="Thank you ${title?.title}! — Aiko (admin)"`);
    const mine = await search("ship");
    expect(mine).toContain("Personal");
    expect(mine).toContain(`Hi ${title?.title}, your parcel ships today.`);
  });

  it("treats % and _ as plain characters and says when nothing matches", async () => {
    const percent = await search("100%");
    expect(percent).toContain("/discount");
    expect(percent).not.toContain("/thanks");
    expect(await search("_")).toContain("No canned reply matches");
    const tooLong = await agent.get(`/inbox/c/${conversationId}/compose/canned?q=${"x".repeat(51)}`);
    expect(tooLong.status).toBe(422);
    expect(await tooLong.text()).toContain("at most 50 characters");
  });

  it("substitutes only the two variables", () => {
    expect(fillTemplate("{{contact.name}} / {{agent.name}} / {{contact.email}}", { contactName: "Mika", agentName: "Aiko" })).toBe("Mika / Aiko / {{contact.email}}");
  });
});
