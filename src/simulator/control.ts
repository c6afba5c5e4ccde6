// Control hooks for tests and demos (`/simulator/control/*`): make the next fake-API
// calls fail, set the monthly quota, read what a chat received (for the phone's current
// account, see phone-channel.ts), and provision new fake channels as the LINE Developers
// Console would, and seed the demo workspace. Accepts JSON, or a plain form from the
// pages (then redirects back).
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { t } from "../ui/i18n";
import { formToObject } from "./customer-actions";
import { seedDemo } from "./demo-seed";
import { listChannels, provisionChannel } from "./fake-channels";
import { phoneChannel, phoneStub } from "./phone-channel";

const count = (max: number) => z.coerce.number().int().min(0).max(max);

export const failNextSchema = z.object({
  status: z.coerce.number().int().min(400).max(599).default(500),
  count: count(1000).default(1),
  endpoint: z.enum(["push", "reply", "any"]).default("any"),
  /** `after`: LINE accepts and delivers, but the answer is lost (the status is returned instead). */
  mode: z.enum(["before", "after"]).default("before"),
});

export const quotaSchema = z
  .object({ limit: count(100_000_000).optional(), used: count(100_000_000).optional() })
  .refine((q) => q.limit !== undefined || q.used !== undefined, "Give a limit or a usage");

function isForm(c: Context<AppEnv>): boolean {
  const type = c.req.header("content-type") ?? "";
  return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
}

async function readBody(c: Context<AppEnv>): Promise<unknown> {
  if (isForm(c)) return formToObject(await c.req.parseBody({ all: true }));
  try {
    return await c.req.json();
  } catch {
    return {};
  }
}

/** A new fake channel: its bot's display name, and the OA Manager's Chat switch (on: "chat"). */
export const newChannelSchema = z.object({
  name: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).max(20).optional()),
  chatMode: z.enum(["chat", "bot"]).default("chat"),
});

function back(c: Context<AppEnv>): Response {
  const referer = c.req.header("referer");
  const target = referer && new URL(referer).origin === new URL(c.req.url).origin ? referer : "/simulator";
  return c.redirect(target, 303);
}

export const controlApp = new Hono<AppEnv>()
  .post("/fail-next", async (c) => {
    const parsed = failNextSchema.safeParse(await readBody(c));
    if (!parsed.success) return c.json({ message: "Invalid fail-next rule", issues: parsed.error.issues }, 400);
    const rule = await (await phoneStub(c)).setFailRule(parsed.data);
    return isForm(c) ? back(c) : c.json(rule);
  })
  .post("/quota", async (c) => {
    const parsed = quotaSchema.safeParse(await readBody(c));
    if (!parsed.success) return c.json({ message: "Invalid quota", issues: parsed.error.issues }, 400);
    const quota = await (await phoneStub(c)).setQuota(parsed.data);
    return isForm(c) ? back(c) : c.json(quota);
  })
  .get("/state", async (c) => {
    const channel = await phoneChannel(c);
    return c.json(await (await phoneStub(c)).overview(channel.channelId));
  })
  .post("/channels", async (c) => {
    const parsed = newChannelSchema.safeParse(await readBody(c));
    if (!parsed.success) return c.json({ message: "Invalid channel", issues: parsed.error.issues }, 400);
    const count = (await listChannels(c.env)).length;
    const channel = await provisionChannel(c.env, { name: parsed.data.name ?? t("simulator.console.defaultName", { n: String(count + 1) }), chatMode: parsed.data.chatMode });
    if (isForm(c)) return c.redirect(`/simulator/console#channel-${channel.channelId}`, 303);
    const { channelId, channelSecret, accessToken, basicId, botUserId, name, chatMode } = channel;
    return c.json({ channelId, channelSecret, accessToken, basicId, botUserId, name, chatMode }, 201);
  })
  .get("/channels", async (c) => c.json({ channels: await listChannels(c.env) }))
  // scripts/start.mjs calls this once the app is up: sample conversations, canned replies
  // and a keyword rule in the demo workspace, once per database (see demo-seed.ts).
  .post("/demo-seed", async (c) => {
    const result = await seedDemo(c.env, new URL(c.req.url).origin);
    return c.json(result, result.seeded ? 201 : 200);
  })
  .get("/chats/:chatId/messages", async (c) => {
    const chatId = z.string().min(1).max(100).safeParse(c.req.param("chatId"));
    if (!chatId.success) return c.json({ message: "Not found" }, 404);
    return c.body(await (await phoneStub(c)).chatEntriesJson(chatId.data), 200, { "content-type": "application/json" });
  });
