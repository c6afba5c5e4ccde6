// Automation engine entry, called from a conversation's outbox after the webhook
// is acknowledged, with the ids of the new inbound messages and follow events.
// Until the automation feature lands it does nothing; see issue "Automation".
import type { JobResult } from "../conversations/outbox-jobs";
import type { ConversationRuntime } from "../conversations/runtime";

export async function runAutomations(_rt: ConversationRuntime, _messageIds: string[]): Promise<JobResult> {
  return {};
}
