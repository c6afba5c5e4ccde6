// A small typed client for the LINE Messaging API.
//
// Why not @line/bot-sdk's MessagingApiClient: it builds URLs with
// `new URL("/v2/...", baseURL)`, which drops any path in LINE_API_BASE_URL (so a
// fake LINE mounted under a path would be unreachable), it cannot time out a
// request, and it turns content downloads into Node streams. We keep the SDK's
// request/response types so payloads stay exactly LINE's.
import type { messagingApi } from "@line/bot-sdk";
import { retryAfterMs } from "./pacing";

export type LineMessage = messagingApi.Message;

export interface LineClientOptions {
  accessToken: string;
  apiBase: string;
  dataBase: string;
  /** Abort a call after this long; a timed-out call counts as retryable. */
  timeoutMs?: number;
  /**
   * Set for a channel an admin switched off: every call fails at once with a
   * ChannelDisabledError (a 4xx, so never retried) and nothing reaches LINE.
   */
  disabledReason?: string;
}

/** A failed LINE call, classified for the retry policy. */
export class LineApiError extends Error {
  constructor(
    /** HTTP status, or 0 when LINE could not be reached (network error, timeout). */
    readonly status: number,
    message: string,
    readonly details: Array<{ message?: string; property?: string }> = [],
    /** From a 429's Retry-After header, when LINE sent one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = "LineApiError";
  }

  /** Timeouts, network errors and 5xx may be retried (push always with its retry key). */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500;
  }

  /**
   * LINE's rate limit (429 "The API rate limit has been exceeded"): nothing was
   * sent, so the same call may go again after a pause. The monthly message
   * limit is also a 429 but does not pass by waiting.
   */
  get rateLimited(): boolean {
    return this.status === 429 && !/monthly limit/i.test(this.message);
  }

  /** A reason an agent can read next to the failed message. */
  get reason(): string {
    const detail = this.details.map((d) => [d.property, d.message].filter(Boolean).join(": ")).filter(Boolean);
    const base = this.status === 0 ? this.message : `LINE ${this.status}: ${this.message}`;
    return detail.length ? `${base} (${detail.join("; ")})` : base;
  }
}

/** The client of a disabled channel refuses every call; the reason is shown as is (not as "LINE 403"). */
export class ChannelDisabledError extends LineApiError {
  constructor(reason: string) {
    super(403, reason);
    this.name = "ChannelDisabledError";
  }

  override get reason(): string {
    return this.message;
  }
}

export interface LineResult<T> {
  status: number;
  body: T;
  requestId: string | null;
}

export type LineClient = ReturnType<typeof createLineClient>;

