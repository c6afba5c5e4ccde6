// One person on the team page: avatar with presence dot, name, email, role,
// status, and (for admins) a Manage menu with role, reset link and deactivation.
import type { FC } from "hono/jsx";
import { Avatar } from "../../ui/avatar";
import type { Viewer } from "../context";
import type { Member } from "../queries/members";
import { assignableRoles, canManage, roleLabel } from "../team-rules";
import { availabilityLabel } from "../../ui/availability";
import { CsrfField } from "./form-bits";
import { IconChevronDown, IconKey, IconPower } from "./icons";
import { t } from "../../ui/i18n";

export interface MemberRowProps {
  member: Member;
  viewer: Viewer;
  /** Shown under the row after a refused or invalid change. */
  error?: string;
}

export const MemberRow: FC<MemberRowProps> = ({ member: m, viewer, error }) => {
  const self = m.id === viewer.id;
  const manageable = canManage(viewer, m);
  return (
    <li id={`member-${m.id}`} class={`member${m.active ? "" : " member--inactive"}`}>
      <div class="member__who">
        <span class="presence-avatar">
          <Avatar name={m.name} pictureUrl={m.avatarUrl} />
          {m.active ? <span class={`presence presence--${m.availability}`} aria-hidden="true"></span> : null}
        </span>
        <span class="member__text">
          <span class="member__name">
            {m.name}
            {self ? <span class="tag">{t("settings.member.you")}</span> : null}
          </span>
          <span class="member__email">{m.email}</span>
        </span>
      </div>
      <span class={`role-tag role-tag--${m.role}`}>{roleLabel(m.role)}</span>
      <span class="member__status">
        {m.active ? (
          <span class={`status-dot status-dot--${m.availability}`}>{availabilityLabel(m.availability)}</span>
        ) : (
          <span class="tag tag--inactive">{t("settings.member.deactivated")}</span>
        )}
      </span>
      <div class="member__actions">{manageable ? <ManageMenu member={m} viewer={viewer} /> : null}</div>
      {error ? (
        <p class="member__error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
};

const ManageMenu: FC<{ member: Member; viewer: Viewer }> = ({ member: m, viewer }) => {
  const base = `/settings/team/users/${m.id}`;
  const swap = { "hx-target": `#member-${m.id}`, "hx-swap": "outerHTML" };
  return (
    <details class="menu">
      <summary class="btn btn--ghost btn--sm" aria-label={t("settings.member.manageName", { name: m.name })}>
        {t("settings.member.manage")}
        <IconChevronDown />
      </summary>
      <div class="menu__panel">
        <form class="menu__section" method="post" action={`${base}/role`} hx-post={`${base}/role`} {...swap}>
          <CsrfField token={viewer.csrfToken} />
          <label class="menu__label" for={`role-${m.id}`}>
            {t("settings.member.role")}
          </label>
          <div class="menu__row">
            <select id={`role-${m.id}`} name="role" class="select">
              {assignableRoles(viewer.role).map((r) => (
                <option value={r} selected={r === m.role}>
                  {roleLabel(r)}
                </option>
              ))}
            </select>
            <button type="submit" class="btn btn--primary btn--sm">
              {t("common.save")}
            </button>
          </div>
        </form>
        {m.active ? (
          <form method="post" action={`${base}/reset`} hx-post={`${base}/reset`} {...swap}>
            <CsrfField token={viewer.csrfToken} />
            <button type="submit" class="menu__item">
              <IconKey />
              {t("settings.member.resetLink")}
            </button>
          </form>
        ) : null}
        {m.active ? (
          <form method="post" action={`${base}/deactivate`} hx-post={`${base}/deactivate`} hx-confirm={t("settings.member.deactivateConfirm", { name: m.name })} {...swap}>
            <CsrfField token={viewer.csrfToken} />
            <button type="submit" class="menu__item menu__item--danger">
              <IconPower />
              {t("settings.member.deactivate")}
            </button>
          </form>
        ) : (
          <form method="post" action={`${base}/reactivate`} hx-post={`${base}/reactivate`} {...swap}>
            <CsrfField token={viewer.csrfToken} />
            <button type="submit" class="menu__item">
              <IconPower />
              {t("settings.member.reactivate")}
            </button>
          </form>
        )}
      </div>
    </details>
  );
};
