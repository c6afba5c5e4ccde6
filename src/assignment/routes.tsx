// /settings/teams/:id (the team page) and its Assignment section: everyone in
// the workspace reads the policy and who is available; admins and owners change
// it (422 fragment on bad input). Mounted inside the settings sub-app, so the
// session, CSRF and workspace checks of /settings apply.
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { requireRole } from "../auth/middleware";
import type { AppEnv } from "../env";
import { changeContext, isHtmx, loadViewer, notFound, type Viewer } from "../settings/context";
import { fieldErrors, idParam, submittedText } from "../settings/forms";
import { findTeam, type TeamWithMembers } from "../settings/queries/teams";
import { drainQuietly } from "./index";
import { loadPolicy, policyForm, savePolicy } from "./policy";
import { queueLength, teamAgents } from "./queries";
import { AssignmentSection, AvailableNow, type PolicyFormState, TeamAssignmentPage } from "./views/team-page";

const badTeam = zValidator("param", idParam, (r) => {
  if (!r.success) throw notFound("team");
});

async function loadTeam(c: Context<AppEnv>, id: string): Promise<TeamWithMembers> {
  const team = await findTeam(c.env.DB, c.get("session").workspaceId, id);
  if (!team) throw notFound("team");
  return team;
}

async function renderPage(c: Context<AppEnv>, viewer: Viewer, team: TeamWithMembers, extras: { form?: PolicyFormState; saved?: boolean } = {}, status: 200 | 422 = 200) {
  const [policy, agents, waiting] = await Promise.all([loadPolicy(c.env.DB, viewer.workspaceId, team.id), teamAgents(c.env.DB, viewer.workspaceId, team.id), queueLength(c.env.DB, viewer.workspaceId, team.id)]);
  return c.html(
    <TeamAssignmentPage viewer={viewer} teamId={team.id} teamName={team.name} memberCount={team.members.length} policy={policy} agents={agents} waiting={waiting} {...extras} />,
    status,
  );
}

export const teamAssignmentRoutes = new Hono<AppEnv>()
  .get("/:id", badTeam, async (c) => renderPage(c, await loadViewer(c), await loadTeam(c, c.req.valid("param").id)))
  .get("/:id/assignment/live", badTeam, async (c) => {
    const workspaceId = c.get("session").workspaceId;
    const team = await loadTeam(c, c.req.valid("param").id);
    if (!isHtmx(c)) return c.redirect(`/settings/teams/${team.id}`, 303);
    const [policy, agents, waiting] = await Promise.all([loadPolicy(c.env.DB, workspaceId, team.id), teamAgents(c.env.DB, workspaceId, team.id), queueLength(c.env.DB, workspaceId, team.id)]);
    return c.html(<AvailableNow teamId={team.id} agents={agents} capacity={policy.capacity} waiting={waiting} />);
  })
  .post("/:id/assignment", requireRole("admin"), badTeam, async (c) => {
    const viewer = await loadViewer(c);
    const team = await loadTeam(c, c.req.valid("param").id);
    const body = await c.req.parseBody();
    const parsed = policyForm.safeParse(body);
    if (!parsed.success) {
      const { mode = "", capacity = "" } = submittedText(body, ["mode", "capacity"]);
      const form: PolicyFormState = { values: { mode, capacity }, errors: fieldErrors(parsed.error) };
      if (!isHtmx(c)) return renderPage(c, viewer, team, { form }, 422);
      return c.html(<AssignmentSection teamId={team.id} policy={await loadPolicy(c.env.DB, viewer.workspaceId, team.id)} viewer={viewer} form={form} />, 422);
    }
    const policy = { teamId: team.id, ...parsed.data };
    if (await savePolicy(c.env.DB, changeContext(c), policy)) await drainQuietly(c.env, viewer.workspaceId, { teamIds: [team.id] });
    if (!isHtmx(c)) return c.redirect(`/settings/teams/${team.id}`, 303);
    return c.html(<AssignmentSection teamId={team.id} policy={policy} viewer={viewer} saved />);
  });
