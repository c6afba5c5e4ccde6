// The roles a person can have in a workspace, highest first. Shared by the schema,
// sessions, settings and the layout (which shows Settings by role).
export const ROLES = ["owner", "admin", "supervisor", "agent"] as const;
export type Role = (typeof ROLES)[number];
