// Work a ConversationDO does after the webhook is acknowledged: fetch profiles,
// copy media to R2, keep the D1 index current, mark messages read on LINE, wake
// snoozed conversations, hand domain events to their listeners. Each job throws
// to be retried with backoff.
import { LineApiError } from "../line/client";
import { domainListeners } from "../listeners";
import { dispatchEventJob, EVENT_JOB_KIND } from "./emit";
import type { ThreadMessage } from "./model";
import { writeIndex } from "./index-writer";
import type { ConversationRuntime } from "./runtime";
import type { OutboxJob } from "./store";
import { wakeIfDue } from "./triage";
import { runAutomations } from "../automation/engine";
import { autoResolveJob } from "../automation/resolve";
import { observeJob } from "../automation/commands";
import { closeSurveyJob, CSAT_CLOSE_JOB } from "../csat/survey";
import { SLA_JOB, syncSla } from "../sla/timers";

export const JOB_MAX_ATTEMPTS = 10;

export interface JobResult {
  created?: ThreadMessage[];
  updated?: ThreadMessage[];
}

/** Runs one job (except "deliver", which the outbound module owns). */
export async function runJob(job: OutboxJob, rt: ConversationRuntime): Promise<JobResult> {
  const payload = JSON.parse(job.payload) as Record<string, string>;
  switch (job.kind) {
    case "profile":
      await fetchProfile(rt, String(payload.lineUserId));
      return {};
    case "content": {
      const changed = await copyContent(rt, String(payload.messageId));
      return changed ? { updated: [changed] } : {};
    }
    case "index":
      await writeIndex(rt);
      return {};
    case "markAsRead":
      await (await rt.lineClient()).markAsRead(String(payload.token)).catch((error: unknown) => {
        // An expired or foreign token cannot become valid by retrying.
        if (!(error instanceof LineApiError && error.status === 400)) throw error;
      });
      return {};
    case "automation": {
      // Cleared only after a successful run, so a failed run is retried with the same messages.
      const ids = rt.store.getMeta<string[]>("automationPending") ?? [];
      const result = await runAutomations(rt, ids);
      const left = (rt.store.getMeta<string[]>("automationPending") ?? []).filter((id) => !ids.includes(id));
      rt.store.setMeta("automationPending", left);
      return result;
    }
    case "auto-resolve":
      return autoResolveJob(rt);
    case "automation-observe":
      return observeJob(rt);
    case EVENT_JOB_KIND:
      await dispatchEventJob(rt, job, domainListeners);
      return {};
    case CSAT_CLOSE_JOB:
      await closeSurveyJob(rt, String(payload.responseId));
      return {};
    case SLA_JOB:
      return { created: await syncSla(rt) };
    case "wake": {
      const line = wakeIfDue(rt, Date.now());
      return line ? { created: [line] } : {};
    }
    default:
      console.warn("conversation outbox: unknown job kind", job.kind);
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
