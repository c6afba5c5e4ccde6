// Turns a triage form post into one TriageChange, validated with zod. Ids are
// checked against the workspace directory so another workspace's agent or team
// can never be assigned. The inbox's errors are in the reader's language; the
// REST API keeps the English TRIAGE_ERRORS (integrations read English).
import { z } from "zod";
import { t } from "../ui/i18n";
import type { Priority } from "../conversations/model";
import type { TriageChange } from "../conversations/port";
import type { Directory } from "./views/list-toolbar";

const SNOOZE_PRESETS: Record<string, number> = { "1h": 3_600_000, "4h": 4 * 3_600_000, "1d": 24 * 3_600_000, "7d": 7 * 24 * 3_600_000 };
export const MAX_SNOOZE_MS = 366 * 24 * 3_600_000;

// The triage rules the inbox form and the REST API share: who can be assigned,
// which teams and tags exist, how far ahead a snooze may go.
type Known = Pick<Directory, "agents" | "teams" | "tags">;

/** English, for the REST API's JSON errors. */
export const TRIAGE_ERRORS = {
  agent: "That agent is not an active member of this workspace.",
  team: "That team does not exist in this workspace.",
  tag: "That tag does not exist in this workspace.",
  snoozePast: "Choose a time in the future to snooze until.",
  snoozeFar: "Snooze for at most a year.",
} as const;

/** The active agent of this workspace with `id`, or null (never another workspace's). */
export function assignableAgent(directory: Known, id: string): { id: string; name: string } | null {
  const agent = directory.agents.find((a) => a.id === id);
  return agent ? { id: agent.id, name: agent.name } : null;
}

export function workspaceTeam(directory: Known, id: string): { id: string; name: string } | null {
  return directory.teams.find((t) => t.id === id) ?? null;
}

export function workspaceTag(directory: Known, id: string): { id: string; name: string } | null {
  return directory.tags.find((t) => t.id === id) ?? null;
}

export type TriageProblem = keyof typeof TRIAGE_ERRORS;

/** A triage problem in the reader's language (the inbox's 422s). */
export function triageProblemText(problem: TriageProblem): string {
  switch (problem) {
    case "agent":
      return t("inbox.triage.error.agent");
    case "team":
      return t("inbox.triage.error.team");
    case "tag":
      return t("inbox.triage.error.tag");
    case "snoozePast":
      return t("inbox.triage.error.snoozePast");
    case "snoozeFar":
      return t("inbox.triage.error.snoozeFar");
  }
}

/** Which rule a snooze until `until` breaks, or null when it is fine. */
export function snoozeProblemKey(until: number, now: number): "snoozePast" | "snoozeFar" | null {
  if (!Number.isFinite(until) || until <= now) return "snoozePast";
  if (until - now > MAX_SNOOZE_MS) return "snoozeFar";
  return null;
}

/** Why a snooze until `until` is refused (English, for the REST API), or null when it is fine. */
export function snoozeProblem(until: number, now: number): string | null {
  const key = snoozeProblemKey(until, now);
  return key ? TRIAGE_ERRORS[key] : null;
}

export const triageFormSchema = z
  .object({
    status: z.enum(["open", "follow_up", "resolved"]).optional(),
    snooze: z.enum(["1h", "4h", "1d", "7d"]).optional(),
    snooze_until: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: () => t("inbox.triage.error.pickTime") }).optional(),
    tz_offset: z.coerce.number().int().min(-840).max(840).optional(),
    assignee: z.string().max(40).optional(),
    team: z.string().max(40).optional(),
    priority: z.coerce.number().int().min(0).max(4).optional(),
    pinned: z.enum(["0", "1"]).optional(),
    add_tag: z.string().max(40).optional(),
    remove_tag: z.string().max(40).optional(),
  })
  .partial();

export type TriageForm = z.infer<typeof triageFormSchema>;

export type TriageRequest = { change: TriageChange } | { tag: { add: boolean; tagId: string } } | { error: string };

/** One change per post; the first field present wins. */
export function triageRequest(form: TriageForm, directory: Directory, me: { id: string; name: string }, now = Date.now()): TriageRequest {
  if (form.status) return { change: { kind: "status", status: form.status } };
  if (form.snooze) return { change: { kind: "snooze", until: now + (SNOOZE_PRESETS[form.snooze] ?? 0) } };
  if (form.snooze_until) {
    // datetime-local has no zone: the browser sends its offset (minutes, as Date#getTimezoneOffset).
    const until = Date.parse(`${form.snooze_until}:00Z`) + (form.tz_offset ?? 0) * 60_000;
    const problem = snoozeProblemKey(until, now);
    if (problem) return { error: triageProblemText(problem) };
    return { change: { kind: "snooze", until } };
  }
  if (form.assignee !== undefined) {
    if (form.assignee === "none" || form.assignee === "") return { change: { kind: "assign", assignee: null } };
    const agent = assignableAgent(directory, form.assignee === "me" ? me.id : form.assignee);
    if (!agent) return { error: triageProblemText("agent") };
    return { change: { kind: "assign", assignee: agent } };
  }
  if (form.team !== undefined) {
    if (form.team === "none" || form.team === "") return { change: { kind: "team", team: null } };
    const team = workspaceTeam(directory, form.team);
    if (!team) return { error: triageProblemText("team") };
    return { change: { kind: "team", team } };
  }
  if (form.priority !== undefined) return { change: { kind: "priority", priority: form.priority as Priority } };
  if (form.pinned) return { change: { kind: "pin", pinned: form.pinned === "1" } };
  for (const [key, add] of [["add_tag", true], ["remove_tag", false]] as const) {
    const tagId = form[key];
    if (tagId) {
      if (!workspaceTag(directory, tagId)) return { error: triageProblemText("tag") };
      return { tag: { add, tagId } };
    }
  }
  return { error: t("inbox.triage.error.nothing") };
}
