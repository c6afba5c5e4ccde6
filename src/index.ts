// Worker entry: the Hono app for HTTP, scheduled() for cron, and the Durable Object classes.
import { app } from "./app";
import type { Bindings } from "./env";
import { runScheduled } from "./scheduler";

export { ConversationDO } from "./conversations/conversation-do";
export { WorkspaceDO } from "./conversations/workspace-do";
export { IngestSpoolDO } from "./conversations/ingest-spool";
export { WebhookDispatcherDO } from "./outbound-webhooks/dispatcher-do";
export { LineSimulatorDO } from "./simulator/simulator-do";
export { ChannelPacerDO } from "./line/pacer-do";

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(controller, env));
  },
} satisfies ExportedHandler<Bindings>;
