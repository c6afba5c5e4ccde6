// Shortcuts: published workflows with the shortcut trigger, shown as buttons in
// the conversation toolbar (and the composer's command list) for the roles the
// trigger allows. Pressing one starts a run in the conversation.
import { hasRole, type Role } from "../auth/middleware";
import { publishedWithTrigger } from "./store";

export interface Shortcut {
  workflowId: string;
  label: string;
}

export async function shortcutsFor(d1: D1Database, workspaceId: string, role: Role): Promise<Shortcut[]> {
  const published = await publishedWithTrigger(d1, workspaceId, "shortcut");
  return published.flatMap((wf) => {
    const t = wf.definition.trigger;
    return t.type === "shortcut" && hasRole(role, t.minRole) ? [{ workflowId: wf.workflowId, label: t.label }] : [];
  });
}
