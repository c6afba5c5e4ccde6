// Contact directory: merge suggestions agents dismissed, and LINE account-link
// nonces the business's server registered (nonce → its customer id).
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { contacts } from "./channels";
import { workspaces } from "./workspaces";

/** A pair of contacts an agent reviewed as "not the same person": no longer suggested. `contactA` < `contactB`. */
export const contactMergeDismissals = sqliteTable(
  "contact_merge_dismissals",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    contactA: text("contact_a")
      .notNull()
      .references(() => contacts.id),
    contactB: text("contact_b")
      .notNull()
      .references(() => contacts.id),
    dismissedBy: text("dismissed_by"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.contactA, t.contactB] }), index("contact_merge_dismissals_ws_idx").on(t.workspaceId)],
);

/**
 * LINE account linking: the business's server registers the nonce it generated
 * for one of its customers (POST /api/v1/account-links) before sending the user
 * to LINE; the accountLink event brings the nonce back and the identity becomes
 * verified with `customerId`. A nonce is used once.
 */
export const accountLinkNonces = sqliteTable(
  "account_link_nonces",
  {
    nonce: text("nonce").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    customerId: text("customer_id").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    /** The contact identity the nonce verified (set with usedAt). */
    identityId: text("identity_id"),
  },
  (t) => [index("account_link_nonces_ws_idx").on(t.workspaceId, t.createdAt)],
);
