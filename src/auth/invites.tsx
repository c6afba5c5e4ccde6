// Accepting an invite or password-reset link (/invite/:token, public). The form
// uses the login page's double-submit CSRF cookie; on success the person is
// signed in exactly as /login does it and lands in the inbox.
import { zValidator } from "@hono/zod-validator";
import { and, eq, gt, isNull } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { auditInsert } from "../db/audit";
import { db, schema } from "../db/client";
import type { AppEnv } from "../env";
import { hashPassword, randomToken, sha256Hex } from "../lib/crypto";
import { newId } from "../lib/ids";
import { InviteFormPage, type InviteFormPageProps, InviteProblemPage } from "./invite-page";
import { sameSecret } from "./middleware";
import { t } from "../ui/i18n";
import { passwordProblem } from "./password-strength";
import { lockedMessage, lockedUntil, recordFailure, throttleKeys } from "./throttle";
import { createSession, SESSION_COOKIE, SESSION_TTL_MS } from "./session";

const INVITE_CSRF_COOKIE = "ld_invite_csrf";

/** randomToken(32) is 43 base64url characters; anything else cannot be a link we made. */
const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

const password = z.object({
  password: z
    .string()
    .min(10, { error: () => t("auth.password.tooShort", { min: 10 }) })
    .max(200, { error: () => t("auth.password.tooLong", { max: 200 }) }),
  confirm: z.string(),
});
const samePasswords = (d: { password: string; confirm: string }) => d.password === d.confirm;
const mismatch = { error: () => t("auth.password.mismatch"), path: ["confirm"] };
const resetForm = password.refine(samePasswords, mismatch);
const joinForm = password
  .extend({ name: z.string().trim().min(1, { error: () => t("auth.name.missing") }).max(80, { error: () => t("auth.name.tooLong") }) })
  .refine(samePasswords, mismatch);
const csrfField = z.object({ _csrf: z.string().min(1).max(200) });

type Invite = typeof schema.invites.$inferSelect;
type Problem = { ok: false; status: 404 | 410; title: string; message: string };
type Lookup = { ok: true; invite: Invite; workspaceName: string } | Problem;

const unknownLink = (): Problem => ({ ok: false, status: 404, title: t("auth.invite.unknownTitle"), message: t("auth.invite.unknown") });

/** Finds the invite behind a token and says why it cannot be used, if it cannot. */
async function lookup(d1: D1Database, token: string, now: number): Promise<Lookup> {
  const d = db(d1);
  const row = await d
    .select({ invite: schema.invites, workspaceName: schema.workspaces.name })
    .from(schema.invites)
    .innerJoin(schema.workspaces, eq(schema.workspaces.id, schema.invites.workspaceId))
    .where(eq(schema.invites.tokenHash, await sha256Hex(token)))
    .get();
  if (!row) return unknownLink();
  const { invite } = row;
  const reset = invite.kind === "reset";
  if (invite.usedAt !== null) return { ok: false, status: 410, title: t(reset ? "auth.invite.usedReset" : "auth.invite.usedInvite"), message: t("auth.invite.used") };
  if (invite.expiresAt <= now) return { ok: false, status: 410, title: t(reset ? "auth.invite.expiredReset" : "auth.invite.expiredInvite"), message: t("auth.invite.expired") };
  if (invite.kind === "reset") {
    const user = await d.select({ id: schema.users.id }).from(schema.users)
      .where(and(eq(schema.users.id, invite.userId ?? ""), eq(schema.users.workspaceId, invite.workspaceId), eq(schema.users.active, 1)))
      .get();
    if (!user) return { ok: false, status: 410, title: t("auth.invite.inactiveTitle"), message: t("auth.invite.inactive") };
  } else {
    const taken = await d.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, invite.email)).get();
    if (taken) return { ok: false, status: 410, title: t("auth.invite.takenTitle"), message: t("auth.invite.taken", { email: invite.email }) };
  }
  return { ok: true, invite, workspaceName: row.workspaceName };
}

/** Marks the invite used, only if it still is usable: of two tabs racing, one wins. */
async function claim(d1: D1Database, invite: Invite, now: number): Promise<boolean> {
  const i = schema.invites;
  const claimed = await db(d1).update(i).set({ usedAt: now }).where(and(eq(i.id, invite.id), isNull(i.usedAt), gt(i.expiresAt, now))).returning({ id: i.id });
  return claimed.length > 0;
}

function isHttps(url: string): boolean {
  return url.startsWith("https:");
}

type Parsed = { ok: true; password: string; name?: string } | { ok: false; errors: Record<string, string> };

/** Name (invites only) and password; the first message per field on failure. */
function parseForm(kind: Invite["kind"], body: Record<string, unknown>): Parsed {
  const result = kind === "invite" ? joinForm.safeParse(body) : resetForm.safeParse(body);
  if (result.success) return { ok: true, password: result.data.password, name: "name" in result.data ? String(result.data.name) : undefined };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? "_form")] ??= issue.message;
  return { ok: false, errors };
}

function problem(c: Context<AppEnv>, p: Problem) {
  return c.html(<InviteProblemPage title={p.title} message={p.message} />, p.status);
}

/** The form with a fresh double-submit token in its cookie. */
function formPage(c: Context<AppEnv>, props: Omit<InviteFormPageProps, "csrfToken">, status: 200 | 403 | 422 = 200) {
  const csrfToken = randomToken(24);
  setCookie(c, INVITE_CSRF_COOKIE, csrfToken, { httpOnly: true, sameSite: "Lax", path: "/invite", secure: isHttps(c.req.url) });
  return c.html(<InviteFormPage {...props} csrfToken={csrfToken} />, status);
}

