// /settings/teams: everyone sees the teams; admins and owners create, rename
// and delete them and change who is in them. Every change is audited.
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { requireRole } from "../auth/middleware";
import type { AppEnv } from "../env";
import { changeContext, isHtmx, loadViewer, notFound, type Viewer } from "./context";
import { fieldErrors, idParam, submittedText, teamMemberForm, teamNameForm } from "./forms";
import { activeMemberOptions, findMember } from "./queries/members";
import { addTeamMember, createTeam, deleteTeam, findTeam, listTeams, removeTeamMember, renameTeam, teamNameTaken, type TeamWithMembers } from "./queries/teams";
import { TeamCard, TeamCreatePanel, TeamsPage, type TeamsPageProps } from "./views/teams-page";
import { t } from "../ui/i18n";
import { drainQuietly } from "../assignment";
import { conversationStub } from "../conversations/service";
import { forEachBounded } from "../lib/bounded";

const taken = () => t("settings.teams.taken");

/** Conversations of a deleted team updated before the answer; more finish in the background. */
const SYNC_TEAM_LEAVES = 100;

/**
 * Each conversation of a deleted team leaves it in its own state too (a system line,
 * conversation.assigned with no team): otherwise its next index write would bring
 * the deleted team's id back.
 */
async function leaveDeletedTeam(env: AppEnv["Bindings"], conversationIds: string[], actor: { id: string; name: string }): Promise<void> {
  await forEachBounded(conversationIds, 8, async (id) => {
    try {
      await conversationStub(env, id).triage({ kind: "team", team: null }, actor);
    } catch (error) {
      console.warn("team delete: a conversation kept the team in its own state", { conversation: id, reason: error instanceof Error ? error.message : String(error) });
    }
  });
}

const badTeam = zValidator("param", idParam, (r) => {
  if (!r.success) throw notFound("team");
});
const badMember = zValidator("param", idParam.extend({ userId: idParam.shape.id }), (r) => {
  if (!r.success) throw notFound("teamMember");
});

async function renderPage(c: Context<AppEnv>, viewer: Viewer, extras: Pick<TeamsPageProps, "create" | "cardError"> = {}, status: 200 | 422 = 200) {
  const [teams, options] = await Promise.all([listTeams(c.env.DB, viewer.workspaceId), activeMemberOptions(c.env.DB, viewer.workspaceId)]);
  return c.html(<TeamsPage viewer={viewer} teams={teams} options={options} {...extras} />, status);
}

async function loadTeam(c: Context<AppEnv>, id: string): Promise<TeamWithMembers> {
  const team = await findTeam(c.env.DB, c.get("session").workspaceId, id);
  if (!team) throw notFound("team");
  return team;
}

/** The card again (htmx), or back to the page (plain form); with an error, 422. */
async function answerWithCard(c: Context<AppEnv>, viewer: Viewer, teamId: string, failure?: { error: string; rename?: string }) {
  if (!isHtmx(c)) {
    return failure ? renderPage(c, viewer, { cardError: { teamId, ...failure } }, 422) : c.redirect("/settings/teams", 303);
  }
  const [team, options] = await Promise.all([loadTeam(c, teamId), activeMemberOptions(c.env.DB, viewer.workspaceId)]);
  return c.html(<TeamCard team={team} viewer={viewer} options={options} error={failure?.error} rename={failure?.rename} />, failure ? 422 : 200);
}

