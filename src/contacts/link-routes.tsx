// Account-linking routes under /contacts: an agent sends a contact's LINE
// identity the "Link account" button, and admins set the login page addresses.
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { requireRole } from "../auth/middleware";
import { auditInsert } from "../db/audit";
import type { AppEnv } from "../env";
import { t } from "../ui/i18n";
import { sendAccountLink } from "./account-link";
import { contactParam, rowId } from "./schemas";
import { LinkingPage } from "./views/linking-page";

const httpsUrl = z.union([z.literal(""), z.url({ protocol: /^https$/ }).max(500)]);

const userOf = (c: Context<AppEnv>) => {
  const s = c.get("session");
  return { name: s.name, email: s.email, role: s.role };
};

async function linkSettings(c: Context<AppEnv>) {
  const { workspaceId } = c.get("session");
  const [ws, channels] = await Promise.all([
    c.env.DB.prepare("SELECT account_link_url FROM workspaces WHERE id = ?1").bind(workspaceId).first<{ account_link_url: string | null }>(),
    c.env.DB.prepare("SELECT id, name, account_link_url AS url FROM channels WHERE workspace_id = ?1 ORDER BY created_at").bind(workspaceId).all<{ id: string; name: string; url: string | null }>(),
  ]);
  return { workspaceUrl: ws?.account_link_url ?? null, channels: channels.results };
}

export const linkRoutes = new Hono<AppEnv>()
  .get("/account-linking", requireRole("admin"), async (c) => {
    const saved = c.req.query("saved") === "1";
    return c.html(<LinkingPage user={userOf(c)} csrfToken={c.get("session").csrfToken} {...(await linkSettings(c))} saved={saved} />);
  })
  .post("/account-linking", requireRole("admin"), async (c) => {
    const { workspaceId, userId, csrfToken } = c.get("session");
    const body = await c.req.parseBody();
    const current = await linkSettings(c);
    const errors: Record<string, string> = {};
    const draft: Record<string, string> = {};
    const read = (name: string): string | null => {
      const raw = typeof body[name] === "string" ? String(body[name]).trim() : "";
      draft[name] = raw;
      const parsed = httpsUrl.safeParse(raw);
      if (!parsed.success) errors[name] = t("contacts.link.badUrl");
      return raw === "" ? null : raw;
    };
    const workspace = read("workspace");
    const channels = current.channels.map((ch) => ({ id: ch.id, url: read(`channel_${ch.id}`) }));
    if (Object.keys(errors).length) return c.html(<LinkingPage user={userOf(c)} csrfToken={csrfToken} {...current} errors={errors} draft={draft} />, 422);
    const audit = auditInsert(c.env.DB, { workspaceId, actorId: userId, action: "workspace.account_link_url_changed", targetType: "workspace", targetId: workspaceId, data: { workspace, channels } }).toSQL();
    await c.env.DB.batch([
      c.env.DB.prepare("UPDATE workspaces SET account_link_url = ?1 WHERE id = ?2").bind(workspace, workspaceId),
      ...channels.map((ch) => c.env.DB.prepare("UPDATE channels SET account_link_url = ?1 WHERE id = ?2 AND workspace_id = ?3").bind(ch.url, ch.id, workspaceId)),
      c.env.DB.prepare(audit.sql).bind(...audit.params),
    ]);
    return c.redirect("/contacts/account-linking?saved=1", 303);
  })
  .post("/:contactId/account-link", async (c) => {
    const session = c.get("session");
    const param = contactParam.safeParse(c.req.param());
    const identity = rowId.safeParse((await c.req.parseBody()).identity);
    if (!param.success || !identity.success) throw new HTTPException(404, { message: t("contacts.error.contactNotFound") });
    const owner = await c.env.DB.prepare("SELECT contact_id FROM contact_identities WHERE id = ?1").bind(identity.data).first<{ contact_id: string }>();
    if (owner?.contact_id !== param.data.contactId) throw new HTTPException(404, { message: t("contacts.error.contactNotFound") });
    const result = await sendAccountLink(c.env, { workspaceId: session.workspaceId, identityId: identity.data, actor: { id: session.userId, name: session.name } });
    if (result.ok) return c.redirect(`/contacts/${param.data.contactId}?notice=linked`, 303);
    const message =
      result.reason === "no_url" ? t("contacts.link.noUrl") : result.reason === "blocked" ? t("contacts.link.blocked") : result.reason === "line_error" ? t("contacts.link.failed", { reason: result.detail ?? "" }) : t("contacts.error.contactNotFound");
    throw new HTTPException(result.reason === "not_found" ? 404 : result.reason === "line_error" ? 502 : 422, { message });
  });
