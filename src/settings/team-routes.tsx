// /settings/team: the member list for everyone; invites, roles, deactivation and
// password-reset links for admins and owners (the rules live in team-rules.ts).
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { requireRole } from "../auth/middleware";
import type { AppEnv } from "../env";
import { changeContext, isHtmx, loadViewer, noStore, notFound, type Viewer } from "./context";
import { fieldErrors, idParam, inviteForm, listQuery, roleForm, submittedText } from "./forms";
import { createInvite, createPasswordReset, emailTaken, listPendingInvites, revokeInvite } from "./queries/invites";
import { changeRole, deactivateMember, findMember, listMembers, type Member, memberCounts, reactivateMember } from "./queries/members";
import { deactivationProblem, isAdmin, lastOwner, passwordResetProblem, reactivationProblem, type Refusal, roleChangeProblem } from "./team-rules";
import { OneTimeLink, type OneTimeLinkProps } from "./views/form-bits";
import { InvitePanel, type InvitePanelProps, PendingInvites } from "./views/invite-panel";
import { MemberRow } from "./views/member-row";
import { MemberRows, TeamPage, type TeamPageProps } from "./views/team-page";
import { t } from "../ui/i18n";

const badId = zValidator("param", idParam, (r) => {
  if (!r.success) throw notFound("person");
});
const badInviteId = zValidator("param", idParam, (r) => {
  if (!r.success) throw notFound("invite");
});

type Extras = Pick<TeamPageProps, "invite" | "link" | "error"> & { cursor?: string };

async function renderPage(c: Context<AppEnv>, viewer: Viewer, extras: Extras = {}, status: 200 | 422 = 200) {
  const [members, counts, invites] = await Promise.all([
    listMembers(c.env.DB, viewer.workspaceId, extras.cursor),
    memberCounts(c.env.DB, viewer.workspaceId),
    isAdmin(viewer.role) ? listPendingInvites(c.env.DB, viewer.workspaceId) : Promise.resolve([]),
  ]);
  return c.html(
    <TeamPage viewer={viewer} members={members} counts={counts} invites={invites} invite={extras.invite} link={extras.link} error={extras.error} paged={Boolean(extras.cursor)} />,
    status,
  );
}

function refuse(problem: Refusal | null): void {
  if (problem) throw new HTTPException(problem.status, { message: problem.message });
}

async function loadMember(c: Context<AppEnv>, id: string): Promise<Member> {
  const member = await findMember(c.env.DB, c.get("session").workspaceId, id);
  if (!member) throw notFound("person");
  return member;
}

/** After a change to one person: htmx gets their fresh row, a plain form goes back to the page. */
async function answerWithRow(c: Context<AppEnv>, viewer: Viewer, id: string, link?: OneTimeLinkProps) {
  if (!isHtmx(c)) return link ? renderPage(c, viewer, { link }) : c.redirect("/settings/team", 303);
  const member = await loadMember(c, id);
  return c.html(
    <>
      <MemberRow member={member} viewer={viewer} />
      {link ? (
        <hx-partial hx-target="#team-notice" hx-swap="innerHTML">
          <OneTimeLink {...link} />
        </hx-partial>
      ) : null}
    </>,
  );
}

function linkUrl(c: Context<AppEnv>, token: string): string {
  return `${new URL(c.req.url).origin}/invite/${token}`;
}

