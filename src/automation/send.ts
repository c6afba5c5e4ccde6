// Sending automated messages. Everything one run wants to say is packed into
// as few LINE calls as possible (up to 5 messages each), so the first call can
// use the conversation's fresh reply token (free) and only an overflow is
// pushed. Each call is one thread message "Automation · <rule names>" with the
// origin automation (so no listener takes it for a customer's or an agent's
// message), counted as a reporting event (the port keeps the quota view current).
import type { ThreadMessage } from "../conversations/model";
import type { ConversationPort } from "../conversations/port";
import { db, schema } from "../db/client";
import { newId } from "../lib/ids";
import { MAX_MESSAGES, previewOf, type ReplyDefinition, toLineMessages } from "./replies";
import { AUTOMATION_NAME } from "./state";

export interface Part {
  /** Shown in the thread: "Away message", "Keyword: Prices"... */
  name: string;
  /** Already filled in ({{variables}} replaced). */
  def: ReplyDefinition;
}

/** The texts of a part (for echo detection). */
export function partTexts(part: Part): string[] {
  return part.def.messages.flatMap((m) => (m.type === "text" ? [m.text] : []));
}

/**
 * Groups parts into LINE calls of at most 5 messages. Quick-reply buttons only
 * show under the last message of a call, so a part with buttons goes last and
 * closes its call.
 */
export function pack(parts: Part[]): Part[][] {
  const ordered = [...parts.filter((p) => !p.def.quickReplies.length), ...parts.filter((p) => p.def.quickReplies.length)];
  const packs: Part[][] = [];
  let current: Part[] = [];
  let size = 0;
  for (const part of ordered) {
    const n = part.def.messages.length;
    if (current.length && size + n > MAX_MESSAGES) {
      packs.push(current);
      current = [];
      size = 0;
    }
    current.push(part);
    size += n;
    if (part.def.quickReplies.length) {
      packs.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length) packs.push(current);
  return packs;
}

export function automationName(names: string[]): string {
  const joined = `${AUTOMATION_NAME} · ${names.join(" + ")}`;
  return joined.length > 120 ? `${joined.slice(0, 119)}…` : joined;
}

/** Sends the parts; returns the stored thread messages (sendMessage already published them live). */
export async function sendParts(d1: D1Database, port: ConversationPort, parts: Part[]): Promise<ThreadMessage[]> {
  const meta = port.summary();
  const sent: ThreadMessage[] = [];
  for (const group of pack(parts)) {
    const def: ReplyDefinition = { messages: group.flatMap((p) => p.def.messages), quickReplies: group.at(-1)?.def.quickReplies ?? [] };
    const names = group.map((p) => p.name);
    let outcome: { via: string | null; status: string; error: string | null };
    try {
      const by = { id: null, name: automationName(names), origin: { kind: "automation" as const, rule: names.join(" + ") } };
      const message = await port.send({ messages: toLineMessages(def), preview: previewOf(def.messages, def.quickReplies), by });
      sent.push(message);
      outcome = { via: message.via, status: message.status, error: message.error };
    } catch (error) {
      // Stored as pending (or never stored): the outbox retries delivery; never answer twice by rethrowing.
      console.error("automation: send failed", { conversation: meta.id, rules: names, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const now = Date.now();
    await db(d1)
      .insert(schema.reportingEvents)
      .values({
        id: newId("rev", now),
        workspaceId: meta.workspaceId,
        channelId: meta.channelId,
        conversationId: meta.id,
        kind: "automated_message",
        valueMs: null,
        detail: JSON.stringify({ via: outcome.via, status: outcome.status, rules: names, messages: def.messages.length }),
        createdAt: now,
      })
      .catch((error: unknown) => console.warn("automation: reporting event not written", error instanceof Error ? error.message : error));
  }
  return sent;
}