const badToken = zValidator("param", tokenParam, (r, c) => {
  if (!r.success) return c.html(<InviteProblemPage title={t("auth.invite.unknownTitle")} message={t("auth.invite.unknown")} />, 404);
});

export const inviteRoutes = new Hono<AppEnv>()
  .use(async function noStoreMiddleware(c, next) {
    await next();
    // The URL carries a secret: keep it and its page out of caches.
    c.header("Cache-Control", "no-store");
  })
  .get("/:token", badToken, async (c) => {
    const { token } = c.req.valid("param");
    const found = await lookup(c.env.DB, token, Date.now());
    if (!found.ok) return problem(c, found);
    const { invite, workspaceName } = found;
    return formPage(c, { kind: invite.kind, token, email: invite.email, workspaceName, name: invite.name });
  })
  .post("/:token", badToken, async (c) => {
    const { token } = c.req.valid("param");
    const now = Date.now();
    const clientKeys = await throttleKeys(c, "reset");
    const until = await lockedUntil(c.env.DB, clientKeys, now);
    if (until) {
      c.header("Retry-After", String(Math.ceil((until - now) / 1000)));
      return c.html(<InviteProblemPage title={t("auth.throttle.title")} message={lockedMessage(until, now)} />, 429);
    }
    const found = await lookup(c.env.DB, token, now);
    if (!found.ok) {
      // Guessing links: count it against this client.
      if (found.status === 404) await recordFailure(c.env.DB, clientKeys, now);
      return problem(c, found);
    }
    const { invite, workspaceName } = found;
    const keys = await throttleKeys(c, "reset", invite.email);
    const accountUntil = await lockedUntil(c.env.DB, keys, now);
    if (accountUntil) {
      c.header("Retry-After", String(Math.ceil((accountUntil - now) / 1000)));
      return c.html(<InviteProblemPage title={t("auth.throttle.title")} message={lockedMessage(accountUntil, now)} />, 429);
    }
    const body = await c.req.parseBody();
    const typedName = typeof body.name === "string" ? body.name : invite.name;
    const page = { kind: invite.kind, token, email: invite.email, workspaceName, name: typedName };

    const sent = csrfField.safeParse(body);
    const cookie = getCookie(c, INVITE_CSRF_COOKIE);
    if (!sent.success || !cookie || !(await sameSecret(cookie, sent.data._csrf))) {
      await recordFailure(c.env.DB, keys, now);
      return formPage(c, { ...page, errors: { _form: t("auth.invite.formExpired") } }, 403);
    }
    const parsed = parseForm(invite.kind, body);
    if (!parsed.ok) {
      await recordFailure(c.env.DB, keys, now);
      return formPage(c, { ...page, errors: parsed.errors }, 422);
    }
    const weak = passwordProblem(parsed.password, [parsed.name ?? invite.name, invite.email, workspaceName]);
    if (weak) {
      await recordFailure(c.env.DB, keys, now);
      return formPage(c, { ...page, errors: { password: weak } }, 422);
    }
    if (!(await claim(c.env.DB, invite, now))) {
      const again = await lookup(c.env.DB, token, now);
      return problem(c, again.ok ? unknownLink() : again);
    }

    const d = db(c.env.DB);
    const passwordHash = await hashPassword(parsed.password);
    let userId: string;
    if (invite.kind === "invite") {
      userId = newId("usr", now);
      const name = parsed.name ?? invite.name;
      const user: typeof schema.users.$inferInsert = { id: userId, workspaceId: invite.workspaceId, email: invite.email, name, passwordHash, role: invite.role, createdAt: now };
      try {
        await d.batch([
          d.insert(schema.users).values(user),
          auditInsert(c.env.DB, { workspaceId: invite.workspaceId, actorId: userId, action: "invite.accepted", targetType: "user", targetId: userId, data: { inviteId: invite.id, role: invite.role } }, now),
        ]);
      } catch (error) {
        // Someone took the email between lookup and insert: give the link back its one use.
        await d.update(schema.invites).set({ usedAt: null }).where(eq(schema.invites.id, invite.id));
        console.warn("invite acceptance failed", invite.id, error instanceof Error ? error.message : error);
        return problem(c, { ok: false, status: 410, title: t("auth.invite.takenTitle"), message: t("auth.invite.taken", { email: invite.email }) });
      }
    } else {
      userId = invite.userId ?? "";
      const u = schema.users;
      await d.batch([
        d.update(u).set({ passwordHash }).where(and(eq(u.id, userId), eq(u.workspaceId, invite.workspaceId), eq(u.active, 1))),
        // A new password ends every other session, e.g. on a lost laptop.
        d.delete(schema.sessions).where(eq(schema.sessions.userId, userId)),
        auditInsert(c.env.DB, { workspaceId: invite.workspaceId, actorId: userId, action: "user.password_reset", targetType: "user", targetId: userId, data: { inviteId: invite.id } }, now),
      ]);
    }

    const { token: sessionToken } = await createSession(c.env.DB, { id: userId, workspaceId: invite.workspaceId }, now);
    setCookie(c, SESSION_COOKIE, sessionToken, { httpOnly: true, sameSite: "Lax", path: "/", secure: isHttps(c.req.url), maxAge: SESSION_TTL_MS / 1000 });
    deleteCookie(c, INVITE_CSRF_COOKIE, { path: "/invite" });
    return c.redirect("/inbox", 303);
  });
