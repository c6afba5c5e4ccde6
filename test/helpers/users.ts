// Making people and workspaces directly in D1, and signing in as any of them
// through the real /login flow (CSRF cookie + form), like a browser would.
import { env, SELF } from "cloudflare:test";
import { DEMO_ADMIN } from "../../src/db/seed";
import { hashPassword } from "../../src/lib/crypto";
import { newId } from "../../src/lib/ids";
import { type Agent, login, ORIGIN } from "./session";

export type TestRole = "owner" | "admin" | "supervisor" | "agent";

export interface TestUser {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  password: string;
  role: TestRole;
}

let counter = 0;

/** A unique email per call, so test files sharing a database never collide. */
export function uniqueEmail(label = "person"): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}@linedesk.test`;
}

/** The demo workspace (created on the first request by ensureBootstrap). */
export async function demoWorkspaceId(): Promise<string> {
  await SELF.fetch(`${ORIGIN}/healthz`);
  const row = await env.DB.prepare("SELECT workspace_id FROM users WHERE email = ?").bind(DEMO_ADMIN.email).first<{ workspace_id: string }>();
  if (!row) throw new Error("demo admin missing: is SIMULATOR on in the test bindings?");
  return row.workspace_id;
}

export async function demoOwnerId(): Promise<string> {
  await demoWorkspaceId();
  const row = await env.DB.prepare("SELECT id FROM users WHERE email = ?").bind(DEMO_ADMIN.email).first<{ id: string }>();
  return row?.id ?? "";
}

export async function createWorkspace(name = "Other workspace"): Promise<string> {
  const id = newId("ws");
  await env.DB.prepare("INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)").bind(id, name, Date.now()).run();
  return id;
}

export async function createUser(options: { role?: TestRole; workspaceId?: string; name?: string; email?: string; password?: string; active?: boolean } = {}): Promise<TestUser> {
  const role = options.role ?? "agent";
  const user: TestUser = {
    id: newId("usr"),
    workspaceId: options.workspaceId ?? (await demoWorkspaceId()),
    email: options.email ?? uniqueEmail(role),
    name: options.name ?? `Test ${role} ${++counter}`,
    password: options.password ?? "correct-horse-battery",
    role,
  };
  await env.DB.prepare("INSERT INTO users (id, workspace_id, email, name, password_hash, role, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    .bind(user.id, user.workspaceId, user.email, user.name, await hashPassword(user.password), role, options.active === false ? 0 : 1, Date.now())
    .run();
  return user;
}

/** Creates a user with `role` in the demo workspace and signs in as them. */
export async function loginAs(role: TestRole, options: Parameters<typeof createUser>[0] = {}): Promise<Agent & { user: TestUser }> {
  const user = await createUser({ ...options, role });
  return Object.assign(await login(user.email, user.password), { user });
}

/** A brand-new workspace with one signed-in person (an owner by default): tests that count owners start here. */
export async function loginInNewWorkspace(role: TestRole = "owner"): Promise<Agent & { user: TestUser }> {
  const workspaceId = await createWorkspace(`Workspace ${++counter}`);
  return loginAs(role, { workspaceId });
}

/** Audit actions recorded in a workspace, oldest first. */
export async function auditActions(workspaceId: string): Promise<Array<{ action: string; actor_id: string | null; target_id: string; data: string | null }>> {
  const { results } = await env.DB.prepare("SELECT action, actor_id, target_id, data FROM audit_logs WHERE workspace_id = ? ORDER BY created_at, id")
    .bind(workspaceId)
    .all<{ action: string; actor_id: string | null; target_id: string; data: string | null }>();
  return results;
}
