// Who may change whom on the team page. Pure functions, so the routes, the
// views (which buttons to show) and the tests all read the same rules.
import type { Role } from "./forms";
import { t } from "../ui/i18n";

const RANK: Record<Role, number> = { agent: 0, supervisor: 1, admin: 2, owner: 3 };

export interface Actor {
  id: string;
  role: Role;
}

export interface TeamMember {
  id: string;
  role: Role;
  active: boolean;
}

/** A refusal the route turns into an HTTP error with this status and message. */
export interface Refusal {
  status: 403 | 409;
  message: string;
}

/** A role in the reader's language: "Owner", "オーナー"… */
export function roleLabel(role: Role): string {
  return t(`settings.role.${role}`);
}

export function isAdmin(role: Role): boolean {
  return RANK[role] >= RANK.admin;
}

/** Roles `actor` may hand out: only owners make owners. */
export function assignableRoles(actor: Role): Role[] {
  return actor === "owner" ? ["owner", "admin", "supervisor", "agent"] : isAdmin(actor) ? ["admin", "supervisor", "agent"] : [];
}

/** Also what the routes answer when the database's own last-owner guard refuses a write (a race). */
export function lastOwner(): Refusal {
  return { status: 409, message: t("settings.team.refuse.lastOwner") };
}

/** Who may touch whom at all: admins and up, and owners only by owners. */
function authorityProblem(actor: Actor, target: TeamMember): Refusal | null {
  if (!isAdmin(actor.role)) return { status: 403, message: t("settings.team.refuse.notAdmin") };
  if (target.role === "owner" && actor.role !== "owner") return { status: 403, message: t("settings.team.refuse.ownerOnly") };
  return null;
}

type SelfAction = "change" | "changeRole" | "deactivate" | "reactivate";

function selfProblem(actor: Actor, target: TeamMember, action: SelfAction): Refusal | null {
  return actor.id === target.id ? { status: 403, message: t(`settings.team.refuse.self.${action}`) } : null;
}

/** True when the views should offer the Manage menu for `target`. */
export function canManage(actor: Actor, target: TeamMember): boolean {
  return authorityProblem(actor, target) === null && selfProblem(actor, target, "change") === null;
}

/**
 * Why `actor` may not give `target` the role `to`, or null when allowed.
 * `activeOwners` counts active owners in the workspace, `target` included.
 * The last-owner rule comes before "not yourself" so the only owner hears why.
 */
export function roleChangeProblem(actor: Actor, target: TeamMember, to: Role, activeOwners: number): Refusal | null {
  const authority = authorityProblem(actor, target);
  if (authority) return authority;
  if (target.role === "owner" && to !== "owner" && target.active && activeOwners <= 1) return lastOwner();
  const self = selfProblem(actor, target, "changeRole");
  if (self) return self;
  if (to === "owner" && actor.role !== "owner") return { status: 403, message: t("settings.team.refuse.makeOwner") };
  return null;
}

export function deactivationProblem(actor: Actor, target: TeamMember, activeOwners: number): Refusal | null {
  const authority = authorityProblem(actor, target);
  if (authority) return authority;
  if (target.role === "owner" && target.active && activeOwners <= 1) return lastOwner();
  return selfProblem(actor, target, "deactivate");
}

export function reactivationProblem(actor: Actor, target: TeamMember): Refusal | null {
  return authorityProblem(actor, target) ?? selfProblem(actor, target, "reactivate");
}

/** A reset link signs its holder in as `target`, so an admin may never make one for an owner. */
export function passwordResetProblem(actor: Actor, target: TeamMember): Refusal | null {
  if (!isAdmin(actor.role)) return { status: 403, message: t("settings.team.refuse.notAdmin") };
  if (target.role === "owner" && actor.role !== "owner" && actor.id !== target.id) {
    return { status: 403, message: t("settings.team.refuse.resetOwner") };
  }
  if (!target.active) return { status: 409, message: t("settings.team.refuse.resetInactive") };
  return null;
}
