// Emitting and dispatching domain events inside a ConversationDO. `emit` writes
// the event into the events table (store-state.ts); callers call it inside the
// same storage transaction (or synchronous block) as the change it reports, so
// an event is never lost and never emitted for a change that rolled back. The
// alarm later runs it: `dispatchEventJobs` hands the event to every
// listener registered for its type (src/listeners.ts), after the ack; a listener
// that has not yet succeeded for it is retried with backoff.
import { newId } from "../lib/ids";
import type { DomainEvent, DomainEventOf, DomainEventType, EventData, EventMessage, EventOrigin, Listener, ListenerContext, ListenerRegistry, PreparedWrites, TimerJob } from "./events";
import { writeIndex } from "./index-writer";
import type { EventJob } from "./meta";
import { previewText, type ThreadMessage } from "./model";
import { createConversationPort } from "./port";
import type { ConversationRuntime } from "./runtime";

/** The origin of a change made by `actor` when the caller did not say (people in the inbox). */
export function agentOrigin(actor: { id: string | null; name: string }): EventOrigin {
  return { kind: "agent", userId: actor.id, name: actor.name };
}

/**
 * Queues an event about this conversation. Call it next to the change, inside
 * the same transaction; `lineUserId` overrides the 1:1 customer (group members).
 */
export function emit<T extends DomainEventType>(
  rt: ConversationRuntime,
  type: T,
  data: EventData[T],
  origin: EventOrigin,
  options: { at?: number; lineUserId?: string | null } = {},
): DomainEventOf<T> {
  const meta = rt.requireMeta();
  const at = options.at ?? Date.now();
  const source = meta.source;
  const event = {
    id: newId("evt", at),
    type,
    at,
    workspaceId: meta.workspaceId,
    channelId: meta.channelId,
    conversationId: meta.id,
    sourceType: source.type,
    contactId: rt.store.getMeta("contact")?.contactId ?? null,
    lineUserId: options.lineUserId !== undefined ? options.lineUserId : source.type === "user" ? source.userId ?? null : null,
    origin,
    data,
  } as DomainEventOf<T>;
  const job: EventJob = { event: event as DomainEvent, done: [] };
  rt.store.enqueueEvent(job, rt.eventsDueAt());
  return event;
}

/** A thread message as events carry it (LINE's raw payload of unsupported events left out). */
export function eventMessage(m: ThreadMessage): EventMessage {
  const body = m.body.type === "unsupported" ? { type: "unsupported" as const, eventType: m.body.eventType, raw: null } : m.body;
  return {
    id: m.id,
    direction: m.direction,
    type: m.body.type,
    text: m.unsent ? "" : previewText(m.body),
    body,
    lineMessageId: m.lineMessageId,
    senderLineUserId: m.senderLineUserId,
    agentId: m.agentId,
    agentName: m.agentName,
    createdAt: m.createdAt,
  };
}

/** What listeners get for this conversation: the bindings, the contact, the port. */
export function listenerContext(rt: ConversationRuntime, knownContactId: string | null = null): ListenerContext {
  const oneToOne = rt.requireMeta().source.type === "user";
  let contact: Promise<string | null> | null = knownContactId !== null || !oneToOne ? Promise.resolve(knownContactId) : null;
  const contactId = () => (contact ??= contactIdFor(rt));
  return { env: rt.env, contactId, conversation: createConversationPort(rt, contactId), memory: rt.listenerMemory };
}

/**
 * Event jobs due together (oldest first), listener by listener in registration
 * order — so within one event the order of listeners is kept — and a listener
 * with handleBatch gets all of its events in one call. Answers per job: null
 * when every listener is done with it, else the error to retry it with (its
 * payload then remembers which listeners succeeded).
 */
