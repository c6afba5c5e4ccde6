// Per-request helpers the settings routes share: who is looking (with the
// availability the top bar shows), htmx detection and the 404 for unknown ids.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { t } from "../ui/i18n";
import type { Availability, Role } from "./forms";
import { viewerAvailability } from "./queries/members";

export interface Viewer {
  id: string;
  workspaceId: string;
  name: string;
  email: string;
  role: Role;
  availability: Availability;
  csrfToken: string;
}

export async function loadViewer(c: Context<AppEnv>): Promise<Viewer> {
  const s = c.get("session");
  return {
    id: s.userId,
    workspaceId: s.workspaceId,
    name: s.name,
    email: s.email,
    role: s.role,
    availability: await viewerAvailability(c.env.DB, s.userId),
    csrfToken: s.csrfToken,
  };
}

/** Who made a change, for the queries' audit entries. */
export function changeContext(c: Context<AppEnv>): { workspaceId: string; actorId: string } {
  const s = c.get("session");
  return { workspaceId: s.workspaceId, actorId: s.userId };
}

export function isHtmx(c: Context<AppEnv>): boolean {
  return c.req.header("hx-request") === "true";
}

/** The things a settings URL can name; each has its own 404 sentence in every language. */
export type MissingThing = "person" | "invite" | "team" | "teamMember" | "cannedReply" | "channel" | "apiToken" | "webhook" | "delivery" | "tag";

/** Unknown ids and other workspaces' ids look the same from outside: 404. */
export function notFound(what: MissingThing): HTTPException {
  return new HTTPException(404, { message: t(`settings.notFound.${what}`) });
}

/** Pages that show a one-time token must never be cached or stored by the browser. */
export function noStore(c: Context<AppEnv>): void {
  c.header("Cache-Control", "no-store");
}
