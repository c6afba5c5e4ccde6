// What the workflow editor's selects offer, read once per editor page inside
// the viewer's workspace: the draft's steps, active agents, teams, channels,
// tags (by name) and secret names (never values).
import { and, asc, eq } from "drizzle-orm";
import { db, schema } from "../db/client";
import type { Step } from "./definition";
import { secretNames } from "./secrets";
import type { StepChoices } from "./forms/step-form";
import type { EditorChoices } from "./views/step-forms/bits";

const LIMIT = 500;

export async function editorChoices(d1: D1Database, workspaceId: string, steps: Step[]): Promise<EditorChoices> {
  const d = db(d1);
  const [agents, teams, channels, tags, secrets] = await Promise.all([
    d.select({ id: schema.users.id, name: schema.users.name }).from(schema.users).where(and(eq(schema.users.workspaceId, workspaceId), eq(schema.users.active, 1))).orderBy(asc(schema.users.name)).limit(LIMIT).all(),
    d.select({ id: schema.teams.id, name: schema.teams.name }).from(schema.teams).where(eq(schema.teams.workspaceId, workspaceId)).orderBy(asc(schema.teams.name)).limit(LIMIT).all(),
    d.select({ id: schema.channels.id, name: schema.channels.name }).from(schema.channels).where(eq(schema.channels.workspaceId, workspaceId)).orderBy(asc(schema.channels.name)).limit(LIMIT).all(),
    d.select({ id: schema.tags.id, name: schema.tags.name }).from(schema.tags).where(eq(schema.tags.workspaceId, workspaceId)).orderBy(asc(schema.tags.name)).limit(LIMIT).all(),
    secretNames(d1, workspaceId),
  ]);
  return { steps: steps.map((s) => ({ id: s.id, type: s.type })), agents, teams, channels, tags, secrets: secrets.map((s) => s.name) };
}

/** The ids an assign step may name (the workspace's own agents and teams). */
export function stepChoices(choices: EditorChoices): StepChoices {
  return { agentIds: new Set(choices.agents.map((a) => a.id)), teamIds: new Set(choices.teams.map((x) => x.id)) };
}
