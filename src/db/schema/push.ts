// Web Push: each person's subscribed devices, what they want to be told about,
// and the queue of pushes waiting to be (re)sent (src/push/).
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users, workspaces } from "./workspaces";

export const pushSubscriptions = sqliteTable(
  "push_subscriptions",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** The push service URL (a capability: never rendered, never logged). */
    endpoint: text("endpoint").notNull(),
    /** SHA-256 of the endpoint (hex): unique, and how a page tells "this device" without the URL. */
    endpointHash: text("endpoint_hash").notNull(),
    /** The browser's ECDH public key and auth secret (base64url), from PushSubscription.toJSON(). */
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    /** "Browser/System" from the user agent when subscribing, e.g. "Chrome/Android" (see push/device-label.ts). */
    label: text("label").notNull(),
    /** The page's language when subscribing: used while the person's language is "Automatic". */
    locale: text("locale"),
    createdAt: integer("created_at").notNull(),
    lastSuccessAt: integer("last_success_at"),
    /** Failed pushes in a row (reset by a success). */
    failures: integer("failures").notNull().default(0),
    lastFailureAt: integer("last_failure_at"),
  },
  (t) => [uniqueIndex("push_subscriptions_endpoint_unique").on(t.endpointHash), index("push_subscriptions_user_idx").on(t.userId, t.createdAt)],
);

/** One row per person who changed a default; no row means every category on and text shown. */
export const notificationPreferences = sqliteTable("notification_preferences", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id),
  workspaceId: text("workspace_id").notNull(),
  /** A customer wrote in a conversation assigned to me. */
  mine: integer("mine").notNull().default(1),
  /** A customer wrote in a conversation nobody is assigned to. */
  unassigned: integer("unassigned").notNull().default(1),
  /** Someone @mentioned me in a note. */
  mentions: integer("mentions").notNull().default(1),
  /** A conversation breached its SLA (sent once SLA policies exist). */
  sla: integer("sla").notNull().default(1),
  /** 1: notifications say who wrote, never what (for shared or visible lock screens). */
  hideText: integer("hide_text").notNull().default(0),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * Pushes to send or retry, one per device. The id is derived from the cause and
 * the device, so a retried listener never queues a push twice. `payload` (the
 * notification's text) is cleared once the push is sent or given up; rows are
 * purged a day later.
 */
export const pushDeliveries = sqliteTable(
  "push_deliveries",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    userId: text("user_id").notNull(),
    subscriptionId: text("subscription_id").notNull(),
    category: text("category", { enum: ["mine", "unassigned", "mentions", "sla", "test"] }).notNull(),
    payload: text("payload"),
    /** Push service header: same topic replaces an undelivered earlier push (one per conversation). */
    topic: text("topic"),
    urgency: text("urgency", { enum: ["very-low", "low", "normal", "high"] }).notNull().default("normal"),
    state: text("state", { enum: ["pending", "sent", "dropped"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    /** After this the notification is stale: not retried, and the push service's TTL ends here too. */
    expiresAt: integer("expires_at").notNull(),
    lastStatus: integer("last_status"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("push_deliveries_due_idx").on(t.state, t.nextAttemptAt), index("push_deliveries_subscription_idx").on(t.subscriptionId)],
);
