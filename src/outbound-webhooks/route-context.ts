// What the webhooks routes share: the htmx check, the 404 for ids outside the
// workspace, the form body (repeated `events` fields kept), and the validators.
import { zValidator } from "@hono/zod-validator";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { notFound } from "../settings/context";
import { deliveryParam, subscriptionParam } from "./forms";
import { findSubscription, type Subscription } from "./subscriptions";

export const subscriptionId = zValidator("param", subscriptionParam, (r) => {
  if (!r.success) throw notFound("webhook");
});
export const deliveryId = zValidator("param", deliveryParam, (r) => {
  if (!r.success) throw notFound("delivery");
});

/** The subscription with this id in the session's workspace; 404 otherwise. */
export async function loadSubscription(c: Context<AppEnv>, id: string): Promise<Subscription> {
  const sub = await findSubscription(c.env.DB, c.get("session").workspaceId, id);
  if (!sub) throw notFound("webhook");
  return sub;
}

export async function formBody(c: Context<AppEnv>) {
  return c.req.parseBody({ all: true });
}
