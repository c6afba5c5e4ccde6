// WorkflowPort: everything the workflow engine may do to one conversation, and
// nothing more. The engine never sees the ConversationDO's runtime; it gets this
// port (built by port-adapter.ts today; at merge, a subset of the conversation's
// ConversationPort that listeners receive). Run state lives in the
// conversation's own storage, and timers are the conversation's DO alarm.
import type { EventOrigin } from "../conversations/events";
import type { ConversationStatus, DeliveryStatus, DeliveryVia, MessageBody, Priority } from "../conversations/model";
import type { LineMessage } from "../line/client";

export interface WorkflowConversation {
  id: string;
  workspaceId: string;
  channelId: string;
  sourceType: "user" | "group" | "room" | "channel";
  /** The 1:1 customer's LINE user id. */
  lineUserId: string | null;
  customerName: string | null;
  /** The customer's LINE language (profile), e.g. "ja"; null when unknown. */
  customerLanguage: string | null;
  status: ConversationStatus;
  assigneeId: string | null;
  teamId: string | null;
  /** Standby: another module has chat control; nothing may be sent. */
  standby: boolean;
  /** The customer blocked the account. */
  blocked: boolean;
}

export type WorkflowTriageChange =
  | { kind: "status"; status: "open" | "follow_up" | "resolved" }
  | { kind: "assign"; assignee: { id: string; name: string } | null }
  | { kind: "team"; team: { id: string; name: string } | null }
  | { kind: "priority"; priority: Priority };

/** Who acts for a workflow: its name in system lines, and its origin (loop protection). */
export interface WorkflowActor {
  name: string;
  origin: EventOrigin & { kind: "automation" };
}

/** How a team assignment picks the agent (issue 9's assignment policies). */
export type TeamAssignRule = "policy" | "round_robin" | "least_open";

export interface SentMessage {
  id: string;
  status: DeliveryStatus;
  via: DeliveryVia | null;
  error: string | null;
}

export interface WorkflowPort {
  conversation(): Promise<WorkflowConversation>;
  /** The D1 contact of a 1:1 conversation (created on first use). */
  contactId(): Promise<string | null>;
  /** Sends LINE messages (reply token first, else push); `preview` is what the thread shows. */
  send(input: { messages: LineMessage[]; preview: MessageBody; actor: WorkflowActor }): Promise<SentMessage>;
  triage(change: WorkflowTriageChange, actor: WorkflowActor): Promise<void>;
  /** A private note in the thread (agents only). */
  note(text: string, actor: WorkflowActor): Promise<void>;
  /** The contact's tags changed (written to D1 by the step): tells the conversation's listeners (SLA, webhooks). */
  contactTagsChanged(change: { added: Array<{ id: string; name: string }>; removed: Array<{ id: string; name: string }> }, actor: WorkflowActor): Promise<void>;
  /** Assigns to a team and an agent of it by the team's policy (src/assignment/ at merge). */
  assignByTeamPolicy(input: { teamId: string; rule: TeamAssignRule }, actor: WorkflowActor): Promise<{ assigneeId: string | null }>;
  /** The workflow run state kept in the conversation's storage (null: no run). */
  loadRun<T>(): Promise<T | null>;
  saveRun<T>(state: T | null): Promise<void>;
  /** Wakes the engine at `at` through the conversation's alarm (one timer; a new one replaces it). */
  setTimer(at: number, payload: { runId: string; stepId: string; kind: "timeout" | "wait" }): Promise<void>;
  clearTimer(): Promise<void>;
}