export const teamsRoutes = new Hono<AppEnv>()
  .get("/", async (c) => renderPage(c, await loadViewer(c)))
  .post("/", requireRole("admin"), async (c) => {
    const viewer = await loadViewer(c);
    const body = await c.req.parseBody();
    const { name: typed = "" } = submittedText(body, ["name"]);
    const parsed = teamNameForm.safeParse(body);
    const errors = !parsed.success ? fieldErrors(parsed.error) : (await teamNameTaken(c.env.DB, viewer.workspaceId, parsed.data.name)) ? { name: taken() } : null;
    if (errors || !parsed.success) {
      const create = { name: typed, errors: errors ?? {} };
      return isHtmx(c) ? c.html(<TeamCreatePanel csrfToken={viewer.csrfToken} {...create} />, 422) : renderPage(c, viewer, { create }, 422);
    }
    const id = await createTeam(c.env.DB, changeContext(c), parsed.data.name);
    if (!isHtmx(c)) return c.redirect("/settings/teams", 303);
    const [team, options] = await Promise.all([loadTeam(c, id), activeMemberOptions(c.env.DB, viewer.workspaceId)]);
    return c.html(
      <>
        <TeamCreatePanel csrfToken={viewer.csrfToken} />
        <hx-partial hx-target="#team-list" hx-swap="beforeend">
          <TeamCard team={team} viewer={viewer} options={options} />
        </hx-partial>
      </>,
    );
  })
  .post("/:id/rename", requireRole("admin"), badTeam, async (c) => {
    const viewer = await loadViewer(c);
    const team = await loadTeam(c, c.req.valid("param").id);
    const body = await c.req.parseBody();
    const { name: typed = "" } = submittedText(body, ["name"]);
    const parsed = teamNameForm.safeParse(body);
    if (!parsed.success) return answerWithCard(c, viewer, team.id, { error: fieldErrors(parsed.error).name ?? t("settings.teams.nameMissing"), rename: typed });
    if (await teamNameTaken(c.env.DB, viewer.workspaceId, parsed.data.name, team.id)) return answerWithCard(c, viewer, team.id, { error: taken(), rename: typed });
    if (parsed.data.name !== team.name) await renameTeam(c.env.DB, changeContext(c), team, parsed.data.name);
    return answerWithCard(c, viewer, team.id);
  })
  .post("/:id/delete", requireRole("admin"), badTeam, async (c) => {
    const team = await loadTeam(c, c.req.valid("param").id);
    const routed = await deleteTeam(c.env.DB, changeContext(c), team);
    const session = c.get("session");
    const leaving = leaveDeletedTeam(c.env, routed, { id: session.userId, name: session.name });
    // A big team's conversations finish after the answer; the index already shows them without it.
    if (routed.length > SYNC_TEAM_LEAVES) c.executionCtx.waitUntil(leaving);
    else await leaving;
    // The form swaps with hx-swap="delete": the card goes whatever the body is.
    return isHtmx(c) ? c.body("", 200) : c.redirect("/settings/teams", 303);
  })
  .post("/:id/members", requireRole("admin"), badTeam, async (c) => {
    const viewer = await loadViewer(c);
    const team = await loadTeam(c, c.req.valid("param").id);
    const parsed = teamMemberForm.safeParse(await c.req.parseBody());
    if (!parsed.success) return answerWithCard(c, viewer, team.id, { error: fieldErrors(parsed.error).userId ?? t("settings.teams.chooseMember") });
    const member = await findMember(c.env.DB, viewer.workspaceId, parsed.data.userId);
    if (!member) throw notFound("person");
    if (!member.active) return answerWithCard(c, viewer, team.id, { error: t("settings.teams.memberInactive", { name: member.name }) });
    await addTeamMember(c.env.DB, changeContext(c), team.id, member);
    // A new member may be free to take what the team's queue holds.
    await drainQuietly(c.env, viewer.workspaceId, { teamIds: [team.id] });
    return answerWithCard(c, viewer, team.id);
  })
  .post("/:id/members/:userId/remove", requireRole("admin"), badMember, async (c) => {
    const viewer = await loadViewer(c);
    const { id, userId } = c.req.valid("param");
    const team = await loadTeam(c, id);
    if (!(await removeTeamMember(c.env.DB, changeContext(c), team.id, userId))) throw notFound("teamMember");
    return answerWithCard(c, viewer, team.id);
  });
