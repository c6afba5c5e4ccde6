// Who may manage which canned replies: shared ones belong to supervisors and
// up; a personal one only ever to the person who owns it.
import { hasRole } from "../auth/middleware";
import type { Role } from "./forms";

export function canShareReplies(role: Role): boolean {
  return hasRole(role, "supervisor");
}

export function canEditReply(viewer: { id: string; role: Role }, reply: { ownerId: string | null }): boolean {
  return reply.ownerId === null ? canShareReplies(viewer.role) : reply.ownerId === viewer.id;
}
