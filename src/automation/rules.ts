// Keyword reply rules in D1: list, find, create, update, switch on/off and
// delete, scoped to the workspace, each change with an audit entry.
import { and, asc, eq } from "drizzle-orm";
import { auditInsert } from "../db/audit";
import { db, schema } from "../db/client";
import { newId } from "../lib/ids";
import type { MatchMode } from "./match";
import type { ReplyDefinition } from "./replies";
import { type ActiveWindow, forgetChannelAutomation, type KeywordRule, toRule } from "./settings";

export interface RuleInput {
  name: string;
  keywords: string[];
  matchMode: MatchMode;
  priority: number;
  activeWindow: ActiveWindow;
  reply: ReplyDefinition;
  enabled: boolean;
}

interface Who {
  workspaceId: string;
  actorId: string;
}

const r = schema.keywordRules;

export async function listRules(d1: D1Database, workspaceId: string, channelId: string): Promise<KeywordRule[]> {
  const rows = await db(d1)
    .select()
    .from(r)
    .where(and(eq(r.workspaceId, workspaceId), eq(r.channelId, channelId)))
    .orderBy(asc(r.priority), asc(r.createdAt))
    .all();
  return rows.map(toRule).filter((x): x is KeywordRule => x !== null);
}

export async function findRule(d1: D1Database, workspaceId: string, id: string): Promise<KeywordRule | null> {
  const row = await db(d1)
    .select()
    .from(r)
    .where(and(eq(r.id, id), eq(r.workspaceId, workspaceId)))
    .get();
  return row ? toRule(row) : null;
}

export async function createRule(d1: D1Database, who: Who, channelId: string, input: RuleInput, now = Date.now()): Promise<KeywordRule> {
  forgetChannelAutomation();
  const d = db(d1);
  const row = { id: newId("kw", now), workspaceId: who.workspaceId, channelId, ...input, enabled: input.enabled ? 1 : 0, createdAt: now, updatedAt: now };
  await d.batch([d.insert(r).values(row), auditInsert(d1, { workspaceId: who.workspaceId, actorId: who.actorId, action: "automation.keyword_rule.created", targetType: "keyword_rule", targetId: row.id, data: { name: input.name } }, now)]);
  return { ...input, id: row.id, channelId, createdAt: now, updatedAt: now };
}

export async function updateRule(d1: D1Database, who: Who, rule: KeywordRule, input: RuleInput, now = Date.now()): Promise<KeywordRule> {
  forgetChannelAutomation();
  const d = db(d1);
  await d.batch([
    d
      .update(r)
      .set({ ...input, enabled: input.enabled ? 1 : 0, updatedAt: now })
      .where(and(eq(r.id, rule.id), eq(r.workspaceId, who.workspaceId))),
    auditInsert(d1, { workspaceId: who.workspaceId, actorId: who.actorId, action: "automation.keyword_rule.updated", targetType: "keyword_rule", targetId: rule.id, data: { name: input.name } }, now),
  ]);
  return { ...rule, ...input, updatedAt: now };
}

export async function setRuleEnabled(d1: D1Database, who: Who, rule: KeywordRule, enabled: boolean, now = Date.now()): Promise<KeywordRule> {
  forgetChannelAutomation();
  const d = db(d1);
  await d.batch([
    d
      .update(r)
      .set({ enabled: enabled ? 1 : 0, updatedAt: now })
      .where(and(eq(r.id, rule.id), eq(r.workspaceId, who.workspaceId))),
    auditInsert(d1, { workspaceId: who.workspaceId, actorId: who.actorId, action: enabled ? "automation.keyword_rule.enabled" : "automation.keyword_rule.disabled", targetType: "keyword_rule", targetId: rule.id }, now),
  ]);
  return { ...rule, enabled, updatedAt: now };
}

export async function deleteRule(d1: D1Database, who: Who, rule: KeywordRule, now = Date.now()): Promise<void> {
  forgetChannelAutomation();
  const d = db(d1);
  await d.batch([
    d.delete(r).where(and(eq(r.id, rule.id), eq(r.workspaceId, who.workspaceId))),
    auditInsert(d1, { workspaceId: who.workspaceId, actorId: who.actorId, action: "automation.keyword_rule.deleted", targetType: "keyword_rule", targetId: rule.id, data: { name: rule.name } }, now),
  ]);
}
