// /settings/team: everyone in the workspace (keyset-paged A→Z), with invites
// and per-person controls for admins. Agents and supervisors see the list only.
import type { FC } from "hono/jsx";
import type { Viewer } from "../context";
import type { Member, MemberCounts } from "../queries/members";
import type { PendingInvite } from "../queries/invites";
import { isAdmin } from "../team-rules";
import { InvitePanel, type InvitePanelProps, PendingInvites } from "./invite-panel";
import { MemberRow } from "./member-row";
import { FormAlert, OneTimeLink, type OneTimeLinkProps } from "./form-bits";
import { SettingsShell } from "./shell";
import { t, tn } from "../../ui/i18n";

export interface MemberPageProps {
  items: Member[];
  nextCursor: string | null;
}

/** Rows plus the "Show more" row that fetches the next page (htmx) or links to it. */
export const MemberRows: FC<MemberPageProps & { viewer: Viewer }> = ({ items, nextCursor, viewer }) => (
  <>
    {items.map((m) => (
      <MemberRow member={m} viewer={viewer} />
    ))}
    {nextCursor ? (
      <li class="load-more">
        <a
          class="btn btn--ghost btn--sm"
          href={`/settings/team?cursor=${encodeURIComponent(nextCursor)}`}
          hx-get={`/settings/team/members?cursor=${encodeURIComponent(nextCursor)}`}
          hx-target="closest li"
          hx-swap="outerHTML"
        >
          {t("settings.team.more")}
        </a>
      </li>
    ) : null}
  </>
);

export interface TeamPageProps {
  viewer: Viewer;
  members: MemberPageProps;
  counts: MemberCounts;
  /** Only fetched for admins. */
  invites: PendingInvite[];
  invite?: Omit<InvitePanelProps, "csrfToken">;
  /** A just-created invite or reset link, shown once. */
  link?: OneTimeLinkProps;
  /** A failed change made without JavaScript, shown above the lists. */
  error?: string;
  /** True when this is a later page reached without JavaScript. */
  paged?: boolean;
}

export const TeamPage: FC<TeamPageProps> = ({ viewer, members, counts, invites, invite, link, error, paged }) => {
  const admin = isAdmin(viewer.role);
  return (
    <SettingsShell
      viewer={viewer}
      active="/settings/team"
      title={t("settings.team.title")}
      lead={admin ? t("settings.team.leadAdmin") : t("settings.team.lead")}
    >
      <div id="team-notice">
        {link ? <OneTimeLink {...link} /> : null}
        <FormAlert message={error} />
      </div>
      {admin ? <InvitePanel csrfToken={viewer.csrfToken} {...invite} /> : null}
      {admin ? <PendingInvites invites={invites} csrfToken={viewer.csrfToken} /> : null}
      <section class="card" aria-labelledby="members-title">
        <div class="card__head card__head--row">
          <h2 id="members-title" class="card__title">
            {t("settings.team.members")}
          </h2>
          <span class="card__meta">
            {[
              tn("settings.team.countActive", counts.active),
              counts.total > counts.active ? tn("settings.team.countDeactivated", counts.total - counts.active) : null,
              tn("settings.team.countOnline", counts.online),
            ]
              .filter(Boolean)
              .join(" · ")}
          </span>
        </div>
        {paged ? (
          <p class="card__paging">
            <a href="/settings/team">{t("settings.backToStart")}</a>
          </p>
        ) : null}
        <ul id="member-list" class="row-list">
          <MemberRows {...members} viewer={viewer} />
        </ul>
      </section>
    </SettingsShell>
  );
};
