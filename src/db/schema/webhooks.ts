// Outbound webhooks: the HTTPS endpoints a workspace subscribes to domain
// events, and the log of every delivery attempt (what the settings page lists).
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const webhookSubscriptions = sqliteTable(
  "webhook_subscriptions",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    url: text("url").notNull(),
    /** What the endpoint is for, shown in the list ("CRM sync"). */
    description: text("description").notNull().default(""),
    /** The event types it receives (webhook event names, e.g. "message.received"). */
    eventTypes: text("event_types", { mode: "json" }).$type<string[]>().notNull(),
    /** The signing secret, AES-GCM encrypted with APP_SECRET; shown once when created or rotated. */
    secretEnc: text("secret_enc").notNull(),
    enabled: integer("enabled").notNull().default(1),
    /** Failed attempts since the last success. */
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** The first failure since the last success (auto-disable looks at how long it has failed). */
    failingSince: integer("failing_since"),
    disabledReason: text("disabled_reason"),
    disabledAt: integer("disabled_at"),
    /** null: switched off by a person; otherwise the automatic rule that did it. */
    disabledBy: text("disabled_by"),
    lastAttemptAt: integer("last_attempt_at"),
    lastStatusCode: integer("last_status_code"),
    lastOutcome: text("last_outcome", { enum: ["delivered", "retrying", "failed", "cancelled"] }),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("webhook_subscriptions_workspace_idx").on(t.workspaceId, t.createdAt, t.id)],
);

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    /** The event's id: the same for every attempt and redelivery (x-linedesk-delivery). */
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    /** 1 for the first try; a redelivery or test starts again at 1. */
    attempt: integer("attempt").notNull(),
    /** delivered: 2xx; retrying: failed, another attempt is scheduled; failed: no more attempts; cancelled: not sent. */
    outcome: text("outcome", { enum: ["delivered", "retrying", "failed", "cancelled"] }).notNull(),
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms"),
    /** The first characters of the response body, or why there was no response (timeout, DNS...). */
    responseSnippet: text("response_snippet"),
    error: text("error"),
    nextAttemptAt: integer("next_attempt_at"),
    /** "auto" (the retry schedule), "redelivery" or "test" (a person pressed the button). */
    trigger: text("trigger", { enum: ["auto", "redelivery", "test"] }).notNull().default("auto"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("webhook_deliveries_subscription_idx").on(t.subscriptionId, t.createdAt, t.id)],
);
