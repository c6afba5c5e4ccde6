// POST /api/v1/account-links: the business's server registers the nonce it made
// for one of its customers before sending them to LINE's account-link dialog.
// LINE's accountLink event then brings the nonce back and the customer's LINE
// identity becomes verified with `customerId` (src/contacts/account-link.ts).
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { registerNonce } from "../contacts/account-link";
import type { AppEnv } from "../env";
import { workspaceOf } from "./context";
import { body, requireJson } from "./validate";

export const accountLinkBody = z
  .object({
    nonce: z
      .string()
      .regex(/^[A-Za-z0-9._~+/=-]{10,255}$/, "use 10 to 255 URL-safe characters (LINE recommends at least 128 random bits, Base64)")
      .meta({ description: "The nonce your server generated for this customer and will pass to LINE's account-link dialog" }),
    customerId: z.string().trim().min(1, "give your customer's id").max(200).meta({ description: "Your customer's id: shown on the contact and used for merge suggestions" }),
  })
  .meta({ id: "AccountLinkRequest" });

export const AccountLinkSchema = z
  .object({ nonce: z.string(), customerId: z.string(), expiresAt: z.iso.datetime().meta({ description: "LINE's accountLink event must arrive before this time" }) })
  .meta({ id: "AccountLink" });

export const registerAccountLink = {
  method: "post",
  path: "/account-links",
  tag: "Contacts",
  summary: "Register an account-link nonce",
  description: "Call this from your login page's server before redirecting the customer to https://access.line.me/dialog/bot/accountLink?linkToken=…&nonce=…. A nonce can be registered once.",
  body: accountLinkBody,
  success: { status: 201, description: "The nonce is registered", schema: z.object({ data: AccountLinkSchema }) },
  extra: [{ status: 409, description: "This nonce is already registered" }] as Array<{ status: number; description: string }>,
} as const;

export const accountLinkApi = new Hono<AppEnv>().post(registerAccountLink.path, requireJson(), body(registerAccountLink), async (c) => {
  const { nonce, customerId } = c.req.valid("json");
  const token = c.get("apiToken");
  const result = await registerNonce(c.env.DB, { workspaceId: workspaceOf(c), nonce, customerId, actorId: token.id });
  if (!result.ok) throw new HTTPException(409, { message: "nonce: this nonce is already registered" });
  return c.json({ data: { nonce, customerId, expiresAt: new Date(result.expiresAt).toISOString() } }, 201);
});
