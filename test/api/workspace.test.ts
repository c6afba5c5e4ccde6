// The lookups an integration needs before it triages: agents (active only),
// teams, tags and custom contact fields — each only of the token's workspace.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { createUser, createWorkspace, demoWorkspaceId } from "../helpers/users";
import { type Api, api, insertToken } from "./helpers";

let mine: Api;
let theirs: Api;
let active: string;
let inactive: string;

beforeAll(async () => {
  // Bootstrap the demo workspace first, so it does not adopt the ones made here.
  await demoWorkspaceId();
  const workspaceId = await createWorkspace("Lookup shop");
  mine = api((await insertToken(workspaceId)).token);
  theirs = api((await insertToken(await createWorkspace("Someone else"))).token);
  active = (await createUser({ workspaceId, name: "Aom" })).id;
  inactive = (await createUser({ workspaceId, name: "Gone", active: false })).id;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO teams (id, workspace_id, name, created_at) VALUES (?, ?, 'Thai-language', 0)").bind(newId("team"), workspaceId),
    env.DB.prepare("INSERT INTO tags (id, workspace_id, name, color, created_at) VALUES (?, ?, 'VIP', 'amber', 0)").bind(newId("tag"), workspaceId),
    env.DB.prepare("INSERT INTO custom_fields (id, workspace_id, key, label, type, options, position, created_at) VALUES (?, ?, 'plan', 'Plan', 'select', ?, 0, 0)").bind(newId("fld"), workspaceId, JSON.stringify(["Free", "Gold"])),
  ]);
});

const data = async (a: Api, path: string) => (await (await a.get(path)).json<{ data: Array<Record<string, unknown>> }>()).data;

describe("workspace lookups", () => {
  it("lists active agents, teams, tags and contact fields of the token's workspace only", async () => {
    const agents = await data(mine, "/agents");
    expect(agents).toEqual([{ id: active, name: "Aom", availability: "offline" }]);
    expect(agents.map((a) => a.id)).not.toContain(inactive);
    expect(await data(mine, "/teams")).toEqual([expect.objectContaining({ name: "Thai-language" })]);
    expect(await data(mine, "/tags")).toEqual([expect.objectContaining({ name: "VIP", color: "amber" })]);
    expect(await data(mine, "/contact-fields")).toEqual([{ key: "plan", label: "Plan", type: "select", options: ["Free", "Gold"] }]);
    for (const path of ["/agents", "/teams", "/tags", "/contact-fields"]) expect(await data(theirs, path)).toEqual([]);
  });
});
