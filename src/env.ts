// The Worker's environment: bindings from wrangler.toml and vars/secrets from
// .dev.vars (locally) or `wrangler secret put` (production).
import type { ConversationDO } from "./conversations/conversation-do";
import type { WorkspaceDO } from "./conversations/workspace-do";
import type { IngestSpoolDO } from "./conversations/ingest-spool";
import type { WebhookDispatcherDO } from "./outbound-webhooks/dispatcher-do";
import type { LineSimulatorDO } from "./simulator/simulator-do";
import type { ChannelPacerDO } from "./line/pacer-do";

export interface Bindings {
  DB: D1Database;
  MEDIA: R2Bucket;
  ASSETS: Fetcher;
  CONVERSATIONS: DurableObjectNamespace<ConversationDO>;
  WORKSPACES: DurableObjectNamespace<WorkspaceDO>;
  INGEST_SPOOL: DurableObjectNamespace<IngestSpoolDO>;
  LINE_SIMULATOR: DurableObjectNamespace<LineSimulatorDO>;
  /** One per workspace: the outbound webhook delivery queue. */
  WEBHOOK_DISPATCHERS: DurableObjectNamespace<WebhookDispatcherDO>;
  /** One per LINE channel: paces reply and push calls under LINE's rate limit (src/line/pacer-do.ts). */
  LINE_PACERS: DurableObjectNamespace<ChannelPacerDO>;
  /** Signs sessions and encrypts channel secrets at rest. */
  APP_SECRET: string;
  LINE_CHANNEL_ID?: string;
  LINE_CHANNEL_SECRET?: string;
  LINE_CHANNEL_ACCESS_TOKEN?: string;
  LINE_API_BASE_URL?: string;
  LINE_DATA_API_BASE_URL?: string;
  /** Reply + push calls per second per channel; LINE's limit (2,000) when unset. Only ever lowers it. */
  LINE_SEND_RATE_PER_SECOND?: string;
  /** Google's OAuth token endpoint and Sheets API (CSAT export); tests point them at a fake. */
  GOOGLE_OAUTH_TOKEN_URL?: string;
  GOOGLE_SHEETS_API_BASE_URL?: string;
  /**
   * "off": a conversation's after-ack work waits for its alarm instead of the instance's
   * timer (runtime.ts scheduleAlarm). Only the unit tests set it, so they decide when
   * work runs (test/conversations/timer-runs.test.ts runs with the timer, as production does).
   */
  AFTER_ACK_TIMER?: string;
  /** "on" mounts the LINE simulator and seeds the demo workspace. Never on in production. */
  SIMULATOR?: string;
  DEMO_API_TOKEN?: string;
  /** Guards /setup (first run): whoever creates the first workspace must know it. */
  SETUP_KEY?: string;
  /** Web Push (RFC 8292): the application server's P-256 key pair as base64url raw keys (`npm run vapid`). */
  VAPID_PUBLIC_KEY?: string;
  VAPID_PRIVATE_KEY?: string;
  /** Who push services may contact about our pushes: `mailto:ops@example.com` or an https: URL. */
  VAPID_SUBJECT?: string;
}

export type AppEnv = { Bindings: Bindings };

export function simulatorEnabled(env: Pick<Bindings, "SIMULATOR">): boolean {
  return env.SIMULATOR === "on";
}

export function lineApiBase(env: Pick<Bindings, "LINE_API_BASE_URL">): string {
  return (env.LINE_API_BASE_URL ?? "https://api.line.me").replace(/\/+$/, "");
}

export function lineDataApiBase(env: Pick<Bindings, "LINE_DATA_API_BASE_URL">): string {
  return (env.LINE_DATA_API_BASE_URL ?? "https://api-data.line.me").replace(/\/+$/, "");
}

export function googleTokenUrl(env: Pick<Bindings, "GOOGLE_OAUTH_TOKEN_URL">): string {
  return env.GOOGLE_OAUTH_TOKEN_URL ?? "https://oauth2.googleapis.com/token";
}

export function googleSheetsBase(env: Pick<Bindings, "GOOGLE_SHEETS_API_BASE_URL">): string {
  return (env.GOOGLE_SHEETS_API_BASE_URL ?? "https://sheets.googleapis.com").replace(/\/+$/, "");
}

declare global {
  namespace Cloudflare {
    interface Env extends Bindings {}
  }
}
