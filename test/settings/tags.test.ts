// One tag concept: a tag added in the contact panel counts under the inbox's
// Filters → Tag and lists the customer's conversations; Settings → Tags pages
// through the workspace's tags, merges and deletes them (with what they touch),
// and refuses what it should (422 for a taken name, 403 for agents, 404 across
// workspaces).
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { setConversationTag } from "../../src/tags/conversation-tags";
import { filterCounts, findConversation, listConversations } from "../../src/inbox/queries";
import { newId } from "../../src/lib/ids";
import { createTag, tagContact } from "../../src/tags/store";
import { customerWrites, workspaceId } from "../contacts/fixtures";
import { textEvent } from "../helpers/line";
import { type Agent, login } from "../helpers/session";
import { auditActions, createWorkspace, loginAs, loginInNewWorkspace } from "../helpers/users";

const htmx = { htmx: true };
const stamp = Date.now().toString(36);
/** LINE user ids come from a seed's first 16 characters: the stamp keeps runs apart, the label customers. */
const seed = (label: string) => `${label}${stamp}`.slice(0, 16);
let admin: Agent;
let ws: string;

beforeAll(async () => {
  admin = await login();
  ws = await workspaceId();
});

async function tagId(name: string): Promise<string> {
  const row = await env.DB.prepare("SELECT id FROM tags WHERE workspace_id = ? AND name = ?").bind(ws, name).first<{ id: string }>();
  if (!row) throw new Error(`no tag ${name}`);
  return row.id;
}

async function activeCount(tag: string): Promise<number> {
  return (await filterCounts(env.DB, ws, { teams: [], tags: [tag], channels: [] })).tags[tag] ?? -1;
}

async function listed(tag: string, view: "all" | "resolved" = "all"): Promise<string[]> {
  const { items } = await listConversations(env.DB, ws, "nobody", { view, tag });
  return items.map((i) => i.id);
}

describe("Filters → Tag covers contact tags", () => {
  it("counts and lists a conversation whose contact was tagged in the contact panel", async () => {
    const name = `VIP ${stamp}`;
    const vip = await customerWrites(seed("vip"), { displayName: "Malee" }, (uid) => [textEvent("สวัสดีค่ะ", { userId: uid })]);
    expect((await admin.post(`/contacts/${vip.contactId}/tags`, { name, color: "amber" }, htmx)).status).toBe(200);
    const tag = await tagId(name);
    expect(await activeCount(tag)).toBe(1);
    expect(await listed(tag)).toEqual([vip.conversationId]);
    const list = await (await admin.get(`/inbox/list?tag=${tag}`)).text();
    expect(list).toContain(vip.conversationId);

    // A conversation tagged directly counts too; one tagged both ways counts once.
    const direct = await customerWrites(seed("direct"), { displayName: "Ken" }, (uid) => [textEvent("hello", { userId: uid })]);
    const row = await findConversation(env.DB, ws, direct.conversationId);
    if (!row) throw new Error("conversation not indexed");
    await setConversationTag(env.DB, { workspaceId: ws, actorId: "test" }, row, tag, true);
    const vipRow = await findConversation(env.DB, ws, vip.conversationId);
    if (!vipRow) throw new Error("conversation not indexed");
    await setConversationTag(env.DB, { workspaceId: ws, actorId: "test" }, vipRow, tag, true);
    expect(await activeCount(tag)).toBe(2);
    expect((await listed(tag)).sort()).toEqual([vip.conversationId, direct.conversationId].sort());

    // Resolved conversations leave the active count and show under Resolved.
    await env.DB.prepare("UPDATE conversations SET status = 'resolved', bucket = 'resolved' WHERE id = ?").bind(vip.conversationId).run();
    await env.DB.prepare("UPDATE conversation_tags SET bucket = 'resolved' WHERE conversation_id = ?").bind(vip.conversationId).run();
    expect(await activeCount(tag)).toBe(1);
    expect(await listed(tag)).toEqual([direct.conversationId]);
    expect(await listed(tag, "resolved")).toEqual([vip.conversationId]);

    // Taking the tag off the contact (in the panel) keeps only the direct tag.
    await env.DB.prepare("UPDATE conversations SET status = 'open', bucket = 'active' WHERE id = ?").bind(vip.conversationId).run();
    await env.DB.prepare("UPDATE conversation_tags SET bucket = 'active' WHERE conversation_id = ?").bind(vip.conversationId).run();
    await setConversationTag(env.DB, { workspaceId: ws, actorId: "test" }, vipRow, tag, false);
    expect(await activeCount(tag)).toBe(2);
    expect((await admin.post(`/contacts/${vip.contactId}/tags/${tag}/remove`, {}, htmx)).status).toBe(200);
    expect(await activeCount(tag)).toBe(1);
    expect(await listed(tag)).toEqual([direct.conversationId]);
  });

  it("pages a tag's conversations by keyset across both kinds of tagging, without repeats", async () => {
    const { tag } = (await createTag(env.DB, ws, "test", `Paged ${stamp}`, "blue")) as { tag: { id: string; name: string; color: string } };
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await customerWrites(seed(`page${i}`), { displayName: `Page ${i}` }, (uid) => [textEvent(`m${i}`, { userId: uid, timestamp: Date.now() + i * 1000 })]);
      made.push(c.conversationId);
      if (i % 2) await tagContact(env.DB, ws, "test", c.contactId, tag);
      else {
        const row = await findConversation(env.DB, ws, c.conversationId);
        if (row) await setConversationTag(env.DB, { workspaceId: ws, actorId: "test" }, row, tag.id, true);
      }
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const { items, nextCursor } = await listConversations(env.DB, ws, "nobody", { view: "all", tag: tag.id, cursor }, 3);
      seen.push(...items.map((i) => i.id));
      if (!nextCursor) break;
      cursor = nextCursor;
    }
    expect(seen).toHaveLength(4);
    expect(new Set(seen)).toEqual(new Set(made));
    expect(seen).toEqual([...made].reverse());
  });
});

