// POST /inbox/c/:id/csat: an agent sends the CSAT survey from the conversation
// toolbar (session, CSRF and the conversation's workspace checked). The repeat
// rule and standby apply; the answer says what happened (sent by reply or by
// push, or why not).
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { requireCsrf, requireSession } from "../auth/middleware";
import type { AppEnv } from "../env";
import { findConversation } from "../inbox/queries";
import { t } from "../ui/i18n";
import { sendCsatSurvey } from ".";
import { CsatResult, outcomeText } from "./views/toolbar-action";

const param = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) });

export const csatInboxRoutes = new Hono<AppEnv>().use(requireSession(), requireCsrf()).post(
  "/c/:id/csat",
  zValidator("param", param, (r) => {
    if (!r.success) throw new HTTPException(404, { message: t("inbox.error.notFound") });
  }),
  async (c) => {
    const row = await findConversation(c.env.DB, c.get("session").workspaceId, c.req.valid("param").id);
    if (!row) throw new HTTPException(404, { message: t("inbox.error.notFound") });
    const outcome = await sendCsatSurvey(c.env, row.id, { trigger: "agent" });
    const text = outcomeText(outcome);
    if (c.req.header("hx-request") !== "true") {
      if (!outcome.sent) throw new HTTPException(422, { message: text });
      return c.redirect(`/inbox/c/${row.id}`, 303);
    }
    return c.html(<CsatResult text={text} ok={outcome.sent} />, outcome.sent ? 200 : 422);
  },
);
