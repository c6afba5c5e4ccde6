// The LINE Official Account behind a channel, as LINE describes it: bot info
// (GET /v2/bot/info) and the webhook endpoint (get, set, test). Every answer is
// parsed with zod (messaging-api.yml shapes), so a server that only looks like
// LINE cannot slip odd values into the channel row or the page.
import { z } from "zod";
import type { LineClient } from "./client";
import { LineApiError } from "./client";

export const botInfoSchema = z.object({
  userId: z.string().min(1).max(100),
  basicId: z.string().min(1).max(100),
  premiumId: z.string().min(1).max(100).optional(),
  displayName: z.string().max(200),
  pictureUrl: z.url().max(2000).optional(),
  chatMode: z.enum(["chat", "bot"]),
  markAsReadMode: z.enum(["auto", "manual"]),
});
export type BotInfo = z.infer<typeof botInfoSchema>;

export const webhookEndpointSchema = z.object({
  endpoint: z.string().max(1000),
  active: z.boolean(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

export const webhookTestSchema = z.object({
  success: z.boolean().optional(),
  timestamp: z.string().max(100),
  statusCode: z.number().int(),
  reason: z.string().max(500),
  detail: z.string().max(2000),
});
export type WebhookTestResult = z.infer<typeof webhookTestSchema>;

function parsed<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  // 502: LINE answered 200 with something that is not what messaging-api.yml describes.
  if (!result.success) throw new LineApiError(502, `LINE's ${what} answer was not in the expected shape`);
  return result.data;
}

export async function fetchBotInfo(client: LineClient): Promise<BotInfo> {
  return parsed(botInfoSchema, (await client.botInfo()).body, "bot info");
}

export async function fetchWebhookEndpoint(client: LineClient): Promise<WebhookEndpoint> {
  return parsed(webhookEndpointSchema, (await client.webhookEndpoint()).body, "webhook endpoint");
}

export async function setWebhookEndpoint(client: LineClient, endpoint: string): Promise<void> {
  await client.setWebhookEndpoint(endpoint);
}

export async function testWebhookEndpoint(client: LineClient, endpoint?: string): Promise<WebhookTestResult> {
  return parsed(webhookTestSchema, (await client.testWebhookEndpoint(endpoint)).body, "webhook test");
}

/** `https://line.me/R/ti/p/<id>`: opens the account's profile (add friend) in LINE; the id keeps its @. */
export function addFriendUrl(id: string): string {
  return `https://line.me/R/ti/p/${encodeURIComponent(id)}`;
}
