// The fake Messaging API (`/simulator/line/*`) and data API (`/simulator/line-data/*`).
// Routes authenticate like LINE (Bearer channel access token: the token says which
// channel is calling), validate paths with zod, and hand the request to that channel's
// LineSimulatorDO, which answers as LINE would.
import { zValidator } from "@hono/zod-validator";
import type { Context, MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { channelForToken, type FakeChannel } from "./fake-channels";
import { lineError } from "./messaging";
import { simulatorStub } from "./simulator-do";
import type { ApiResult } from "./types";

export { simulatorChannelId } from "./fake-channels";

declare module "hono" {
  interface ContextVariableMap {
    /** The fake LINE channel whose access token authenticated this fake-API call. */
    fakeLineChannel: FakeChannel;
  }
}

function stubFor(c: Context<AppEnv>) {
  return simulatorStub(c.env, c.get("fakeLineChannel").channelId);
}

function toResponse(result: ApiResult, requestId: string = crypto.randomUUID()): Response {
  return new Response(result.body, {
    status: result.status,
    headers: { "content-type": "application/json", "x-line-request-id": requestId, ...result.headers },
  });
}

/**
 * Checks `Authorization: Bearer <channel access token>` against the fake channels (the
 * env channel's LINE_CHANNEL_ACCESS_TOKEN, or one provisioned in the console) and makes
 * sure every answer carries an `x-line-request-id`, as LINE's do.
 */
export function lineAuth(): MiddlewareHandler<AppEnv> {
  return async function lineAuthMiddleware(c, next) {
    const header = c.req.header("authorization") ?? "";
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    const channel = token && token.length <= 2000 ? await channelForToken(c.env, token) : null;
    if (!channel) {
      return toResponse(lineError(401, "Authentication failed. Confirm that the access token in the authorization header is valid."));
    }
    c.set("fakeLineChannel", channel);
    await next();
    if (!c.res.headers.has("x-line-request-id")) c.res.headers.set("x-line-request-id", crypto.randomUUID());
  };
}

const lineId = z.string().min(1).max(100);

/** zod validation for path params, failing with LINE's 404 shape. */
function params<T extends z.ZodType>(schema: T) {
  return zValidator("param", schema, (result) => {
    if (!result.success) return toResponse(lineError(404, "Not found"));
  });
}

function origin(c: Context<AppEnv>): string {
  return new URL(c.req.url).origin;
}

/** The provisioned account whose pictures a URL must name (the env channel's need no name). */
function pictureChannel(c: Context<AppEnv>): string | undefined {
  const channel = c.get("fakeLineChannel");
  return channel.fromEnv ? undefined : channel.channelId;
}

export const lineApiApp = new Hono<AppEnv>()
  .use("*", lineAuth())
  .post("/v2/bot/message/reply", async (c) => toResponse(await stubFor(c).reply(await c.req.text())))
  .post("/v2/bot/message/push", async (c) => {
    const requestId = crypto.randomUUID();
    const retryKey = c.req.header("x-line-retry-key") ?? null;
    return toResponse(await stubFor(c).push(await c.req.text(), retryKey, requestId), requestId);
  })
  .get("/v2/bot/message/quota", async (c) => toResponse(await stubFor(c).quota()))
  .get("/v2/bot/message/quota/consumption", async (c) => toResponse(await stubFor(c).consumption()))
  .get("/v2/bot/profile/:userId", params(z.object({ userId: lineId })), async (c) =>
    toResponse(await stubFor(c).profile(c.req.valid("param").userId, origin(c), pictureChannel(c))),
  )
  .get("/v2/bot/group/:groupId/member/:userId", params(z.object({ groupId: lineId, userId: lineId })), async (c) => {
    const p = c.req.valid("param");
    return toResponse(await stubFor(c).memberProfile("group", p.groupId, p.userId, origin(c), pictureChannel(c)));
  })
  .get("/v2/bot/room/:roomId/member/:userId", params(z.object({ roomId: lineId, userId: lineId })), async (c) => {
    const p = c.req.valid("param");
    return toResponse(await stubFor(c).memberProfile("room", p.roomId, p.userId, origin(c), pictureChannel(c)));
  })
  .get("/v2/bot/group/:groupId/summary", params(z.object({ groupId: lineId })), async (c) =>
    toResponse(await stubFor(c).groupSummary(c.req.valid("param").groupId, origin(c), pictureChannel(c))),
  )
  .post("/v2/bot/user/:userId/linkToken", params(z.object({ userId: lineId })), async (c) =>
    toResponse(await stubFor(c).issueLinkToken(c.get("fakeLineChannel").channelId, c.req.valid("param").userId)),
  )
  .get("/v2/bot/membership/subscription/:userId", params(z.object({ userId: lineId })), async (c) => toResponse(await stubFor(c).membershipSubscription(c.req.valid("param").userId)))
  .get("/v2/bot/info", async (c) => toResponse(await stubFor(c).botInfo(c.get("fakeLineChannel").channelId, origin(c))))
  .get("/v2/bot/channel/webhook/endpoint", async (c) => toResponse(await stubFor(c).webhookEndpoint()))
  .put("/v2/bot/channel/webhook/endpoint", async (c) => toResponse(await stubFor(c).setWebhookEndpoint(await c.req.text())))
  .post("/v2/bot/channel/webhook/test", async (c) => {
    const { channelId, channelSecret } = c.get("fakeLineChannel");
    return toResponse(await stubFor(c).testWebhook({ channelId, channelSecret }, await c.req.text()));
  })
  .post("/v2/bot/chat/loading/start", async (c) => toResponse(await stubFor(c).loading(await c.req.text())))
  .post("/v2/bot/chat/markAsRead", async (c) => toResponse(await stubFor(c).markAsRead(await c.req.text())))
  .all("*", () => toResponse(lineError(404, "Not found")));

export const lineDataApp = new Hono<AppEnv>()
  .use("*", lineAuth())
  .get("/v2/bot/message/:messageId/content", params(z.object({ messageId: z.string().regex(/^\d{1,30}$/) })), async (c) => {
    const media = await stubFor(c).media(c.req.valid("param").messageId, true);
    if (!media.found) return toResponse(media.result);
    return new Response(media.bytes, {
      headers: { "content-type": media.contentType, "content-length": String(media.bytes.byteLength), "x-line-request-id": crypto.randomUUID() },
    });
  })
  .all("*", () => toResponse(lineError(404, "Not found")));
