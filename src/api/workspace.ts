// /api/v1 workspace lookups an integration needs to triage: the ids of agents,
// teams and tags, and the custom contact fields (keys, types, choices).
import { Hono } from "hono";
import { fieldDefinitions } from "../contacts/queries/fields";
import type { AppEnv } from "../env";
import { workspaceDirectory } from "../inbox/directory";
import { workspaceOf } from "./context";
import { tagJson } from "./json";
import * as ops from "./operations";

export const workspaceApi = new Hono<AppEnv>()
  .get(ops.listContactFields.path, async (c) => {
    const fields = await fieldDefinitions(c.env.DB, workspaceOf(c));
    return c.json({ data: fields.map((f) => ({ key: f.key, label: f.label, type: f.type, options: f.options })) });
  })
  .get(ops.listTags.path, async (c) => c.json({ data: (await workspaceDirectory(c.env.DB, workspaceOf(c))).tags.map(tagJson) }))
  .get(ops.listTeams.path, async (c) => c.json({ data: (await workspaceDirectory(c.env.DB, workspaceOf(c))).teams }))
  .get(ops.listAgents.path, async (c) => {
    const { agents } = await workspaceDirectory(c.env.DB, workspaceOf(c));
    return c.json({ data: agents.map((a) => ({ id: a.id, name: a.name, availability: a.availability })) });
  });