export const teamRoutes = new Hono<AppEnv>()
  .get("/", zValidator("query", listQuery), async (c) => renderPage(c, await loadViewer(c), { cursor: c.req.valid("query").cursor }))
  .get("/members", zValidator("query", listQuery), async (c) => {
    const { cursor } = c.req.valid("query");
    if (!isHtmx(c)) return c.redirect(`/settings/team${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`, 303);
    const viewer = await loadViewer(c);
    return c.html(<MemberRows {...await listMembers(c.env.DB, viewer.workspaceId, cursor)} viewer={viewer} />);
  })
  .post("/invites", requireRole("admin"), async (c) => {
    const viewer = await loadViewer(c);
    const body = await c.req.parseBody();
    const parsed = inviteForm.safeParse(body);
    const fail = (invite: Omit<InvitePanelProps, "csrfToken">) =>
      isHtmx(c) ? c.html(<InvitePanel csrfToken={viewer.csrfToken} {...invite} />, 422) : renderPage(c, viewer, { invite }, 422);
    const values = submittedText(body, ["name", "email", "role"]);
    if (!parsed.success) return fail({ values, errors: fieldErrors(parsed.error) });
    if (await emailTaken(c.env.DB, parsed.data.email)) {
      return fail({ values, errors: { email: t("settings.invite.emailTaken") } });
    }
    const created = await createInvite(c.env.DB, changeContext(c), parsed.data);
    noStore(c);
    const link: OneTimeLinkProps = {
      title: t("settings.invite.linkTitle", { name: parsed.data.name }),
      description: [t(`settings.invite.linkText.${parsed.data.role}`, { email: parsed.data.email }), created.replaced ? t("settings.invite.linkReplaced") : ""].filter(Boolean).join(" "),
      url: linkUrl(c, created.token),
      expiresAt: created.expiresAt,
    };
    if (!isHtmx(c)) return renderPage(c, viewer, { link });
    const invites = await listPendingInvites(c.env.DB, viewer.workspaceId);
    return c.html(
      <>
        <InvitePanel csrfToken={viewer.csrfToken} />
        <hx-partial hx-target="#team-notice" hx-swap="innerHTML">
          <OneTimeLink {...link} />
        </hx-partial>
        <hx-partial hx-target="#pending-invites" hx-swap="outerHTML">
          <PendingInvites invites={invites} csrfToken={viewer.csrfToken} />
        </hx-partial>
      </>,
    );
  })
  .post("/invites/:id/revoke", requireRole("admin"), badInviteId, async (c) => {
    const session = c.get("session");
    const revoked = await revokeInvite(c.env.DB, changeContext(c), c.req.valid("param").id);
    if (!revoked) throw notFound("invite");
    if (!isHtmx(c)) return c.redirect("/settings/team", 303);
    // The whole card again: its count changes, and it hides itself once empty.
    return c.html(<PendingInvites invites={await listPendingInvites(c.env.DB, session.workspaceId)} csrfToken={session.csrfToken} />);
  })
  .post("/users/:id/role", requireRole("admin"), badId, async (c) => {
    const viewer = await loadViewer(c);
    const member = await loadMember(c, c.req.valid("param").id);
    const parsed = roleForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      const error = fieldErrors(parsed.error).role ?? t("settings.team.roleInvalid");
      return isHtmx(c) ? c.html(<MemberRow member={member} viewer={viewer} error={error} />, 422) : renderPage(c, viewer, { error }, 422);
    }
    const counts = await memberCounts(c.env.DB, viewer.workspaceId);
    refuse(roleChangeProblem(viewer, member, parsed.data.role, counts.activeOwners));
    if (parsed.data.role !== member.role && !(await changeRole(c.env.DB, changeContext(c), member, parsed.data.role))) refuse(lastOwner());
    return answerWithRow(c, viewer, member.id);
  })
  .post("/users/:id/deactivate", requireRole("admin"), badId, async (c) => {
    const viewer = await loadViewer(c);
    const member = await loadMember(c, c.req.valid("param").id);
    const counts = await memberCounts(c.env.DB, viewer.workspaceId);
    refuse(deactivationProblem(viewer, member, counts.activeOwners));
    if (member.active && !(await deactivateMember(c.env.DB, changeContext(c), member))) refuse(lastOwner());
    return answerWithRow(c, viewer, member.id);
  })
  .post("/users/:id/reactivate", requireRole("admin"), badId, async (c) => {
    const viewer = await loadViewer(c);
    const member = await loadMember(c, c.req.valid("param").id);
    refuse(reactivationProblem(viewer, member));
    if (!member.active) await reactivateMember(c.env.DB, changeContext(c), member);
    return answerWithRow(c, viewer, member.id);
  })
  .post("/users/:id/reset", requireRole("admin"), badId, async (c) => {
    const viewer = await loadViewer(c);
    const member = await loadMember(c, c.req.valid("param").id);
    refuse(passwordResetProblem(viewer, member));
    const created = await createPasswordReset(c.env.DB, changeContext(c), member);
    noStore(c);
    return answerWithRow(c, viewer, member.id, {
      title: t("settings.team.resetTitle", { name: member.name }),
      description: [t("settings.team.resetText", { name: member.name, email: member.email }), created.replaced ? t("settings.team.resetReplaced") : ""].filter(Boolean).join(" "),
      url: linkUrl(c, created.token),
      expiresAt: created.expiresAt,
    });
  });