export async function dispatchEventJobs(rt: ConversationRuntime, jobs: Array<{ seq: number; job: EventJob }>, registry: ListenerRegistry): Promise<Array<Error | null>> {
  const contextFor = contextsFor(rt);
  const runs = jobs.map(({ seq, job }) => ({ seq, event: job.event, finished: [...job.done], failures: [] as string[], ctx: contextFor(job.event.contactId) }));
  for (const listener of registry.all) {
    const todo = runs.filter((r) => owes(listener, r.event, r.finished));
    if (!todo.length) continue;
    const fail = (r: (typeof runs)[number], error: unknown) => r.failures.push(`${listener.name}: ${error instanceof Error ? error.message : String(error)}`);
    if (listener.handleBatch && todo.length > 1) {
      try {
        await listener.handleBatch(todo.map((r) => ({ event: r.event, ctx: r.ctx })));
        for (const r of todo) r.finished.push(listener.name);
      } catch (error) {
        for (const r of todo) fail(r, error);
      }
      continue;
    }
    for (const r of todo) {
      try {
        await listener.handle(r.event, r.ctx);
        r.finished.push(listener.name);
      } catch (error) {
        fail(r, error);
      }
    }
  }
  return runs.map((r) => {
    if (!r.failures.length) return null;
    rt.store.setEventPayload(r.seq, { event: r.event, done: r.finished });
    return new Error(`event ${r.event.type} ${r.event.id}: ${r.failures.join("; ")}`);
  });
}

/** Whether `listener` still has to handle `event` (it listens to its type, and is not among those `done`). */
const owes = (listener: Listener, event: DomainEvent, done: readonly string[]) => listener.events.includes(event.type) && !done.includes(listener.name);

/** One listener context per contact (a run is usually all one contact's): each makes a port. */
function contextsFor(rt: ConversationRuntime): (contactId: string | null) => ListenerContext {
  const contexts = new Map<string | null, ListenerContext>();
  return (contactId) => {
    let ctx = contexts.get(contactId);
    if (!ctx) contexts.set(contactId, (ctx = listenerContext(rt, contactId)));
    return ctx;
  };
}

/**
 * The D1 writes that listeners with prepareWrites work out for a run's event jobs, to
 * ride in the index batch. Once written, each job records the listener as done (its
 * `done`, which dispatchEventJobs then skips); one that cannot prepare runs as usual.
 */
export async function prepareEventWrites(rt: ConversationRuntime, jobs: EventJob[], registry: ListenerRegistry): Promise<PreparedWrites[]> {
  const contextFor = contextsFor(rt);
  const prepared: PreparedWrites[] = [];
  for (const listener of registry.all) {
    if (!listener.prepareWrites) continue;
    const todo = jobs.filter((job) => owes(listener, job.event, job.done));
    if (!todo.length) continue;
    try {
      const writes = await listener.prepareWrites(todo.map((job) => ({ event: job.event, ctx: contextFor(job.event.contactId) })));
      if (!writes) continue;
      prepared.push({
        statements: writes.statements,
        written() {
          writes.written();
          for (const job of todo) job.done.push(listener.name);
        },
      });
    } catch (error) {
      console.warn("conversation outbox: a listener could not prepare its writes", listener.name, error instanceof Error ? error.message : error);
    }
  }
  return prepared;
}

/** The outbox job of a due timer: the listener that set it runs its onTimer (a throw retries it). */
export async function dispatchTimerJob(rt: ConversationRuntime, timer: TimerJob, at: number, registry: ListenerRegistry): Promise<void> {
  const listener = registry.listener(timer.listener);
  if (!listener?.onTimer) {
    console.warn("conversation outbox: a timer for a listener that keeps none", timer.listener, timer.key);
    return;
  }
  await listener.onTimer({ key: timer.key, data: timer.data, at }, listenerContext(rt));
}

/**
 * The D1 contact of this 1:1 conversation. The index writer creates it after
 * the first message; when a listener asks before that, the index is written
 * now (once: a failure throws, and the job is retried).
 */
async function contactIdFor(rt: ConversationRuntime): Promise<string | null> {
  const known = () => rt.store.getMeta("contact")?.contactId ?? null;
  if (known() === null) await writeIndex(rt);
  return known();
}
