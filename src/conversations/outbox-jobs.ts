// Work a ConversationDO does after the webhook is acknowledged: fetch profiles,
// copy media to R2, keep the D1 index current, mark messages read on LINE, wake
// snoozed conversations, hand domain events and due timers to their listeners
// (registered in src/listeners.ts, the one place that knows the features). Each
// job throws to be retried with backoff.
import { LineApiError } from "../line/client";
import { domainListeners } from "../listeners";
import { dispatchTimerJob } from "./emit";
import type { PreparedWrites } from "./events";
import type { TypedJob } from "./meta";
import type { ThreadMessage } from "./model";
import { writeIndex } from "./index-writer";
import type { ConversationRuntime } from "./runtime";
import type { OutboxJob } from "./store";
import { wakeIfDue } from "./triage";
import { closeSurveyJob, syncSla } from "../conversation-extensions";

export const JOB_MAX_ATTEMPTS = 10;

export interface JobResult {
  created?: ThreadMessage[];
  updated?: ThreadMessage[];
}

/**
 * Runs one job (except "deliver", which the outbox run owns). `riders`: the run's listener
 * writes that an index write carries in its batch (outbox-run.ts).
 */
export async function runJob(stored: OutboxJob, job: TypedJob, rt: ConversationRuntime, riders?: () => Promise<PreparedWrites[]>): Promise<JobResult> {
  switch (job.kind) {
    case "profile":
      await fetchProfile(rt, job.payload.lineUserId);
      return {};
    case "content": {
      const changed = await copyContent(rt, job.payload.messageId);
      return changed ? { updated: [changed] } : {};
    }
    case "index":
      await writeIndex(rt, [], riders);
      return {};
    case "markAsRead":
      await (await rt.lineClient()).markAsRead(job.payload.token).catch((error: unknown) => {
        // An expired or foreign token cannot become valid by retrying.
        if (!(error instanceof LineApiError && error.status === 400)) throw error;
      });
      return {};
    case "timer":
      await dispatchTimerJob(rt, job.payload, stored.nextAt, domainListeners);
      return {};
    case "csat-close":
      await closeSurveyJob(rt, job.payload.responseId);
      return {};
    case "sla":
      return { created: await syncSla(rt) };
    case "wake": {
      const line = wakeIfDue(rt, Date.now());
      return line ? { created: [line] } : {};
    }
    // The outbox run owns it: attemptDelivery re-queues its own job.
    case "deliver":
      return {};
  }
}

async function fetchProfile(rt: ConversationRuntime, lineUserId: string): Promise<void> {
  const source = rt.requireMeta().source;
  const scope =
    source.type === "group" ? { type: "group" as const, id: source.groupId } : source.type === "room" ? { type: "room" as const, id: source.roomId } : { type: "user" as const, id: lineUserId };
  try {
    const { body } = await (await rt.lineClient()).profile(scope, lineUserId);
    rt.store.setProfile(
      lineUserId,
      { displayName: body.displayName, pictureUrl: body.pictureUrl ?? null, language: body.language ?? null, statusMessage: body.statusMessage ?? null },
      Date.now(),
    );
  } catch (error) {
    // 404: the user blocked the account or left; keep them nameless rather than retrying forever.
    if (error instanceof LineApiError && error.status === 404) return;
    throw error;
  }
  rt.queueIndex();
}

async function copyContent(rt: ConversationRuntime, messageId: string): Promise<ThreadMessage | null> {
  const message = rt.store.get(messageId);
  if (!message?.lineMessageId || message.mediaKey) return null;
  let response: Response;
  try {
    response = await (await rt.lineClient()).content(message.lineMessageId);
  } catch (error) {
    if (error instanceof LineApiError && error.status === 404) return null; // gone on LINE: nothing left to copy
    throw error;
  }
  const meta = rt.requireMeta();
  const key = `content/${meta.channelId}/${meta.id}/${message.id}`;
  const type = response.headers.get("content-type") ?? "application/octet-stream";
  const fileName = message.body.type === "file" ? message.body.fileName : undefined;
  await rt.env.MEDIA.put(key, response.body, {
    httpMetadata: { contentType: type, ...(fileName ? { contentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}` } : {}) },
  });
  rt.store.setMediaKey(message.id, key);
  return rt.store.get(message.id);
}
