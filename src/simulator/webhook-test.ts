// The fake LINE's "test webhook endpoint" (POST /v2/bot/channel/webhook/test) and its
// webhook URL rules: LINE signs and POSTs a verify body (`"events": []`) to the URL
// and reports what came back as { success, timestamp, statusCode, reason, detail }.
import { z } from "zod";
import { buildWebhookBody, signWebhookBody } from "./webhook-body";

/** How long the fake LINE waits for an endpoint (the phone uses the same). */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * LINE accepts only https webhook URLs (at most 500 characters). The simulator also
 * accepts http on 127.0.0.1 / localhost, so two local linedesk instances can talk.
 */
export const webhookEndpointUrl = z
  .string()
  .max(500)
  .refine((text) => {
    try {
      const url = new URL(text);
      const local = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
      return url.protocol === "https:" || (url.protocol === "http:" && local);
    } catch {
      return false;
    }
  }, "must be an https URL");

export const setEndpointRequest = z.object({ endpoint: webhookEndpointUrl });
export const testEndpointRequest = z.object({ endpoint: webhookEndpointUrl.optional() });

export interface WebhookTestAnswer {
  success: boolean;
  timestamp: string;
  statusCode: number;
  reason: string;
  detail: string;
}

/** Sends LINE's verify body to `endpoint`, signed with the channel secret, and reports the outcome. */
export async function sendTestWebhook(endpoint: string, channelSecret: string, destination: string, now = Date.now()): Promise<WebhookTestAnswer> {
  const timestamp = new Date(now).toISOString();
  const sent = await postWebhook(endpoint, channelSecret, buildWebhookBody(destination, []));
  if ("status" in sent) {
    const ok = sent.status >= 200 && sent.status < 300;
    return { success: ok, timestamp, statusCode: sent.status, reason: ok ? "OK" : "ERROR_STATUS_CODE", detail: `${sent.status} ${sent.statusText}`.trim() };
  }
  return {
    success: false, timestamp, statusCode: 0,
    reason: sent.timedOut ? "REQUEST_TIMEOUT" : "COULD_NOT_CONNECT",
    detail: sent.timedOut ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : "the webhook URL could not be reached",
  };
}

/** Signs a webhook body with the channel secret and POSTs it as LINE does (no redirects, 10 s). */
export async function postWebhook(endpoint: string, channelSecret: string, body: Parameters<typeof signWebhookBody>[1]): Promise<{ status: number; statusText: string } | { timedOut: boolean }> {
  const { rawBody, signature } = await signWebhookBody(channelSecret, body);
  try {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", "x-line-signature": signature, "user-agent": "LineBotWebhook/2.0" },
      body: rawBody,
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return { status: response.status, statusText: response.statusText };
  } catch (error) {
    return { timedOut: error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError") };
  }
}
