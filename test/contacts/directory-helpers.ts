// Helpers for the directory, merge and account-link tests: form posts with repeated
// fields (ids=…&ids=…), custom fields and values written directly, thread reads.
import { env, runInDurableObject, SELF } from "cloudflare:test";
import { newId } from "../../src/lib/ids";
import { type Agent, ORIGIN } from "../helpers/session";
import { workspaceId } from "./fixtures";

export function postForm(agent: Agent, path: string, pairs: Array<[string, string]>): Promise<Response> {
  return SELF.fetch(`${ORIGIN}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: agent.cookie, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams([["_csrf", agent.csrf], ...pairs]),
  });
}

export async function customField(key: string, label = key): Promise<string> {
  const ws = await workspaceId();
  const existing = await env.DB.prepare("SELECT id FROM custom_fields WHERE workspace_id = ? AND key = ?").bind(ws, key).first<{ id: string }>();
  if (existing) return existing.id;
  const id = newId("cf");
  await env.DB.prepare("INSERT INTO custom_fields (id, workspace_id, key, label, type, position, created_at) VALUES (?, ?, ?, ?, 'text', 0, ?)").bind(id, ws, key, label, Date.now()).run();
  return id;
}

export async function setField(contactId: string, fieldId: string, value: string): Promise<void> {
  await env.DB.prepare("INSERT OR REPLACE INTO contact_field_values (contact_id, field_id, value, updated_at) VALUES (?, ?, ?, ?)").bind(contactId, fieldId, value, Date.now()).run();
}

/** A contact row (no LINE identity) in the demo workspace. */
export async function plainContact(name: string, id = newId("ct")): Promise<string> {
  const now = Date.now();
  await env.DB.prepare("INSERT INTO contacts (id, workspace_id, display_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)").bind(id, await workspaceId(), name, now, now).run();
  return id;
}

export async function threadTexts(stub: DurableObjectStub): Promise<string[]> {
  return runInDurableObject(stub, (_i: unknown, state: DurableObjectState) =>
    state.storage.sql
      .exec<{ body: string }>("SELECT body FROM messages ORDER BY seq")
      .toArray()
      .map((r) => {
        const body = JSON.parse(r.body) as { text?: string };
        return body.text ?? "";
      }),
  );
}

export async function cachedContact(stub: DurableObjectStub): Promise<string | null> {
  return runInDurableObject(stub, (_i: unknown, state: DurableObjectState) => {
    const row = state.storage.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'contact'").toArray()[0];
    return row ? (JSON.parse(row.value) as { contactId: string }).contactId : null;
  });
}
