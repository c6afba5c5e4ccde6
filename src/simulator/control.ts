// Control hooks for tests and demos (`/simulator/control/*`): make the next fake-API
// calls fail, set the monthly quota, and read what a chat received. Accepts JSON, or a
// plain form from the phone page (then redirects back to it).
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { formToObject } from "./customer-actions";
import { simulatorChannelId } from "./line-api";
import { simulatorStub } from "./simulator-do";

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

function stubFor(c: Context<AppEnv>) {
  return simulatorStub(c.env, simulatorChannelId(c.env));
}

function back(c: Context<AppEnv>): Response {
  const referer = c.req.header("referer");
  const target = referer && new URL(referer).origin === new URL(c.req.url).origin ? referer : "/simulator";
  return c.redirect(target, 303);
}

export const controlApp = new Hono<AppEnv>()
  .post("/fail-next", async (c) => {
    const parsed = failNextSchema.safeParse(await readBody(c));
    if (!parsed.success) return c.json({ message: "Invalid fail-next rule", issues: parsed.error.issues }, 400);
    const rule = await stubFor(c).setFailRule(parsed.data);
    return isForm(c) ? back(c) : c.json(rule);
  })
  .post("/quota", async (c) => {
    const parsed = quotaSchema.safeParse(await readBody(c));
    if (!parsed.success) return c.json({ message: "Invalid quota", issues: parsed.error.issues }, 400);
    const quota = await stubFor(c).setQuota(parsed.data);
    return isForm(c) ? back(c) : c.json(quota);
  })
  .get("/state", async (c) => c.json(await stubFor(c).overview(simulatorChannelId(c.env))))
  .get("/chats/:chatId/messages", async (c) => {
    const chatId = z.string().min(1).max(100).safeParse(c.req.param("chatId"));
    if (!chatId.success) return c.json({ message: "Not found" }, 404);
    return c.body(await stubFor(c).chatEntriesJson(chatId.data), 200, { "content-type": "application/json" });
  });
