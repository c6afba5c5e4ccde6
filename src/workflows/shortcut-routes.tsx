// POST /inbox/c/:id/workflows/:workflowId — an agent presses a shortcut: the
// workflow must be published with the shortcut trigger and allow the agent's
// role; the run starts in the conversation (which shows a line saying who
// started it). htmx gets the bar back with a status; a plain form goes back
// to the conversation.
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { composerGuard } from "../composer/guard";
import { conversationStub } from "../conversations/service";
import type { AppEnv } from "../env";
import { findConversation } from "../inbox/queries";
import { t } from "../ui/i18n";
import { shortcutsFor } from "./shortcuts";
import { ShortcutBar } from "./views/shortcut-bar";

const params = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/), workflowId: z.string().regex(/^wf_[0-9a-z]{20}$/) });

export const shortcutRoutes = new Hono<AppEnv>().post(
  "/c/:id/workflows/:workflowId",
  composerGuard(),
  zValidator("param", params, (r) => {
    if (!r.success) throw new HTTPException(404, { message: t("inbox.error.notFound") });
  }),
  async (c) => {
    const session = c.get("session");
    const { id, workflowId } = c.req.valid("param");
    const row = await findConversation(c.env.DB, session.workspaceId, id);
    if (!row) throw new HTTPException(404, { message: t("inbox.error.notFound") });
    const shortcuts = await shortcutsFor(c.env.DB, session.workspaceId, session.role);
    const shortcut = shortcuts.find((s) => s.workflowId === workflowId);
    if (!shortcut) throw new HTTPException(404, { message: t("workflows.shortcuts.unknown") });
    const result = await conversationStub(c.env, row.id).command("workflows", { kind: "shortcut", workflowId, agent: { id: session.userId, name: session.name } });
    const ok = Boolean(result.started);
    const text = ok ? t("workflows.shortcuts.started", { name: shortcut.label }) : t("workflows.shortcuts.refused", { name: shortcut.label });
    if (c.req.header("hx-request") !== "true") return c.redirect(`/inbox/c/${row.id}`, 303);
    return c.html(<ShortcutBar conversationId={row.id} shortcuts={shortcuts} csrfToken={session.csrfToken} status={{ ok, text }} />, ok ? 200 : 422);
  },
);
