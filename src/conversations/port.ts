// The conversation port: the narrow view of one conversation that listeners of
// domain events (automation, workflows, ...) get instead of the ConversationDO's
// runtime. Read the thread and its summary, send (reply token first, push as
// fallback, with an origin so nothing reacts to its own work), triage (status,
// assignee, team, priority, tags, private notes), keep a little state of one's
// own, and set timers on the conversation's alarm. Stable contract: extend it
// additively. `createConversationPort` is the implementation over the runtime.
import { LineApiError, type LineMessage } from "../line/client";
import type { JsonValue } from "../lib/json";
import { newId } from "../lib/ids";
import { tagConversation } from "../tags/conversation-tags";
import { replyTokenExpiresAt } from "./delivery";
import { emit } from "./emit";
import type { EventOrigin } from "./events";
import type { ConversationKey, MessageBody, ThreadMessage, TriageState } from "./model";
import { sendMessage } from "./outbound";
import { contactConversationIds, conversationStub } from "./service";
import type { ConversationRuntime } from "./runtime";
import type { MemberProfile } from "./store";
import { applyTriage, type TriageChange } from "./triage";

export type { EventOrigin } from "./events";
export type { Actor, TriageChange } from "./triage";
export type { MemberProfile } from "./store";

/** What a listener usually needs to know about the conversation, read in one go. */
export interface ConversationSummary {
  id: string;
  workspaceId: string;
  channelId: string;
  source: ConversationKey["source"];
  /** A 1:1 chat with one LINE user (not a group or room). */
  oneToOne: boolean;
  /** The customer's LINE user id in a 1:1 chat. */
  lineUserId: string | null;
  triage: TriageState;
  /** The channel is in standby mode (another module has chat control): nothing may be sent. */
  standby: boolean;
  /** null until LINE said (a follow or unfollow event). */
  friendStatus: "following" | "unfollowed" | null;
  /** When the unused reply token expires; null when there is none (a send would be a push). */
  replyTokenExpiresAt: number | null;
  lastCustomerMessageAt: number | null;
  /** seq of the newest thread line (0 for an empty thread). */
  latestSeq: number;
}

/** Who makes a change through the port. `origin` goes on the domain events it causes. */
export interface PortActor {
  /** A user id for agents; null for automation and workflows. */
  id: string | null;
  /** Shown in the thread ("Automation · Away message", "Workflow · Routing"). */
  name: string;
  origin: EventOrigin;
}

export interface SendRequest {
  /** The LINE message objects (at most 5; see src/line/messages.ts to build them). */
  messages: LineMessage[];
  /** The body the thread shows for them. */
  preview: MessageBody;
  by: PortActor;
}

export interface TimerRef {
  /** The listener whose onTimer runs (Listener.name). */
  listener: string;
  /** One timer per listener and key: setting it again moves it. */
  key: string;
}

export interface ConversationPort {
  readonly conversationId: string;
  summary(): ConversationSummary;

  // --- reading the thread -----------------------------------------------------
  message(id: string): ThreadMessage | null;
  /** Thread lines after `seq`, oldest first (at most `limit`, default 200). */
  messagesAfter(seq: number, limit?: number): ThreadMessage[];
  /** Thread lines before `seq` (null: the newest), oldest first. */
  messagesBefore(seq: number | null, limit: number): ThreadMessage[];
  /** A LINE user's profile as stored here (null when unknown). */
  member(lineUserId: string): MemberProfile | null;
  /** The profile, fetched from LINE when it is not stored yet (null when LINE does not know the user). */
  profile(lineUserId: string): Promise<MemberProfile | null>;
  /** The D1 contact of a 1:1 conversation (created on first use); null for groups and rooms. */
  contactId(): Promise<string | null>;

  // --- acting -----------------------------------------------------------------
  /**
   * Stores the message as pending and sends it: with the unused reply token when
   * there is one (free), else by push with a retry key. Resolves with the stored
   * message (status sent, failed or pending for a retry). In standby mode it fails
   * without calling LINE. Emits message.sent / message.failed with `by.origin`.
   */
  send(request: SendRequest): Promise<ThreadMessage>;
  /** Status, snooze, assignee, team, priority or pin: a system line, an audit entry, the index, events. */
  triage(change: TriageChange, by: PortActor): Promise<TriageState>;
  /** Adds a tag of the workspace to the conversation (emits tag.added); false when it already had it. */
  addTag(tag: { id: string; name: string }, by: PortActor): Promise<boolean>;
  /** Tags were added to or taken off this conversation's contact in D1: emits tag.added / tag.removed (target "contact") here and in the contact's other recent conversations. */
  contactTagsChanged(change: { added: Array<{ id: string; name: string }>; removed: Array<{ id: string; name: string }> }, by: PortActor): Promise<void>;
  /** A private note in the thread (agents see it, LINE never does). */
  note(text: string, by: PortActor): Promise<ThreadMessage>;

