// The contacts feature's domain-event listener (registered in src/listeners.ts):
// LINE account linking marks an identity verified, and membership events keep the
// customer's plan on the contact. Both are idempotent by content (a redelivered
// event finds the nonce used, or the membership already at that time).
import type { Listener } from "../conversations/events";
import { applyAccountLink } from "./account-link";
import { applyMembership } from "./membership";

export const contactIdentityListener: Listener = {
  name: "contacts-identity",
  events: ["contact.account_linked", "contact.membership_changed"],
  async handle(event, { env, contactId }) {
    if (!event.lineUserId || event.sourceType !== "user") return;
    // Makes sure a first-time customer's contact and identity exist in D1.
    if (!(await contactId())) return;
    if (event.type === "contact.account_linked") {
      await applyAccountLink(env.DB, { workspaceId: event.workspaceId, channelId: event.channelId, lineUserId: event.lineUserId, result: event.data.result, nonce: event.data.nonce });
    } else if (event.type === "contact.membership_changed") {
      await applyMembership(env, { workspaceId: event.workspaceId, channelId: event.channelId, lineUserId: event.lineUserId, type: event.data.type, membershipId: event.data.membershipId, at: event.at });
    }
  },
};
