// Worker entry: the webhook app and the page app for HTTP, scheduled() for cron, and the Durable Object classes.
import { app } from "./app";
import type { Bindings } from "./env";
import { runScheduled } from "./scheduler";
import { handleWebhook, WEBHOOK_PREFIX } from "./webhooks/app";

export { ConversationDO } from "./conversations/conversation-do";
export { WorkspaceDO } from "./conversations/workspace-do";
export { IngestSpoolDO } from "./conversations/ingest-spool";
export { WebhookDispatcherDO } from "./outbound-webhooks/dispatcher-do";
export { LineSimulatorDO } from "./simulator/simulator-do";
export { ChannelPacerDO } from "./line/pacer-do";

export default {
  fetch(request: Request, env: Bindings, ctx: ExecutionContext) {
    // LINE's webhook skips the page app (see webhooks/app.ts).
    const path = new URL(request.url).pathname;
    return path.startsWith(WEBHOOK_PREFIX) ? handleWebhook(request, env, path) : app.fetch(request, env, ctx);
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(controller, env));
  },
} satisfies ExportedHandler<Bindings>;