describe("Settings → Tags", () => {
  it("lists every tag A→Z whatever the case, 50 to a page, with what uses each", async () => {
    const owner = await loginInNewWorkspace();
    const wsId = owner.user.workspaceId;
    for (let i = 0; i < 53; i++) await createTag(env.DB, wsId, owner.user.id, `${i % 2 ? "b" : "B"}-${String(i).padStart(2, "0")}`, "green");
    const page = await (await owner.get("/settings/tags")).text();
    const names = [...page.matchAll(/class="tag-chip-s__name">([^<]+)</g)].map((m) => m[1]);
    expect(names).toHaveLength(50);
    expect(names.slice(0, 3)).toEqual(["B-00", "b-01", "B-02"]);
    const more = /hx-get="\/settings\/tags\/more\?cursor=([^"]+)"/.exec(page)?.[1];
    expect(more).toBeTruthy();
    const rest = await (await owner.get(`/settings/tags/more?cursor=${more}`, { headers: { "hx-request": "true" } })).text();
    expect([...rest.matchAll(/class="tag-chip-s__name">([^<]+)</g)].map((m) => m[1])).toEqual(["B-50", "b-51", "B-52"]);
    expect(rest).not.toContain("/settings/tags/more?cursor=");
    expect(page).toContain("0 conversations · 0 contacts");
  });

  it("creates tags (422 for a name taken in any case), renames and recolours them, each audited", async () => {
    const owner = await loginInNewWorkspace();
    const created = await owner.post("/settings/tags", { name: "  Wholesale ", color: "violet" }, htmx);
    expect(created.status).toBe(200);
    const html = await created.text();
    expect(html).toContain('<hx-partial hx-target="#tag-list" hx-swap="afterbegin">');
    expect(html).toContain("tag-chip-s--violet");
    const taken = await owner.post("/settings/tags", { name: "WHOLESALE", color: "red" }, htmx);
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain("There already is a tag “Wholesale”.");
    expect((await owner.post("/settings/tags", { name: "", color: "red" }, htmx)).status).toBe(422);
    const id = (await env.DB.prepare("SELECT id FROM tags WHERE workspace_id = ?").bind(owner.user.workspaceId).first<{ id: string }>())?.id ?? "";
    await createTag(env.DB, owner.user.workspaceId, owner.user.id, "Retail", "blue");
    const clash = await owner.post(`/settings/tags/${id}`, { name: "retail", color: "violet" });
    expect(clash.status).toBe(422);
    expect(await clash.text()).toContain("merge this tag into it instead");
    const saved = await owner.post(`/settings/tags/${id}`, { name: "Wholesale TH", color: "amber" });
    expect(saved.status).toBe(303);
    expect(await env.DB.prepare("SELECT name, color FROM tags WHERE id = ?").bind(id).first()).toEqual({ name: "Wholesale TH", color: "amber" });
    const actions = (await auditActions(owner.user.workspaceId)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["tag.created", "tag.updated"]));
  });

  it("merges a tag into another: its conversations and contacts carry the kept tag once, and it is gone", async () => {
    const from = (await createTag(env.DB, ws, "test", `Old VIP ${stamp}`, "red")) as { tag: { id: string; name: string; color: string } };
    const into = (await createTag(env.DB, ws, "test", `VIP kept ${stamp}`, "amber")) as { tag: { id: string; name: string; color: string } };
    const both = await customerWrites(seed("both"), { displayName: "Both" }, (uid) => [textEvent("hi", { userId: uid })]);
    const only = await customerWrites(seed("only"), { displayName: "Only" }, (uid) => [textEvent("hi", { userId: uid })]);
    await tagContact(env.DB, ws, "test", both.contactId, from.tag);
    await tagContact(env.DB, ws, "test", both.contactId, into.tag);
    const row = await findConversation(env.DB, ws, only.conversationId);
    if (!row) throw new Error("conversation not indexed");
    await setConversationTag(env.DB, { workspaceId: ws, actorId: "test" }, row, from.tag.id, true);
    const page = await (await admin.get(`/settings/tags/${from.tag.id}`)).text();
    expect(page).toContain("1 conversation · 1 contact");
    const unknown = await admin.post(`/settings/tags/${from.tag.id}/merge`, { into: "no such tag" }, htmx);
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain("There is no tag “no such tag”");
    expect((await admin.post(`/settings/tags/${from.tag.id}/merge`, { into: from.tag.name }, htmx)).status).toBe(422);

    const merged = await admin.post(`/settings/tags/${from.tag.id}/merge`, { into: into.tag.name.toUpperCase() }, htmx);
    expect(merged.status).toBe(200);
    expect(merged.headers.get("hx-redirect")).toBe(`/settings/tags/${into.tag.id}`);
    expect(await env.DB.prepare("SELECT id FROM tags WHERE id = ?").bind(from.tag.id).first()).toBeNull();
    const contactTags = await env.DB.prepare("SELECT tag_id FROM contact_tags WHERE contact_id = ?").bind(both.contactId).all<{ tag_id: string }>();
    expect(contactTags.results).toEqual([{ tag_id: into.tag.id }]);
    expect(await listed(into.tag.id)).toEqual(expect.arrayContaining([both.conversationId, only.conversationId]));
    expect(await activeCount(into.tag.id)).toBe(2);
    const audit = (await auditActions(ws)).filter((a) => a.action === "tag.merged" && a.target_id === into.tag.id);
    expect(JSON.parse(audit[0]?.data ?? "{}")).toMatchObject({ conversations: 1, contacts: 1, from: { id: from.tag.id } });
  });

  it("deletes a tag with a count of what carries it, taking it off conversations and contacts", async () => {
    const { tag } = (await createTag(env.DB, ws, "test", `Spam ${stamp}`, "grey")) as { tag: { id: string; name: string; color: string } };
    const c = await customerWrites(seed("delete"), { displayName: "Spammy" }, (uid) => [textEvent("buy now", { userId: uid })]);
    await tagContact(env.DB, ws, "test", c.contactId, tag);
    const row = await findConversation(env.DB, ws, c.conversationId);
    if (!row) throw new Error("conversation not indexed");
    await setConversationTag(env.DB, { workspaceId: ws, actorId: "test" }, row, tag.id, true);
    const page = await (await admin.get(`/settings/tags/${tag.id}`)).text();
    expect(page).toContain(`Spam ${stamp} is on 1 conversation · 1 contact. Deleting takes it off all of them`);
    expect(page).toMatch(/hx-confirm="Delete Spam [0-9a-z]+\? It comes off 1 conversation · 1 contact\."/);
    const res = await admin.post(`/settings/tags/${tag.id}/delete`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/settings/tags");
    for (const table of ["tags WHERE id", "conversation_tags WHERE tag_id", "contact_tags WHERE tag_id"]) {
      expect(await env.DB.prepare(`SELECT 1 FROM ${table} = ?`).bind(tag.id).first(), table).toBeNull();
    }
    expect((await admin.get(`/contacts/${c.contactId}/panel`, { headers: { "hx-request": "true" } })).status).toBe(200);
    const audit = (await auditActions(ws)).find((a) => a.action === "tag.deleted" && a.target_id === tag.id);
    expect(JSON.parse(audit?.data ?? "{}")).toMatchObject({ conversations: 1, contacts: 1 });
  });

  it("shows agents the list but nothing to manage; their changes are 403, other workspaces' tags 404", async () => {
    const agent = await loginAs("agent");
    const { tag } = (await createTag(env.DB, ws, "test", `Agent view ${stamp}`, "green")) as { tag: { id: string } };
    const page = await (await agent.get("/settings/tags")).text();
    expect(page).toContain(`Agent view ${stamp}`);
    expect(page).not.toContain('id="tag-create"');
    expect(page).not.toContain(`href="/settings/tags/${tag.id}"`);
    expect((await agent.get(`/settings/tags/${tag.id}`)).status).toBe(403);
    expect((await agent.post("/settings/tags", { name: "Nope", color: "red" })).status).toBe(403);
    expect((await agent.post(`/settings/tags/${tag.id}/delete`, {})).status).toBe(403);
    const elsewhere = await createWorkspace("Tags elsewhere");
    const foreign = (await createTag(env.DB, elsewhere, "test", "Foreign", "red")) as { tag: { id: string } };
    expect((await admin.get(`/settings/tags/${foreign.tag.id}`)).status).toBe(404);
    expect((await admin.post(`/settings/tags/${foreign.tag.id}/delete`, {})).status).toBe(404);
    expect((await admin.get(`/settings/tags/${newId("tag")}`)).status).toBe(404);
    expect(await env.DB.prepare("SELECT 1 FROM tags WHERE id = ?").bind(foreign.tag.id).first()).not.toBeNull();
  });
});
