// SLA policies of a workspace (sla_policies), their order, and which one a
// conversation follows: the first (by position) whose conditions all match.
import { and, asc, eq } from "drizzle-orm";
import { db, schema } from "../db/client";
import { forgetWorkspaceFeatures } from "../db/workspace-features";
import { newId } from "../lib/ids";

export type SlaPolicy = typeof schema.slaPolicies.$inferSelect;
export type SlaKind = "first_response" | "next_response" | "resolution";
export const SLA_KINDS: readonly SlaKind[] = ["first_response", "next_response", "resolution"];

export interface ConversationFacts {
  channelId: string;
  teamId: string | null;
  priority: number;
  tagIds: string[];
}

export function listPolicies(d1: D1Database, workspaceId: string): Promise<SlaPolicy[]> {
  const p = schema.slaPolicies;
  return db(d1).select().from(p).where(eq(p.workspaceId, workspaceId)).orderBy(asc(p.position), asc(p.createdAt)).all();
}

export function matches(policy: SlaPolicy, facts: ConversationFacts): boolean {
  if (policy.channelId && policy.channelId !== facts.channelId) return false;
  if (policy.teamId && policy.teamId !== facts.teamId) return false;
  if (policy.minPriority !== null && facts.priority < policy.minPriority) return false;
  if (policy.tagId && !facts.tagIds.includes(policy.tagId)) return false;
  return true;
}

export function policyFor(policies: SlaPolicy[], facts: ConversationFacts): SlaPolicy | null {
  return policies.find((p) => matches(p, facts)) ?? null;
}

export function targetMinutes(policy: SlaPolicy, kind: SlaKind): number | null {
  return kind === "first_response" ? policy.firstResponseMinutes : kind === "next_response" ? policy.nextResponseMinutes : policy.resolutionMinutes;
}

export type PolicyInput = Pick<SlaPolicy, "name" | "position" | "channelId" | "teamId" | "minPriority" | "tagId" | "firstResponseMinutes" | "nextResponseMinutes" | "resolutionMinutes" | "businessHours">;

export async function createPolicy(d1: D1Database, workspaceId: string, input: PolicyInput, now = Date.now()): Promise<SlaPolicy> {
  const row: SlaPolicy = { id: newId("sla", now), workspaceId, ...input, createdAt: now, updatedAt: now };
  await db(d1).insert(schema.slaPolicies).values(row);
  forgetWorkspaceFeatures(workspaceId);
  return row;
}

export async function deletePolicy(d1: D1Database, workspaceId: string, id: string): Promise<boolean> {
  const p = schema.slaPolicies;
  const gone = await db(d1).delete(p).where(and(eq(p.id, id), eq(p.workspaceId, workspaceId))).returning({ id: p.id });
  forgetWorkspaceFeatures(workspaceId);
  return gone.length > 0;
}

/** The tags a conversation counts under: its own and its contact's. */
export async function tagIdsOf(d1: D1Database, conversationId: string, contactId: string | null): Promise<string[]> {
  const { results } = await d1
    .prepare("SELECT tag_id FROM conversation_tags WHERE conversation_id = ?1 UNION SELECT tag_id FROM contact_tags WHERE contact_id = ?2")
    .bind(conversationId, contactId ?? "")
    .all<{ tag_id: string }>();
  return results.map((r) => r.tag_id);
}
