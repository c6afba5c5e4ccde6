// LINE channels (one LINE Official Account each), contacts and their LINE identities.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const channels = sqliteTable(
  "channels",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    name: text("name").notNull(),
    /** LINE's channel id: the webhook URL is /webhooks/line/<lineChannelId>. */
    lineChannelId: text("line_channel_id").notNull(),
    /** AES-GCM sealed with APP_SECRET (lib/crypto encryptSecret). */
    channelSecretEnc: text("channel_secret_enc").notNull(),
    accessTokenEnc: text("access_token_enc").notNull(),
    /**
     * The bot's user id, from LINE's GET /v2/bot/info when an admin saves or refreshes
     * the channel. Once known, webhooks whose `destination` differs are refused.
     */
    botUserId: text("bot_user_id"),
    /** The rest of /v2/bot/info, shown on the channel page (null until first checked). */
    botName: text("bot_name"),
    botPictureUrl: text("bot_picture_url"),
    basicId: text("basic_id"),
    premiumId: text("premium_id"),
    chatMode: text("chat_mode", { enum: ["chat", "bot"] }),
    markAsReadMode: text("mark_as_read_mode", { enum: ["auto", "manual"] }),
    botInfoCheckedAt: integer("bot_info_checked_at"),
    /** Set while an admin has the channel switched off: webhooks are refused and nothing is sent. */
    disabledAt: integer("disabled_at"),
    /** When the write-only credentials were last replaced (null: since createdAt). */
    secretChangedAt: integer("secret_changed_at"),
    accessTokenChangedAt: integer("access_token_changed_at"),
    /** This month's message quota from LINE (null limit: unlimited), synced by cron and after pushes. */
    quotaLimit: integer("quota_limit"),
    quotaUsed: integer("quota_used"),
    quotaCheckedAt: integer("quota_checked_at"),
    /** Set when LINE answered that the monthly limit is reached; cleared by the next sync under the limit. */
    quotaExhaustedAt: integer("quota_exhausted_at"),
    /** The business's login page for LINE account linking on this channel (null: the workspace's). */
    accountLinkUrl: text("account_link_url"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("channels_line_channel_unique").on(t.lineChannelId), index("channels_workspace_idx").on(t.workspaceId)],
);

export const contacts = sqliteTable(
  "contacts",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    displayName: text("display_name"),
    pictureUrl: text("picture_url"),
    language: text("language"),
    statusMessage: text("status_message"),
    /**
     * Set when this contact was merged into another: it stays as a forwarding
     * address (old links, a message filed during the merge) and leaves the directory.
     */
    mergedIntoId: text("merged_into_id"),
    mergedAt: integer("merged_at"),
    /** Name and custom field values, lower-cased (ASCII), kept by SQL triggers: directory search. */
    searchText: text("search_text").notNull().default(""),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("contacts_workspace_idx").on(t.workspaceId), index("contacts_directory_idx").on(t.workspaceId, t.mergedIntoId, t.id)],
);

export const contactIdentities = sqliteTable(
  "contact_identities",
  {
    id: text("id").primaryKey(),
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id),
    channelId: text("channel_id")
      .notNull()
      .references(() => channels.id),
    lineUserId: text("line_user_id").notNull(),
    /** following | unfollowed (blocked) */
    friendStatus: text("friend_status", { enum: ["following", "unfollowed", "unknown"] }).notNull(),
    followedAt: integer("followed_at"),
    unfollowedAt: integer("unfollowed_at"),
    firstSeenAt: integer("first_seen_at"),
    lastSeenAt: integer("last_seen_at"),
    profileFetchedAt: integer("profile_fetched_at"),
    /** The business's customer id, from LINE account linking (accountLink event, result ok). */
    verifiedCustomerId: text("verified_customer_id"),
    verifiedAt: integer("verified_at"),
    /** LINE membership on this channel: the plan (membership id and title) and joined / left / renewed. */
    membershipId: integer("membership_id"),
    membershipTitle: text("membership_title"),
    membershipStatus: text("membership_status", { enum: ["joined", "left", "renewed"] }),
    membershipUpdatedAt: integer("membership_updated_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("contact_identities_channel_user_unique").on(t.channelId, t.lineUserId),
    index("contact_identities_contact_idx").on(t.contactId),
    index("contact_identities_verified_idx").on(t.verifiedCustomerId),
  ],
);
