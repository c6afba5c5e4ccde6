// The fake LINE account behind one channel: its profile (name, basic id, the OA
// Manager's Chat switch) and the Messaging API calls about the account itself —
// GET /v2/bot/info and the webhook endpoint (get, set, test) — answered as
// messaging-api.yml describes them, with injected failures like the other calls.
import type { ChatMode } from "./fake-channels";
import { DEFAULT_ACCOUNT_NAME, DEFAULT_BASIC_ID } from "./fake-channels";
import { botUserIdFor } from "./line-ids";
import { json, lineError } from "./messaging";
import type { ChannelContext } from "./phone";
import type { SimulatorStore } from "./store";
import type { ApiResult } from "./types";
import { sendTestWebhook, setEndpointRequest, testEndpointRequest } from "./webhook-test";

const BAD_ENDPOINT = lineError(400, "Invalid webhook endpoint URL", { details: [{ property: "endpoint", message: "must be a valid https URL (at most 500 characters)" }] });

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export class FakeAccountApi {
  constructor(private readonly store: SimulatorStore) {}

  name(): string {
    return this.store.meta("account_name") ?? DEFAULT_ACCOUNT_NAME;
  }

  configure(profile: { name: string; basicId: string; chatMode: ChatMode }): void {
    this.store.setMeta("account_name", profile.name);
    this.store.setMeta("basic_id", profile.basicId);
    this.store.setMeta("chat_mode", profile.chatMode);
  }

  /** The webhook URL set through the API (null: the phone posts to its page's own origin). */
  endpointSetting(): { endpoint: string | null; active: boolean } {
    return { endpoint: this.store.meta("webhook_endpoint"), active: this.store.meta("webhook_active") === "1" };
  }

  /** GET /v2/bot/info. Per messaging-api.yml, Chat on means manual read, Chat off auto read. */
  async botInfo(channelId: string, origin: string): Promise<ApiResult> {
    const failure = this.store.takeFailure("other");
    if (failure) return lineError(failure.status);
    const chatMode: ChatMode = this.store.meta("chat_mode") === "bot" ? "bot" : "chat";
    return json(200, {
      userId: await botUserIdFor(channelId), basicId: this.store.meta("basic_id") ?? DEFAULT_BASIC_ID, displayName: this.name(),
      pictureUrl: `${origin}/simulator/accounts/${encodeURIComponent(channelId)}.svg`, chatMode, markAsReadMode: chatMode === "chat" ? "manual" : "auto",
    });
  }

  /** GET /v2/bot/channel/webhook/endpoint: `""` and inactive until a URL is set, like a new channel. */
  webhookEndpoint(): ApiResult {
    const failure = this.store.takeFailure("other");
    if (failure) return lineError(failure.status);
    const { endpoint, active } = this.endpointSetting();
    return json(200, { endpoint: endpoint ?? "", active });
  }

  /** PUT /v2/bot/channel/webhook/endpoint: stores the URL; "Use webhook" is on from then on. */
  setWebhookEndpoint(rawBody: string): ApiResult {
    const failure = this.store.takeFailure("other");
    if (failure) return lineError(failure.status);
    const request = setEndpointRequest.safeParse(parseJsonOrNull(rawBody));
    if (!request.success) return BAD_ENDPOINT;
    this.store.setMeta("webhook_endpoint", request.data.endpoint);
    this.store.setMeta("webhook_active", "1");
    return json(200, {});
  }

  /** POST /v2/bot/channel/webhook/test: POSTs a signed verify body to the URL and reports the answer. */
  async testWebhook(channel: Pick<ChannelContext, "channelId" | "channelSecret">, rawBody: string): Promise<ApiResult> {
    const failure = this.store.takeFailure("other");
    if (failure) return lineError(failure.status);
    const request = testEndpointRequest.safeParse(rawBody.trim() ? parseJsonOrNull(rawBody) : {});
    if (!request.success) return BAD_ENDPOINT;
    const endpoint = request.data.endpoint ?? this.endpointSetting().endpoint;
    if (!endpoint) return lineError(400, "The webhook endpoint URL is not set");
    if (!channel.channelSecret) return lineError(400, "The channel has no channel secret");
    return json(200, await sendTestWebhook(endpoint, channel.channelSecret, await botUserIdFor(channel.channelId)));
  }
}