export function createLineClient(options: LineClientOptions) {
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call<T>(base: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<LineResult<T>> {
    if (options.disabledReason) throw new ChannelDisabledError(options.disabledReason);
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.accessToken}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Inside the try: the timeout also covers reading the body, and must become a retryable error there too.
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      throw new LineApiError(0, timedOut ? `LINE did not answer within ${timeoutMs / 1000} s` : "LINE could not be reached");
    }
    const parsed = parseJson(text);
    if (!response.ok) {
      const message = isRecord(parsed) && typeof parsed.message === "string" ? parsed.message : response.statusText || "error";
      const details = isRecord(parsed) && Array.isArray(parsed.details) ? parsed.details.filter(isRecord).map(toDetail) : [];
      throw new LineApiError(response.status, message, details, retryAfterMs(response.headers.get("retry-after"), Date.now()));
    }
    return { status: response.status, body: parsed as T, requestId: response.headers.get("x-line-request-id") };
  }

  const api = options.apiBase;
  return {
    reply(request: messagingApi.ReplyMessageRequest) {
      return call<messagingApi.ReplyMessageResponse>(api, "POST", "/v2/bot/message/reply", request);
    },
    /** Push with an X-Line-Retry-Key. A 409 means LINE already accepted this key: the caller treats it as sent. */
    push(request: messagingApi.PushMessageRequest, retryKey: string) {
      return call<messagingApi.PushMessageResponse>(api, "POST", "/v2/bot/message/push", request, { "x-line-retry-key": retryKey });
    },
    profile(source: { type: "user" | "group" | "room"; id: string }, userId: string) {
      const u = encodeURIComponent(userId);
      const path =
        source.type === "group"
          ? `/v2/bot/group/${encodeURIComponent(source.id)}/member/${u}`
          : source.type === "room"
            ? `/v2/bot/room/${encodeURIComponent(source.id)}/member/${u}`
            : `/v2/bot/profile/${u}`;
      return call<messagingApi.UserProfileResponse>(api, "GET", path);
    },
    quota() {
      return call<messagingApi.MessageQuotaResponse>(api, "GET", "/v2/bot/message/quota");
    },
    quotaConsumption() {
      return call<messagingApi.QuotaConsumptionResponse>(api, "GET", "/v2/bot/message/quota/consumption");
    },
    showLoading(chatId: string, loadingSeconds = 20) {
      return call<object>(api, "POST", "/v2/bot/chat/loading/start", { chatId, loadingSeconds });
    },
    markAsRead(markAsReadToken: string) {
      return call<object>(api, "POST", "/v2/bot/chat/markAsRead", { markAsReadToken });
    },
    /** POST /v2/bot/user/{userId}/linkToken: a token for LINE account linking (valid 10 minutes, used once). */
    issueLinkToken(userId: string) {
      return call<messagingApi.IssueLinkTokenResponse>(api, "POST", `/v2/bot/user/${encodeURIComponent(userId)}/linkToken`);
    },
    /** GET /v2/bot/membership/subscription/{userId}: the customer's membership plan (404 when none). */
    membershipSubscription(userId: string) {
      return call<messagingApi.GetMembershipSubscriptionResponse>(api, "GET", `/v2/bot/membership/subscription/${encodeURIComponent(userId)}`);
    },
    // The account calls answer `unknown`: line/account.ts parses them with zod.
    /** GET /v2/bot/info: the account's user id (webhook `destination`), names, picture, chat and read modes. */
    botInfo() {
      return call<unknown>(api, "GET", "/v2/bot/info");
    },
    /** GET /v2/bot/channel/webhook/endpoint: the webhook URL LINE has and whether "Use webhook" is on. */
    webhookEndpoint() {
      return call<unknown>(api, "GET", "/v2/bot/channel/webhook/endpoint");
    },
    /** PUT /v2/bot/channel/webhook/endpoint: LINE answers 200 with an empty body. */
    setWebhookEndpoint(endpoint: string) {
      return call<object>(api, "PUT", "/v2/bot/channel/webhook/endpoint", { endpoint });
    },
    /**
     * POST /v2/bot/channel/webhook/test: LINE sends a verify body (`"events": []`) to the
     * endpoint (or the one it has) and reports what the endpoint answered. A 200 from LINE
     * can still say `success: false` — read statusCode and reason.
     */
    testWebhookEndpoint(endpoint?: string) {
      return call<unknown>(api, "POST", "/v2/bot/channel/webhook/test", endpoint === undefined ? {} : { endpoint });
    },
    /** Downloads message content (image, video, audio, file) as a stream. */
    async content(messageId: string): Promise<Response> {
      if (options.disabledReason) throw new ChannelDisabledError(options.disabledReason);
      let response: Response;
      try {
        response = await fetch(`${options.dataBase}/v2/bot/message/${encodeURIComponent(messageId)}/content`, {
          headers: { authorization: `Bearer ${options.accessToken}` },
          signal: AbortSignal.timeout(timeoutMs * 3),
        });
      } catch {
        throw new LineApiError(0, "LINE content could not be downloaded");
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new LineApiError(response.status, response.status === 404 ? "content is no longer on LINE" : "content download failed");
      }
      return response;
    },
  };
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toDetail(d: Record<string, unknown>): { message?: string; property?: string } {
  return {
    message: typeof d.message === "string" ? d.message : undefined,
    property: typeof d.property === "string" ? d.property : undefined,
  };
}
