// CSAT's reactions to domain events: a resolved conversation gets the survey
// (when its channel says so — the checks run in the conversation), a tapped
// rating or Skip goes to the survey, and while a rating waits for its comment
// the customer's next text is that comment. Idempotent: the survey ignores a
// second tap, a second comment and a resolve after the repeat window.
import { and, eq, gte } from "drizzle-orm";
import type { Listener } from "../conversations/events";
import { conversationStub } from "../conversations/service";
import { db, schema } from "../db/client";
import { workspaceFeatures } from "../db/workspace-features";
import { POSTBACK_PREFIX } from "./messages";

export const csatListener: Listener = {
  name: "csat",
  events: ["conversation.resolved", "postback.received", "message.received"],
  async handle(event, ctx) {
    if (event.sourceType !== "user") return;
    const stub = () => conversationStub(ctx.env, event.conversationId);
    if (event.type === "conversation.resolved") {
      // Only channels that survey on resolve wake the conversation (it re-checks everything).
      if (!(await workspaceFeatures(ctx.env.DB, event.workspaceId)).csatOnResolve) return;
      const on = await db(ctx.env.DB).select({ on: schema.csatSettings.onResolve }).from(schema.csatSettings).where(eq(schema.csatSettings.channelId, event.channelId)).get();
      if (on?.on) await stub().csat({ kind: "send", trigger: "resolve", now: event.at });
    } else if (event.type === "postback.received") {
      if (event.data.data.startsWith(POSTBACK_PREFIX)) await stub().csat({ kind: "postback", data: event.data.data, standby: event.data.standby, at: event.at });
    } else if (event.type === "message.received" && event.data.message.body.type === "text") {
      if (!(await workspaceFeatures(ctx.env.DB, event.workspaceId)).csatComments) return;
      const r = schema.csatResponses;
      const waiting = await db(ctx.env.DB)
        .select({ id: r.id })
        .from(r)
        .where(and(eq(r.conversationId, event.conversationId), eq(r.status, "rated"), gte(r.commentUntil, event.at)))
        .get();
      if (waiting) await stub().csat({ kind: "text", text: event.data.message.body.text, at: event.at });
    }
  },
};