  // --- a listener's own state and timers ---------------------------------------
  /** JSON state a listener keeps in this conversation (validate it when reading). */
  readState(name: string): JsonValue | null;
  writeState(name: string, value: JsonValue): void;
  /** Runs the listener's onTimer at `at` (through the conversation's alarm, at least once). */
  setTimer(timer: TimerRef, at: number, data?: JsonValue): void;
  clearTimer(timer: TimerRef): void;
  /** When the timer is due, or null when it is not set. */
  timerAt(timer: TimerRef): number | null;
}

const timerJobId = (t: TimerRef) => `timer:${t.listener}:${t.key}`;
/** Automation kept its state under "automation" before listeners had keys of their own; it stays there. */
const stateKey = (name: string): "automation" | `listener:${string}` => (name === "automation" ? "automation" : `listener:${name}`);

/** The port over one ConversationDO's runtime (used inside the DO only: listeners, timers, commands). */
export function createConversationPort(rt: ConversationRuntime, contactId: () => Promise<string | null>): ConversationPort {
  const { store } = rt;
  const meta = rt.requireMeta();
  return {
    conversationId: meta.id,
    summary(now = Date.now()) {
      const source = meta.source;
      const friend = store.getMeta("friendStatus");
      return {
        id: meta.id,
        workspaceId: meta.workspaceId,
        channelId: meta.channelId,
        source,
        oneToOne: source.type === "user",
        lineUserId: source.type === "user" ? source.userId ?? null : null,
        triage: rt.triage(),
        standby: store.getMeta("mode") === "standby",
        friendStatus: friend === "following" || friend === "unfollowed" ? friend : null,
        replyTokenExpiresAt: replyTokenExpiresAt(store.getMeta("replyToken"), now),
        lastCustomerMessageAt: store.getMeta("lastCustomerMessageAt"),
        latestSeq: store.latestSeq(),
      };
    },
    message: (id) => store.get(id),
    messagesAfter: (seq, limit = 200) => store.after(seq, limit),
    messagesBefore: (seq, limit) => store.page(seq, limit),
    member: (lineUserId) => store.member(lineUserId),
    async profile(lineUserId) {
      const known = store.member(lineUserId);
      if (known?.displayName) return known;
      const source = meta.source;
      const scope = source.type === "group" ? { type: "group" as const, id: source.groupId } : source.type === "room" ? { type: "room" as const, id: source.roomId } : { type: "user" as const, id: lineUserId };
      try {
        const { body } = await (await rt.lineClient()).profile(scope, lineUserId);
        store.setProfile(lineUserId, { displayName: body.displayName, pictureUrl: body.pictureUrl ?? null, language: body.language ?? null, statusMessage: body.statusMessage ?? null }, Date.now());
        rt.queueIndex();
        return store.member(lineUserId);
      } catch (error) {
        if (error instanceof LineApiError && error.status === 404) return known;
        throw error;
      }
    },
    contactId,
    send: (request) => sendMessage(rt, { agent: { id: request.by.id, name: request.by.name }, messages: request.messages, preview: request.preview, origin: request.by.origin }),
    async triage(change, by) {
      return (await applyTriage(rt, change, by)).triage;
    },
    async addTag(tag, by) {
      const added = await tagConversation(rt.env.DB, { workspaceId: meta.workspaceId, conversationId: meta.id, actorId: by.id ?? by.origin.kind, tagId: tag.id });
      if (added) {
        emit(rt, "tag.added", { target: "conversation", tag }, by.origin);
        await rt.scheduleAlarm();
      }
      return added;
    },
    async contactTagsChanged({ added, removed }, by) {
      if (!added.length && !removed.length) return;
      const changes = [...added.map((tag) => ["tag.added", tag] as const), ...removed.map((tag) => ["tag.removed", tag] as const)];
      rt.transaction(() => {
        for (const [type, tag] of changes) emit(rt, type, { target: "contact", tag: { id: tag.id, name: tag.name } }, by.origin);
      });
      await rt.scheduleAlarm();
      // The contact's other conversations hear it too, as when an agent tags the contact.
      const contact = await contactId();
      if (!contact) return;
      const others = await contactConversationIds(rt.env, meta.workspaceId, contact, meta.id);
      await Promise.all(
        others.map(async (id) => {
          for (const [type, tag] of changes) await conversationStub(rt.env, id).tagChanged(type, { id: tag.id, name: tag.name }, "contact", by);
        }),
      );
    },
    async note(text, by) {
      const now = Date.now();
      const id = newId("msg", now);
      store.insert({ id, direction: "note", body: { type: "note", text }, agentId: by.id, agentName: by.name, status: "received", createdAt: now });
      rt.queueIndex(now);
      await rt.scheduleAlarm();
      const note = store.get(id);
      if (!note) throw new Error("note vanished");
      rt.publish([note], []);
      return note;
    },
    readState: (name) => store.getMeta(stateKey(name)),
    writeState: (name, value) => store.setMeta(stateKey(name), value),
    setTimer(timer, at, data = null) {
      store.enqueue(timerJobId(timer), "timer", { listener: timer.listener, key: timer.key, data }, at, { replace: true });
    },
    clearTimer: (timer) => store.finishJob(timerJobId(timer)),
    timerAt: (timer) => store.jobAt(timerJobId(timer)),
  };
}
