// /api/v1/conversations: list (filters, keyset), get one, triage (PATCH) and
// tags. Triage goes through the conversation's Durable Object exactly like the
// inbox's triage bar, so each change is a system line and an audit entry.
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { conversationStub } from "../conversations/service";
import type { AppEnv } from "../env";
import { setConversationTag, tagIdsByConversation } from "../tags/conversation-tags";
import { conversationTagIds, workspaceDirectory } from "../inbox/directory";
import { type ConversationRow, listConversations } from "../inbox/queries";
import { TRIAGE_ERRORS, workspaceTag } from "../inbox/triage-form";
import { apiActor, loadConversation, workspaceOf } from "./context";
import { conversationJson, tagJson } from "./json";
import * as ops from "./operations";
import { planTriage } from "./triage";
import { body, notFound, params, query, requireJson } from "./validate";

async function conversationData(c: Context<AppEnv>, row: ConversationRow) {
  const [directory, tagIds] = await Promise.all([workspaceDirectory(c.env.DB, row.workspaceId), conversationTagIds(c.env.DB, row.id)]);
  return conversationJson(row, directory, tagIds);
}

async function tagList(c: Context<AppEnv>, row: ConversationRow) {
  const [directory, tagIds] = await Promise.all([workspaceDirectory(c.env.DB, row.workspaceId), conversationTagIds(c.env.DB, row.id)]);
  return directory.tags.filter((t) => tagIds.includes(t.id)).map(tagJson);
}

const conversation = (op: { params: typeof ops.getConversation.params }) => params(op, "Conversation");

export const conversationApi = new Hono<AppEnv>()
  .get(ops.listConversations.path, query(ops.listConversations), async (c) => {
    const q = c.req.valid("query");
    const workspaceId = workspaceOf(c);
    const page = await listConversations(
      c.env.DB,
      workspaceId,
      "",
      {
        view: "any",
        cursor: q.cursor,
        team: q.team,
        tag: q.tag,
        channel: q.channel,
        status: q.status,
        assignee: q.assignee === "none" ? null : q.assignee,
        updatedSince: q.updatedSince === undefined ? undefined : Date.parse(q.updatedSince),
      },
      q.limit,
    );
    const [directory, tags] = await Promise.all([workspaceDirectory(c.env.DB, workspaceId), tagIdsByConversation(c.env.DB, page.items.map((r) => r.id))]);
    return c.json({ data: page.items.map((row) => conversationJson(row, directory, tags.get(row.id) ?? [])), nextCursor: page.nextCursor });
  })
  .get(ops.getConversation.path, conversation(ops.getConversation), async (c) => {
    const row = await loadConversation(c, c.req.valid("param").id);
    return c.json({ data: await conversationData(c, row) });
  })
  .patch(ops.triageConversation.path, conversation(ops.triageConversation), requireJson(), body(ops.triageConversation), async (c) => {
    const row = await loadConversation(c, c.req.valid("param").id);
    const plan = planTriage(c.req.valid("json"), await workspaceDirectory(c.env.DB, row.workspaceId));
    if ("error" in plan) throw new HTTPException(422, { message: plan.error });
    const stub = conversationStub(c.env, row.id);
    const actor = apiActor(c);
    for (const change of plan.changes) await stub.triage(change, actor);
    return c.json({ data: await conversationData(c, await loadConversation(c, row.id)) });
  })
  .post(ops.addConversationTag.path, conversation(ops.addConversationTag), requireJson(), body(ops.addConversationTag), async (c) => {
    const row = await loadConversation(c, c.req.valid("param").id);
    const { tagId } = c.req.valid("json");
    const directory = await workspaceDirectory(c.env.DB, row.workspaceId);
    const tag = workspaceTag(directory, tagId);
    if (!tag) throw new HTTPException(422, { message: `tagId: ${TRIAGE_ERRORS.tag}` });
    if (await setConversationTag(c.env.DB, { workspaceId: row.workspaceId, actorId: apiActor(c).id }, row, tagId, true)) {
      await conversationStub(c.env, row.id).tagChanged("tag.added", { id: tag.id, name: tag.name }, "conversation", apiActor(c));
    }
    return c.json({ data: await tagList(c, row) });
  })
  .delete(ops.removeConversationTag.path, params(ops.removeConversationTag, "Conversation"), async (c) => {
    const { id, tagId } = c.req.valid("param");
    const row = await loadConversation(c, id);
    const directory = await workspaceDirectory(c.env.DB, row.workspaceId);
    const tag = workspaceTag(directory, tagId);
    if (!tag) throw notFound("Tag");
    if (await setConversationTag(c.env.DB, { workspaceId: row.workspaceId, actorId: apiActor(c).id }, row, tagId, false)) {
      await conversationStub(c.env, row.id).tagChanged("tag.removed", { id: tag.id, name: tag.name }, "conversation", apiActor(c));
    }
    return c.json({ data: await tagList(c, row) });
  });
