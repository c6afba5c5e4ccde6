// Workspaces, their users, sessions and API tokens.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ROLES } from "../roles";

export const workspaces = sqliteTable("workspaces", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** IANA time zone for reports, business-hours defaults and dates. */
  timeZone: text("time_zone").notNull().default("UTC"),
  /** Default UI language for people who have not chosen one. */
  language: text("language").notNull().default("en"),
  /** 1 for the simulator's demo workspace (SIMULATOR=on only). */
  demo: integer("demo").notNull().default(0),
  /** The business's login page for LINE account linking (channels may override it). */
  accountLinkUrl: text("account_link_url"),
  createdAt: integer("created_at").notNull(),
});

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    avatarUrl: text("avatar_url"),
    /** Deactivated users cannot sign in and are not assigned. */
    active: integer("active").notNull().default(1),
    availability: text("availability", { enum: ["online", "away", "offline"] }).notNull().default("offline"),
    availabilityAt: integer("availability_at"),
    /** 1 for the demo admin seeded in simulator mode: refused whenever SIMULATOR is off. */
    demo: integer("demo").notNull().default(0),
    /** The UI language this person chose; null: follow the browser (then the workspace). */
    language: text("language"),
    /** IANA time zone for dates and times; null: the workspace's. */
    timeZone: text("time_zone"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email), index("users_workspace_idx").on(t.workspaceId)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the cookie token: a leaked table cannot be replayed as cookies. */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    csrfToken: text("csrf_token").notNull(),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    name: text("name").notNull(),
    /** SHA-256 of the bearer token; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull(),
    /** 1 for DEMO_API_TOKEN seeded in simulator mode: refused whenever SIMULATOR is off. */
    demo: integer("demo").notNull().default(0),
    /** read: GET only; read_write: everything the API offers. */
    scope: text("scope", { enum: ["read", "read_write"] }).notNull().default("read_write"),
    /** The token's first characters (`ld_` + a few), shown so people can tell tokens apart. Not a secret. */
    prefix: text("prefix"),
    /** The user who created it (null for the demo token seeded in simulator mode). */
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    /** Written at most once a minute per token (see requireApiToken). */
    lastUsedAt: integer("last_used_at"),
    /** null: never expires. */
    expiresAt: integer("expires_at"),
    revokedAt: integer("revoked_at"),
    revokedBy: text("revoked_by"),
  },
  (t) => [uniqueIndex("api_tokens_hash_unique").on(t.tokenHash), index("api_tokens_workspace_idx").on(t.workspaceId, t.createdAt, t.id)],
);

export const invites = sqliteTable(
  "invites",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ["admin", "supervisor", "agent"] }).notNull(),
    /** SHA-256 of the token in the invite link. */
    tokenHash: text("token_hash").notNull(),
    /** "invite" for a new user, "reset" for a password reset of an existing one. */
    kind: text("kind", { enum: ["invite", "reset"] }).notNull().default("invite"),
    userId: text("user_id"),
    createdBy: text("created_by").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("invites_token_unique").on(t.tokenHash), index("invites_workspace_idx").on(t.workspaceId, t.createdAt)],
);

export const auditLogs = sqliteTable(
  "audit_logs",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    /** User id; the API token's id (tok_…) for changes made through the REST API; null for automation. */
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("audit_logs_workspace_idx").on(t.workspaceId, t.createdAt), index("audit_logs_target_idx").on(t.targetType, t.targetId, t.createdAt)],
);

export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    userId: text("user_id").notNull(),
    kind: text("kind", { enum: ["mention", "assigned", "webhook_disabled"] }).notNull(),
    conversationId: text("conversation_id"),
    contactId: text("contact_id"),
    actorId: text("actor_id"),
    body: text("body").notNull(),
    readAt: integer("read_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt, t.createdAt)],
);

export const cannedReplies = sqliteTable(
  "canned_replies",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    /** null: shared with the workspace; otherwise only this agent sees it. */
    ownerId: text("owner_id"),
    shortcut: text("shortcut").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("canned_replies_workspace_idx").on(t.workspaceId, t.shortcut)],
);

/**
 * Failed sign-in, setup and reset attempts per key ("login:acct:<email>",
 * "login:ip:<client>", ...) in a fixed window; see src/auth/throttle.ts.
 */
export const authThrottles = sqliteTable("auth_throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: integer("window_started_at").notNull(),
  lockedUntil: integer("locked_until"),
});
